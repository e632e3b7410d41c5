"""Word (``.docx``): export a screenplay layout, import a draft as script text.

:func:`write_docx` writes the rendered script one line per paragraph in named styles
(:mod:`.styles`); :func:`read_docx` reads our files back exactly and reads Word files as
writers make them (headings by style or bold text), refusing zip bombs first.
"""

from __future__ import annotations

import docx  # noqa: F401 - python-docx, as ``word.docx`` when this was one module

from .read import MAX_MEMBERS, MAX_RATIO, MAX_UNCOMPRESSED_BYTES, WordText, read_docx
from .write import write_docx

__all__ = [
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED_BYTES",
    "WordText",
    "read_docx",
    "write_docx",
]
