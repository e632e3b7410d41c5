"""The parsed script document: one model for Fountain and Chinese-convention scripts.

A document is a series: optional title page and pre-matter, then episodes, each holding
scenes, each holding elements in reading order. Everything the platform computes
(runtime, hooks, characters, locations, search text, fingerprints) is derived from it.

Both parsers build documents through :class:`DocumentBuilder`, which owns the rules they
share: where content before the first episode goes, episode and scene numbering checks,
hooks and paywalls, and flashback balance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple


class ElementType(StrEnum):
    """Element types. A ``StrEnum``, so members compare equal to their string values."""

    ACTION = "action"
    # Fountain only: the cue line that opens a speech. Chinese scripts have none;
    # there each dialogue element is a speech of its own.
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    LYRIC = "lyric"
    TRANSITION = "transition"
    CENTERED = "centered"
    NOTE = "note"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    PAGE_BREAK = "page_break"
    # Chinese convention: 人物： lines, 人物小传 entries and the bracketed markers.
    CAST = "cast"
    BIO = "bio"
    SUBTITLE = "subtitle"
    FLASHBACK_START = "flashback_start"
    FLASHBACK_END = "flashback_end"
    INSERT = "insert"
    BLACK_SCREEN = "black_screen"
    CUT = "cut"
    HOOK = "hook"
    PAYWALL = "paywall"


T = ElementType

# Speaking-element types that belong to the speech opened before them.
SPEECH_PARTS = frozenset({T.DIALOGUE, T.PARENTHETICAL, T.LYRIC})

# Element types the builder watches (hooks, paywalls, flashback balance).
_TRACKED = frozenset({T.HOOK, T.PAYWALL, T.NOTE, T.FLASHBACK_START, T.FLASHBACK_END})

# Voices that speak but are not characters of the story.
NON_CHARACTER_SPEAKERS = frozenset({"旁白", "画外音", "NARRATOR", "NARRATION"})


class WarningCode(StrEnum):
    """Stable machine codes; the Django layer translates by code (see docs/script-formats.md)."""

    UNCLOSED_BONEYARD = "unclosed_boneyard"
    UNCLOSED_NOTE = "unclosed_note"
    MISSING_BLANK_LINE = "missing_blank_line"
    ORPHAN_DUAL_DIALOGUE = "orphan_dual_dialogue"
    SCENE_OUTSIDE_EPISODE = "scene_outside_episode"
    HOOK_OUTSIDE_EPISODE = "hook_outside_episode"
    DIALOGUE_WITHOUT_SPEAKER = "dialogue_without_speaker"
    DIALOGUE_WITHOUT_SPEECH = "dialogue_without_speech"
    DUPLICATE_SCENE_NUMBER = "duplicate_scene_number"
    SCENE_EPISODE_MISMATCH = "scene_episode_mismatch"
    DUPLICATE_EPISODE_NUMBER = "duplicate_episode_number"
    EPISODE_OUT_OF_ORDER = "episode_out_of_order"
    EPISODE_NUMBER_GAP = "episode_number_gap"
    EMPTY_EPISODE = "empty_episode"
    UNCLOSED_FLASHBACK = "unclosed_flashback"
    UNMATCHED_FLASHBACK_END = "unmatched_flashback_end"
    INVALID_UTF8 = "invalid_utf8"


W = WarningCode

WARNING_MESSAGES: dict[WarningCode, str] = {
    W.UNCLOSED_BONEYARD: "'/*' is never closed by '*/'; the text is kept as written.",
    W.UNCLOSED_NOTE: "'[[' is never closed by ']]' in this paragraph; the text is kept as written.",
    W.MISSING_BLANK_LINE: "The {element} is not followed by a blank line.",
    W.ORPHAN_DUAL_DIALOGUE: "Dual dialogue '^' without a speech right before it.",
    W.SCENE_OUTSIDE_EPISODE: "Scene before the first episode heading.",
    W.HOOK_OUTSIDE_EPISODE: "Hook or paywall marker before the first episode.",
    W.DIALOGUE_WITHOUT_SPEAKER: "Dialogue line without a speaker name before the colon.",
    W.DIALOGUE_WITHOUT_SPEECH: "'{speaker}' has a colon but no speech follows.",
    W.DUPLICATE_SCENE_NUMBER: "Scene number {number} is used twice in episode {episode}.",
    W.SCENE_EPISODE_MISMATCH: "Scene {number} is inside episode {episode}.",
    W.DUPLICATE_EPISODE_NUMBER: "Episode {number} appears more than once.",
    W.EPISODE_OUT_OF_ORDER: "Episode {number} comes after episode {previous}.",
    W.EPISODE_NUMBER_GAP: "Episode {number} follows episode {previous}; episodes are missing.",
    W.EMPTY_EPISODE: "Episode {number} has no content.",
    W.UNCLOSED_FLASHBACK: "Flashback is not closed before the episode ends.",
    W.UNMATCHED_FLASHBACK_END: "Flashback end without a flashback start.",
    W.INVALID_UTF8: "The file is not valid UTF-8; undecodable bytes were replaced.",
}


@dataclass(slots=True, frozen=True)
class ParseWarning:
    """A problem found in the source text. ``message`` is English; ``params`` fill it."""

    line: int
    code: WarningCode
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Element:
    """One element of a script in reading order.

    ``speaker`` and ``cue`` are set on speaking elements (character, dialogue,
    parenthetical, and lyrics sung inside a speech). ``cue`` is the extension or
    delivery hint written next to the name (``V.O.``, ``CONT'D``, ``OS``, ``冷笑``).
    ``extra`` holds type-specific details, documented in docs/parsed-document-schema.md.
    """

    type: ElementType
    text: str
    line: int
    speaker: str | None = None
    cue: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def speakers(self) -> list[str]:
        """Everyone who speaks this element: all names of a joint (异口同声) line."""
        joint = self.extra.get("joint")
        if joint:
            return list(joint)
        return [self.speaker] if self.speaker else []


@dataclass(slots=True)
class Scene:
    """A scene: its heading fields and elements.

    ``heading`` is the heading text as written, without the scene number. ``time`` is
    normalised (see :func:`normalise_time`); ``time_raw`` keeps the written word.
    ``interior`` is ``"int"``, ``"ext"``, ``"int/ext"`` or ``None``.
    """

    number: str | None
    heading: str
    line: int
    time: str | None = None
    time_raw: str | None = None
    interior: str | None = None
    location: str | None = None
    flashback: bool = False
    elements: list[Element] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cast(self) -> list[str]:
        """Names listed on the scene's 人物： lines, in order, without repeats."""
        names: dict[str, None] = {}
        for element in self.elements:
            if element.type == T.CAST:
                names.update(dict.fromkeys(element.extra.get("names", ())))
        return list(names)


@dataclass(slots=True)
class Episode:
    """An episode. ``implicit`` episodes have no heading in the source (see docs)."""

    number: int
    line: int
    title: str | None = None
    synopsis: str | None = None
    hook: str | None = None
    is_paywall: bool = False
    implicit: bool = False
    elements_before_first_scene: list[Element] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)

    def iter_elements(self) -> Iterator[Element]:
        yield from self.elements_before_first_scene
        for scene in self.scenes:
            yield from scene.elements


class CharacterBio(NamedTuple):
    """A 人物小传 entry."""

    name: str
    age: int | None
    description: str
    line: int


@dataclass(slots=True)
class CharacterInfo:
    """A character: speeches (turns), the episodes they speak or are listed in."""

    name: str
    speeches: int
    episodes: list[int]
    scenes: int
    first_line: int


@dataclass(slots=True)
class LocationInfo:
    """A location with scene counts by normalised time and by interior/exterior."""

    name: str
    scenes: int
    episodes: list[int]
    times: dict[str, int]
    interiors: dict[str, int]


@dataclass(slots=True)
class Document:
    """A parsed series. ``format`` is ``"fountain"`` or ``"zh"``."""

    format: str
    title: str | None = None
    title_page: list[tuple[str, str]] = field(default_factory=list)
    prematter: list[Element] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def character_bios(self) -> list[CharacterBio]:
        """The 人物小传 entries of the pre-matter."""
        return [
            CharacterBio(e.speaker or "", bio_age(e), e.text, e.line)
            for e in self.prematter
            if e.type == T.BIO
        ]

    @property
    def scenes(self) -> list[Scene]:
        return [scene for episode in self.episodes for scene in episode.scenes]

    def iter_elements(self) -> Iterator[Element]:
        """Every element of every episode (not the pre-matter), in reading order."""
        for episode in self.episodes:
            yield from episode.iter_elements()

    @property
    def speech_counts(self) -> dict[str, int]:
        """Speeches per speaker, narrators included; a joint line counts for each name."""
        return speech_counts(self)

    @property
    def characters(self) -> list[CharacterInfo]:
        """Characters who speak or are listed on 人物： lines, most speeches first."""
        return characters(self)

    @property
    def locations(self) -> list[LocationInfo]:
        """Locations in order of first appearance."""
        return locations(self)


# --- shared vocabulary ------------------------------------------------------------------

_TIME_WORDS: dict[str, str] = {
    **dict.fromkeys(("DAY", "MORNING", "AFTERNOON", "NOON", "DAYTIME"), "day"),
    **dict.fromkeys(("日", "白天", "上午", "中午", "下午", "午", "午后", "白日"), "day"),
    **dict.fromkeys(("NIGHT", "MIDNIGHT", "LATE NIGHT", "NIGHTTIME"), "night"),
    **dict.fromkeys(("夜", "夜晚", "晚上", "晚", "深夜", "凌晨", "午夜", "雨夜", "夜里"), "night"),
    **dict.fromkeys(("DAWN", "SUNRISE", "EARLY MORNING", "DAYBREAK"), "dawn"),
    **dict.fromkeys(("晨", "清晨", "早晨", "早上", "早", "黎明", "拂晓"), "dawn"),
    **dict.fromkeys(("DUSK", "SUNSET", "EVENING", "TWILIGHT"), "dusk"),
    **dict.fromkeys(("暮", "黄昏", "傍晚", "日暮"), "dusk"),
    **dict.fromkeys(("CONTINUOUS", "CONT", "SAME", "SAME TIME"), "continuous"),
    **dict.fromkeys(("LATER", "MOMENTS LATER", "A MOMENT LATER"), "later"),
}


def normalise_time(raw: str) -> str | None:
    """Map a time-of-day word (English or Chinese) to day/night/dawn/dusk/continuous/later."""
    return _TIME_WORDS.get(raw.strip().upper())


_AGE_ONLY_RE = re.compile(r"\s*(\d+)\s*")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_to_int(text: str) -> int | None:
    """Parse Arabic digits or Chinese numerals (十, 一百零五, 一〇五); ``None`` if neither."""
    if text.isdigit():
        try:
            return int(text)
        except ValueError:  # digits int() refuses, e.g. superscripts
            return None
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):  # digit by digit: 一〇五
        value = 0
        for c in text:
            value = value * 10 + _CN_DIGITS[c]
        return value
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:  # a unit; a bare 十 means 一十
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
    return total + (digit or 0)


_AGE_CLAUSE_RE = re.compile(r"\s*(?:约|大约)?(\d+|[零〇一二两三四五六七八九十百]+)\s*岁\s*")
_CLAUSE_SPLIT_RE = re.compile(r"[，,。；;、]")


def bio_age(element: Element) -> int | None:
    """Age of a 人物小传 entry.

    Taken from the bracket note (``林晚（28岁）``, ``（女，28）``) or else from a clause of
    the description that is only an age (``检察官，32岁，冷静``); an age inside a
    sentence ("10岁时父母双亡") is not the character's age.
    """
    clauses = _CLAUSE_SPLIT_RE.split(element.cue or "")
    if element.cue and len(clauses) == 1 and (match := _AGE_ONLY_RE.fullmatch(element.cue)):
        return int(match.group(1))
    clauses += _CLAUSE_SPLIT_RE.split(element.text)
    for clause in clauses:
        if match := _AGE_CLAUSE_RE.fullmatch(clause):
            return chinese_to_int(match.group(1))
    return None


_NOTE_HOOK_RE = re.compile(r"\s*(HOOK|PAYWALL)\s*(?:[:：](.*))?", re.IGNORECASE | re.DOTALL)
# A Fountain note: [[ … ]] whose text holds neither "[[" nor "]]". In "[[a [[b]]" the note
# is "b". Excluding the delimiters from the text also keeps every scan linear: a "[[" that
# never closes stops the regex at the next "[[" instead of at the end of the script.
NOTE_RE = re.compile(r"\[\[((?:[^\[\]]|\[(?!\[)|\](?!\]))*)\]\]")


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

    def start_episode(self, number: int, line: int, title: str | None = None) -> None:
        self._close_episode()
        if number in self._seen_episodes:
            self.warn(line, W.DUPLICATE_EPISODE_NUMBER, number=number)
        elif self._previous_number is not None and number < self._previous_number:
            self.warn(line, W.EPISODE_OUT_OF_ORDER, number=number, previous=self._previous_number)
        elif self._previous_number is not None and number > self._previous_number + 1:
            self.warn(line, W.EPISODE_NUMBER_GAP, number=number, previous=self._previous_number)
        self._previous_number = number
        self._seen_episodes.add(number)
        self._open_episode(Episode(number=number, line=line, title=title))

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


# --- derived views ----------------------------------------------------------------------


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


# --- equivalence and JSON ---------------------------------------------------------------


def _drop_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, list):
        return [_drop_lines(v) for v in value]
    return value


def canonical(doc: Document) -> dict[str, Any]:
    """The document as plain data without line numbers and warnings, for comparisons."""
    data = asdict(doc)
    del data["warnings"]
    data["title_page"] = [list(pair) for pair in data["title_page"]]
    return _drop_lines(data)


def equivalent(a: Document, b: Document) -> bool:
    """Same model, ignoring line numbers and warnings (which describe the source text)."""
    return canonical(a) == canonical(b)


def element_to_json(element: Element) -> dict[str, Any]:
    return {
        "type": str(element.type),
        "text": element.text,
        "line": element.line,
        "speaker": element.speaker,
        "cue": element.cue,
        "extra": element.extra,
    }


def _scene_to_json(scene: Scene) -> dict[str, Any]:
    return {
        "number": scene.number,
        "heading": scene.heading,
        "line": scene.line,
        "time": scene.time,
        "time_raw": scene.time_raw,
        "interior": scene.interior,
        "location": scene.location,
        "flashback": scene.flashback,
        "cast": scene.cast,
        "extra": scene.extra,
        "elements": [element_to_json(e) for e in scene.elements],
    }


def _episode_to_json(episode: Episode) -> dict[str, Any]:
    return {
        "number": episode.number,
        "title": episode.title,
        "synopsis": episode.synopsis,
        "hook": episode.hook,
        "is_paywall": episode.is_paywall,
        "implicit": episode.implicit,
        "line": episode.line,
        "elements_before_first_scene": [
            element_to_json(e) for e in episode.elements_before_first_scene
        ],
        "scenes": [_scene_to_json(s) for s in episode.scenes],
    }


SCHEMA_VERSION = 1


def to_json(doc: Document) -> dict[str, Any]:
    """The document as JSON-ready data; the shape is docs/parsed-document-schema.md."""
    return {
        "schema_version": SCHEMA_VERSION,
        "format": doc.format,
        "title": doc.title,
        "title_page": [{"key": k, "value": v} for k, v in doc.title_page],
        "prematter": [element_to_json(e) for e in doc.prematter],
        "character_bios": [
            {"name": b.name, "age": b.age, "description": b.description, "line": b.line}
            for b in doc.character_bios
        ],
        "episodes": [_episode_to_json(e) for e in doc.episodes],
        "characters": [asdict(c) for c in doc.characters],
        "locations": [asdict(loc) for loc in doc.locations],
        "speech_counts": doc.speech_counts,
        "warnings": [
            {"line": w.line, "code": str(w.code), "message": w.message, "params": w.params}
            for w in doc.warnings
        ],
    }
