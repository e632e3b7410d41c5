"""Fountain emphasis as styled spans and back.

Reading uses the parser's own :func:`scripts_app.document.fountain.parse_emphasis`, so
exports style exactly what the parser would; writing (for imported Final Draft runs)
checks its result against that reader and escapes only when needed.
"""

from __future__ import annotations

from scripts_app.document.fountain import parse_emphasis

Span = tuple[str, frozenset[str]]  # text, styles from {"bold", "italic", "underline"}

_NO_STYLE: frozenset[str] = frozenset()


def spans(text: str) -> list[list[Span]]:
    """Styled spans of each line of ``text`` (emphasis never crosses a line break)."""
    return [parse_emphasis(line) for line in text.split("\n")]


def to_fountain(runs: list[Span]) -> str:
    """Fountain text whose emphasis reads back as ``runs`` (lines split on ``\\n``)."""
    lines: list[list[Span]] = [[]]
    for text, styles in runs:
        first, *rest = text.split("\n")
        lines[-1].append((first, styles))
        lines.extend([(piece, styles)] for piece in rest)
    return "\n".join(_line_to_fountain(line) for line in lines)


def _line_to_fountain(runs: list[Span]) -> str:
    target = _normalise(runs)
    for escape in (False, True):
        candidate = "".join(_delimited(text, styles, escape) for text, styles in target)
        if _normalise(parse_emphasis(candidate)) == target:
            return candidate
    # Styles that cannot be expressed (e.g. bold directly against bold italic) are
    # dropped rather than risk changing the words.
    return "".join(_escape(text) for text, _ in target)


def _normalise(runs: list[Span]) -> list[Span]:
    """Merge neighbours of one style; spaces at a run's edges carry no emphasis in Fountain."""
    pieces: list[Span] = []
    for text, styles in runs:
        core = text.strip()
        if not styles or not core:
            pieces.append((text, _NO_STYLE))
            continue
        start = text.index(core)
        pieces += [
            (text[:start], _NO_STYLE),
            (core, styles),
            (text[start + len(core) :], _NO_STYLE),
        ]
    merged: list[Span] = []
    for text, styles in pieces:
        if not text:
            continue
        if merged and merged[-1][1] == styles:
            merged[-1] = (merged[-1][0] + text, styles)
        else:
            merged.append((text, styles))
    return merged


def _delimited(text: str, styles: frozenset[str], escape: bool) -> str:
    body = _escape(text) if escape else text
    if not styles:
        return body
    # _normalise left no spaces at the edges: delimiters must touch non-space characters.
    stars = ("**" if "bold" in styles else "") + ("*" if "italic" in styles else "")
    under = "_" if "underline" in styles else ""
    return f"{under}{stars}{body}{stars}{under}"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
