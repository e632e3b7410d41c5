"""Fountain 1.1 parser (fountain.io/syntax) with the platform's episode conventions.

Where the spec is vague or implementations disagree, the decision is written down in
docs/script-formats.md and tested. In short: the text is split into paragraphs at
blank lines; each paragraph is read from its first line, and line-level elements
(headings, sections, synopses, page breaks, notes, lyrics, centered text, transitions)
consume only their own lines, so a missing blank line after them is tolerated.

Element texts keep Fountain's inline markup (emphasis, escapes, inline notes) exactly
as written; :func:`parse_emphasis` and :func:`plain_text` interpret it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from . import zh
from .model import (
    NOTE_RE,
    Document,
    DocumentBuilder,
    Element,
    Scene,
    WarningCode,
    normalise_time,
)
from .model import ElementType as T
from .model import WarningCode as W

_HEADING_RE = re.compile(r"(int\.?/ext|i/e|int|ext|est)[. ]", re.IGNORECASE)
_INTERIORS = {"int": "int", "ext": "ext", "est": "ext"}  # anything else is int/ext
_SCENE_NUMBER_RE = re.compile(r"#((?:[^\W_]|[.\-])+)#\s*$")
_DASHES_RE = re.compile(r"[-–—]+")
_FLASHBACK_RE = re.compile(r"\((?:FLASHBACK|闪回|回忆)\)", re.IGNORECASE)
_PAREN_TAIL_RE = re.compile(r"\([^()]*\)$")
_PAGE_BREAK_RE = re.compile(r"={3,}")
_TITLE_KEY_RE = re.compile(r"[^\W_][\w '.\-]*")
_EPISODE_SECTION_RE = re.compile(r"episode\s+([0-9]+)\s*(?::\s*(.*))?", re.IGNORECASE)
_EXTENSIONS_RE = re.compile(r"(?:\s*\([^()]*\))+\s*")
_EXTENSION_RE = re.compile(r"\(([^()]*)\)")
_JOINT_RE = re.compile(r"[&、＆]")
_NOTE_RE = NOTE_RE
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


# --- line-level helpers (shared with the renderer) --------------------------------------


def is_blank(line: str) -> bool:
    """Empty or whitespace only, except the spec's two-space line that joins a block."""
    return not line or (line != "  " and line.isspace())


def strip_notes(text: str) -> tuple[str, list[str]]:
    """Remove inline ``[[notes]]``; return the text (spaces collapsed) and the notes."""
    notes = [_note_text(n) for n in _NOTE_RE.findall(text)]
    return " ".join(_NOTE_RE.sub(" ", text).split()), notes


def _note_text(inner: str) -> str:
    return "\n".join(part.strip() for part in inner.split("\n")).strip()


def parse_cue(line: str, clean: str) -> tuple[str, str | None, bool] | None:
    """``(name, extension, dual)`` if the line can be a character cue, else ``None``.

    ``clean`` is the line stripped, without inline notes. A cue is uppercase before any
    ``(`` (Unicode-aware: ``str.isupper``), or forced with ``@``; a line ending in two
    spaces is not a cue (the older convention screenplain honours).
    """
    if clean.startswith("@"):
        body = clean[1:].strip()
    elif line.endswith("  "):
        return None
    else:
        body = clean
    dual = body.endswith("^")
    if dual:
        body = body[:-1].rstrip()
    paren = body.find("(")
    extension = None
    if paren >= 0 and _EXTENSIONS_RE.fullmatch(body, paren):
        parts = [p.strip() for p in _EXTENSION_RE.findall(body, paren)]
        extension = ", ".join(p for p in parts if p) or None
        body = body[:paren].rstrip()
    # A name ending in "^" could not be written back without reading as dual dialogue.
    if not body or body.endswith("^") or not (clean.startswith("@") or body.isupper()):
        return None
    return body, extension, dual


def centered_text(line: str) -> str | None:
    """The text of a centered line ``> THE END <``, else ``None``."""
    s = line.strip()
    if len(s) >= 2 and s[0] == ">" and s[-1] == "<":
        return s[1:-1].strip()
    return None


def is_heading(clean: str) -> bool:
    return bool(_HEADING_RE.match(clean)) or (
        clean[:1] == "." and len(clean) > 1 and clean[1].isalnum()
    )


def _is_natural_transition(line: str, clean: str, had_notes: bool) -> bool:
    # Trailing spaces after "TO:" make the line action (the spec's un-transition device).
    return clean.isupper() and (clean if had_notes else line).endswith("TO:")


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
        pending.append((_note_text(match.group(1)), text.count("\n", start, match.start())))
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
    if _is_natural_transition(line, clean, bool(notes_found)):
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


def scene_fields(text: str) -> tuple[str | None, str | None, str | None, str | None, bool]:
    """``(time, time_raw, interior, location, flashback)`` of ``INT. HOUSE - NIGHT``."""
    interior = None
    rest = text
    if match := _HEADING_RE.match(text):
        interior = _INTERIORS.get(match.group(1).lower(), "int/ext")
        rest = text[match.end() :].lstrip(" .")
    flashback = False
    if match := _FLASHBACK_RE.search(rest):
        flashback = True
        rest = rest[: match.start()].rstrip() + rest[match.end() :]
    time = time_raw = None
    if tail := _time_tail(rest):
        place, candidate = tail
        time = normalise_time(candidate) or normalise_time(
            _PAREN_TAIL_RE.sub("", candidate).strip()
        )
        if time:
            time_raw, rest = candidate, place
    return time, time_raw, interior, rest.strip() or None, flashback


def _time_tail(text: str) -> tuple[str, str] | None:
    """Split ``HOUSE - KITCHEN - NIGHT`` at its last spaced dash: ``("HOUSE - KITCHEN", "NIGHT")``.

    Scans dash runs instead of backtracking a regex, so a pathological heading stays linear.
    """
    for match in reversed(list(_DASHES_RE.finditer(text))):
        before, after = text[: match.start()], text[match.end() :]
        if before[-1:].isspace() and after[:1].isspace() and before.strip() and after.strip():
            return before.rstrip(), after.strip()
    return None


def split_boneyard(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[int]]:
    """Remove ``/* … */`` (across lines too), keeping source line numbers.

    A line left with nothing but whitespace by the removal disappears, so a boneyard
    inside a dialogue block does not split it. An unclosed ``/*`` stays as literal text;
    its line numbers are returned for the warning.
    """
    out_lines: list[str] = []
    out_numbers: list[int] = []
    unclosed: list[int] = []
    # The last line holding a "*/": past it, a "/*" cannot close (and need not be searched).
    last_close = max((k for k, line in enumerate(lines) if "*/" in line), default=-1)
    i = 0
    while i < len(lines):
        line, number = lines[i], numbers[i]
        if "/*" not in line:
            out_lines.append(line)
            out_numbers.append(number)
            i += 1
            continue
        kept: list[str] = []
        pos = 0
        current = line
        while (start := current.find("/*", pos)) >= 0:
            kept.append(current[pos:start])
            end = current.find("*/", start + 2)
            j = i
            while end < 0 and j < last_close:
                j += 1
                end = lines[j].find("*/")
            if end < 0:  # never closed: literal text
                unclosed.append(number)
                kept.append(current[start:])
                pos = len(current)
                break
            if j != i:
                i, current = j, lines[j]
            pos = end + 2
        kept.append(current[pos:])
        joined = _join_around_gap(kept)
        if joined.strip():
            out_lines.append(joined)
            out_numbers.append(number)
        i += 1
    return out_lines, out_numbers, unclosed


def _join_around_gap(pieces: list[str]) -> str:
    text = pieces[0]
    for piece in pieces[1:]:
        if text.endswith(" ") and piece.startswith(" "):
            piece = piece[1:]  # "a /* b */ c" reads "a c", not "a  c"
        text += piece
    return text


def parse_title_page(lines: Sequence[str]) -> tuple[list[tuple[str, str]], int]:
    """Title page entries and the index of the first body line (0 when there is none).

    The title page is the first block of the file when every line of it is ``Key: value``
    or an indented (3+ spaces or a tab) continuation value, and some key has a value;
    otherwise there is none.
    """
    entries: list[tuple[str, str]] = []
    values: list[str] = []
    i = 0
    while i < len(lines) and not is_blank(lines[i]):
        line = lines[i]
        key, colon, inline = line.partition(":")
        if entries and line.startswith("   "):  # tabs are already four spaces
            values.append(line.strip())
        elif colon and _TITLE_KEY_RE.fullmatch(key.rstrip()):
            if entries:
                entries[-1] = (entries[-1][0], "\n".join(values))
            entries.append((key.strip(), inline.strip()))
            values = [inline.strip()] if inline.strip() else []
        else:
            return [], 0
        i += 1
    if entries:
        entries[-1] = (entries[-1][0], "\n".join(values))
    # "FADE IN:" alone on the first line is the script's opening, not a title page.
    if not any(value for _, value in entries):
        return [], 0
    return entries, i


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
                builder.start_episode(event[1], event[2], event[3])
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
            note = _NOTE_RE.match(text, start)
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
            self.events.append(("episode", episode[0], numbers[i], episode[1]))
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


def split_joint(name: str) -> list[str]:
    """``BOB & ALICE`` or ``林晚、苏晴`` → the names; a name alone (``M&M``) → ``[name]``."""
    names, start = [], 0
    for match in _JOINT_RE.finditer(name):
        at = match.start()
        if match.group() == "&" and not (
            name[at - 1 : at].isspace() and name[at + 1 : at + 2].isspace()
        ):
            continue  # "&" joins names only with spaces around it
        names.append(name[start:at].strip())
        start = at + 1
    names.append(name[start:].strip())
    return names if all(names) else [name]


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


_FOUNTAIN_VOICES = {"VO": "voiceover", "OS": "offscreen", "OC": "offscreen"}


def fountain_voice(extension: str | None) -> str | None:
    """``voiceover`` for (V.O.), ``offscreen`` for (O.S.) / (O.C.), else ``None``."""
    if not extension:
        return None
    for part in extension.split(","):
        voice = _FOUNTAIN_VOICES.get("".join(part.replace(".", "").split()).upper())
        if voice:
            return voice
    return None


def episode_section(text: str) -> tuple[int, str | None] | None:
    """``(number, title)`` of a level-1 section ``Episode 3: Title`` (or ``第3集 标题``)."""
    if match := _EPISODE_SECTION_RE.fullmatch(text):
        return int(match.group(1)), (match.group(2) or "").strip() or None
    return zh.episode_heading(text)


# --- emphasis ---------------------------------------------------------------------------

_EMPHASIS_TOKEN_RE = re.compile(r"\\(.)|(\*{1,3}|_)", re.DOTALL)
_STYLES = {"*": ("italic",), "**": ("bold",), "***": ("bold", "italic"), "_": ("underline",)}
_STYLE_NAMES = ("bold", "italic", "underline")


def parse_emphasis(text: str) -> list[tuple[str, frozenset[str]]]:
    """Split one line of Fountain text into ``(text, styles)`` spans.

    ``*italic*``, ``**bold**``, ``***bold italic***``, ``_underline_``; a backslash
    escapes the next character. A delimiter opens only before a non-space and closes
    only after one, so ``*69 and then *23`` has no italics. A closer pairs with the
    nearest open delimiter of its kind, and delimiters opened inside that pair and left
    open become literal (as in Markdown). Styles do not cross line breaks: call it per line.
    """
    # Tokens: literal strings, or [delimiter, can_open, can_close].
    tokens: list[Any] = []
    pos = 0
    for match in _EMPHASIS_TOKEN_RE.finditer(text):
        if match.start() > pos:
            tokens.append(text[pos : match.start()])
        if match.group(1) is not None:
            tokens.append(match.group(1))
        else:
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            tokens.append([match.group(2), not after.isspace(), not before.isspace()])
        pos = match.end()
    if pos < len(text):
        tokens.append(text[pos:])
    # One stack per delimiter keeps pairing linear; a difference array per style keeps
    # marking nested ranges linear.
    stacks: dict[str, list[int]] = {delim: [] for delim in _STYLES}
    starts: dict[str, list[int]] = {style: [0] * (len(tokens) + 1) for style in _STYLE_NAMES}
    matched: set[int] = set()
    for index, token in enumerate(tokens):
        if isinstance(token, str):
            continue
        delim, can_open, can_close = token
        if can_close and stacks[delim]:
            opener = stacks[delim].pop()
            for stack in stacks.values():  # openers inside the pair stay literal
                while stack and stack[-1] > opener:
                    stack.pop()
            matched.update((opener, index))
            for style in _STYLES[delim]:
                starts[style][opener + 1] += 1
                starts[style][index] -= 1
        elif can_open:
            stacks[delim].append(index)
    spans: list[tuple[str, frozenset[str]]] = []
    depth = dict.fromkeys(_STYLE_NAMES, 0)
    for index, token in enumerate(tokens):
        for style in _STYLE_NAMES:
            depth[style] += starts[style][index]
        if index in matched:
            continue
        piece = token if isinstance(token, str) else token[0]
        styles = frozenset(style for style, count in depth.items() if count > 0)
        if spans and spans[-1][1] == styles:
            spans[-1] = (spans[-1][0] + piece, styles)
        else:
            spans.append((piece, styles))
    return spans


def plain_text(text: str) -> str:
    """Text without emphasis markup, escapes and inline notes."""
    if "[[" in text:
        text = _NOTE_RE.sub("", text)
    if not any(c in text for c in "*_\\"):
        return text
    return "\n".join(
        "".join(piece for piece, _ in parse_emphasis(line)) for line in text.split("\n")
    )


def parse(text: str) -> Document:
    """Parse Fountain text. Never raises on any text."""
    return _FountainParser().run(text)
