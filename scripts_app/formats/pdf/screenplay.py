"""The standard screenplay layout, for Fountain scripts.

US Letter, 12 pt monospace with Courier metrics, action from 1.5 in, cues at 3.7 in,
parentheticals at 3.1 in, dialogue 2.5–6 in, transitions flush right, scene numbers in
both margins, page numbers top right from the second script page, a title page, each
episode on a new page, speeches continued across pages with (MORE) / (CONT'D).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from scripts_app.document import Element, Episode, Scene
from scripts_app.document.model import hook_marker
from scripts_app.document.render import bracket_line

from .. import markup
from .base import BOLD, INCH, MARKERS, PLAIN, PageLayout, T, without_notes
from .typesetter import Line, PageGeometry, StyledText, wrap_lines


class FountainLayout(PageLayout):
    page_format = "letter"
    language = "en"
    faces = {"script": ("mono", "cjk"), "watermark": ("mono", "cjk")}
    geometry = PageGeometry(
        width=8.5 * INCH,
        height=11 * INCH,
        top=1 * INCH,
        bottom=10 * INCH,
        number_left=0.75 * INCH,
        number_right=7.625 * INCH,
    )
    size = 12.0
    right = 7.5 * INCH  # the right margin: transitions and page numbers end here
    columns = {
        "action": (1.5, 7.5),
        "character": (3.7, 7.5),
        "parenthetical": (3.1, 5.6),
        "dialogue": (2.5, 6.0),
        # Dual dialogue: two speeches side by side, as Final Draft prints them.
        "left character": (2.6, 4.25),
        "left parenthetical": (2.0, 4.0),
        "left dialogue": (1.5, 4.25),
        "right character": (5.6, 7.5),
        "right parenthetical": (5.0, 7.25),
        "right dialogue": (4.5, 7.5),
    }

    def _line(self, column: str = "action", **fields) -> Line:
        start, end = self.columns[column]
        fields.setdefault("height", self.size)
        return Line([], start * INCH, (end - start) * INCH, "script", self.size, **fields)

    def _continuation(self) -> tuple[Callable[[], Line], Callable[[str], Line]]:
        def more() -> Line:
            return replace(self._line("character"), spans=[("(MORE)", PLAIN)])

        def continued(cue: str) -> Line:
            suffix = "" if "CONT'D" in cue.upper() else " (CONT'D)"
            return replace(self._line("character"), spans=[(cue + suffix, PLAIN)])

        return more, continued

    def page_number(self, page: int) -> None:
        if page >= 2:  # screenplays number pages from the second script page
            text = f"{page}."
            x = self.right - self.fonts.width(text, "script", self.size)
            self.typesetter.draw_text(text, x, 0.5 * INCH + self.size, "script", self.size)

    def title_page(self) -> None:
        self.typesetter.start_page()
        entries = {key.casefold(): value for key, value in self.doc.title_page}
        author = self.options.author or entries.get("author") or entries.get("authors") or ""
        credit = entries.get("credit") or ("Written by" if author else "")
        title = [(self.options.title.upper(), BOLD | {"underline"})]
        y = self._draw_styled(title, 3.5 * INCH, self._line(align="C"))
        for value in (credit, author, entries.get("source", "")):
            y += self.size
            for spans in markup.spans(value) if value else []:
                y = self._draw_styled(spans, y + self.size, self._line(align="C"))
        bottom_entries = [
            (key, value)
            for key, value in self.doc.title_page
            if key.casefold() not in ("title", "credit", "author", "authors", "source")
        ]
        texts = [part for _, value in bottom_entries for part in [*value.split("\n"), ""]]
        y = self.geometry.bottom - len(texts) * self.size
        for text in texts:
            y = self._draw_styled(markup.spans(text)[0], y, self._line()) if text else y + 12

    def episode_lines(self, episode: Episode) -> list[Line]:
        lines: list[Line] = []
        if not episode.implicit:
            heading = f"EPISODE {episode.number}"
            if episode.title:
                heading += f": {episode.title.upper()}"
            styled = StyledText.plain(heading, BOLD | {"underline"})
            lines += wrap_lines(self.fonts, styled, self._line(align="C", keep_with_next=True))
        writer = _FountainElements(self)
        writer.elements(episode.elements_before_first_scene)
        for scene in episode.scenes:
            writer.scene(scene)
            writer.elements(scene.elements)
        writer.close_dual()
        if (episode.hook or episode.is_paywall) and not writer.hook_printed:
            writer.hook(episode.hook or "", episode.is_paywall)
        lines += writer.lines
        if lines:
            lines[0].new_page = True
        return lines


class _FountainElements:
    """Lines for the elements of one Fountain episode."""

    def __init__(self, layout: FountainLayout) -> None:
        self.layout = layout
        self.fonts = layout.fonts
        self.lines: list[Line] = []
        self.cue: str | None = None  # the open speech's cue, for (CONT'D)
        self.new_page = False
        self.hook_printed = False
        # The open speech (its elements, and where its lines start), and while dual
        # dialogue is read, the two speeches it prints side by side.
        self.speech: list[Element] = []
        self.speech_start = 0
        self.dual: tuple[list[Element], list[Element]] | None = None

    def add(self, styled: StyledText, template: Line) -> None:
        if self.new_page:
            template.new_page = True
            self.new_page = False
        self.lines += wrap_lines(self.fonts, styled, template)

    def paragraph(self, text: str, template: Line, extra: frozenset[str] = PLAIN) -> None:
        """A paragraph of Fountain text (with emphasis); its source lines stay lines."""
        first = True
        for spans in markup.spans(without_notes(text)):
            styled = StyledText.of([(piece, styles | extra) for piece, styles in spans])
            line = template if first else _follow_on(template)
            self.add(styled, line)
            first = False

    def scene(self, scene: Scene) -> None:
        self.close_dual()
        self.cue = None
        number = scene.number if self.layout.options.scene_numbers else None
        template = self.layout._line(space_before=24, keep_with_next=True, margin_number=number)
        self.add(StyledText.plain(without_notes(scene.heading), BOLD), template)

    def elements(self, elements: list[Element]) -> None:
        for element in elements:
            self.element(element)

    def element(self, element: Element) -> None:
        kind = element.type
        line = self.layout._line
        in_speech = kind in (T.PARENTHETICAL, T.DIALOGUE, T.LYRIC) and element.speaker is not None
        if self.dual is not None:
            if in_speech:
                self.dual[1].append(element)
                return
            self.close_dual()
        after_speech = self.cue is not None
        if not in_speech:
            self.cue = None
        if kind == T.CHARACTER and element.extra.get("dual") and after_speech and self.speech:
            # The speech before this one moves to the left column; this one goes right.
            moved = self.lines[self.speech_start :]
            self.new_page = self.new_page or any(moved_line.new_page for moved_line in moved)
            del self.lines[self.speech_start :]
            self.dual = (self.speech, [element])
            self.cue = None
            return
        if kind == T.CHARACTER:
            cue = _cue(element)
            self.cue = cue
            self.speech, self.speech_start = [element], len(self.lines)
            self.add(StyledText.plain(cue), line("character", space_before=12, keep_with_next=True))
            return
        if in_speech and self.cue:
            self.speech.append(element)
        if kind == T.PARENTHETICAL and self.cue:
            template = line("parenthetical", keep_with_next=True, speech=self.cue)
            self.paragraph(f"({element.text})", template)
        elif kind == T.DIALOGUE and self.cue:
            self.paragraph(element.text, line("dialogue", speech=self.cue))
        elif kind == T.LYRIC:
            column = "dialogue" if self.cue else "action"
            self.paragraph(element.text, line(column, speech=self.cue), frozenset({"italic"}))
        elif kind == T.TRANSITION:
            self.paragraph(element.text, line(align="R", space_before=12))
        elif kind == T.CENTERED:
            self.paragraph(element.text, line(align="C", space_before=12))
        elif kind == T.PAGE_BREAK:
            self.new_page = True
        elif kind in (T.NOTE, T.HOOK, T.PAYWALL):
            marker = hook_marker(element)
            if marker is not None:
                self.hook(marker[0] or "", marker[1])
        elif kind in (T.SECTION, T.SYNOPSIS):
            return  # Fountain does not print sections and synopses
        elif kind in MARKERS:
            self.paragraph(bracket_line(element), line(space_before=12))
        else:
            self.paragraph(element.text, line(space_before=12))

    def close_dual(self) -> None:
        """Print the pending dual dialogue: the two speeches side by side, row by row."""
        if self.dual is None:
            return
        left, right = (
            self._column_lines(speech, side)
            for side, speech in zip(("left", "right"), self.dual, strict=True)
        )
        self.dual = None
        rows = max(len(left), len(right))
        for index in range(rows):
            row = (
                left[index]
                if index < len(left)
                else replace(self.layout._line("left dialogue"), spans=[])
            )
            row = replace(
                row,
                beside=right[index] if index < len(right) else None,
                space_before=12 if index == 0 else 0.0,
                keep_with_next=index < rows - 1,  # the two speeches stay on one page
                speech=None,
                new_page=False,
            )
            if index == 0 and self.new_page:
                row.new_page, self.new_page = True, False
            self.lines.append(row)

    def _column_lines(self, speech: list[Element], side: str) -> list[Line]:
        """One speech's lines in its column of dual dialogue."""
        fonts, line = self.fonts, self.layout._line
        head, parts = speech[0], speech[1:]
        lines = wrap_lines(fonts, StyledText.plain(_cue(head)), line(f"{side} character"))
        for part in parts:
            if part.type == T.PARENTHETICAL:
                column, text, extra = "parenthetical", f"({part.text})", PLAIN
            else:
                column, text = "dialogue", part.text
                extra = frozenset({"italic"}) if part.type == T.LYRIC else PLAIN
            for spans in markup.spans(without_notes(text)):
                styled = StyledText.of([(piece, styles | extra) for piece, styles in spans])
                lines += wrap_lines(fonts, styled, line(f"{side} {column}"))
        return lines

    def hook(self, text: str, paywall: bool) -> None:
        label = "PAYWALL" if paywall else "HOOK"
        content = f"{label}: {text}" if text else label
        template = self.layout._line(space_before=12, shade=True)
        self.add(StyledText.plain(content, frozenset({"bold", "italic"})), template)
        self.hook_printed = True


def _cue(character: Element) -> str:
    return character.text + (f" ({character.cue})" if character.cue else "")


def _follow_on(template: Line) -> Line:
    """The template for a paragraph's later source lines: no space, no new page."""
    return replace(template, space_before=0.0, new_page=False, margin_number=None)
