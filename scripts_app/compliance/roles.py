"""Which lines of a script are addressed to the viewer, which are the story, and where
the episode titles are: read from the parsed document, the one definition of a line's kind.

Addressed to the viewer: narration (旁白, NARRATOR), voice-over and off-screen voices (VO,
画外音, V.O.), inner voice (OS, which micro-dramas play straight to the audience),
captions (字幕), black-screen cards, centred text, and hook and paywall lines (【卡点】,
【付费卡点】, ``[[HOOK: …]]``). Everything a character says in a scene is dialogue, and
what the camera shows is action, phone screens (【手机屏幕】) included: a character who
tops up a game inside the story is not talking to the viewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts_app.compliance.engine import ACTION, DIALOGUE, OTHER, VIEWER
from scripts_app.document.model import NON_CHARACTER_SPEAKERS, Document, Element, hook_marker
from scripts_app.document.model import ElementType as T

_VIEWER_TYPES = frozenset({T.SUBTITLE, T.HOOK, T.PAYWALL, T.BLACK_SCREEN, T.CENTERED})
_SPEAKING = frozenset({T.CHARACTER, T.DIALOGUE, T.PARENTHETICAL, T.LYRIC})
_VIEWER_VOICES = frozenset({"inner", "offscreen", "voiceover"})


@dataclass
class LineLayout:
    roles: dict[int, str] = field(default_factory=dict)
    # Episode heading lines: the title linter checks their titles with the title rules.
    title_lines: set[int] = field(default_factory=set)
    # (episode number, heading line, title)
    episode_titles: list[tuple[int, int, str]] = field(default_factory=list)


def _role(element: Element) -> str:
    if element.type in _VIEWER_TYPES or hook_marker(element) is not None:
        return VIEWER
    if element.type in _SPEAKING:
        speaker = (element.speaker or "").upper()
        if speaker in NON_CHARACTER_SPEAKERS or element.extra.get("voice") in _VIEWER_VOICES:
            return VIEWER
        return DIALOGUE
    if element.type in (T.ACTION, T.INSERT, T.FLASHBACK_START, T.FLASHBACK_END):
        return ACTION
    return OTHER


def line_layout(doc: Document) -> LineLayout:
    layout = LineLayout()
    for episode in doc.episodes:
        if not episode.implicit:
            layout.title_lines.add(episode.line)
            if episode.title:
                layout.episode_titles.append((episode.number, episode.line, episode.title))
        for element in episode.iter_elements():
            role = _role(element)
            for offset in range(element.text.count("\n") + 1):
                layout.roles.setdefault(element.line + offset, role)
    return layout
