"""A small typesetter for script pages: line breaking, pagination, drawing.

Layouts (``screenplay.py``, ``chinese.py``) turn elements into :class:`Line` objects placed in columns; the
:class:`Typesetter` fills pages with them, keeping headings and cues with what follows
and continuing a speech across a page break with ``(MORE)`` / ``(CONT'D)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from fpdf import FPDF

from ..markup import Span
from .fonts import SYNTHETIC_BOLD, FontBook

# Kinsoku (禁则): characters that may not start a line, and that may not end one.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—～·%‰℃,.;:?!)]}»")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{«")


def _breaks_anywhere(char: str) -> bool:
    """CJK text has no spaces: a line may break between any two such characters."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, punctuation, kana, ideographs
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF
        or char in "…—"
    )


def wrap(
    text: str, first_width: float, width: float, measure: Callable[[str], float]
) -> list[tuple[int, int]]:
    """Break ``text`` into lines: ``(start, end)`` index pairs, trailing spaces excluded.

    Latin text breaks after spaces, CJK text between characters (kinsoku respected);
    a word longer than the line is broken where it must. ``\\n`` forces a break. The
    first line may have its own width (hanging indents).
    """
    lines: list[tuple[int, int]] = []
    start = 0
    limit = first_width
    used = 0.0
    last_break = -1  # index where the current line may end
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            lines.append((start, _trim(text, start, i)))
            start, i, used, last_break, limit = i + 1, i + 1, 0.0, -1, width
            continue
        if i > start and _may_break_before(text, i):
            last_break = i
        char_width = measure(char)
        if used + char_width > limit and not char.isspace() and i > start:
            end = last_break if last_break > start else i
            lines.append((start, _trim(text, start, end)))
            start = end
            while start < n and text[start] == " ":
                start += 1
            i, used, last_break, limit = start, 0.0, -1, width
            continue
        used += char_width
        i += 1
    lines.append((start, _trim(text, start, n)))
    return lines


def _may_break_before(text: str, i: int) -> bool:
    previous, char = text[i - 1], text[i]
    if char in NO_LINE_START or previous in NO_LINE_END:
        return False
    if previous == " " and char != " ":
        return True
    return _breaks_anywhere(char) or _breaks_anywhere(previous)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


@dataclass(slots=True)
class StyledText:
    """Plain text with style runs, sliced into lines after wrapping."""

    text: str
    runs: list[tuple[int, int, frozenset[str]]]

    @classmethod
    def of(cls, spans: list[Span]) -> StyledText:
        text, runs, pos = "", [], 0
        for piece, styles in spans:
            runs.append((pos, pos + len(piece), styles))
            text += piece
            pos += len(piece)
        return cls(text, runs)

    @classmethod
    def plain(cls, text: str, styles: frozenset[str] = frozenset()) -> StyledText:
        return cls(text, [(0, len(text), styles)])

    def slice(self, start: int, end: int) -> list[Span]:
        out: list[Span] = []
        for run_start, run_end, styles in self.runs:
            lo, hi = max(start, run_start), min(end, run_end)
            if lo < hi:
                out.append((self.text[lo:hi], styles))
        return out


@dataclass(slots=True)
class Line:
    """One printed line, positioned in a column of the page (points from the left)."""

    spans: list[Span]
    x: float
    width: float
    face: str
    size: float
    height: float
    align: str = "L"
    indent: float = 0.0  # extra left offset of this line within the column
    space_before: float = 0.0  # dropped at the top of a page
    keep_with_next: bool = False
    new_page: bool = False
    speech: str | None = None  # the cue, on lines of a speech that may continue overleaf
    margin_number: str | None = None  # scene number printed in both margins
    shade: bool = False  # light box behind the line (hooks, paywalls)
    grey: bool = False
    beside: Line | None = None  # drawn on the same baseline (the right column of dual dialogue)


@dataclass(slots=True)
class PageGeometry:
    width: float
    height: float
    top: float
    bottom: float  # y where content must end
    number_left: float = 0.0  # x of the left scene number
    number_right: float = 0.0


class Typesetter:
    """Fills pages with lines and draws them.

    ``decorate(page_number)`` draws what every page carries (watermark, page number)
    when a page starts. ``more`` and ``continued(cue)`` make the lines printed when a
    speech breaks across pages; without them speeches just break.
    """

    def __init__(
        self,
        pdf: FPDF,
        fonts: FontBook,
        geometry: PageGeometry,
        decorate: Callable[[int], None],
        more: Callable[[], Line] | None = None,
        continued: Callable[[str], Line] | None = None,
    ) -> None:
        self.pdf = pdf
        self.fonts = fonts
        self.geometry = geometry
        self.decorate = decorate
        self.more = more
        self.continued = continued
        self.placed: list[tuple[Line, float]] | None = None  # the page in progress
        self.y = geometry.top
        self._page_start = 0

    def start_page(self) -> None:
        """Finish the current page and start a new one."""
        self.finish()
        self.pdf.add_page()
        self.decorate(self.pdf.page)
        self.placed = []
        self.y = self.geometry.top

    def finish(self) -> None:
        """Draw the page in progress."""
        if self.placed is not None:
            for line, y in self.placed:
                self.draw(line, y)
            self.placed = None

    def flow(self, lines: list[Line]) -> None:
        """Place lines in order, breaking pages where needed."""
        i = 0
        self._page_start = 0  # index in ``lines`` of the first line on this page
        while i < len(lines):
            line = lines[i]
            if self.placed is None or (line.new_page and self.placed):
                self.start_page()
                self._page_start = i
            assert self.placed is not None
            gap = line.space_before if self.placed else 0.0
            if self.y + gap + line.height <= self._limit(lines, i):
                self.placed.append((line, self.y + gap))
                self.y += gap + line.height
                i += 1
                continue
            i = self._break_page(lines, i)
            self._page_start = i

    def _limit(self, lines: list[Line], i: int) -> float:
        """Bottom of the usable area; a speech that goes on keeps room for (MORE)."""
        line = lines[i]
        bottom = self.geometry.bottom
        goes_on = i + 1 < len(lines) and line.speech and lines[i + 1].speech == line.speech
        if self.more and goes_on:
            bottom -= line.height
        return bottom

    def _break_page(self, lines: list[Line], i: int) -> int:
        """Break before line ``i``, or earlier to keep lines together; return where to go on."""
        assert self.placed is not None
        placed = self.placed
        j = i
        # Lines that must stay with what follows (headings, cues, a paragraph's first
        # line) move to the next page too, unless that would leave this page empty.
        while j - 1 >= self._page_start and lines[j - 1].keep_with_next and len(placed) > i - j + 1:
            j -= 1
        if j < i:
            del placed[len(placed) - (i - j) :]
            self.y = placed[-1][1] + placed[-1][0].height
        if not placed:  # a line taller than the whole page: print it anyway
            self._place_plain(lines[j])
            return j + 1
        speech = lines[j].speech
        continues = j > self._page_start and lines[j - 1].speech == speech
        if self.more and self.continued and speech and continues:
            self._place_plain(self.more())
            self.start_page()
            self._place_plain(self.continued(speech))
            return j
        self.start_page()
        return j

    def _place_plain(self, line: Line) -> None:
        assert self.placed is not None
        self.placed.append((line, self.y))
        self.y += line.height

    # Drawing ---------------------------------------------------------------------------

    def draw(self, line: Line, y: float) -> None:
        width = sum(self.fonts.width(text, line.face, line.size) for text, _ in line.spans)
        x = line.x + line.indent
        if line.align == "R":
            x = line.x + line.width - width
        elif line.align == "C":
            x = line.x + (line.width - width) / 2
        if line.shade:
            self._shade(line, y)
        baseline = y + (line.height + line.size * 0.7) / 2
        if line.margin_number:
            for number_x in (self.geometry.number_left, self.geometry.number_right):
                self.draw_text(line.margin_number, number_x, baseline, line.face, line.size)
        if line.grey:
            self.pdf.set_text_color(110)
        for text, styles in line.spans:
            x = self.draw_text(text, x, baseline, line.face, line.size, styles)
        if line.grey:
            self.pdf.set_text_color(0)
        if line.beside is not None:
            self.draw(line.beside, y)

    def draw_text(
        self,
        text: str,
        x: float,
        baseline: float,
        face: str,
        size: float,
        styles: frozenset[str] = frozenset(),
    ) -> float:
        """Draw ``text`` from ``x`` on ``baseline``; return the x where it ends."""
        for family, piece in self.fonts.pieces(text, face):
            style, synthetic = self.fonts.style_for(family, "bold" in styles, "italic" in styles)
            self.pdf.set_font(family, style, size)
            width = self.fonts.width(piece, face, size)
            if synthetic:
                self.pdf.text_mode = "FILL_STROKE"
                self.pdf.set_line_width(size * SYNTHETIC_BOLD)
            self.pdf.text(x, baseline, piece)
            if synthetic:
                self.pdf.text_mode = "FILL"
            if "underline" in styles:
                self.pdf.set_line_width(0.6)
                self.pdf.line(x, baseline + 1.5, x + width, baseline + 1.5)
            x += width
        return x

    def _shade(self, line: Line, y: float) -> None:
        self.pdf.set_fill_color(236)
        self.pdf.rect(line.x - 4, y, line.width + 8, line.height, style="F")


def wrap_lines(
    fonts: FontBook,
    styled: StyledText,
    template: Line,
    *,
    hanging: float = 0.0,
) -> list[Line]:
    """Lines for one paragraph; continuation lines are indented by ``hanging`` points."""

    measure = fonts.measure(template.face, template.size)
    available = template.width - template.indent
    pieces = wrap(styled.text, available, max(available - hanging, 1.0), measure)
    lines = []
    for index, (start, end) in enumerate(pieces):
        line = replace(template, spans=styled.slice(start, end))
        if index:
            line.indent = template.indent + hanging
            line.space_before = 0.0
            line.new_page = False
            line.margin_number = None
        lines.append(line)
    _keep_paragraph_together(lines, template.keep_with_next)
    return lines


def _keep_paragraph_together(lines: list[Line], keep_last: bool) -> None:
    """No single line of a paragraph alone at the foot or head of a page."""
    for line in lines[:-1]:
        line.keep_with_next = False
    if len(lines) >= 2:
        lines[0].keep_with_next = True
        lines[-2].keep_with_next = True
    lines[-1].keep_with_next = keep_last


def fit_size(fonts: FontBook, text: str, face: str, width: float, largest: float) -> float:
    """The largest size up to ``largest`` at which ``text`` fits in ``width``."""
    at_one = fonts.width(text, face, 1.0)
    return largest if at_one <= 0 else max(1.0, min(largest, math.floor(width / at_one)))
