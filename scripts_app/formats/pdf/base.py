"""What both PDF layouts share: options, fonts, pages, watermark and progress."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from scripts_app.document import Document, ElementType, Episode
from scripts_app.document.model import canonical
from scripts_app.document.zh import DEFAULT_TAGS

from .. import markup
from .fonts import FontBook
from .typesetter import Line, PageGeometry, StyledText, Typesetter, fit_size, wrap_lines

T = ElementType
Progress = Callable[[int, int], None]

INCH = 72.0
CM = INCH / 2.54
NOTE_RE = re.compile(r"\s*\[\[.*?\]\]", re.DOTALL)
MARKERS = frozenset(
    {T.SUBTITLE, T.FLASHBACK_START, T.FLASHBACK_END, T.INSERT, T.BLACK_SCREEN, T.CUT}
)
BOLD = frozenset({"bold"})
PLAIN: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PdfOptions:
    """The arguments of :func:`scripts_app.formats.export_pdf`, documented there."""

    title: str
    author: str = ""
    watermark: str | None = None
    scene_numbers: bool = True
    progress: Progress | None = None
    source_text: str | None = None
    # Document metadata (the PDF's /Subject and /Keywords), e.g. an identifier of the copy.
    subject: str = ""
    keywords: str = ""


# The name of the attached source text (read back by registry.matching).
SOURCE_ATTACHMENT = "source.txt"

# Every character a layout prints that does not come from the document.
LAYOUT_TEXT = (
    string.printable
    + "第页集：《》编剧人物梗概备注转场【】（）△♪、—…"
    + "".join(DEFAULT_TAGS.values())
)


def characters(doc: Document, options: PdfOptions) -> set[str]:
    """All characters the PDF may print, to subset the CJK font to."""
    chars = set(LAYOUT_TEXT)
    chars.update(options.title, options.author, options.watermark or "")
    pending: list[object] = [canonical(doc)]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            chars.update(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
    chars.update(c.upper() for c in list(chars))  # Fountain prints episode titles in capitals
    return chars


def without_notes(text: str) -> str:
    """Printed text: Fountain notes are the writer's, not the reader's."""
    return NOTE_RE.sub("", text) if "[[" in text else text


class PageLayout:
    """What both layouts share: the document, fonts, pages, watermark, progress."""

    page_format: str
    geometry: PageGeometry
    faces: dict[str, tuple[str, ...]]
    language: str

    def __init__(self, doc: Document, options: PdfOptions, workdir: Path) -> None:
        self.doc = doc
        self.options = options
        pdf = FPDF(unit="pt", format=self.page_format)
        pdf.set_auto_page_break(False)
        pdf.set_title(options.title)
        pdf.set_author(options.author)
        pdf.set_creator("Microdrama Studio")
        if options.subject:
            pdf.set_subject(options.subject)
        if options.keywords:
            pdf.set_keywords(options.keywords)
        pdf.set_lang(self.language)
        self.pdf = pdf
        self.fonts = FontBook(pdf, self.faces, characters(doc, options), workdir)
        self.typesetter = Typesetter(
            pdf, self.fonts, self.geometry, self._decorate, *self._continuation()
        )

    def render(self) -> bytes:
        self.title_page()
        self.typesetter.finish()  # the title page is drawn directly; the script starts anew
        self.front_matter()
        total = len(self.doc.episodes)
        for index, episode in enumerate(self.doc.episodes, start=1):
            self.typesetter.flow(self.episode_lines(episode))
            if self.options.progress is not None:
                self.options.progress(index, total)
        self.typesetter.finish()
        if self.options.source_text is not None:
            # The text the pages were laid out from, so a PDF exported here can be checked
            # against the authorship registry without reading the pages back.
            self.pdf.embed_file(
                bytes=self.options.source_text.encode("utf-8"),
                basename=SOURCE_ATTACHMENT,
                mime_type="text/plain",
                desc="Source text of this script",
                compress=True,
            )
        return bytes(self.pdf.output())

    # To be provided by each layout.
    def title_page(self) -> None:
        raise NotImplementedError

    def front_matter(self) -> None:
        """Pages between the title page and the first episode (none by default)."""

    def episode_lines(self, episode: Episode) -> list[Line]:
        raise NotImplementedError

    def page_number(self, page: int) -> None:
        raise NotImplementedError

    def _continuation(self) -> tuple[Callable[[], Line] | None, Callable[[str], Line] | None]:
        return None, None

    # Shared drawing --------------------------------------------------------------------

    def _decorate(self, page: int) -> None:
        if self.options.watermark:
            self._watermark(self.options.watermark)
        if page > 1:  # the title page carries no number
            self.page_number(page - 1)

    def _watermark(self, text: str) -> None:
        g = self.geometry
        diagonal = math.hypot(g.width, g.height)
        size = fit_size(self.fonts, text, "watermark", diagonal * 0.7, 54)
        width = self.fonts.width(text, "watermark", size)
        angle = math.degrees(math.atan2(g.height, g.width))
        with self.pdf.local_context(fill_opacity=0.16, stroke_opacity=0.16):
            self.pdf.set_text_color(90)
            with self.pdf.rotation(angle, g.width / 2, g.height / 2):
                x = (g.width - width) / 2
                baseline = g.height / 2 + size * 0.35
                self.typesetter.draw_text(text, x, baseline, "watermark", size)
            self.pdf.set_text_color(0)

    def _draw_styled(self, spans: list[markup.Span], y: float, template: Line) -> float:
        """Draw a block of lines directly (title pages); return the y where it ends."""
        for line in wrap_lines(self.fonts, StyledText.of(spans), template):
            self.typesetter.draw(line, y)
            y += line.height
        return y
