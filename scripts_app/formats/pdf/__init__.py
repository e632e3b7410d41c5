"""PDF export: standard screenplay pages for Fountain, the customary layout for Chinese.

Both layouts print an optional diagonal watermark on every page and embed subset fonts
(see :mod:`.fonts`). :mod:`.typesetter` breaks lines and pages; :mod:`.screenplay` and
:mod:`.chinese` decide what goes where.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scripts_app.document import Document

from .base import PdfOptions
from .chinese import ChineseLayout
from .screenplay import FountainLayout

__all__ = ["PdfOptions", "export_pdf"]

_LAYOUTS = {"fountain": FountainLayout, "zh": ChineseLayout}


def export_pdf(doc: Document, options: PdfOptions) -> bytes:
    """Lay the document out in the layout of its format."""
    if doc.format not in _LAYOUTS:
        raise ValueError(f"unknown document format {doc.format!r}")
    # The subset fonts live in files until fpdf2 embeds them at output.
    with tempfile.TemporaryDirectory(prefix="pdf-fonts-") as workdir:
        return _LAYOUTS[doc.format](doc, options, Path(workdir)).render()
