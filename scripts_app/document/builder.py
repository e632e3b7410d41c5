"""Assembling a document: the rules both parsers share.

Both parsers feed elements in reading order to a :class:`DocumentBuilder`, which decides
where content before the first episode goes, checks episode and scene numbering, keeps
flashbacks balanced, and sets each episode's hook and paywall flag from its markers
(:func:`hook_marker`).
"""

from __future__ import annotations

import re
from typing import Any

from .fountain_inline import NOTE_RE
from .model import WARNING_MESSAGES, Document, Element, Episode, ParseWarning, Scene, WarningCode
from .model import ElementType as T
from .model import WarningCode as W

# Element types the builder watches (hooks, paywalls, flashback balance).
_TRACKED = frozenset({T.HOOK, T.PAYWALL, T.NOTE, T.FLASHBACK_START, T.FLASHBACK_END})

# --- hooks and paywalls -----------------------------------------------------------------

_NOTE_HOOK_RE = re.compile(r"\s*(HOOK|PAYWALL)\s*(?:[:：](.*))?", re.IGNORECASE | re.DOTALL)


def _note_hook(text: str) -> tuple[str | None, bool] | None:
    match = _NOTE_HOOK_RE.fullmatch(text)
    if not match:
        return None
    return ((match.group(2) or "").strip() or None, match.group(1).upper() == "PAYWALL")


def hook_marker(element: Element) -> tuple[str | None, bool] | None:
    """``(hook text, is paywall)`` if the element marks the episode's hook, else ``None``.

    Markers: 【卡点】 / 【付费卡点】 elements, and notes reading ``HOOK: …`` or
    ``PAYWALL[: …]`` (standalone, inline ``[[…]]``, or attached to a cue or heading).
    """
    kind = element.type
    if kind == T.HOOK:
        return (element.text or None, False)
    if kind == T.PAYWALL:
        return (element.text or None, True)
    if kind == T.NOTE:
        return _note_hook(element.text)
    found = None
    if "[[" in element.text:
        for inner in NOTE_RE.findall(element.text):
            found = _note_hook(inner) or found
    for note in element.extra.get("notes", ()):
        found = _note_hook(note) or found
    return found


def _with_marker(
    hook: str | None, paywall: bool, marker: tuple[str | None, bool]
) -> tuple[str | None, bool]:
    """Fold one more marker into ``(hook, paywall)``.

    The last marker's text is the hook (a bare ``[[PAYWALL]]`` keeps the one before it),
    and any paywall marker makes the episode the paywall.
    """
    text, is_paywall = marker
    return (text if text is not None else hook), paywall or is_paywall


def derived_hook(episode: Episode) -> tuple[str | None, bool]:
    """The hook and paywall flag the episode's own markers give (the builder's rule)."""
    hook, paywall = None, False
    for element in episode.iter_elements():
        if (marker := hook_marker(element)) is not None:
            hook, paywall = _with_marker(hook, paywall, marker)
    return hook, paywall


# --- assembling a document --------------------------------------------------------------


class DocumentBuilder:
    """Assembles a document in reading order and records warnings.

    Content before the first episode heading is pre-matter when the source has episode
    headings; otherwise it opens an implicit episode 1. A scene before the first heading
    of a source that has headings opens an implicit episode 0 (warning
    ``scene_outside_episode``).
    """

    def __init__(self, fmt: str, *, has_episode_headings: bool) -> None:
        self.doc = Document(format=fmt)
        self._has_headings = has_episode_headings
        self._episode: Episode | None = None
        self._scene: Scene | None = None
        self._fresh_episode = False  # nothing added since the episode heading
        self._previous_number: int | None = None
        self._seen_episodes: set[int] = set()
        self._seen_scenes: set[str] = set()
        self._flashback_lines: list[int] = []

    @property
    def episode(self) -> Episode | None:
        return self._episode

    @property
    def scene(self) -> Scene | None:
        return self._scene

    @property
    def episode_is_fresh(self) -> bool:
        """An explicit episode has just started and nothing was added to it yet."""
        return self._episode is not None and self._fresh_episode

    def warn(self, line: int, code: WarningCode, **params: Any) -> None:
        message = WARNING_MESSAGES[code].format(**params)
        self.doc.warnings.append(ParseWarning(line, code, message, params))

    def start_episode(
        self, number: int, line: int, title: str | None = None, written: str | None = None
    ) -> None:
        self._close_episode()
        if number in self._seen_episodes:
            self.warn(line, W.DUPLICATE_EPISODE_NUMBER, number=number)
        elif self._previous_number is not None and number < self._previous_number:
            self.warn(line, W.EPISODE_OUT_OF_ORDER, number=number, previous=self._previous_number)
        elif self._previous_number is not None and number > self._previous_number + 1:
            self.warn(line, W.EPISODE_NUMBER_GAP, number=number, previous=self._previous_number)
        self._previous_number = number
        self._seen_episodes.add(number)
        self._open_episode(Episode(number=number, line=line, title=title, written=written))

    def start_scene(self, scene: Scene) -> None:
        if self._episode is None:
            if self._has_headings:
                self.warn(scene.line, W.SCENE_OUTSIDE_EPISODE)
            self._open_episode(self._implicit_episode(scene.line))
        episode = self._episode
        assert episode is not None
        if scene.number is not None:
            if scene.number in self._seen_scenes:
                self.warn(
                    scene.line,
                    W.DUPLICATE_SCENE_NUMBER,
                    number=scene.number,
                    episode=episode.number,
                )
            self._seen_scenes.add(scene.number)
        episode.scenes.append(scene)
        self._scene = scene
        self._fresh_episode = False

    def add(self, element: Element) -> None:
        """Add an element where reading order puts it; track hooks and flashbacks."""
        episode = self._episode
        if episode is None:
            if self._has_headings:
                self.add_prematter(element)
                if hook_marker(element) is not None:
                    self.warn(element.line, W.HOOK_OUTSIDE_EPISODE)
                return
            episode = self._open_episode(self._implicit_episode(element.line))
        if self._fresh_episode:
            self._fresh_episode = False
            if element.type == T.SYNOPSIS and episode.synopsis is None:
                episode.synopsis = element.text
                return
        if self._scene is not None:
            self._scene.elements.append(element)
        else:
            episode.elements_before_first_scene.append(element)
        if element.type in _TRACKED or "[[" in element.text or "notes" in element.extra:
            self._track(element, episode)

    def add_prematter(self, element: Element) -> None:
        self.doc.prematter.append(element)

    def finish(self) -> Document:
        self._close_episode()
        return self.doc

    def _implicit_episode(self, line: int) -> Episode:
        return Episode(number=0 if self._has_headings else 1, line=line, implicit=True)

    def _open_episode(self, episode: Episode) -> Episode:
        self.doc.episodes.append(episode)
        self._episode = episode
        self._scene = None
        self._fresh_episode = not episode.implicit
        self._seen_scenes = set()
        self._flashback_lines = []
        return episode

    def _close_episode(self) -> None:
        episode = self._episode
        if episode is None:
            return
        if self._flashback_lines:
            self.warn(self._flashback_lines[0], W.UNCLOSED_FLASHBACK)
        if not episode.scenes and not episode.elements_before_first_scene:
            self.warn(episode.line, W.EMPTY_EPISODE, number=episode.number)

    def _track(self, element: Element, episode: Episode) -> None:
        kind = element.type
        if kind == T.FLASHBACK_START:
            self._flashback_lines.append(element.line)
        elif kind == T.FLASHBACK_END:
            if self._flashback_lines:
                self._flashback_lines.pop()
            else:
                self.warn(element.line, W.UNMATCHED_FLASHBACK_END)
        if (marker := hook_marker(element)) is not None:
            episode.hook, episode.is_paywall = _with_marker(
                episode.hook, episode.is_paywall, marker
            )
