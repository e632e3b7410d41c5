"""Line-level Fountain syntax, shared by the parser, the renderer and format detection.

What one line is (blank, a character cue, a scene heading and its fields, a transition,
centered text, an episode section), and the two passes over the raw lines that run
before paragraphs are read: boneyard removal and the title page. The paragraph grammar
that puts these together is in :mod:`.fountain`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import normalise_time
from .zh_lines import episode_heading

_HEADING_RE = re.compile(r"(int\.?/ext|i/e|int|ext|est)[. ]", re.IGNORECASE)
_INTERIORS = {"int": "int", "ext": "ext", "est": "ext"}  # anything else is int/ext
_DASHES_RE = re.compile(r"[-–—]+")
_FLASHBACK_RE = re.compile(r"\((?:FLASHBACK|闪回|回忆)\)", re.IGNORECASE)
_PAREN_TAIL_RE = re.compile(r"\([^()]*\)$")
_TITLE_KEY_RE = re.compile(r"[^\W_][\w '.\-]*")
_EPISODE_SECTION_RE = re.compile(r"episode\s+([0-9]+)\s*(?::\s*(.*))?", re.IGNORECASE)
_EXTENSIONS_RE = re.compile(r"(?:\s*\([^()]*\))+\s*")
_EXTENSION_RE = re.compile(r"\(([^()]*)\)")
_JOINT_RE = re.compile(r"[&、＆]")
_FOUNTAIN_VOICES = {"VO": "voiceover", "OS": "offscreen", "OC": "offscreen"}


def is_blank(line: str) -> bool:
    """Empty or whitespace only, except the spec's two-space line that joins a block."""
    return not line or (line != "  " and line.isspace())


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


def is_natural_transition(line: str, clean: str, had_notes: bool) -> bool:
    """An uppercase line ending in ``TO:``; ``clean`` is the line without inline notes."""
    # Trailing spaces after "TO:" make the line action (the spec's un-transition device).
    return clean.isupper() and (clean if had_notes else line).endswith("TO:")


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
    return episode_heading(text)


# --- passes over the raw lines ----------------------------------------------------------


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
