"""Export a parsed script as Fountain, Final Draft, Word or PDF.

Each function takes a :class:`~scripts_app.document.Document` and returns the file's
content; :data:`EXPORTS` gives the Django layer each format's file extension and
content type. Every format can carry a ``watermark`` (a person's name and a date, for
copies given to readers): across the pages of a PDF and a Word file, in the header,
footer and title page of a Final Draft file, on the title page of a Fountain file.
Control characters (which XML cannot hold) are removed from the document and the
watermark first (:mod:`.clean`), so an export never fails on them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from scripts_app.document import Document

from . import fdx, pdf, word
from .clean import clean_document, clean_text
from .fountain_file import write_fountain

EXPORTS: dict[str, tuple[str, str]] = {
    # format: (file extension, content type)
    "fountain": (".fountain", "text/plain; charset=utf-8"),
    "fdx": (".fdx", "application/xml"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (".pdf", "application/pdf"),
}


WATERMARK_KEY = "Watermark"  # the title-page entry that carries a watermark


def _with_watermark_entry(doc: Document, watermark: str | None) -> Document:
    if not watermark:
        return doc
    one_line = " ".join(watermark.split())
    return dataclasses.replace(doc, title_page=[*doc.title_page, (WATERMARK_KEY, one_line)])


def export_fountain(doc: Document, *, watermark: str | None = None) -> str:
    """Fountain text. A Chinese-convention script is converted (docs/script-formats.md)
    and carries its own text for the way back (:mod:`.fountain_file`).

    ``watermark`` becomes a ``Watermark:`` entry of the title page.
    """
    return write_fountain(clean_document(doc), watermark=clean_text(watermark))


def export_fdx(doc: Document, *, watermark: str | None = None) -> bytes:
    """Final Draft XML, UTF-8; our importer reads it back to the same script.

    ``watermark`` is printed in the header and footer of every page and as a
    ``Watermark:`` line of the title page.
    """
    watermark = clean_text(watermark)
    doc = _with_watermark_entry(clean_document(doc), watermark)
    return fdx.write_fdx(doc, header=" ".join(watermark.split()) if watermark else None)


def export_docx(doc: Document, *, watermark: str | None = None) -> bytes:
    """A Word document in the customary layout of the script's format.

    ``watermark`` puts Word's diagonal text watermark on every page and the same text
    in the header and footer (shown by every word processor).
    """
    return word.write_docx(clean_document(doc), watermark=clean_text(watermark))


def export_pdf(
    doc: Document,
    *,
    title: str,
    author: str = "",
    watermark: str | None = None,
    scene_numbers: bool = True,
    progress: Callable[[int, int], None] | None = None,
    source_text: str | None = None,
    subject: str = "",
    keywords: str = "",
) -> bytes:
    """A PDF in standard screenplay layout (Fountain) or the Chinese customary layout.

    Args:
        doc: the parsed script.
        title: the series title for the title page and the PDF's metadata.
        author: the writer's name; the script's own ``Author`` / 编剧 if empty.
        watermark: text printed diagonally across every page (e.g. "DRAFT — name — date").
        scene_numbers: print scene numbers (margins for Fountain, heading for Chinese).
        progress: called with ``(episodes done, episodes in total)`` after each episode
            is laid out; the final step (embedding the subset fonts) follows the last call.
        source_text: attached to the PDF as ``source.txt`` (the text it was laid out from).
        subject, keywords: the PDF's ``/Subject`` and ``/Keywords`` metadata (e.g. an
            identifier of this copy, so a copy found elsewhere can be traced).

    Raises:
        FontUnavailable: no CJK font is installed (see docs/import-export.md).
    """
    options = pdf.PdfOptions(
        title=clean_text(title) or "",
        author=clean_text(author) or "",
        watermark=clean_text(watermark),
        scene_numbers=scene_numbers,
        progress=progress,
        source_text=source_text,
        subject=clean_text(subject) or "",
        keywords=clean_text(keywords) or "",
    )
    return pdf.export_pdf(clean_document(doc), options)
