"""Fountain inline markup: ``[[notes]]``, emphasis and backslash escapes.

Element texts keep this markup exactly as written; these functions interpret it for
whoever needs it (the parser for notes on cue and heading lines, renderers for styles,
the analyser for countable text). No imports from the package, so every module may use it.
"""

from __future__ import annotations

import re
from typing import Any

# A note: [[ … ]] whose text holds neither "[[" nor "]]". In "[[a [[b]]" the note is "b".
# Excluding the delimiters from the text also keeps every scan linear: a "[[" that never
# closes stops the regex at the next "[[" instead of at the end of the script.
NOTE_RE = re.compile(r"\[\[((?:[^\[\]]|\[(?!\[)|\](?!\]))*)\]\]")


def strip_notes(text: str) -> tuple[str, list[str]]:
    """Remove inline ``[[notes]]``; return the text (spaces collapsed) and the notes."""
    notes = [note_text(n) for n in NOTE_RE.findall(text)]
    return " ".join(NOTE_RE.sub(" ", text).split()), notes


def note_text(inner: str) -> str:
    """The text of a note from what is between ``[[`` and ``]]``: each line trimmed."""
    return "\n".join(part.strip() for part in inner.split("\n")).strip()


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
        text = NOTE_RE.sub("", text)
    if not any(c in text for c in "*_\\"):
        return text
    return "\n".join(
        "".join(piece for piece, _ in parse_emphasis(line)) for line in text.split("\n")
    )
