"""Reading Final Draft XML into script text (see the package docstring for the mapping)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element as XmlElement

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from scripts_app.document import (
    FORMATS,
    Document,
    Element,
    ElementType,
    Episode,
    Scene,
    detect_format,
    render,
)
from scripts_app.document import fountain as fountain_syntax
from scripts_app.document import zh as zh_syntax

from ..errors import CorruptFile, UnsafeFile
from ..limits import TextBudget
from .text import NOTE_MARK, paragraph_runs, with_notes, without_marks
from .vocabulary import (
    AFTER_COLON,
    CONVENTION_TAG,
    OUTSIDE_SPEECH,
    SECTION_TYPE_RE,
    TYPE_OF_CUSTOM,
)

T = ElementType
Warning_ = tuple[str, str]


@dataclass(slots=True)
class FdxText:
    """What a Final Draft file holds: script text in ``format``, conversion warnings."""

    text: str
    format: str
    warnings: list[Warning_] = field(default_factory=list)


def read_fdx(data: bytes) -> FdxText:
    """Script text for a Final Draft file, in the format it was written in.

    The format is the one the file records (``ScriptConvention``, written by our export),
    else the one its text reads as (Chinese-convention scene headings, 第N集 acts, △ and
    【…】 lines make it ``zh``).

    Raises:
        UnsafeFile: the XML declares a DTD or entities (XXE, billion laughs).
        CorruptFile: not well-formed XML, or not a Final Draft document.
    """
    root = _parse_xml(data)
    content = root.find("Content")
    if root.tag != "FinalDraft" or content is None:
        raise CorruptFile(f"root element {root.tag!r}", kind="Final Draft (.fdx)")
    marker = root.find(CONVENTION_TAG)
    recorded = marker.get("Format") if marker is not None else None
    fmt = recorded if recorded in FORMATS else _detect_format(content)
    reader = _Reader(fmt, ours=recorded in FORMATS)
    reader.title_page(root.find("TitlePage/Content"))
    reader.content(content)
    return FdxText(render(reader.finish(), fmt), fmt, reader.warnings)


def _parse_xml(data: bytes) -> XmlElement:
    """The XML tree, built while lines and characters are counted (refused at the limit)."""
    budget = TextBudget()
    try:
        # Final Draft files never need a DTD; refusing one stops every entity attack.
        events = SafeET.iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True)
        for _event, element in events:
            if element.tag == "Paragraph":
                budget.add(lines=1)
            elif element.tag == "Text":
                text = element.text or ""
                budget.add(lines=text.count("\n"), chars=len(text))
        return events.root
    except DefusedXmlException as error:
        raise UnsafeFile(repr(error), reason="XML declarations (DTD or entities)") from error
    except SafeET.ParseError as error:
        raise CorruptFile(str(error), kind="Final Draft (.fdx)") from error


def _plain(paragraph: XmlElement) -> str:
    return "".join(run.text or "" for run in paragraph.findall("Text"))


def _detect_format(content: XmlElement) -> str:
    """The format of a file that does not record one, from what its text reads as.

    Scene headings (with Final Draft's scene number in front), acts and action are
    scored like a text file; speeches are left out, since any script has them and
    Chinese names would count for the Chinese convention however the script is laid out.
    """
    lines = []
    for paragraph in content.iter("Paragraph"):
        kind = paragraph.get("Type") or ""
        text = _plain(paragraph).strip()
        if kind == "Scene Heading":
            number = paragraph.get("Number")
            if number and not zh_syntax.scene_heading(text):
                text = f"{number} {text}"
        elif kind not in ("New Act", "Action", "General", "Shot", "Transition"):
            continue
        lines.extend(text.split("\n"))
    return detect_format("\n".join(lines))


_CREDIT_RE = re.compile(
    r"(?:(?:written|screenplay|teleplay|story|created|adapted)\s+)?by|编剧|作者|原著", re.I
)
_TITLE_KEY_RE = re.compile(r"([^\W\d_][\w '.\-]{0,40}?)\s*[:：]\s*(.*)")
_DATE_RE = re.compile(r"\d{1,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,4}\s*日?")
_CUE_RE = re.compile(r"(.*?)\s*[（(]([^（）()]*)[）)]\s*")
_JOINT_SPLIT_RE = re.compile(r"\s*[、&＆/／]\s*")

# Types read as action without a warning (in the Chinese convention, End of Act too).
_ACTION_TYPES = frozenset(
    {"Action", "Shot", "Cast List", "Outline Body", "Dialogue", "Parenthetical", "End of Act"}
)
# Title-page entries of a Final Draft title page, in the Chinese convention's words.
_ZH_TITLE_KEYS = {"author": "编剧", "authors": "编剧", "source": "原著", "draft date": "日期",
                  "contact": "联系方式", "credit": "", "watermark": ""}  # fmt: skip
_PREMATTER_TYPES = frozenset({T.SECTION, T.SYNOPSIS, T.BIO})


@dataclass(slots=True)
class _Voice:
    """The open speech: names, the hint next to the name, whether a hint may still come."""

    names: list[str]
    cue: str | None
    hint_may_follow: bool = True

    @property
    def extra(self) -> dict:
        extra: dict = {"joint": list(self.names)} if len(self.names) > 1 else {}
        if voice := zh_syntax.voice_of_hint(self.cue):
            extra["voice"] = voice
        return extra


class _Reader:
    """Turns Final Draft paragraphs into a document, in reading order.

    ``ours``: the file was written by our export, so its script notes are the writer's
    Fountain notes (other files' script notes are reviewers' comments and stay out).
    """

    def __init__(self, fmt: str, *, ours: bool) -> None:
        self.zh = fmt == "zh"
        self.ours = ours
        self.doc = Document(format=fmt)
        self.episode: Episode | None = None
        self.fresh = False  # an episode has just started (a synopsis is its synopsis)
        self.scene: Scene | None = None
        self.voice: _Voice | None = None  # the open speech
        self.warnings: list[Warning_] = []
        self._unknown: set[str] = set()

    def finish(self) -> Document:
        return self.doc

    # Title page ------------------------------------------------------------------------

    def title_page(self, content: XmlElement | None) -> None:
        if content is None:
            return
        centered: list[list[str]] = []
        bottom: list[tuple[str, list[str]]] = []
        open_centered = open_bottom = False
        for paragraph in content.findall("Paragraph"):
            text = paragraph_runs(paragraph, styled=not self.zh, notes=False)[0].strip()
            is_centered = paragraph.get("Alignment") == "Center"
            if not text:
                open_centered = open_bottom = False
            elif is_centered:
                if open_centered:
                    centered[-1].append(text)
                else:
                    centered.append([text])
                open_centered = True
            elif open_bottom and not _TITLE_KEY_RE.fullmatch(text):
                bottom[-1][1].append(text)
            else:
                bottom.append(_bottom_entry(text))
                open_bottom = True
        entries = _centered_entries(centered) + [(key, "\n".join(lines)) for key, lines in bottom]
        if not self.zh:
            self.doc.title_page = entries
            return
        for key, value in entries:
            if key == "Title":
                self.doc.title = value.replace("\n", " ")
            elif key := _ZH_TITLE_KEYS.get(key.casefold(), key):
                self.doc.title_page.append((key, value.replace("\n", " ")))

    # Content ---------------------------------------------------------------------------

    def content(self, content: XmlElement) -> None:
        for paragraph in content.findall("Paragraph"):
            dual = paragraph.find("DualDialogue")
            if dual is None:
                self.paragraph(paragraph)
                continue
            cues = 0
            for inner in dual.findall("Paragraph"):
                cues += inner.get("Type") == "Character"
                self.paragraph(inner, dual=cues == 2 and inner.get("Type") == "Character")

    def paragraph(self, paragraph: XmlElement, *, dual: bool = False) -> None:
        kind = paragraph.get("Type") or "Action"
        if paragraph.get("StartsNewPage") == "Yes" and (self.ours or self._has_content()):
            self._close_speech()
            self.add(Element(T.PAGE_BREAK, "", 0))
        styled = not self.zh and kind != "Character"
        text, notes = paragraph_runs(paragraph, styled=styled, notes=self.ours)
        if kind == "Scene Heading":
            self._scene(without_marks(text), paragraph.get("Number"), notes)
        elif kind == "Character":
            self._character(without_marks(text), dual, notes)
        elif kind in ("Dialogue", "Parenthetical") and self.voice is not None:
            self._speech_part(kind, with_notes(text, notes), paragraph.get(AFTER_COLON) == "Yes")
        elif kind == "Transition":
            self._close_speech()
            clean, inline = _split_notes(without_marks(text))
            extra = _notes_extra(inline + notes)
            self.add(Element(T.TRANSITION, clean, 0, extra=extra))
        elif kind == "General":
            self._general(with_notes(text, notes) if text.strip(NOTE_MARK) else "", notes)
        elif kind == "New Act":
            self._new_act(with_notes(text, notes))
        elif kind in TYPE_OF_CUSTOM and (self.zh or kind != "Cast List"):
            if paragraph.get(OUTSIDE_SPEECH) == "Yes":
                self._close_speech()
            self._custom(TYPE_OF_CUSTOM[kind], with_notes(text, notes))
        elif section := SECTION_TYPE_RE.fullmatch(kind):
            self._section(with_notes(text, notes), int(section.group(1) or 1))
        elif not self.zh and (
            kind == "End of Act" or (kind == "Action" and paragraph.get("Alignment") == "Center")
        ):
            self._close_speech()
            self.add(Element(T.CENTERED, with_notes(text, notes), 0))
        else:  # dialogue outside a speech keeps its words as action
            if kind not in _ACTION_TYPES:
                self._warn_unknown(kind)
            self._action(with_notes(text, notes))

    def add(self, element: Element) -> None:
        self.fresh = False
        if self.scene is not None:
            self.scene.elements.append(element)
        elif self.episode is not None:
            self.episode.elements_before_first_scene.append(element)
        elif self.zh and element.type not in _PREMATTER_TYPES:
            # Chinese pre-matter is headers, prose and bios; anything else starts the body.
            self._open_episode(Episode(number=1, line=0, implicit=True))
            self.add(element)
        else:
            self.doc.prematter.append(element)

    def _open_episode(self, episode: Episode) -> None:
        self.doc.episodes.append(episode)
        self.episode = episode
        self.scene = None
        self.fresh = not episode.implicit

    def _has_content(self) -> bool:
        return bool(self.doc.prematter) or any(
            ep.scenes or ep.elements_before_first_scene for ep in self.doc.episodes
        )

    def _scene(self, text: str, number: str | None, notes: list[str]) -> None:
        self._close_speech()
        heading, inline = _split_notes(text) if not self.zh else (text.strip(), [])
        if self.zh:
            # Final Draft numbers scenes 1, 2, 3; a heading typed as 1-1 日 内 … has its own.
            numbered = number and zh_syntax.scene_heading(number) == (number, "")
            if not numbered and (found := zh_syntax.scene_heading(heading)):
                number, heading = found
            fields = zh_syntax.parse_scene_fields(heading)
        else:
            fields = fountain_syntax.scene_fields(heading)
        if self.episode is None:
            self._open_episode(Episode(number=1, line=0, implicit=True))
        assert self.episode is not None
        self.scene = Scene(number or None, heading, 0, *fields)
        self.scene.extra.update(_notes_extra(inline + notes))
        self.episode.scenes.append(self.scene)
        self.fresh = False

    def _new_act(self, text: str) -> None:
        self._close_speech()
        heading = text.strip()
        read = zh_syntax.episode_heading if self.zh else fountain_syntax.episode_section
        found = read(heading) or fountain_syntax.episode_section(heading)
        if found is None:  # an act that is not an episode
            if self.zh and self.episode is not None:
                self._action(heading)
            else:
                self._section(heading, 1)
            return
        written = heading if read(heading) == found else None
        self._open_episode(Episode(number=found[0], line=0, title=found[1], written=written))

    def _section(self, text: str, level: int) -> None:
        self._close_speech()
        text = text.strip()
        header = zh_syntax.HEADER_RE.fullmatch(text) if self.zh else None
        if header is None:
            self.add(Element(T.SECTION, text, 0, extra={"level": level}))
            return
        section = Element(T.SECTION, header.group(1), 0, extra={"level": level})
        prose = (header.group(2) or "").strip()
        section.written = None if prose else text
        self.add(section)
        if prose:
            self.add(Element(T.SYNOPSIS, prose, 0))

    def _character(self, text: str, dual: bool, notes: list[str]) -> None:
        self._close_speech()
        clean, inline = _split_notes(text.strip()) if not self.zh else (text.strip(), [])
        if self.zh:
            match = _CUE_RE.fullmatch(clean)
            name, cue = (match.group(1), match.group(2).strip() or None) if match else (clean, None)
            names = [n for n in _JOINT_SPLIT_RE.split(name.strip()) if n] if name.strip() else []
            self.voice = _Voice(names, cue)
            return
        cue = fountain_syntax.parse_cue("@" + clean, "@" + clean)
        if cue is None:  # nothing usable as a name: keep the words as action
            self._action(text)
            return
        name, extension, marked_dual = cue
        extra = _notes_extra(inline + notes)
        if dual or marked_dual:
            extra["dual"] = True
        self.add(Element(T.CHARACTER, name, 0, speaker=name, cue=extension, extra=extra))
        self.voice = _Voice([name], extension)

    def _speech_part(self, kind: str, text: str, after_colon: bool) -> None:
        voice = self.voice
        assert voice is not None
        may_be_hint, voice.hint_may_follow = voice.hint_may_follow, False
        speaker = voice.names[0] if voice.names else None
        if kind == "Parenthetical":
            text = text.strip()
            if text[:1] in "(（" and text[-1:] in ")）":
                text = text[1:-1].strip()
            # In a Chinese script the first parenthetical of a speech is the speaker's
            # delivery hint (角色（冷笑）：台词) unless written after the colon.
            if self.zh and may_be_hint and voice.cue is None and not after_colon:
                voice.cue = text or None
                return
            self._speech_element(T.PARENTHETICAL, text, speaker, voice)
        else:
            self._speech_element(T.DIALOGUE, text, speaker, voice)

    def _speech_element(self, kind: T, text: str, speaker: str | None, voice: _Voice) -> None:
        extra = voice.extra if self.zh else {}
        element = Element(kind, text, 0, speaker=speaker, cue=voice.cue, extra=extra)
        self.fresh = False
        if self.scene is not None:
            self.scene.elements.append(element)
        elif self.episode is not None:
            self.episode.elements_before_first_scene.append(element)
        else:
            self.add(element)

    def _action(self, text: str) -> None:
        self._close_speech()
        if self.zh and not self.ours:
            # A Chinese writer's Final Draft file: its lines are written in the convention
            # (△ action, 人物： lines, 【…】 markers) and read as such.
            self._general(text, [])
        else:
            self.add(Element(T.ACTION, text, 0))

    def _custom(self, kind: T, text: str) -> None:
        """A custom paragraph type of ours (Hook, Subtitle, Cast List, Synopsis…)."""
        if kind == T.LYRIC and self.voice is not None:
            voice = self.voice
            speaker = voice.names[0] if voice.names else None
            self._speech_element(T.LYRIC, text, speaker, voice)
            return
        self._close_speech()
        stripped = text.strip()
        if kind in zh_syntax.DEFAULT_TAGS:  # a 【…】 marker, as Chinese scripts print it
            markers = zh_syntax.bracket_elements(stripped, 0)
            tag = zh_syntax.DEFAULT_TAGS[kind]
            for element in markers or [Element(kind, stripped, 0, extra={"tag": tag})]:
                self.add(element)
        elif kind == T.SYNOPSIS and self.fresh and self.episode and self.episode.synopsis is None:
            self.episode.synopsis = text
            self.fresh = False
        elif kind == T.BIO and (bio := zh_syntax.BIO_RE.fullmatch(stripped)):
            note = (bio.group(2) or "").strip() or None
            self.add(Element(T.BIO, bio.group(3).strip(), 0, bio.group(1).strip(), note))
        elif kind == T.CAST:
            cast = zh_syntax.cast_line(stripped) or zh_syntax.cast_line(f"人物：{stripped}")
            assert cast is not None
            self.add(Element(T.CAST, cast[0], 0, extra={"names": cast[1]}))
        elif kind in (T.BIO, T.SYNOPSIS):
            self.add(Element(T.SYNOPSIS, stripped if self.zh else text, 0))
        else:
            self.add(Element(kind, text, 0))

    def _general(self, text: str, notes: list[str]) -> None:
        """A General paragraph: our notes' anchor, or a line of script markup (Fountain
        markup in files that other tools and our older exports wrote, 【…】 lines)."""
        if not text.strip():
            self._close_speech()
            for note in notes:
                self.add(Element(T.NOTE, note, 0))
            return
        # A leading blank line: "A sign flickers: NO RUNNING." is not a title page here.
        snippet = zh_syntax.parse(text) if self.zh else fountain_syntax.parse("\n" + text)
        if self.voice is not None and _all_lyrics(snippet):
            voice = self.voice
            for element in snippet.iter_elements():
                self._speech_element(T.LYRIC, element.text, voice.names[0], voice)
            return
        self._close_speech()
        for element in snippet.prematter:
            self.add(element)
        for episode in snippet.episodes:
            if not episode.implicit:
                self._open_episode(Episode(number=episode.number, line=0, title=episode.title))
                assert self.episode is not None
                self.episode.synopsis = episode.synopsis
            for element in episode.elements_before_first_scene:
                self.add(element)
            for scene in episode.scenes:
                if self.episode is None:
                    self._open_episode(Episode(number=1, line=0, implicit=True))
                assert self.episode is not None
                self.scene = scene
                self.episode.scenes.append(scene)

    def _close_speech(self) -> None:
        self.voice = None

    def _warn_unknown(self, kind: str) -> None:
        if kind not in self._unknown:
            self._unknown.add(kind)
            self.warnings.append(
                ("fdx_unknown_paragraph", f"Final Draft paragraphs of type '{kind}' became action.")
            )


def _all_lyrics(snippet: Document) -> bool:
    elements = list(snippet.iter_elements())
    return bool(elements) and not snippet.prematter and all(e.type == T.LYRIC for e in elements)


def _split_notes(text: str) -> tuple[str, list[str]]:
    return fountain_syntax.strip_notes(text) if "[[" in text else (text, [])


def _notes_extra(notes: list[str]) -> dict:
    return {"notes": notes} if notes else {}


def _centered_entries(groups: list[list[str]]) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for index, lines in enumerate(groups):
        value = "\n".join(lines)
        keys = {key for key, _ in entries}
        if index == 0:
            key = "Title"
        elif _CREDIT_RE.fullmatch(value):
            key = "Credit"
        elif "Author" not in keys:
            key = "Author"
        else:
            key = "Source"
        entries.append((key, value))
    return entries


def _bottom_entry(text: str) -> tuple[str, list[str]]:
    if match := _TITLE_KEY_RE.fullmatch(text):
        return match.group(1).strip(), [match.group(2).strip()]
    return ("Draft date" if _DATE_RE.fullmatch(text) else "Contact"), [text]
