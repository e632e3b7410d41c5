"""What the Final Draft reader and writer agree on: paragraph types and our extensions.

Final Draft has paragraph types for the screenplay (Scene Heading, Action, Character,
Parenthetical, Dialogue, Transition, Shot, General, New Act, End of Act). The elements it
has none for travel as *custom paragraph types*, Final Draft's own extension point: a
file declares them in ``ElementSettings`` and Final Draft shows, prints and keeps them
like its own (the writer's notes travel as ``ScriptNote``).
"""

from __future__ import annotations

import re

from scripts_app.document import ElementType

T = ElementType

# <ScriptConvention Format="zh"/>: which script format the file was written from. Final
# Draft ignores the element (and drops it when it saves the file again; the reader then
# detects the format from the text).
CONVENTION_TAG = "ScriptConvention"
# On a Parenthetical of a Chinese-convention speech: the hint was written after the colon
# (角色：（提示）台词), so it is a parenthetical of its own, not the speaker's delivery
# hint (角色（提示）：台词), which is the first Parenthetical of a speech without it.
AFTER_COLON = "AfterColon"
# On Lyrics right after a speech that nobody sings (a Fountain ~lyric of its own).
OUTSIDE_SPEECH = "OutsideSpeech"

CUSTOM_TYPES: dict[ElementType, str] = {
    T.LYRIC: "Lyrics",
    T.SYNOPSIS: "Synopsis",
    T.CAST: "Cast List",
    T.BIO: "Character Bio",
    T.SUBTITLE: "Subtitle",
    T.FLASHBACK_START: "Flashback",
    T.FLASHBACK_END: "Flashback End",
    T.INSERT: "Insert",
    T.BLACK_SCREEN: "Black Screen",
    T.CUT: "Cut",
    T.HOOK: "Hook",
    T.PAYWALL: "Paywall",
}
TYPE_OF_CUSTOM = {name: kind for kind, name in CUSTOM_TYPES.items()}
# Sections (Fountain `#`, Chinese 大纲 / 人物小传 headers): "Section" is level 1.
SECTION_TYPE_RE = re.compile(r"Section(?: ([1-9][0-9]?))?")


def section_type(level: int) -> str:
    return "Section" if level <= 1 else f"Section {level}"


# How each custom type looks in Final Draft: (alignment, left and right indent in inches,
# font style, lines of space before).
CUSTOM_LAYOUT: dict[str, tuple[str, float, float, str, int]] = {
    "Lyrics": ("Left", 2.50, 6.00, "Italic", 0),
    "Synopsis": ("Left", 1.50, 7.50, "Italic", 1),
    "Cast List": ("Left", 1.50, 7.50, "", 0),
    "Character Bio": ("Left", 1.50, 7.50, "", 1),
    "Subtitle": ("Center", 1.50, 7.50, "", 1),
    "Flashback": ("Left", 1.50, 7.50, "Bold", 1),
    "Flashback End": ("Left", 1.50, 7.50, "Bold", 1),
    "Insert": ("Left", 1.50, 7.50, "", 1),
    "Black Screen": ("Left", 1.50, 7.50, "Bold", 1),
    "Cut": ("Left", 1.50, 7.50, "Bold", 1),
    "Hook": ("Left", 1.50, 7.50, "Bold", 1),
    "Paywall": ("Left", 1.50, 7.50, "Bold", 1),
    "Section": ("Left", 1.50, 7.50, "Bold+Underline", 1),
}
