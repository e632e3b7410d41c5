"""Reading Final Draft XML into Fountain text (see the package docstring for the mapping)."""

from __future__ import annotations

import io
import re
from xml.etree.ElementTree import Element as XmlElement

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from scripts_app.document import Document, Element, ElementType, Episode, Scene, render
from scripts_app.document import fountain as fountain_syntax

from .. import markup
from ..errors import CorruptFile, UnsafeFile
from ..limits import TextBudget

T = ElementType
Warning_ = tuple[str, str]


def read_fdx(data: bytes) -> tuple[str, list[Warning_]]:
    """Fountain text for a Final Draft file, and conversion warnings.

    Raises:
        UnsafeFile: the XML declares a DTD or entities (XXE, billion laughs).
        CorruptFile: not well-formed XML, or not a Final Draft document.
    """
    root = _parse_xml(data)
    content = root.find("Content")
    if root.tag != "FinalDraft" or content is None:
        raise CorruptFile(f"root element {root.tag!r}", kind="Final Draft (.fdx)")
    reader = _Reader()
    reader.title_page(root.find("TitlePage/Content"))
    reader.content(content)
    return render(reader.finish(), "fountain"), reader.warnings


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


def _runs_text(paragraph: XmlElement, styled: bool) -> str:
    """A paragraph's text; run styles become Fountain emphasis when ``styled``."""
    runs: list[markup.Span] = []
    for run in paragraph.findall("Text"):
        text = run.text or ""
        style = set((run.get("Style") or "").split("+"))
        if "AllCaps" in style:
            text = text.upper()
        runs.append((text, frozenset(s.lower() for s in style & {"Bold", "Italic", "Underline"})))
    if not styled or not any(styles for _, styles in runs):
        return "".join(text for text, _ in runs)
    return markup.to_fountain(runs)


_CREDIT_RE = re.compile(
    r"(?:(?:written|screenplay|teleplay|story|created|adapted)\s+)?by|编剧|作者|原著", re.I
)
_TITLE_KEY_RE = re.compile(r"([^\W\d_][\w '.\-]{0,40}?)\s*[:：]\s*(.*)")
_DATE_RE = re.compile(r"\d{1,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,4}\s*日?")

_ACTION_TYPES = frozenset({"Action", "Shot", "Cast List", "Outline Body"})


class _Reader:
    """Turns Final Draft paragraphs into a document, in reading order."""

    def __init__(self) -> None:
        self.doc = Document(format="fountain")
        self.episode = Episode(number=1, line=0, implicit=True)
        self.doc.episodes.append(self.episode)
        self.scene: Scene | None = None
        self.voice: tuple[str, str | None] | None = None  # (name, extension) of the open speech
        self.warnings: list[Warning_] = []
        self._unknown: set[str] = set()

    def finish(self) -> Document:
        first = self.doc.episodes[0]
        if first.implicit and not first.scenes and not first.elements_before_first_scene:
            self.doc.episodes.pop(0)
        return self.doc

    # Title page ------------------------------------------------------------------------

    def title_page(self, content: XmlElement | None) -> None:
        if content is None:
            return
        centered: list[list[str]] = []
        bottom: list[tuple[str, list[str]]] = []
        open_centered = open_bottom = False
        for paragraph in content.findall("Paragraph"):
            text = _runs_text(paragraph, styled=True).strip()
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
        self.doc.title_page = _centered_entries(centered) + [
            (key, "\n".join(lines)) for key, lines in bottom
        ]

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
        if paragraph.get("StartsNewPage") == "Yes" and self._has_content():
            self._close_speech()
            self.add(Element(T.PAGE_BREAK, "", 0))
        text = _runs_text(paragraph, styled=kind != "Character")
        if kind == "Scene Heading":
            self._scene(text, paragraph.get("Number"))
        elif kind == "Character":
            self._character(text, dual)
        elif kind in ("Dialogue", "Parenthetical") and self.voice is not None:
            self._speech_part(kind, text)
        elif kind in ("Dialogue", "Parenthetical"):  # outside a speech: keep the words
            self._action(text)
        elif kind == "Transition":
            self._close_speech()
            clean, notes = _split_notes(text)
            self.add(Element(T.TRANSITION, clean, 0, extra=_notes_extra(notes)))
        elif kind == "General":
            self._general(text)
        elif kind == "New Act":
            self._new_act(text)
        elif kind == "End of Act" or (kind == "Action" and paragraph.get("Alignment") == "Center"):
            self._close_speech()
            self.add(Element(T.CENTERED, text, 0))
        else:
            if kind not in _ACTION_TYPES:
                self._warn_unknown(kind)
            self._action(text)

    def add(self, element: Element) -> None:
        if self.scene is not None:
            self.scene.elements.append(element)
        else:
            self.episode.elements_before_first_scene.append(element)

    def _has_content(self) -> bool:
        return any(ep.scenes or ep.elements_before_first_scene for ep in self.doc.episodes)

    def _scene(self, text: str, number: str | None) -> None:
        self._close_speech()
        heading, notes = _split_notes(text)
        self.scene = Scene(number=number or None, heading=heading, line=0)
        self.scene.extra.update(_notes_extra(notes))
        self.episode.scenes.append(self.scene)

    def _new_act(self, text: str) -> None:
        self._close_speech()
        found = fountain_syntax.episode_section(text.strip())
        if found is None:
            self.add(Element(T.SECTION, text.strip(), 0, extra={"level": 1}))
            return
        self.episode = Episode(number=found[0], line=0, title=found[1])
        self.doc.episodes.append(self.episode)
        self.scene = None

    def _character(self, text: str, dual: bool) -> None:
        self._close_speech()
        clean, notes = _split_notes(text.strip())
        cue = fountain_syntax.parse_cue("@" + clean, "@" + clean)
        if cue is None:  # nothing usable as a name: keep the words as action
            self._action(text)
            return
        name, extension, marked_dual = cue
        extra = _notes_extra(notes)
        if dual or marked_dual:
            extra["dual"] = True
        self.add(Element(T.CHARACTER, name, 0, speaker=name, cue=extension, extra=extra))
        self.voice = (name, extension)

    def _speech_part(self, kind: str, text: str) -> None:
        assert self.voice is not None
        name, extension = self.voice
        if kind == "Parenthetical":
            text = text.strip()
            if text.startswith("(") and text.endswith(")"):
                text = text[1:-1]
            self.add(Element(T.PARENTHETICAL, text, 0, speaker=name, cue=extension))
        else:
            self.add(Element(T.DIALOGUE, text, 0, speaker=name, cue=extension))

    def _action(self, text: str) -> None:
        self._close_speech()
        self.add(Element(T.ACTION, text, 0))

    def _general(self, text: str) -> None:
        """A General paragraph holds Fountain markup: parse it and take what it says."""
        snippet = fountain_syntax.parse(text)
        if self.voice is not None and _all_lyrics(snippet):
            name, extension = self.voice
            for element in snippet.iter_elements():
                self.add(Element(T.LYRIC, element.text, 0, speaker=name, cue=extension))
            return
        self._close_speech()
        for element in snippet.prematter:
            self.add(element)
        for episode in snippet.episodes:
            if not episode.implicit:
                self.episode = Episode(number=episode.number, line=0, title=episode.title)
                self.episode.synopsis = episode.synopsis
                self.doc.episodes.append(self.episode)
                self.scene = None
            for element in episode.elements_before_first_scene:
                self.add(element)
            for scene in episode.scenes:
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
