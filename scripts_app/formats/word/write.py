"""Writing Word files (``.docx``): the script in the customary layout of its format.

The rendered source text goes one line per Word paragraph, so the words in Word are the
script's text and importing the file gives the same script back. Each kind of line has
a named paragraph style (``剧本 Scene``, ``Screenplay Character``: see :mod:`.styles`),
episode and scene headings are outline levels (Word's navigation pane shows them), and
the script format is recorded as the custom document property ``ScriptFormat``.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

from scripts_app.document import Document, Element, ElementType, parse, render
from scripts_app.document import zh as zh_syntax

from .styles import FORMAT_PROPERTY, HEADING_KINDS, style_name

T = ElementType


@dataclass(frozen=True, slots=True)
class _Look:
    """A paragraph style: how one kind of line looks."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    align: int | None = None
    left: float = 0  # inches
    right: float = 0
    first_line: float = 0
    keep_with_next: bool = False
    heading_font: bool = False  # the bold face of the Chinese layout (黑体)
    grey: bool = False


_PLAIN = _Look()
_NOTE = _Look(italic=True, grey=True)
_STRONG = _Look(bold=True)

_FOUNTAIN_LOOKS: dict[str, _Look] = {
    "title": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "episode": _Look(bold=True, keep_with_next=True),
    "scene": _Look(bold=True, keep_with_next=True),
    "action": _PLAIN,
    "character": _Look(left=2.2, keep_with_next=True),
    "parenthetical": _Look(left=1.6, right=1.9, keep_with_next=True),
    "dialogue": _Look(left=1.0, right=1.5),
    "lyric": _Look(italic=True, left=1.0, right=1.5),
    "transition": _Look(align=WD_ALIGN_PARAGRAPH.RIGHT),
    "centered": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    # Fountain prints neither notes nor sections and synopses: grey, for the writer.
    "note": _NOTE,
    "section": _Look(bold=True, italic=True, grey=True, keep_with_next=True),
    "synopsis": _NOTE,
    "hook": _STRONG,
    "paywall": _STRONG,
}
_ZH_LOOKS: dict[str, _Look] = {
    "title": _Look(bold=True, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, heading_font=True),
    "title entry": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "section": _Look(bold=True, heading_font=True, keep_with_next=True),
    "synopsis": _PLAIN,  # the prose of 大纲 and 梗概
    "bio": _PLAIN,
    "episode": _Look(
        bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, heading_font=True, keep_with_next=True
    ),
    "scene": _Look(bold=True, heading_font=True, keep_with_next=True),
    "cast": _PLAIN,
    "action": _Look(left=1 / 6, first_line=-1 / 6),  # hangs the △ (one 12 pt character)
    "dialogue": _PLAIN,
    "subtitle": _PLAIN,
    "insert": _PLAIN,
    "flashback": _STRONG,
    "flashback end": _STRONG,
    "black screen": _STRONG,
    "cut": _STRONG,
    "centered": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "note": _NOTE,
    "hook": _STRONG,
    "paywall": _STRONG,
}

# Element type -> kind of line: each has its own style. A Chinese speech is one line
# (角色（提示）：（动作）台词), so its parts are all dialogue lines there.
_KINDS = {
    T.ACTION: "action", T.CHARACTER: "character", T.DIALOGUE: "dialogue",
    T.PARENTHETICAL: "parenthetical", T.LYRIC: "lyric", T.TRANSITION: "transition",
    T.CENTERED: "centered", T.NOTE: "note", T.SECTION: "section", T.SYNOPSIS: "synopsis",
    T.PAGE_BREAK: "page break", T.CAST: "cast", T.BIO: "bio", T.SUBTITLE: "subtitle",
    T.FLASHBACK_START: "flashback", T.FLASHBACK_END: "flashback end", T.INSERT: "insert",
    T.BLACK_SCREEN: "black screen", T.CUT: "cut", T.HOOK: "hook", T.PAYWALL: "paywall",
}  # fmt: skip
_ZH_SPEECH = frozenset({T.CHARACTER, T.DIALOGUE, T.PARENTHETICAL})

_FONTS = {
    # (Latin font, East Asian font, East Asian heading font)
    "fountain": ("Courier New", "SimSun", "SimHei"),
    "zh": ("Times New Roman", "宋体", "黑体"),
}

_VML_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)


def write_docx(doc: Document, *, watermark: str | None = None) -> bytes:
    """The script as a Word document in the customary layout of its format."""
    fmt = doc.format
    text = render(doc, fmt)
    lines = text.split("\n")[:-1]  # render ends with a newline
    kinds = _line_kinds(text, fmt)
    document = docx.Document()
    _set_up_page(document, fmt)
    looks = _FOUNTAIN_LOOKS if fmt == "fountain" else _ZH_LOOKS
    styles: dict[str, str] = {}  # kind -> style id, made when first used
    # python-docx's add_paragraph() scans the body and every style on each call, which
    # took seconds for a long series; paragraphs are built directly before the section
    # properties instead, with the style set by id.
    anchor = document.element.body.sectPr
    body_started = False
    for number, line in enumerate(lines, start=1):
        kind, element = kinds.get(number, ("action", None))
        if kind not in styles:
            look = looks.get(kind, looks["action"])
            styles[kind] = _paragraph_style(document, fmt, kind, look).style_id
        p = OxmlElement("w:p")
        anchor.addprevious(p)
        p.style = styles[kind]
        paragraph = Paragraph(p, document)
        if kind == "episode" and body_started:
            paragraph.paragraph_format.page_break_before = True
        body_started = body_started or kind not in ("title", "title entry")
        _add_line_runs(paragraph, line, kind, element if fmt == "zh" else None)
    if watermark:
        _add_watermark(document, watermark, _FONTS[fmt][1])
    _record_format(document, fmt)
    if doc.title:
        document.core_properties.title = doc.title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_CUSTOM_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
    "<vt:lpwstr>{value}</vt:lpwstr></property></Properties>"
)
_CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _record_format(document: docx.document.Document, fmt: str) -> None:
    """The script format as a custom document property, which Word keeps and shows."""
    xml = _CUSTOM_PROPERTIES.format(name=FORMAT_PROPERTY, value=escape(fmt))
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_PROPERTIES_TYPE, xml.encode(), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _line_kinds(text: str, fmt: str) -> dict[int, tuple[str, Element | None]]:
    """What each line of rendered text is, from where the parser found each element."""
    doc = parse(text, fmt)
    lines = text.split("\n")
    kinds: dict[int, tuple[str, Element | None]] = {}

    def mark(elements: list[Element]) -> None:
        for element in elements:
            kind = _KINDS.get(element.type, "action")
            if fmt == "zh" and (
                element.type in _ZH_SPEECH or (element.type == T.LYRIC and element.speaker)
            ):
                kind = "dialogue"
            for offset in range(element.text.count("\n") + 1):
                kinds[element.line + offset] = (kind, element)

    mark(doc.prematter)
    for episode in doc.episodes:
        if not episode.implicit:
            kinds[episode.line] = ("episode", None)
            if episode.synopsis is not None:  # 梗概：… / = … right after the heading
                after = episode.line + 1
                while after <= len(lines) and not lines[after - 1].strip():
                    after += 1
                kinds[after] = ("synopsis", None)
        mark(episode.elements_before_first_scene)
        for scene in episode.scenes:
            kinds[scene.line] = ("scene", None)
            mark(scene.elements)
    first_body = min(kinds, default=len(lines) + 1)
    for number in range(1, first_body):  # the title page: 《剧名》 and 类型：… in Chinese
        chinese_entry = fmt == "zh" and (number > 1 or not doc.title)
        kinds[number] = ("title entry" if chinese_entry else "title", None)
    return kinds


def _set_up_page(document: docx.document.Document, fmt: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    if fmt == "fountain":  # US Letter, screenplay margins
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin, section.right_margin = Inches(1.5), Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
    else:  # A4 with Word's default Chinese margins
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(3.18)
        section.top_margin = section.bottom_margin = Cm(2.54)
    latin, east_asian, _ = _FONTS[fmt]
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    _set_fonts(normal.element, latin, east_asian)
    spacing = normal.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.line_spacing = 1.0 if fmt == "fountain" else 1.5


def _paragraph_style(document: docx.document.Document, fmt: str, kind: str, look: _Look):
    style = document.styles.add_style(style_name(fmt, kind), WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.bold = look.bold or None
    style.font.italic = look.italic or None
    if look.size:
        style.font.size = Pt(look.size)
    if look.grey:
        style.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    if look.heading_font:
        latin, _, heading = _FONTS[fmt]
        _set_fonts(style.element, latin, heading)
    layout = style.paragraph_format
    layout.alignment = look.align
    layout.left_indent = Inches(look.left) if look.left else None
    layout.right_indent = Inches(look.right) if look.right else None
    layout.first_line_indent = Inches(look.first_line) if look.first_line else None
    layout.keep_with_next = look.keep_with_next or None
    if kind in HEADING_KINDS:  # listed in Word's navigation pane
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(HEADING_KINDS[kind]))
        style.element.get_or_add_pPr().append(level)
    return style


def _set_fonts(style_element, latin: str, east_asian: str) -> None:
    fonts = style_element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _add_line_runs(paragraph: Paragraph, line: str, kind: str, element: Element | None) -> None:
    """Add the line's text; in Chinese dialogue the speaker (up to the colon) is bold, and
    so is a pre-matter header with its prose on the same line (大纲：…)."""
    split = _bold_prefix_length(line, kind, element) if element is not None else 0
    if split:
        paragraph.add_run(line[:split]).bold = True
    if line[split:]:
        paragraph.add_run(line[split:])


def _bold_prefix_length(line: str, kind: str, element: Element) -> int:
    if kind in ("synopsis", "bio"):
        header = zh_syntax.HEADER_RE.fullmatch(line)
        return header.start(2) if header and header.group(2) else 0
    if element.type not in (T.DIALOGUE, T.PARENTHETICAL, T.LYRIC) or not element.speaker:
        return 0
    colon = min((i for i in (line.find("："), line.find(":")) if i >= 0), default=-1)
    return colon + 1 if colon > 0 else 0


def _add_watermark(document: docx.document.Document, text: str, font: str) -> None:
    """Word's own diagonal text watermark (a VML text path in the page header), and the
    same text in the header and footer, which every word processor shows and prints."""
    section = document.sections[0]
    for part in (section.header, section.footer):
        line = part.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run(text)
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    header = section.header
    paragraph = header.paragraphs[0]
    escaped = (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
    pict = parse_xml(_WATERMARK_XML.format(ns=_VML_NS, text=escaped, font=font))
    run = paragraph.add_run()
    run._r.append(copy.deepcopy(pict))


_WATERMARK_XML = """<w:pict {ns}>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/>
<o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
<v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s1025" type="#_x0000_t136"
 style="position:absolute;margin-left:0;margin-top:0;width:460pt;height:80pt;rotation:315;
 z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;
 mso-position-vertical:center;mso-position-vertical-relative:margin"
 o:allowincell="f" fillcolor="#c0c0c0" stroked="f">
<v:fill opacity=".35"/>
<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/>
</v:shape>
</w:pict>"""
