"""Writing Final Draft XML (see the package docstring for the mapping)."""

from __future__ import annotations

# The standard library builds the XML we write; only defusedxml parses what users send.
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import SubElement, tostring

from scripts_app.document import Document, Element, ElementType, Episode, Scene
from scripts_app.document.model import SPEECH_PARTS
from scripts_app.document.render import bracket_line

from .. import markup

T = ElementType

_MARKER_TYPES = frozenset(
    {T.SUBTITLE, T.FLASHBACK_START, T.FLASHBACK_END, T.INSERT, T.BLACK_SCREEN, T.CUT,
     T.HOOK, T.PAYWALL}
)  # fmt: skip
_CENTERED_TITLE_KEYS = frozenset({"title", "credit", "author", "authors", "source"})
_TITLE_TOP_SPACING = 18  # empty lines above the title, as Final Draft's own title pages


def write_fdx(doc: Document, *, header: str | None = None) -> bytes:
    """The document as Final Draft XML (UTF-8; Chinese text is kept as is).

    ``header`` is printed in the header and footer of every page (a watermark).
    """
    root = XmlElement("FinalDraft", DocumentType="Script", Template="No", Version="5")
    writer = _ContentWriter(SubElement(root, "Content"), doc.format)
    writer.elements(doc.prematter)
    for episode in doc.episodes:
        if not episode.implicit:
            writer.paragraph("New Act", _episode_heading(episode, doc.format), styled=False)
        if episode.synopsis is not None:
            writer.paragraph("General", f"= {episode.synopsis}", styled=False)
        writer.elements(episode.elements_before_first_scene)
        for scene in episode.scenes:
            writer.scene(scene)
            writer.elements(scene.elements)
    writer.finish()
    _write_title_page(root, doc)
    if header:
        _write_header_and_footer(root, header)
    return tostring(root, encoding="UTF-8", xml_declaration=True)


def _episode_heading(episode: Episode, fmt: str) -> str:
    if fmt == "zh":
        return f"第{episode.number}集" + (f"：{episode.title}" if episode.title else "")
    return f"Episode {episode.number}" + (f": {episode.title}" if episode.title else "")


def _notes_suffix(extra: dict) -> str:
    return "".join(f" [[{note}]]" for note in extra.get("notes", ()))


class _ContentWriter:
    """Appends paragraphs in reading order; groups speeches and dual dialogue."""

    def __init__(self, content: XmlElement, fmt: str) -> None:
        self.content = content
        self.emphasis = fmt == "fountain"  # the Chinese convention has no emphasis markup
        self.zh = fmt == "zh"
        self.parent = content  # a DualDialogue element while a dual speech is written
        self.voice: tuple | None = None  # (speaker, cue, joint) of the open speech
        self.speech_start = 0  # index in content of the open speech's cue paragraph
        self.new_page = False

    def paragraph(self, kind: str, text: str, *, styled: bool = True, **attrs: str) -> None:
        paragraph = SubElement(self.parent, "Paragraph", Type=kind, **attrs)
        if self.new_page:
            paragraph.set("StartsNewPage", "Yes")
            self.new_page = False
        _add_text(paragraph, text, styled and self.emphasis)

    def scene(self, scene: Scene) -> None:
        self._close_speech()
        attrs = {"Number": scene.number} if scene.number else {}
        self.paragraph("Scene Heading", scene.heading + _notes_suffix(scene.extra), **attrs)

    def elements(self, elements: list[Element]) -> None:
        for element in elements:
            self.element(element)

    def element(self, element: Element) -> None:
        kind = element.type
        if kind == T.CHARACTER:
            self._open_speech(element, element.text)
            return
        if kind in SPEECH_PARTS and element.speaker is not None:
            self._speech_part(element)
            return
        self._close_speech()
        if kind == T.ACTION:
            self.paragraph("Action", element.text)
        elif kind == T.TRANSITION:
            self.paragraph("Transition", element.text + _notes_suffix(element.extra))
        elif kind == T.CENTERED:
            self.paragraph("Action", element.text, Alignment="Center")
        elif kind == T.PAGE_BREAK:
            self.new_page = True
        elif kind == T.CAST:
            self.paragraph("Cast List", f"人物：{element.text}", styled=False)
        elif kind == T.BIO:
            note = f"（{element.cue}）" if element.cue else ""
            self.paragraph("Action", f"{element.speaker or ''}{note}：{element.text}", styled=False)
        else:
            self.paragraph("General", _general_markup(element), styled=False)

    def finish(self) -> None:
        self._close_speech()
        if self.new_page:  # a page break at the very end has no paragraph to carry it
            self.new_page = False
            self.paragraph("General", "===", styled=False)

    def _speech_part(self, element: Element) -> None:
        voice = (element.speaker, element.cue, element.extra.get("joint"))
        if voice != self.voice:
            joint = element.extra.get("joint")
            self._open_speech(element, "、".join(joint) if joint else element.speaker or "")
        if element.type == T.PARENTHETICAL:
            self.paragraph("Parenthetical", f"({element.text})")
        elif element.type == T.LYRIC:
            self.paragraph("General", _lyric_markup(element.text), styled=False)
        else:
            self.paragraph("Dialogue", element.text)
            if self.zh:  # each Chinese dialogue line is a speech of its own
                self._close_speech()

    def _open_speech(self, element: Element, name: str) -> None:
        # Dual dialogue pairs this speech with the one just before it, if nothing came between.
        pair_with = self.speech_start if self.voice and self.parent is self.content else None
        self._close_speech()
        cue = f"{name} ({element.cue})" if element.cue else name
        if element.extra.get("dual") and pair_with is not None:
            self._wrap_dual(pair_with)
        self.speech_start = len(self.content)
        self.paragraph("Character", cue + _notes_suffix(element.extra), styled=False)
        self.voice = (element.speaker, element.cue, element.extra.get("joint"))

    def _wrap_dual(self, start: int) -> None:
        """Move the previous speech into a DualDialogue paragraph; this speech joins it."""
        moved = list(self.content)[start:]
        for paragraph in moved:
            self.content.remove(paragraph)
        wrapper = SubElement(self.content, "Paragraph")
        self.parent = SubElement(wrapper, "DualDialogue")
        self.parent.extend(moved)

    def _close_speech(self) -> None:
        self.voice = None
        self.parent = self.content


def _general_markup(element: Element) -> str:
    """Fountain markup for an element Final Draft has no paragraph type for."""
    kind = element.type
    if kind in _MARKER_TYPES:
        return bracket_line(element)
    if kind == T.NOTE:
        return f"[[{element.text}]]"
    if kind == T.SECTION:
        return "#" * max(1, element.extra.get("level", 1)) + " " + element.text
    if kind == T.SYNOPSIS:
        return f"= {element.text}"
    if kind == T.LYRIC:
        return _lyric_markup(element.text)
    return element.text


def _lyric_markup(text: str) -> str:
    return "\n".join("~" + line for line in text.split("\n"))


def _add_text(paragraph: XmlElement, text: str, styled: bool) -> None:
    """Add ``Text`` runs; Fountain emphasis becomes Final Draft run styles."""
    runs: list[markup.Span] = []
    lines = markup.spans(text) if styled else [[(line, frozenset())] for line in text.split("\n")]
    for index, line in enumerate(lines):
        if index:
            runs.append(("\n", frozenset()))
        runs.extend(line)
    merged: list[markup.Span] = []
    for piece, styles in runs:
        if merged and merged[-1][1] == styles:
            merged[-1] = (merged[-1][0] + piece, styles)
        elif piece:
            merged.append((piece, styles))
    for piece, styles in merged or [("", frozenset())]:
        run = SubElement(paragraph, "Text")
        if styles:
            run.set("Style", "+".join(_FDX_STYLES[s] for s in sorted(styles)))
        run.text = piece


_FDX_STYLES = {"bold": "Bold", "italic": "Italic", "underline": "Underline"}


def _write_header_and_footer(root: XmlElement, text: str) -> None:
    block = SubElement(
        root, "HeaderAndFooter", FooterFirstPage="Yes", FooterVisible="Yes",
        HeaderFirstPage="Yes", HeaderVisible="Yes", StartingPage="1",
    )  # fmt: skip
    for part in ("Header", "Footer"):
        paragraph = SubElement(SubElement(block, part), "Paragraph", Type=part, Alignment="Center")
        _add_text(paragraph, text, False)


def _write_title_page(root: XmlElement, doc: Document) -> None:
    entries = list(doc.title_page)
    if doc.title and not any(key.casefold() == "title" for key, _ in entries):
        entries.insert(0, ("Title", doc.title))
    if not entries:
        return
    styled = doc.format == "fountain"
    content = SubElement(SubElement(root, "TitlePage"), "Content")

    def line(text: str, alignment: str) -> None:
        _add_text(SubElement(content, "Paragraph", Alignment=alignment), text, styled)

    for _ in range(_TITLE_TOP_SPACING):
        line("", "Center")
    centered = [(k, v) for k, v in entries if k.casefold() in _CENTERED_TITLE_KEYS]
    for index, (_key, value) in enumerate(centered):
        if index:
            line("", "Center")
        for text in value.split("\n"):
            line(text, "Center")
    for _ in range(_TITLE_TOP_SPACING // 2):
        line("", "Left")
    for key, value in entries:
        if key.casefold() in _CENTERED_TITLE_KEYS:
            continue
        texts = value.split("\n")
        if key.casefold() != "contact":
            texts[0] = f"{key}: {texts[0]}"
        for text in texts:
            line(text, "Left")
        line("", "Left")
