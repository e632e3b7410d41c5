"""Import and export of script files: Fountain, plain text, Word, Final Draft and PDF.

Pure Python, no Django. The public API::

    import_file(filename, data) -> ImportResult        # .fountain .txt .docx .fdx
    export_fountain(doc) -> str
    export_fdx(doc) -> bytes
    export_docx(doc, *, watermark=None) -> bytes
    export_pdf(doc, *, title, author="", watermark=None, scene_numbers=True,
               progress=None) -> bytes

Errors are :class:`FormatError` subclasses with a stable ``code``; see
docs/import-export.md for the formats, the limits and the font used in PDFs.
"""

from __future__ import annotations

from .errors import (
    CorruptFile,
    FileTooLarge,
    FontUnavailable,
    FormatError,
    TooMuchText,
    UnsafeFile,
    UnsupportedFile,
)
from .exporters import EXPORTS, export_docx, export_fdx, export_fountain, export_pdf
from .importers import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_LINES,
    SUPPORTED_EXTENSIONS,
    ImportResult,
    import_file,
)

__all__ = [
    "EXPORTS",
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_LINES",
    "SUPPORTED_EXTENSIONS",
    "CorruptFile",
    "FileTooLarge",
    "FontUnavailable",
    "FormatError",
    "ImportResult",
    "TooMuchText",
    "UnsafeFile",
    "UnsupportedFile",
    "export_docx",
    "export_fdx",
    "export_fountain",
    "export_pdf",
    "import_file",
]
