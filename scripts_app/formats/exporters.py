"""Export a parsed script as Fountain, Final Draft, Word or PDF.

Each function takes a :class:`~scripts_app.document.Document` and returns the file's
content; :data:`EXPORTS` gives the Django layer each format's file extension and
content type.
"""

from __future__ import annotations

from collections.abc import Callable

from scripts_app.document import Document, render

from . import fdx, pdf, word

EXPORTS: dict[str, tuple[str, str]] = {
    # format: (file extension, content type)
    "fountain": (".fountain", "text/plain; charset=utf-8"),
    "fdx": (".fdx", "application/xml"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (".pdf", "application/pdf"),
}


def export_fountain(doc: Document) -> str:
    """Fountain text (a Chinese-convention script is converted; see docs/script-formats.md)."""
    return render(doc, "fountain")


def export_fdx(doc: Document) -> bytes:
    """Final Draft XML, UTF-8; our importer reads it back to the same script."""
    return fdx.write_fdx(doc)


def export_docx(doc: Document, *, watermark: str | None = None) -> bytes:
    """A Word document in the customary layout of the script's format.

    ``watermark`` puts Word's diagonal text watermark on every page.
    """
    return word.write_docx(doc, watermark=watermark)


def export_pdf(
    doc: Document,
    *,
    title: str,
    author: str = "",
    watermark: str | None = None,
    scene_numbers: bool = True,
    progress: Callable[[int, int], None] | None = None,
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

    Raises:
        FontUnavailable: no CJK font is installed (see docs/import-export.md).
    """
    options = pdf.PdfOptions(
        title=title,
        author=author,
        watermark=watermark,
        scene_numbers=scene_numbers,
        progress=progress,
    )
    return pdf.export_pdf(doc, options)
