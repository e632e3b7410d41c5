"""Views derived from a document: speeches, characters and locations.

:class:`~.model.Document` exposes them as properties (``speech_counts``, ``characters``,
``locations``); the analyser calls these functions directly to share one pass over the
speeches.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import (
    NON_CHARACTER_SPEAKERS,
    SPEECH_PARTS,
    CharacterInfo,
    Document,
    Element,
    Episode,
    LocationInfo,
    Scene,
)
from .model import ElementType as T


def _containers(episode: Episode) -> Iterator[tuple[Scene | None, list[Element]]]:
    yield None, episode.elements_before_first_scene
    for scene in episode.scenes:
        yield scene, scene.elements


def iter_speeches(doc: Document) -> Iterator[tuple[Episode, Scene | None, Element]]:
    """Yield the element that opens each speech.

    In Fountain a speech opens with a ``character`` element and the dialogue,
    parentheticals and lyrics after it belong to it. In Chinese scripts each
    ``dialogue`` element is a speech (a leading parenthetical does not count).
    """
    for episode in doc.episodes:
        for scene, elements in _containers(episode):
            in_block = False
            for element in elements:
                kind = element.type
                if kind == T.CHARACTER:
                    in_block = True
                    yield episode, scene, element
                elif kind in SPEECH_PARTS and in_block:
                    continue
                else:
                    in_block = False
                    if kind == T.DIALOGUE:
                        yield episode, scene, element


Speeches = list[tuple[Episode, Scene | None, Element]]


def speech_counts(doc: Document, speeches: Speeches | None = None) -> dict[str, int]:
    """Speeches per speaker; pass ``speeches`` (from :func:`iter_speeches`) to reuse them."""
    counts: dict[str, int] = {}
    for _episode, _scene, element in speeches or iter_speeches(doc):
        for name in element.speakers:
            counts[name] = counts.get(name, 0) + 1
    return counts


def characters(doc: Document, speeches: Speeches | None = None) -> list[CharacterInfo]:
    """See :attr:`Document.characters`; pass ``speeches`` to reuse them."""
    found: dict[str, CharacterInfo] = {}
    scenes: dict[str, set[int]] = {}

    def touch(name: str, episode: Episode, scene: Scene | None, line: int) -> CharacterInfo:
        info = found.get(name)
        if info is None:
            info = found[name] = CharacterInfo(name, 0, [], 0, line)
            scenes[name] = set()
        elif line < info.first_line:
            info.first_line = line
        if not info.episodes or info.episodes[-1] != episode.number:
            info.episodes.append(episode.number)  # deduplicated below
        if scene is not None:
            scenes[name].add(id(scene))
        return info

    is_character: dict[str, bool] = {}
    for episode, scene, element in speeches or iter_speeches(doc):
        for name in element.speakers:
            allowed = is_character.get(name)
            if allowed is None:
                allowed = is_character[name] = name.upper() not in NON_CHARACTER_SPEAKERS
            if allowed:
                touch(name, episode, scene, element.line).speeches += 1
    for episode in doc.episodes:
        for scene, elements in _containers(episode):
            for element in elements:
                if element.type == T.CAST:
                    for name in element.extra.get("names", ()):
                        touch(name, episode, scene, element.line)
    for name, info in found.items():
        info.scenes = len(scenes[name])
        info.episodes = sorted(set(info.episodes))
    return sorted(found.values(), key=lambda c: (-c.speeches, c.first_line))


def _location_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def locations(doc: Document) -> list[LocationInfo]:
    """See :attr:`Document.locations`."""
    found: dict[str, LocationInfo] = {}
    for episode in doc.episodes:
        for scene in episode.scenes:
            if not scene.location:
                continue
            key = _location_key(scene.location)
            info = found.get(key)
            if info is None:
                info = found[key] = LocationInfo(scene.location, 0, [], {}, {})
            info.scenes += 1
            if episode.number not in info.episodes:
                info.episodes.append(episode.number)
            time = scene.time or "unknown"
            info.times[time] = info.times.get(time, 0) + 1
            setting = scene.interior or "unknown"
            info.interiors[setting] = info.interiors.get(setting, 0) + 1
    return list(found.values())
