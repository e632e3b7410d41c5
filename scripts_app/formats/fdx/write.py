"""Writing Final Draft XML (see the package docstring for the mapping)."""

from __future__ import annotations

# The standard library builds the XML we write; only defusedxml parses what users send.
from collections.abc import Iterable
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import SubElement, tostring

from scripts_app.document import Document, Element, ElementType, Scene
from scripts_app.document import zh as zh_syntax
from scripts_app.document.fountain_inline import NOTE_RE
from scripts_app.document.model import SPEECH_PARTS
from scripts_app.document.render import bio_line, bracket_line, episode_heading, missing_hook

from .text import FOUNTAIN_TEXT, NOTE_MARK, paragraph_runs, styled_runs
from .vocabulary import (
    AFTER_COLON,
    CONVENTION_TAG,
    CUSTOM_LAYOUT,
    CUSTOM_TYPES,
    OUTSIDE_SPEECH,
    SECTION_TYPE_RE,
    section_type,
)

T = ElementType

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
            writer.paragraph("New Act", episode_heading(episode, doc.format), styled=False)
            if episode.synopsis is not None:
                writer.paragraph("Synopsis", episode.synopsis)
        writer.elements(episode.elements_before_first_scene)
        for scene in episode.scenes:
            writer.scene(scene)
            writer.elements(scene.elements)
        if marker := missing_hook(episode):  # a hook set in code, not by a marker
            writer.element(marker)
    writer.finish()
    _write_element_settings(root, writer.custom_types)
    _write_title_page(root, doc)
    if header:
        _write_header_and_footer(root, header)
    SubElement(root, CONVENTION_TAG, Format=doc.format)
    return tostring(root, encoding="UTF-8", xml_declaration=True)


class _ContentWriter:
    """Appends paragraphs in reading order; groups speeches and dual dialogue."""

    def __init__(self, content: XmlElement, fmt: str) -> None:
        self.content = content
        # Fountain texts carry emphasis and inline notes; the Chinese convention has
        # neither ("*" and "[[" are just characters there).
        self.fountain = fmt == "fountain"
        self.parent = content  # a DualDialogue element while a dual speech is written
        self.voice: tuple | None = None  # (speaker, cue, joint) of the open speech
        self.speech_start = 0  # index in content of the open speech's cue paragraph
        self.new_page = False
        self.custom_types: set[str] = set()
        self.note_ids = 0

    def paragraph(
        self,
        kind: str,
        text: str,
        *,
        styled: bool = True,
        notes: Iterable[str] = (),
        **attrs: str,
    ) -> XmlElement:
        paragraph = SubElement(self.parent, "Paragraph", Type=kind, **attrs)
        if kind in CUSTOM_LAYOUT or SECTION_TYPE_RE.fullmatch(kind):
            self.custom_types.add(kind)
        if self.new_page:
            paragraph.set("StartsNewPage", "Yes")
            self.new_page = False
        self._add_text(paragraph, text, styled=styled and self.fountain)
        for note in notes:
            self._script_note(paragraph, note)
        return paragraph

    def scene(self, scene: Scene) -> None:
        self._close_speech()
        attrs = {"Number": scene.number} if scene.number else {}
        self.paragraph("Scene Heading", scene.heading, notes=scene.extra.get("notes", ()), **attrs)

    def elements(self, elements: list[Element]) -> None:
        for element in elements:
            self.element(element)

    def element(self, element: Element) -> None:
        kind = element.type
        if kind == T.CHARACTER:
            self._open_speech(element, element.text)
            return
        if kind in SPEECH_PARTS and (element.speaker is not None or not self.fountain):
            self._speech_part(element)
            return
        after_speech = self.voice is not None
        self._close_speech()
        if kind == T.ACTION:
            self.paragraph("Action", element.text)
        elif kind == T.TRANSITION:
            self.paragraph("Transition", element.text, notes=element.extra.get("notes", ()))
        elif kind == T.CENTERED:
            self.paragraph("Action", element.text, Alignment="Center")
        elif kind == T.PAGE_BREAK:
            if self.new_page:  # two in a row: the first starts an empty page
                self.paragraph("General", "")
            self.new_page = True
        elif kind == T.NOTE:  # a writer's note, anchored to an empty paragraph
            self.paragraph("General", "", notes=[element.text])
        elif kind == T.SECTION:
            level = element.extra.get("level", 1)
            written = None if self.fountain else zh_syntax.written_header(element)
            self.paragraph(section_type(level), written or element.text)
        elif kind == T.BIO:
            self.paragraph(CUSTOM_TYPES[kind], bio_line(element), styled=False)
        elif kind in CUSTOM_TYPES and kind in zh_syntax.DEFAULT_TAGS:  # 【…】 markers
            self.paragraph(CUSTOM_TYPES[kind], bracket_line(element), styled=False)
        elif kind == T.LYRIC:  # nobody sings it
            attrs = {OUTSIDE_SPEECH: "Yes"} if after_speech else {}
            self.paragraph(CUSTOM_TYPES[kind], element.text, **attrs)
        elif kind in CUSTOM_TYPES:  # synopses, cast lists
            self.paragraph(CUSTOM_TYPES[kind], element.text)
        else:  # dialogue without a speaker, built in code
            self.paragraph("Action", element.text)

    def finish(self) -> None:
        self._close_speech()
        if self.new_page:  # a page break at the very end: an empty page-starting paragraph
            self.paragraph("General", "")

    # Speeches --------------------------------------------------------------------------

    def _speech_part(self, element: Element) -> None:
        joint = element.extra.get("joint")
        if (element.speaker, element.cue, joint) != self.voice:
            name = ("、" if not self.fountain else " & ").join(joint) if joint else None
            self._open_speech(element, name or element.speaker or "")
        if element.type == T.PARENTHETICAL:
            attrs = {} if self.fountain else {AFTER_COLON: "Yes"}
            self.paragraph("Parenthetical", f"({element.text})", **attrs)
        elif element.type == T.LYRIC:
            self.paragraph(CUSTOM_TYPES[T.LYRIC], element.text)
        else:
            self.paragraph("Dialogue", element.text)
            if not self.fountain:  # each Chinese dialogue line is a speech of its own
                self._close_speech()

    def _open_speech(self, element: Element, name: str) -> None:
        # Dual dialogue pairs this speech with the one just before it, if nothing came between.
        pair_with = self.speech_start if self.voice and self.parent is self.content else None
        self._close_speech()
        cue = element.cue
        # A Chinese delivery hint (角色（冷笑）：) is a Parenthetical in Final Draft; voices
        # (OS, VO, 画外音) are extensions of the name, as (V.O.) is.
        hint = None
        if cue and not self.fountain and not zh_syntax.voice_of_hint(cue):
            hint, cue = cue, None
        if element.extra.get("dual") and pair_with is not None:
            self._wrap_dual(pair_with)
        self.speech_start = len(self.content)
        self.paragraph(
            "Character",
            f"{name} ({cue})" if cue else name,
            styled=False,
            notes=element.extra.get("notes", ()),
        )
        if hint is not None:
            self.paragraph("Parenthetical", f"({hint})")
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

    # Text ------------------------------------------------------------------------------

    def _add_text(self, paragraph: XmlElement, text: str, *, styled: bool) -> None:
        """``Text`` runs (Fountain emphasis as run styles) and, where a Fountain text has
        an inline ``[[note]]``, a ScriptNote at that place."""
        original = text
        notes: list[str] = []
        if self.fountain and "[[" in text:
            notes = [match.group(1) for match in NOTE_RE.finditer(text)]
            text = NOTE_RE.sub(NOTE_MARK, text)
        marked = text
        runs = styled_runs(text, styled)
        pending = iter(notes)
        for piece, styles in runs:
            for index, part in enumerate(piece.split(NOTE_MARK)):
                if index:
                    self._script_note(paragraph, next(pending))
                if part:
                    _text_run(paragraph, part, styles)
        if not any(child.tag == "Text" for child in paragraph):
            SubElement(paragraph, "Text")
        if styled and paragraph_runs(paragraph, styled=True, notes=True)[0] != marked:
            paragraph.set(FOUNTAIN_TEXT, original)  # markup the runs cannot say exactly

    def _script_note(self, paragraph: XmlElement, text: str) -> None:
        """A Final Draft script note: one paragraph per line, spaces kept as written."""
        self.note_ids += 1
        note = SubElement(paragraph, "ScriptNote", ID=str(self.note_ids))
        for line in text.split("\n"):
            SubElement(SubElement(note, "Paragraph"), "Text").text = line


def _text_run(paragraph: XmlElement, text: str, styles: frozenset[str]) -> None:
    run = SubElement(paragraph, "Text")
    if styles:
        run.set("Style", "+".join(_FDX_STYLES[s] for s in sorted(styles)))
    run.text = text


_FDX_STYLES = {"bold": "Bold", "italic": "Italic", "underline": "Underline"}


def _add_plain_text(paragraph: XmlElement, text: str, styled: bool) -> None:
    for piece, styles in styled_runs(text, styled) or [("", frozenset())]:
        _text_run(paragraph, piece, styles)


def _write_element_settings(root: XmlElement, kinds: set[str]) -> None:
    """Declare the custom paragraph types the script uses, so Final Draft lays them out."""
    for kind in sorted(kinds):
        layout = CUSTOM_LAYOUT.get(kind) or CUSTOM_LAYOUT["Section"]
        alignment, left, right, style, space = layout
        settings = SubElement(root, "ElementSettings", Type=kind)
        SubElement(
            settings, "FontSpec", AdornmentStyle="0", Background="#FFFFFFFFFFFF",
            Color="#000000000000", Font="Courier Final Draft", RevisionID="0", Size="12",
            Style=style,
        )  # fmt: skip
        SubElement(
            settings, "ParagraphSpec", Alignment=alignment, FirstIndent="0.00",
            Leading="Regular", LeftIndent=f"{left:.2f}", RightIndent=f"{right:.2f}",
            SpaceBefore=str(12 * space), Spacing="1", StartsNewPage="No",
        )  # fmt: skip
        SubElement(settings, "Behavior", PaginateAs="Action", ReturnKey="Action", Shortcut="")


def _write_header_and_footer(root: XmlElement, text: str) -> None:
    block = SubElement(
        root, "HeaderAndFooter", FooterFirstPage="Yes", FooterVisible="Yes",
        HeaderFirstPage="Yes", HeaderVisible="Yes", StartingPage="1",
    )  # fmt: skip
    for part in ("Header", "Footer"):
        paragraph = SubElement(SubElement(block, part), "Paragraph", Type=part, Alignment="Center")
        _add_plain_text(paragraph, text, False)


def _write_title_page(root: XmlElement, doc: Document) -> None:
    entries = list(doc.title_page)
    if doc.title and not any(key.casefold() == "title" for key, _ in entries):
        entries.insert(0, ("Title", doc.title))
    if not entries:
        return
    styled = doc.format == "fountain"
    content = SubElement(SubElement(root, "TitlePage"), "Content")

    def line(text: str, alignment: str) -> None:
        _add_plain_text(SubElement(content, "Paragraph", Alignment=alignment), text, styled)

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
