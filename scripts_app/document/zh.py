"""Parser for the Chinese micro-short-drama convention (第1集, 1-1 日 内 地点, △, 角色：台词).

The grammar is line based: a line is recognised by its prefix, and anything that is
not recognised is an action line. The accepted grammar and every judgement call are
listed in docs/script-formats.md; the tests name each one.

The vocabulary and the line recognisers are in :mod:`.zh_lines`; this module holds the
parser's state (pre-matter, a speech continued on the next line, the names the script
declares). The recognisers' public names are re-exported here, where callers have always
imported them from.
"""

from __future__ import annotations

import re

from .model import Document, DocumentBuilder, Element, Scene, chinese_to_int, normalise_time
from .model import ElementType as T
from .model import WarningCode as W
from .zh_lines import (
    BIO_RE,
    DEFAULT_TAGS,
    HEADER_RE,
    MAX_EPISODE_TITLE_LENGTH,
    MAX_LATIN_SPEAKER_LENGTH,
    MAX_LATIN_SPEAKER_WORDS,
    MAX_SPEAKER_LENGTH,
    META_RE,
    TEXT_AFTER_BRACKET,
    TITLE_RE,
    bracket_elements,
    cast_line,
    episode_heading,
    parse_scene_fields,
    prepare_line,
    reads_as_bio,
    reads_as_prose,
    scene_heading,
    speaker_line,
    split_lines,
    split_speaker,
    voice_of_hint,
    written_header,
)

# Re-exported: callers import these from this module (see the module docstring).
__all__ = [
    "DEFAULT_TAGS", "MAX_EPISODE_TITLE_LENGTH", "MAX_LATIN_SPEAKER_LENGTH",
    "MAX_LATIN_SPEAKER_WORDS", "MAX_SPEAKER_LENGTH", "TEXT_AFTER_BRACKET", "Document",
    "DocumentBuilder", "Element", "Scene", "bracket_elements", "chinese_to_int",
    "episode_heading", "normalise_time", "parse", "parse_scene_fields", "prepare_line",
    "reads_as_bio", "reads_as_prose", "scene_heading", "split_lines", "split_speaker",
    "voice_of_hint", "written_header",
]  # fmt: skip

_LEADING_PAREN_RE = re.compile(r"[（(]([^（）()]*)[）)]\s*")

BIO_HEADERS = frozenset((
    "人物小传", "人物介绍", "人物设定", "人物简介", "人设", "主要人物", "角色介绍", "角色设定",
    "人物表",
))  # fmt: skip

_NOTE_LABELS = frozenset({"备注", "注", "注释", "批注", "PS", "ps"})
_SUBTITLE_LABELS = frozenset({"字幕"})
_SYNOPSIS_LABELS = frozenset({"梗概", "本集梗概", "本集简介", "简介", "剧情简介", "本集剧情"})
_SCENE_LABEL = "场景"
# Labels that describe the shot, never a speaker; such lines are action.
_ACTION_LABELS = frozenset((
    "时间", "地点", "画面", "镜头", "特写", "音效", "音乐", "配乐", "BGM", "道具", "服装", "化妆",
    "提示", "说明", "转场", "空镜", "内景", "外景",
))  # fmt: skip


# --- the parser -------------------------------------------------------------------------


class _ZhParser:
    def __init__(self, text: str) -> None:
        self.lines = [prepare_line(raw) for raw in split_lines(text)]
        has_episodes = any(s[:1] in "第#" and episode_heading(s) for s in self.lines if s)
        self.builder = DocumentBuilder("zh", has_episode_headings=has_episodes)
        self.doc = self.builder.doc
        self.has_episodes = has_episodes
        self.in_body = False  # past the pre-matter
        self.in_prematter = False  # a pre-matter header was seen (files without episodes)
        self.bio_section = False
        # A speaker line with nothing after the colon: the speech is on the next line.
        # (names, hint, whether a parenthetical was already taken, line)
        self.pending: tuple[list[str], str | None, bool, int] | None = None
        # Names the script declares before the current line: on any 人物 line so far and
        # in the 人物小传. They are speakers whatever the false-dialogue guard would guess
        # (健康顾问 and 张道 end in the speech verbs 问 and 道). A name that already spoke
        # is one of these or passed the guard, so "has spoken before" would add nothing.
        self.declared: set[str] = set()

    def run(self) -> Document:
        for index, s in enumerate(self.lines):
            if s:
                self._line(s, index + 1)
        self._flush_pending()
        return self.builder.finish()

    def _line(self, s: str, line: int) -> None:
        if self.pending is not None:
            if self.in_body and self._is_plain(s):
                self._complete_pending(s, line)
                return
            self._flush_pending()
        if s[:1] in "第#" and (heading := episode_heading(s)):
            self.in_body = True
            self.builder.start_episode(heading[0], line, heading[1], written=s)
            return
        if s[:1] in "0123456789０１２３４５６７８９#" and self._scene(s, line):
            return
        if not self.in_body:
            if self._prematter(s, line):
                return
            self.in_body = True
        self._body(s, line)

    # pre-matter ---------------------------------------------------------------------

    def _prematter(self, s: str, line: int) -> bool:
        """Handle a line before the first episode; ``False`` if it starts the body."""
        if self.doc.title is None and s[:1] == "《" and (title := TITLE_RE.fullmatch(s)):
            self.doc.title = title.group(1).strip()
            return True
        if header := HEADER_RE.fullmatch(s):
            self.in_prematter = True
            self.bio_section = header.group(1) in BIO_HEADERS
            extra = {"level": 1}
            rest = (header.group(2) or "").strip()
            # A header alone on its line keeps its written form ("大纲", "【大纲】").
            section = Element(T.SECTION, header.group(1), line, extra=extra)
            section.written = None if rest else s
            self.builder.add_prematter(section)
            if rest:
                self._prose_or_bio(rest, line)
            return True
        if meta := META_RE.fullmatch(s):
            self.in_prematter = True
            key, value = meta.group(1), meta.group(2).strip()
            self.doc.title_page.append((key, value))
            if key == "剧名" and self.doc.title is None and value:
                self.doc.title = value.strip("《》")
            return True
        if not (self.has_episodes or self.in_prematter):
            return False
        self._prose_or_bio(s, line)
        return True

    def _prose_or_bio(self, s: str, line: int) -> None:
        if self.bio_section and (bio := BIO_RE.fullmatch(s)):
            name, note, description = bio.group(1).strip(), bio.group(2), bio.group(3).strip()
            cue = note.strip() if note and note.strip() else None
            self.builder.add_prematter(Element(T.BIO, description, line, name, cue))
            self.declared.add(name)
        else:
            self.builder.add_prematter(Element(T.SYNOPSIS, s, line))

    # body ---------------------------------------------------------------------------

    def _scene(self, s: str, line: int) -> bool:
        parsed = scene_heading(s)
        if parsed is None:
            return False
        self.in_body = True
        number, heading = parsed
        time, time_raw, interior, location, flashback = parse_scene_fields(heading)
        scene = Scene(number, heading, line, time, time_raw, interior, location, flashback)
        self.builder.start_scene(scene)
        episode = self.builder.episode
        episode_part = int(number.split("-")[0])
        if episode is not None and not episode.implicit and episode.number != episode_part:
            self.builder.warn(line, W.SCENE_EPISODE_MISMATCH, number=number, episode=episode.number)
        return True

    def _body(self, s: str, line: int) -> None:
        first = s[0]
        if first in "△▲":
            self.builder.add(Element(T.ACTION, s[1:].strip(), line))
        elif first == "【" and (elements := bracket_elements(s, line)):
            for element in elements:
                self.builder.add(element)
        elif cast := cast_line(s):
            text, names = cast
            self.declared.update(names)
            self.builder.add(Element(T.CAST, text, line, extra={"names": names}))
        elif speaker := speaker_line(s, self.declared):
            self._labelled(*speaker, whole=s, line=line)
        else:
            self.builder.add(Element(T.ACTION, s, line))

    def _labelled(
        self, names: list[str], hint: str | None, speech: str, *, whole: str, line: int
    ) -> None:
        """A ``label：text`` line: dialogue, or one of the labels (字幕：, 备注：, 梗概：…)."""
        if len(names) == 1 and hint is None and self._label(names[0], speech, whole, line):
            return
        if not names:
            self.builder.warn(line, W.DIALOGUE_WITHOUT_SPEAKER)
        self._dialogue(names, hint, speech, line)

    def _label(self, label: str, text: str, whole: str, line: int) -> bool:
        """Labelled lines that are not dialogue; ``False`` if ``label`` is a speaker."""
        if label in _SUBTITLE_LABELS:
            element = Element(T.SUBTITLE, text, line, extra={"tag": label})
        elif label in _NOTE_LABELS:
            element = Element(T.NOTE, text, line)
        elif label in _SYNOPSIS_LABELS and self.builder.episode_is_fresh:
            element = Element(T.SYNOPSIS, text, line)
        elif label == _SCENE_LABEL and self._merge_scene_line(text):
            return True
        elif label in _ACTION_LABELS or label in _SYNOPSIS_LABELS or label == _SCENE_LABEL:
            element = Element(T.ACTION, whole, line)
        else:
            return False
        self.builder.add(element)
        return True

    def _merge_scene_line(self, text: str) -> bool:
        """``8-1`` then ``场景：夜 内 堂屋``: the fields belong to the bare heading."""
        scene = self.builder.scene
        if scene is None or scene.heading or scene.elements:
            return False
        scene.heading = text
        scene.time, scene.time_raw, scene.interior, scene.location, scene.flashback = (
            parse_scene_fields(text)
        )
        return True

    def _dialogue(self, names: list[str], hint: str | None, speech: str, line: int) -> None:
        has_paren = False
        if match := _LEADING_PAREN_RE.match(speech):
            has_paren = True
            self._add_speech(T.PARENTHETICAL, names, hint, match.group(1).strip(), line)
            speech = speech[match.end() :]
        if speech:
            self._add_speech(T.DIALOGUE, names, hint, speech, line)
        else:
            self.pending = (names, hint, has_paren, line)

    def _complete_pending(self, s: str, line: int) -> None:
        """The line after ``角色：`` is the speech; a leading （提示） on it is a parenthetical."""
        assert self.pending is not None
        names, hint, has_paren, _ = self.pending
        self.pending = None
        if not has_paren:
            self._dialogue(names, hint, s, line)
        else:
            self._add_speech(T.DIALOGUE, names, hint, s, line)

    def _flush_pending(self) -> None:
        if self.pending is None:
            return
        names, hint, _, line = self.pending
        self.pending = None
        self.builder.warn(line, W.DIALOGUE_WITHOUT_SPEECH, speaker="、".join(names))
        self._add_speech(T.DIALOGUE, names, hint, "", line)

    def _add_speech(
        self, kind: T, names: list[str], hint: str | None, text: str, line: int
    ) -> None:
        extra: dict = {}
        if len(names) > 1:
            extra["joint"] = list(names)
        if voice := voice_of_hint(hint):
            extra["voice"] = voice
        speaker = names[0] if names else None
        self.builder.add(Element(kind, text, line, speaker, hint, extra))

    def _is_plain(self, s: str) -> bool:
        """Would ``s`` be an unmarked action line? (Then it carries a pending speech.)"""
        first = s[0]
        if first in "△▲" or (first == "【" and bracket_elements(s, 0)):
            return False
        if first in "第#0123456789０１２３４５６７８９" and (
            episode_heading(s) or scene_heading(s)
        ):
            return False
        return not (cast_line(s) or speaker_line(s, self.declared))


def parse(text: str) -> Document:
    """Parse a Chinese-convention script. Never raises on any text."""
    return _ZhParser(text).run()
