"""Render a document as Fountain or as Chinese-convention text.

Guarantee: for a document parsed from either format, parsing the rendering in the same
format gives an equivalent document (``model.equivalent``: same model, ignoring line
numbers and warnings). Rendering into the other format converts; what a conversion
cannot carry is listed in docs/script-formats.md ("Converting between formats").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import fountain, zh
from .model import SPEECH_PARTS, Document, Element, Episode, Scene, derived_hook
from .model import ElementType as T

FORMATS = ("fountain", "zh")
_ZH_SCENE_NUMBER_RE = re.compile(r"[0-9]+-[0-9]+")


def render(doc: Document, fmt: str) -> str:
    """Render ``doc`` as ``"fountain"`` or ``"zh"`` text (LF line endings, final newline)."""
    if fmt == "fountain":
        return _FountainWriter().document(doc)
    if fmt == "zh":
        return _ZhWriter().document(doc)
    raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


def _speech_runs(elements: list[Element]) -> Iterator[list[Element]]:
    """Group elements into speeches and single elements, in order.

    A Fountain speech is a character element and the parts after it with the same
    speaker and cue; a Chinese speech is （提示） parentheticals and the dialogue after them.
    """
    i, n = 0, len(elements)
    while i < n:
        head = elements[i]
        j = i + 1
        if head.type == T.CHARACTER:
            while j < n and _same_speech(head, elements[j]):
                j += 1
        elif head.type == T.PARENTHETICAL:
            while j < n and elements[j].type in _CHINESE_SPEECH and _same_voice(head, elements[j]):
                j += 1
                if elements[j - 1].type == T.DIALOGUE:
                    break
        yield elements[i:j]
        i = j


_CHINESE_SPEECH = frozenset({T.PARENTHETICAL, T.DIALOGUE})


def _is_speech(head: Element) -> bool:
    """Does this run render as a speech (cue or speaker line) rather than a single element?"""
    return (
        head.type in _CHINESE_SPEECH
        or head.type == T.CHARACTER
        or (head.type == T.LYRIC and head.speaker is not None)
    )


def _same_voice(a: Element, b: Element) -> bool:
    return (
        a.speaker == b.speaker and a.cue == b.cue and a.extra.get("joint") == b.extra.get("joint")
    )


def _same_speech(character: Element, part: Element) -> bool:
    return part.type in SPEECH_PARTS and _same_voice(character, part)


def missing_hook(episode: Episode) -> Element | None:
    """A marker to append when the episode's hook or paywall flag is not in its elements."""
    hook, paywall = derived_hook(episode)
    if (episode.hook is None or episode.hook == hook) and (paywall or not episode.is_paywall):
        return None
    kind = T.PAYWALL if episode.is_paywall else T.HOOK
    return Element(kind, episode.hook or "", 0, extra={"tag": zh.DEFAULT_TAGS[kind]})


def bracket_line(element: Element) -> str:
    """A marker as a 【…】 line that reads back as the same element."""
    tag = element.extra.get("tag")
    if tag is None:
        tag = zh.DEFAULT_TAGS[element.type]
    text = element.text
    if not text:
        return f"【{tag}】"
    if element.type in zh.TEXT_AFTER_BRACKET or "】" in text:
        return f"【{tag}】{text}"
    return f"【{tag}：{text}】"


_BRACKET_TYPES = frozenset(zh.DEFAULT_TAGS)


def episode_heading(episode: Episode, fmt: str, *, as_written: bool = True) -> str:
    """An episode's heading line in ``fmt`` (for Fountain, the section text after ``#``).

    With ``as_written`` (text in the document's own format) the heading the writer wrote
    is kept if it still reads as the same heading: ``第1集 三号窗口``, ``EPISODE 1: Pilot``.
    Otherwise the canonical form: ``第1集：标题`` (a title the parser would read as prose,
    too long, is dropped, not the episode) or ``Episode 1: Title``.
    """
    written = episode.written if as_written else None
    read = zh.episode_heading if fmt == "zh" else fountain.episode_section
    if written and read(written) == (episode.number, episode.title):
        return written
    if fmt != "zh":
        return f"Episode {episode.number}" + (f": {episode.title}" if episode.title else "")
    heading = f"第{episode.number}集"
    titled = f"{heading}：{episode.title}" if episode.title else heading
    return titled if zh.episode_heading(titled) else heading


def bio_line(element: Element) -> str:
    """A 人物小传 entry as its line: ``林晚（28岁）：律所新人律师。``."""
    note = f"（{element.cue}）" if element.cue else ""
    return f"{element.speaker or ''}{note}：{element.text}"


# --- Fountain ---------------------------------------------------------------------------


class _FountainWriter:
    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.same_format = True

    def document(self, doc: Document) -> str:
        self.same_format = doc.format == "fountain"
        title_page = list(doc.title_page)
        if doc.title and not any(key.casefold() == "title" for key, _ in title_page):
            title_page.insert(0, ("Title", doc.title))
        self._element_runs(doc.prematter)
        for episode in doc.episodes:
            self._episode(episode)
        body = "\n\n".join(self.paragraphs)
        head = "\n".join(_title_lines(title_page))
        if head:
            return f"{head}\n\n{body}\n"
        # Without a title page, a first line reading "Key: value" must not become one.
        first = body.split("\n", 1)[0]
        return ("\n" if fountain.parse_title_page([first, ""])[0] else "") + body + "\n"

    def _episode(self, episode: Episode) -> None:
        if not episode.implicit:
            heading = episode_heading(episode, "fountain", as_written=self.same_format)
            self.paragraphs.append(f"# {heading}")
            if episode.synopsis is not None:
                self.paragraphs.append(f"= {episode.synopsis}")
        self._element_runs(episode.elements_before_first_scene)
        for scene in episode.scenes:
            heading = scene.heading if self.same_format else _fountain_heading(scene)
            if not fountain.is_heading(heading) or heading.startswith("."):
                heading = "." + heading
            if scene.number:
                heading += f" #{scene.number}#"
            self.paragraphs.append(heading + _inline_notes(scene.extra))
            self._element_runs(scene.elements)
        if marker := missing_hook(episode):
            self.paragraphs.append(bracket_line(marker))

    def _element_runs(self, elements: list[Element]) -> None:
        for run in _speech_runs(elements):
            if _is_speech(run[0]):
                self.paragraphs.append(self._speech(run))
            else:
                self.paragraphs.append(self._single(run[0]))

    def _speech(self, run: list[Element]) -> str:
        head = run[0]
        if head.type == T.CHARACTER:
            name, parts = head.text, run[1:]
        else:  # a Chinese-convention speech: the cue comes from the speaker
            joint = head.extra.get("joint")
            name, parts = (" & ".join(joint) if joint else head.speaker or ""), run
        cue = name + (f" ({head.cue})" if head.cue else "")
        if head.extra.get("dual"):
            cue += " ^"
        cue += _inline_notes(head.extra)
        expected = (name, head.cue, bool(head.extra.get("dual")))
        clean = fountain.strip_notes(cue)[0] if "[[" in cue else cue
        if (
            fountain.classify([cue, "x"]) != (fountain.DIALOGUE, 2)
            or fountain.parse_cue(cue, clean) != expected
        ):
            cue = "@" + cue
        lines = [cue]
        for part in parts:
            if part.type == T.PARENTHETICAL:
                lines.append(f"({part.text})")
            elif part.type == T.LYRIC:
                lines.extend("~" + line for line in part.text.split("\n"))
            else:
                lines.extend(line or "  " for line in part.text.split("\n"))
        return "\n".join(lines)

    def _single(self, element: Element) -> str:
        kind, text = element.type, element.text
        if kind == T.ACTION:
            return _action(text)
        if kind == T.TRANSITION:
            natural = text.isupper() and text.endswith("TO:")
            line = text if natural else f"> {text}"
            if fountain.classify([line]) != (fountain.TRANSITION, 1):
                line = f"> {text}"
            return line + _inline_notes(element.extra)
        if kind == T.CENTERED:
            return "\n".join(f"> {line} <" for line in text.split("\n"))
        if kind == T.LYRIC:
            return "\n".join("~" + line for line in text.split("\n"))
        if kind == T.NOTE:
            return "\n".join(line or "  " for line in f"[[{text}]]".split("\n"))
        if kind == T.SECTION:
            return "#" * max(1, element.extra.get("level", 1)) + " " + text
        if kind == T.SYNOPSIS:
            return f"= {text}"
        if kind == T.PAGE_BREAK:
            return "==="
        if kind in _BRACKET_TYPES:
            return bracket_line(element)
        if kind == T.CAST:
            return _action(f"人物：{text}")
        if kind == T.BIO:
            return f"= {bio_line(element)}"
        return _action(text)


_FOUNTAIN_TIMES = {"day": "DAY", "night": "NIGHT", "dawn": "DAWN", "dusk": "DUSK",
                   "continuous": "CONTINUOUS", "later": "LATER"}  # fmt: skip
_FOUNTAIN_INTERIORS = {"int": "INT.", "ext": "EXT.", "int/ext": "INT./EXT."}
_ZH_TITLE_KEYS = {"author": "编剧", "authors": "编剧", "draft date": "日期", "contact": "联系方式"}
_ZH_TIMES = {"day": "日", "night": "夜", "dawn": "晨", "dusk": "黄昏"}
_ZH_INTERIORS = {"int": "内", "ext": "外", "int/ext": "内/外"}


def _fountain_heading(scene: Scene) -> str:
    """A converted scene's heading from its fields: ``INT. 客厅 - DAY``."""
    prefix = _FOUNTAIN_INTERIORS.get(scene.interior or "")
    time = _FOUNTAIN_TIMES.get(scene.time or "")
    place = scene.location or ""
    if prefix is None or not place:
        return scene.heading
    return f"{prefix} {place}" + (f" - {time}" if time else "")


def _zh_heading(scene: Scene) -> str:
    """A converted scene's heading from its fields: ``日 内 COURTROOM 4B``."""
    fields = [_ZH_TIMES.get(scene.time or ""), _ZH_INTERIORS.get(scene.interior or "")]
    return " ".join(f for f in (*fields, scene.location) if f) or scene.heading


def _inline_notes(extra: dict) -> str:
    return "".join(f" [[{note}]]" for note in extra.get("notes", ()))


def _action(text: str) -> str:
    lines = [("!" + line if line.startswith("!") else line) or "  " for line in text.split("\n")]
    if not lines[0].startswith("!") and fountain.classify(lines) != (
        fountain.ACTION,
        len(lines),
    ):
        lines[0] = "!" + lines[0]
    return "\n".join(lines)


def _title_lines(entries: list[tuple[str, str]]) -> Iterator[str]:
    for key, value in entries:
        if "\n" in value:
            yield f"{key}:"
            yield from (f"    {line}" for line in value.split("\n"))
        else:
            yield f"{key}: {value}".rstrip()


# --- Chinese convention -----------------------------------------------------------------


class _ZhWriter:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.same_format = True

    def document(self, doc: Document) -> str:
        self.same_format = doc.format == "zh"
        if doc.title:
            self.lines.append(f"《{doc.title}》")
        for key, value in doc.title_page:
            if not self.same_format:  # only the keys the Chinese convention has
                key = _ZH_TITLE_KEYS.get(key.casefold(), "")
            if key:
                self.lines.append(f"{key}：{_one_line(value)}")
        previous = None
        bio_section = False
        for element in doc.prematter:
            line = self._prematter(element)
            if previous is not None and previous.type == T.SECTION and element.type == T.SYNOPSIS:
                # A header written alone keeps its line when the prose reads as prose on
                # its own; otherwise the prose goes on the header's line ("大纲：…"),
                # where the parser reads it as prose whatever it looks like.
                alone = self.same_format and zh.written_header(previous) is not None
                if not (
                    alone
                    and zh.reads_as_prose(line, bio_section=bio_section, has_title=bool(doc.title))
                ):
                    self.lines[-1] = f"{previous.text}：{line}"
                    previous = element
                    continue
            if element.type == T.SECTION:
                bio_section = element.text in zh.BIO_HEADERS
            self.lines.append(line)
            previous = element
        for episode in doc.episodes:
            self._episode(episode)
        return "\n".join(self.lines) + "\n"

    def _prematter(self, element: Element) -> str:
        if element.type == T.SECTION:
            written = zh.written_header(element) if self.same_format else None
            return written or f"{element.text}："
        if element.type == T.BIO:
            line = bio_line(element)
            # A name such as 第二集 needs the list bullet the writer had put before it.
            return line if zh.reads_as_bio(line) else f"- {line}"
        return _one_line(element.text)

    def _episode(self, episode: Episode) -> None:
        if not episode.implicit:
            self.lines.append(episode_heading(episode, "zh", as_written=self.same_format))
            if episode.synopsis is not None:
                self.lines.append(f"梗概：{_one_line(episode.synopsis)}")
        self._elements(episode.elements_before_first_scene)
        for index, scene in enumerate(episode.scenes, start=1):
            number = scene.number
            if not number or not _ZH_SCENE_NUMBER_RE.fullmatch(number):
                number = f"{episode.number}-{index}"
            heading = scene.heading if self.same_format else _zh_heading(scene)
            self.lines.append(f"{number} {heading}".rstrip())
            self._elements(scene.elements)
        if marker := missing_hook(episode):
            self.lines.append(bracket_line(marker))

    def _elements(self, elements: list[Element]) -> None:
        for run in _speech_runs(elements):
            if _is_speech(run[0]):
                self._speech(run)
            elif run[0].type != T.PAGE_BREAK:  # pages mean nothing in this convention
                self.lines.append(self._single(run[0]))

    def _speech(self, run: list[Element]) -> None:
        head = run[0]
        joint = head.extra.get("joint")
        name = "、".join(joint) if joint else head.speaker or ""
        prefix = name + (f"（{head.cue}）" if head.cue else "") + "："
        parts = [e for e in run if e.type != T.CHARACTER]
        if not parts:  # a Fountain cue with nothing after it
            self.lines.append(prefix)
            return
        pending = ""
        for part in parts:
            if part.type == T.PARENTHETICAL:
                pending += f"（{_one_line(part.text)}）"
                continue
            text = _one_line(part.text)
            if part.type == T.LYRIC:
                text = "♪" + text
            self.lines.append(prefix + pending + text)
            pending = ""
        if pending:
            self.lines.append(prefix + pending)

    def _single(self, element: Element) -> str:
        kind, text = element.type, _one_line(element.text)
        if kind in _BRACKET_TYPES:
            return bracket_line(element)
        if kind == T.CAST:
            return f"人物：{text}"
        if kind == T.NOTE:
            return f"备注：{text}"
        if kind == T.TRANSITION:
            return f"【转场：{text}】"
        if kind == T.SECTION:
            return f"备注：{'#' * element.extra.get('level', 1)} {text}"
        if kind == T.SYNOPSIS:
            return f"备注：= {text}"
        if kind == T.LYRIC:
            return f"△♪{text}"
        return f"△{text}"


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")) if "\n" in text else text
