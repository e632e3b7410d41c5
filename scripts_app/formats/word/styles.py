"""The Word styles our export writes, and what the importer learns from a file's styles.

Every kind of line has a named paragraph style, ``剧本 <Kind>`` for Chinese-convention
scripts and ``Screenplay <Kind>`` for Fountain scripts (``剧本 Scene``, ``Screenplay
Character``): Word users see the structure and can restyle it, and the importer knows
the script format and which paragraphs are headings. The format is also recorded as the
custom document property ``ScriptFormat`` (File › Properties › Custom in Word).
"""

from __future__ import annotations

from dataclasses import dataclass

STYLE_PREFIXES = {"zh": "剧本 ", "fountain": "Screenplay "}
FORMAT_PROPERTY = "ScriptFormat"

# Kinds of line whose styles are headings (Word's navigation pane shows them; the
# importer reads their text as a heading). Value: Word outline level.
HEADING_KINDS = {"title": 0, "episode": 0, "section": 0, "scene": 1}


def style_name(fmt: str, kind: str) -> str:
    return STYLE_PREFIXES[fmt] + kind.title()


@dataclass(frozen=True, slots=True)
class StyleInfo:
    """What a paragraph style says about its paragraphs."""

    fmt: str | None  # the script format, for one of our styles
    kind: str | None  # our kind of line ("scene", "character"…), lower case
    heading: bool  # one of ours that is a heading, a Word heading or title, or outlined
    bold: bool


def our_style(name: str) -> tuple[str, str] | None:
    """``(format, kind)`` for one of our style names, else ``None``."""
    for fmt, prefix in STYLE_PREFIXES.items():
        if name.startswith(prefix) and len(name) > len(prefix):
            return fmt, name[len(prefix) :].lower()
    return None


def is_word_heading(name: str) -> bool:
    """Word's built-in headings (stored in English whatever the UI language) and the
    names Chinese templates give their own (标题 1, 标题)."""
    lowered = name.lower()
    return lowered.startswith(("heading", "title", "标题"))
