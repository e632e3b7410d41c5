"""Fountain 1.1 parser (fountain.io/syntax) with the platform's episode conventions.

Where the spec is vague or implementations disagree, the decision is written down in
docs/script-formats.md and tested. In short: the text is split into paragraphs at
blank lines; each paragraph is read from its first line, and line-level elements
(headings, sections, synopses, page breaks, notes, lyrics, centered text, transitions)
consume only their own lines, so a missing blank line after them is tolerated.

This module holds the paragraph grammar (:func:`classify`) and the parser. What a single
line is lives in :mod:`.fountain_lines`, inline markup in :mod:`.fountain_inline`; their
public names are re-exported here, where callers have always imported them from.

Element texts keep Fountain's inline markup (emphasis, escapes, inline notes) exactly
as written; :func:`parse_emphasis` and :func:`plain_text` interpret it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from . import zh
from .fountain_inline import NOTE_RE, note_text, parse_emphasis, plain_text, strip_notes
from .fountain_lines import (
    centered_text,
    episode_section,
    fountain_voice,
    is_blank,
    is_heading,
    is_natural_transition,
    parse_cue,
    parse_title_page,
    scene_fields,
    split_boneyard,
    split_joint,
)
from .model import Document, DocumentBuilder, Element, Scene, WarningCode, normalise_time
from .model import ElementType as T
from .model import WarningCode as W

# Re-exported: callers import these from this module (see the module docstring).
__all__ = [
    "ACTION", "CENTERED", "DIALOGUE", "HEADING", "LYRIC", "MARKER", "NOTES", "PAGE_BREAK",
    "SECTION", "SYNOPSIS", "TRANSITION", "NOTE_RE", "Document", "DocumentBuilder", "Element",
    "Scene", "WarningCode", "centered_text", "classify", "episode_section", "fountain_voice",
    "is_blank", "is_heading", "normalise_time", "parse", "parse_cue", "parse_emphasis",
    "parse_title_page", "plain_text", "scene_fields", "split_boneyard", "split_joint",
    "strip_notes", "zh",
]  # fmt: skip

_SCENE_NUMBER_RE = re.compile(r"#((?:[^\W_]|[.\-])+)#\s*$")
_PAGE_BREAK_RE = re.compile(r"={3,}")
_NOTE_AT_RE = re.compile(r" *" + NOTE_RE.pattern + r" *")


# Kinds returned by classify(); also the element kinds of a paragraph's first line.
ACTION = "action"
PAGE_BREAK = "page_break"
SYNOPSIS = "synopsis"
SECTION = "section"
NOTES = "notes"
LYRIC = "lyric"
CENTERED = "centered"
TRANSITION = "transition"
HEADING = "heading"
DIALOGUE = "dialogue"
MARKER = "marker"  # a 【…】 line of the Chinese convention, alone in its paragraph


# --- paragraphs -----------------------------------------------------------------------


def _standalone_notes(
    lines: Sequence[str], i: int, joined: tuple[str, list[int]] | None = None
) -> tuple[int, list[tuple[str, int]]] | None:
    """Notes that fill whole lines from ``lines[i]``: ``(next index, [(text, line offset)])``.

    ``joined`` is the paragraph's text and its line start offsets, when the caller has
    them, so that a paragraph is joined once however many notes it holds.
    """
    if joined is None:
        text, start = "\n".join(lines[i:]), 0
    else:
        text, start = joined[0], joined[1][i]
    pos, committed, committed_pos, pending = start, [], start, []
    while match := _NOTE_AT_RE.match(text, pos):
        pending.append((note_text(match.group(1)), text.count("\n", start, match.start())))
        pos = match.end()
        if pos == len(text) or text[pos] == "\n":
            committed += pending
            pending = []
            committed_pos = pos
            if pos == len(text):
                break
            pos += 1
    if not committed:
        return None
    return i + text.count("\n", start, committed_pos) + 1, committed


def classify(lines: Sequence[str], i: int = 0) -> tuple[str, int]:
    """What the parser makes of ``lines[i]`` (a paragraph from line ``i``): kind, end index."""
    kind, end, _ = _classify(lines, i)
    return kind, end


def _classify(
    lines: Sequence[str], i: int, joined: tuple[str, list[int]] | None = None
) -> tuple[str, int, Any]:
    """Like :func:`classify`, plus what was parsed on the way (the cue, the notes)."""
    n = len(lines)
    line = lines[i]
    if line.startswith("!"):
        return ACTION, n, None
    s = line.strip()
    first = s[:1]
    if first == "=":
        return (PAGE_BREAK if _PAGE_BREAK_RE.fullmatch(s) else SYNOPSIS), i + 1, None
    if first == "#":
        return SECTION, i + 1, None
    if first == "[" and s.startswith("[[") and (notes := _standalone_notes(lines, i, joined)):
        return NOTES, notes[0], notes[1]
    if first == "~":
        return LYRIC, _run_end(lines, i, lambda t: t.lstrip().startswith("~")), None
    if first == ">":
        if centered_text(line) is not None:
            return CENTERED, _run_end(lines, i, lambda t: centered_text(t) is not None), None
        return TRANSITION, i + 1, None
    clean, notes_found = strip_notes(s) if "[[" in s else (s, [])
    speech_follows = n - i >= 2 and any(lines[k].strip() for k in range(i + 1, n))
    if first == "@" and speech_follows and (cue := parse_cue(line, clean)):
        return DIALOGUE, n, (cue, notes_found)
    if is_heading(clean):
        return HEADING, i + 1, None
    if is_natural_transition(line, clean, bool(notes_found)):
        return TRANSITION, i + 1, None
    if speech_follows and (cue := parse_cue(line, clean)):
        return DIALOGUE, n, (cue, notes_found)
    if n - i == 1 and first == "【" and (markers := zh.bracket_elements(s, 0)):
        return MARKER, n, markers
    return ACTION, n, None


def _run_end(lines: Sequence[str], i: int, belongs: Any) -> int:
    j = i + 1
    while j < len(lines) and belongs(lines[j]):
        j += 1
    return j


# --- the parser -------------------------------------------------------------------------


class _FountainParser:
    """Reads paragraphs into a flat event list, then assembles the document.

    The events are buffered because content before the first ``# Episode`` section is
    pre-matter only if such a section exists anywhere in the file.
    """

    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []
        self.after_speech = False  # the previous element closed a speech (for ^)
        self.handlers = {
            ACTION: self._action,
            PAGE_BREAK: self._page_break,
            SYNOPSIS: self._synopsis,
            SECTION: self._section,
            NOTES: self._notes,
            LYRIC: self._lyric,
            CENTERED: self._centered,
            TRANSITION: self._transition,
            HEADING: self._heading,
            DIALOGUE: self._speech,
            MARKER: self._marker,
        }

    def run(self, text: str) -> Document:
        lines = zh.split_lines(text)
        if "\t" in text:
            lines = [line.expandtabs(4) if "\t" in line else line for line in lines]
        numbers = list(range(1, len(lines) + 1))
        if "/*" in text:
            lines, numbers, unclosed = split_boneyard(lines, numbers)
            for number in unclosed:
                self._warn(number, W.UNCLOSED_BONEYARD)
        title_page, start = parse_title_page(lines)
        self._body(lines, numbers, start)
        return self._assemble(title_page)

    def _assemble(self, title_page: list[tuple[str, str]]) -> Document:
        has_episodes = any(event[0] == "episode" for event in self.events)
        builder = DocumentBuilder("fountain", has_episode_headings=has_episodes)
        builder.doc.title_page = title_page
        for key, value in title_page:
            if key.casefold() == "title":
                builder.doc.title = " ".join(plain_text(value).split()) or None
                break
        for event in self.events:
            kind = event[0]
            if kind == "element":
                builder.add(event[1])
            elif kind == "scene":
                builder.start_scene(event[1])
            elif kind == "episode":
                builder.start_episode(event[1], event[2], event[3], written=event[4])
            else:
                builder.warn(event[1], event[2], **event[3])
        return builder.finish()

    def _warn(self, line: int, code: WarningCode, **params: Any) -> None:
        self.events.append(("warn", line, code, params))

    def _emit(self, element: Element) -> None:
        self.events.append(("element", element))
        self.after_speech = False

    def _body(self, lines: list[str], numbers: list[int], start: int) -> None:
        paragraph: list[str] = []
        paragraph_numbers: list[int] = []
        for index in range(start, len(lines)):
            line = lines[index]
            if not line or (line != "  " and line.isspace()):  # is_blank(), inlined: hot loop
                if paragraph:
                    self._paragraph(paragraph, paragraph_numbers)
                    paragraph, paragraph_numbers = [], []
            else:
                paragraph.append(line)
                paragraph_numbers.append(numbers[index])
        if paragraph:
            self._paragraph(paragraph, paragraph_numbers)

    def _paragraph(self, lines: list[str], numbers: list[int]) -> None:
        joined = None
        if any("[[" in line for line in lines):
            joined = _join(lines)
            self._check_notes_closed(joined[0], numbers)
        i = 0
        while i < len(lines):
            kind, end, data = _classify(lines, i, joined)
            self.handlers[kind](lines, numbers, i, end, data)
            if end < len(lines) and kind in (HEADING, TRANSITION):
                self._warn(numbers[i], W.MISSING_BLANK_LINE, element=kind)
            i = end

    def _check_notes_closed(self, text: str, numbers: list[int]) -> None:
        """Warn at the first ``[[`` that does not open a note."""
        pos = 0
        while (start := text.find("[[", pos)) >= 0:
            note = NOTE_RE.match(text, start)
            if note is None:
                self._warn(numbers[text.count("\n", 0, start)], W.UNCLOSED_NOTE)
                return
            pos = note.end()

    # one handler per kind returned by classify() ---------------------------------------

    def _action(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        texts = [(line[1:] if line.startswith("!") else line).rstrip() for line in lines[i:end]]
        first = 0
        while first < len(texts) and not texts[first]:
            first += 1
        while texts and not texts[-1]:
            texts.pop()
        if first < len(texts):
            self._emit(Element(T.ACTION, "\n".join(texts[first:]), numbers[i + first]))

    def _marker(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        for element in data:
            element.line = numbers[i]
            self._emit(element)

    def _page_break(
        self, lines: list[str], numbers: list[int], i: int, end: int, data: Any
    ) -> None:
        self._emit(Element(T.PAGE_BREAK, "", numbers[i]))

    def _synopsis(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        self._emit(Element(T.SYNOPSIS, lines[i].strip()[1:].strip(), numbers[i]))

    def _section(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        s = lines[i].strip()
        text = s.lstrip("#")
        level = len(s) - len(text)
        text = text.strip()
        if level == 1 and (episode := episode_section(text)):
            self.events.append(("episode", episode[0], numbers[i], episode[1], text))
            self.after_speech = False
        else:
            self._emit(Element(T.SECTION, text, numbers[i], extra={"level": level}))

    def _notes(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        for text, offset in data:
            self._emit(Element(T.NOTE, text, numbers[i + offset]))

    def _lyric(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        text = "\n".join(line.strip()[1:].strip() for line in lines[i:end])
        self._emit(Element(T.LYRIC, text, numbers[i]))

    def _centered(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        texts = [centered_text(line) or "" for line in lines[i:end]]
        self._emit(Element(T.CENTERED, "\n".join(texts), numbers[i]))

    def _transition(
        self, lines: list[str], numbers: list[int], i: int, end: int, data: Any
    ) -> None:
        s = lines[i].strip()
        clean, notes = strip_notes(s) if "[[" in s else (s, [])
        text = clean[1:].strip() if clean.startswith(">") else clean
        self._emit(Element(T.TRANSITION, text, numbers[i], extra=_notes_extra(notes)))

    def _heading(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        s = lines[i].strip()
        clean, notes = strip_notes(s) if "[[" in s else (s, [])
        text = clean[1:].strip() if clean.startswith(".") else clean
        number = None
        if match := _SCENE_NUMBER_RE.search(text):
            number = match.group(1)
            text = text[: match.start()].rstrip()
        time, time_raw, interior, location, flashback = scene_fields(text)
        scene = Scene(number, text, numbers[i], time, time_raw, interior, location, flashback)
        scene.extra.update(_notes_extra(notes))
        self.events.append(("scene", scene))
        self.after_speech = False

    def _speech(self, lines: list[str], numbers: list[int], i: int, end: int, data: Any) -> None:
        (name, extension, dual), notes = data
        names = split_joint(name)
        joint = names if len(names) > 1 else None
        speaker = names[0] if joint else name
        voice = fountain_voice(extension)
        cue_extra = _speech_extra(joint, voice)
        if dual:
            if self.after_speech:
                cue_extra["dual"] = True
            else:
                self._warn(numbers[i], W.ORPHAN_DUAL_DIALOGUE)
        cue_extra.update(_notes_extra(notes))
        self._emit(Element(T.CHARACTER, name, numbers[i], speaker, extension, cue_extra))
        for kind, text, number in _speech_parts(lines, numbers, i + 1, end):
            self._emit(Element(kind, text, number, speaker, extension, _speech_extra(joint, voice)))
        self.after_speech = True


def _speech_extra(joint: list[str] | None, voice: str | None) -> dict[str, Any]:
    """A fresh ``extra`` for each element of a speech (no shared lists)."""
    extra: dict[str, Any] = {}
    if joint:
        extra["joint"] = list(joint)
    if voice:
        extra["voice"] = voice
    return extra


def _join(lines: list[str]) -> tuple[str, list[int]]:
    """A paragraph's text and the offset where each of its lines starts."""
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return "\n".join(lines), starts


def _notes_extra(notes: list[str]) -> dict[str, Any]:
    return {"notes": notes} if notes else {}


def _speech_parts(
    lines: list[str], numbers: list[int], i: int, end: int
) -> list[tuple[T, str, int]]:
    """Dialogue, parentheticals and lyrics of a speech; two-space lines become empty lines."""
    parts: list[tuple[T, str, int]] = []
    current: tuple[T, list[str], int] | None = None

    def flush() -> None:
        if current is not None:
            texts = current[1]
            while texts and not texts[-1]:
                texts.pop()
            parts.append((current[0], "\n".join(texts), current[2]))

    for index in range(i, end):
        t = lines[index].strip()
        if not t:
            if current is not None:
                current[1].append("")
            continue
        if t[0] == "(" and t[-1] == ")":
            flush()
            current = None
            parts.append((T.PARENTHETICAL, t[1:-1].strip(), numbers[index]))
            continue
        kind, text = (T.LYRIC, t[1:].strip()) if t[0] == "~" else (T.DIALOGUE, t)
        if current is None or current[0] != kind:
            flush()
            current = (kind, [], numbers[index])
        current[1].append(text)
    flush()
    return parts


def parse(text: str) -> Document:
    """Parse Fountain text. Never raises on any text."""
    return _FountainParser().run(text)
