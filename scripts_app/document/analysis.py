"""Pure functions over a parsed document: runtime, counts, hooks, paywall, pace.

Runtime method (docs/script-formats.md, "Runtime estimate"): speech and picture are
estimated separately and summed, as proposed in the research notes (§4):

* spoken text (dialogue and sung lyrics, OS and VO included) at
  :data:`MID.cjk_per_minute` CJK characters a minute plus :data:`MID.words_per_minute`
  words a minute for Latin-script words, so mixed lines are fair to both;
* each action line (a △ line, or a line of a Fountain action paragraph) and each hook
  line lasts as long as what it describes, which grows with its length:
  :data:`MID.action_cjk_seconds` a CJK character plus :data:`MID.action_word_seconds` a
  Latin word, and never less than :data:`MID.action_floor_seconds` (a nod is still a
  shot); a long paragraph of action is no longer worth the same as `△他点头。`;
* each on-screen card (字幕, 黑屏, inserts such as 【手机屏幕】, centered text) a fixed
  :data:`MID.card_seconds`;
* each scene adds :data:`MID.scene_seconds` for the cut into it.

Headings, 人物 lines, notes, sections, synopses and parentheticals take no time. The
estimate comes with a range from :data:`FAST` and :data:`SLOW` constants, because the
constants are published rules of thumb checked against table-read timings
(tests/scripts_app/document/test_runtime_timings.py), not fitted to real cuts yet.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .fountain import strip_notes
from .model import (
    CharacterInfo,
    Document,
    Episode,
    LocationInfo,
    characters,
    hook_marker,
    iter_speeches,
    locations,
    speech_counts,
)
from .model import ElementType as T


@dataclass(slots=True, frozen=True)
class RuntimeParams:
    cjk_per_minute: float
    words_per_minute: float
    # An action line: seconds per CJK character and per Latin word it is written in,
    # and the least any shot takes.
    action_cjk_seconds: float
    action_word_seconds: float
    action_floor_seconds: float
    card_seconds: float
    scene_seconds: float


# Research §4: Mandarin conversation 120–150 chars/min, broadcast 250–270, short-drama
# delivery in the upper half; English ≈150 wpm conversational, 120–180 range. Action:
# "one page ≈ one minute" reads action at about the pace of speech, and action runs
# longer than its page share (Follows/August 2020), so a line of action lasts about as
# long as reading it aloud at a narrator's pace (≈ 240 CJK characters or 150 words a
# minute), never under 1–2.5 s for a shot; 1–2 s for a 字幕 / 黑屏 card; about 1 s per
# scene change.
MID = RuntimeParams(200, 150, 0.25, 0.4, 1.5, 1.5, 1.0)
FAST = RuntimeParams(250, 180, 0.18, 0.3, 1.0, 1.0, 0.5)
SLOW = RuntimeParams(150, 120, 0.35, 0.55, 2.5, 2.0, 1.5)

# First paywall (卡一) of an ~80-episode series: episodes 8–16 (research §3.1, lmtw.com).
TYPICAL_FIRST_PAYWALL = (8, 16)

_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_WORD_RE = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+(?:['’][A-Za-z]+)*")

# Not on screen and not script prose: excluded from counts and runtime.
_SILENT = frozenset({T.NOTE, T.SECTION, T.SYNOPSIS, T.CAST, T.BIO, T.CHARACTER, T.PAGE_BREAK})
_MARKER_TYPES = frozenset({T.HOOK, T.PAYWALL, T.NOTE})
_SPOKEN = frozenset({T.DIALOGUE, T.LYRIC})
_CARDS = frozenset({T.SUBTITLE, T.BLACK_SCREEN, T.INSERT, T.CENTERED})
# What may follow the hook line and still leave the episode "ending on a hook".
_CLOSERS = frozenset(
    {T.BLACK_SCREEN, T.CUT, T.TRANSITION, T.PAGE_BREAK, T.FLASHBACK_END, T.CENTERED}
)


@dataclass(slots=True)
class Runtime:
    """Seconds, with the fast and slow ends of the estimate."""

    seconds: float
    low: float
    high: float


@dataclass(slots=True)
class _Tally:
    spoken_cjk: int = 0
    spoken_words: int = 0
    cards: int = 0
    scenes: int = 0
    cjk_chars: int = 0
    words: int = 0
    # (CJK characters, Latin words) of each action line: each has its own floor.
    actions: list[tuple[int, int]] = field(default_factory=list)

    def seconds(self, p: RuntimeParams) -> float:
        action = sum(
            max(p.action_floor_seconds, cjk * p.action_cjk_seconds + words * p.action_word_seconds)
            for cjk, words in self.actions
        )
        return (
            self.spoken_cjk * 60 / p.cjk_per_minute
            + self.spoken_words * 60 / p.words_per_minute
            + action
            + self.cards * p.card_seconds
            + self.scenes * p.scene_seconds
        )

    @property
    def beats(self) -> int:
        return len(self.actions)

    def add(self, other: _Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def runtime(self) -> Runtime:
        return Runtime(
            round(self.seconds(MID), 1), round(self.seconds(FAST), 1), round(self.seconds(SLOW), 1)
        )


@dataclass(slots=True)
class EpisodeAnalysis:
    """One episode: counts, runtime estimate, hook and paywall."""

    number: int
    title: str | None
    scenes: int
    speeches: int
    cjk_chars: int
    words: int
    runtime: Runtime
    scenes_per_minute: float
    hook: str | None
    has_hook: bool
    ends_on_hook: bool
    is_paywall: bool


@dataclass(slots=True)
class PaywallInfo:
    """Where the paywall falls: all paywall episodes, the first, the free episodes before it."""

    episodes: list[int]
    first: int | None
    free_episodes: int
    typical_first_window: tuple[int, int] = TYPICAL_FIRST_PAYWALL
    first_in_typical_window: bool | None = None


@dataclass(slots=True)
class SeriesAnalysis:
    """The whole series: totals, per-episode results, characters and locations."""

    format: str
    title: str | None
    episode_count: int
    scene_count: int
    cjk_chars: int
    words: int
    runtime: Runtime
    average_episode_seconds: float
    scenes_per_minute: float
    episodes_without_hook: list[int]
    episodes_not_ending_on_hook: list[int]
    paywall: PaywallInfo
    episodes: list[EpisodeAnalysis] = field(default_factory=list)
    characters: list[CharacterInfo] = field(default_factory=list)
    locations: list[LocationInfo] = field(default_factory=list)
    speech_counts: dict[str, int] = field(default_factory=dict)


def count_text(text: str) -> tuple[int, int]:
    """``(CJK characters, Latin-script words)`` of a text, ignoring inline notes."""
    if "[[" in text:
        text = strip_notes(text)[0]
    cjk = 0 if text.isascii() else sum(map(len, _CJK_RUN_RE.findall(text)))
    return cjk, len(_WORD_RE.findall(text))


def _tally(episode: Episode) -> _Tally:
    """Count an episode. Texts are counted joined, one regex pass per kind, for speed."""
    tally = _Tally(scenes=len(episode.scenes))
    spoken: list[str] = []
    shown: list[str] = []
    for element in episode.iter_elements():
        kind = element.type
        if kind in _SILENT:
            continue
        if kind in _SPOKEN:
            spoken.append(element.text)
            continue
        shown.append(element.text)
        if kind == T.ACTION:
            tally.actions.extend(
                count_text(line) for line in element.text.split("\n") if line.strip()
            )
        elif kind in (T.HOOK, T.PAYWALL):
            if element.text:
                tally.actions.append(count_text(element.text))
        elif kind in _CARDS:
            tally.cards += 1
    tally.spoken_cjk, tally.spoken_words = count_text("\n".join(spoken))
    cjk, words = count_text("\n".join(shown))
    tally.cjk_chars = tally.spoken_cjk + cjk
    tally.words = tally.spoken_words + words
    return tally


def ends_on_hook(episode: Episode) -> bool:
    """The last element that is not a closer (黑屏, 切, transition…) or a plain note is a hook."""
    containers = [episode.elements_before_first_scene] + [s.elements for s in episode.scenes]
    for elements in reversed(containers):
        for element in reversed(elements):
            if hook_marker(element) is not None:
                return True
            if element.type not in _CLOSERS and element.type != T.NOTE:
                return False
    return False


def analyse_episode(episode: Episode, speeches: int = 0) -> tuple[EpisodeAnalysis, _Tally]:
    """One episode's counts and estimates, and the raw tally the series totals add up."""
    tally = _tally(episode)
    runtime = tally.runtime()
    result = EpisodeAnalysis(
        number=episode.number,
        title=episode.title,
        scenes=tally.scenes,
        speeches=speeches,
        cjk_chars=tally.cjk_chars,
        words=tally.words,
        runtime=runtime,
        scenes_per_minute=_per_minute(tally.scenes, runtime.seconds),
        hook=episode.hook,
        has_hook=has_hook(episode),
        ends_on_hook=ends_on_hook(episode),
        is_paywall=episode.is_paywall,
    )
    return result, tally


def has_hook(episode: Episode) -> bool:
    """Some element marks a hook (【卡点】, 【付费卡点】, a HOOK or PAYWALL note)."""
    return episode.hook is not None or any(
        hook_marker(e) is not None
        for e in episode.iter_elements()
        if e.type in _MARKER_TYPES or "[[" in e.text or "notes" in e.extra
    )


def _per_minute(count: int, seconds: float) -> float:
    return round(count * 60 / seconds, 2) if seconds else 0.0


def paywall_info(doc: Document) -> PaywallInfo:
    numbers = [e.number for e in doc.episodes if e.is_paywall]
    first = numbers[0] if numbers else None
    free = next((i for i, e in enumerate(doc.episodes) if e.is_paywall), len(doc.episodes))
    low, high = TYPICAL_FIRST_PAYWALL
    return PaywallInfo(
        episodes=numbers,
        first=first,
        free_episodes=free,
        first_in_typical_window=None if first is None else low <= first <= high,
    )


def analyse(doc: Document) -> SeriesAnalysis:
    """Everything the workspace shows about a script, computed in one pass per episode."""
    speeches = list(iter_speeches(doc))
    per_episode: dict[int, int] = {}
    for episode, _scene, _element in speeches:
        per_episode[id(episode)] = per_episode.get(id(episode), 0) + 1
    total = _Tally()
    episodes = []
    for episode in doc.episodes:
        result, tally = analyse_episode(episode, per_episode.get(id(episode), 0))
        episodes.append(result)
        total.add(tally)
    runtime = total.runtime()
    return SeriesAnalysis(
        format=doc.format,
        title=doc.title,
        episode_count=len(episodes),
        scene_count=total.scenes,
        cjk_chars=total.cjk_chars,
        words=total.words,
        runtime=runtime,
        average_episode_seconds=round(runtime.seconds / len(episodes), 1) if episodes else 0.0,
        scenes_per_minute=_per_minute(total.scenes, runtime.seconds),
        episodes_without_hook=[e.number for e in episodes if not e.has_hook],
        episodes_not_ending_on_hook=[e.number for e in episodes if not e.ends_on_hook],
        paywall=paywall_info(doc),
        episodes=episodes,
        characters=characters(doc, speeches),
        locations=locations(doc),
        speech_counts=speech_counts(doc, speeches),
    )


def analysis_to_json(result: SeriesAnalysis) -> dict[str, Any]:
    """The analysis as JSON-ready data."""
    data = asdict(result)
    data["paywall"]["typical_first_window"] = list(result.paywall.typical_first_window)
    return data
