"""The parsed script document: one model for Fountain and Chinese-convention scripts.

A document is a series: optional title page and pre-matter, then episodes, each holding
scenes, each holding elements in reading order. Everything the platform computes
(runtime, hooks, characters, locations, search text, fingerprints) is derived from it.

This module holds the types and the vocabulary both parsers share. Around it:

- :mod:`.builder`: :class:`DocumentBuilder`, through which both parsers build documents
  (pre-matter, episode and scene numbering checks, hooks and paywalls, flashback balance);
- :mod:`.derive`: speeches, characters and locations derived from a document;
- :mod:`.serialize`: equivalence and the JSON form (docs/parsed-document-schema.md).

Their public names are re-exported at the end of this module, where callers have always
imported them from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

__all__ = [
    "NON_CHARACTER_SPEAKERS", "NOTE_RE", "SCHEMA_VERSION", "SPEECH_PARTS", "WARNING_MESSAGES",
    "CharacterBio", "CharacterInfo", "Document", "DocumentBuilder", "Element", "ElementType",
    "Episode", "LocationInfo", "ParseWarning", "Scene", "Speeches", "WarningCode", "bio_age",
    "canonical", "characters", "chinese_to_int", "derived_hook", "element_to_json",
    "equivalent", "hook_marker", "iter_speeches", "locations", "normalise_time",
    "speech_counts", "to_json",
]  # fmt: skip


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
    # How the source wrote it, where the model keeps less (a pre-matter header written
    # alone on its line: "大纲", "【大纲】"). Like ``line`` it describes the text, not the
    # script: ``equivalent`` and the JSON ignore it; renderers of the same format use it.
    written: str | None = None

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
    # The heading as written ("第1集 三号窗口", "Episode 1: Pilot"): a source form like
    # ``line``, ignored by ``equivalent`` and the JSON, written back by the renderer.
    written: str | None = None

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


# --- re-exports -------------------------------------------------------------------------
# These modules import the types above, so they are imported last.

from .builder import DocumentBuilder, derived_hook, hook_marker  # noqa: E402
from .derive import Speeches, characters, iter_speeches, locations, speech_counts  # noqa: E402
from .fountain_inline import NOTE_RE  # noqa: E402
from .serialize import SCHEMA_VERSION, canonical, element_to_json, equivalent, to_json  # noqa: E402
