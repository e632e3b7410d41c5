"""Word (``.docx``): export a screenplay layout, import a draft as script text.

Export writes the rendered source text one line per Word paragraph, so the words in
Word are exactly the script's text (and import gives the same script back); the layout
comes from named paragraph styles chosen by what each line is. Import keeps paragraphs
as lines, ignores styling, and refuses zip bombs before python-docx opens the file.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from scripts_app.document import Document, Element, ElementType, detect_format, parse, render
from scripts_app.document import fountain as fountain_syntax

from .errors import CorruptFile, UnsafeFile
from .limits import TextBudget

T = ElementType
Warning_ = tuple[str, str]

# --- reading ----------------------------------------------------------------------------

# A long series with images stays far below these; a zip bomb does not.
MAX_MEMBERS = 1000
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB (XML compresses ~10x)


def read_docx(data: bytes) -> tuple[str, list[Warning_]]:
    """The text of a Word file: paragraphs as lines, table cells in reading order.

    Raises:
        UnsafeFile: the archive would expand too far, or an XML part declares a DTD.
        CorruptFile: not a zip archive, not a Word document, or damaged.
    """
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [line for block in _blocks(document) for line in block.split("\n")]
    except Exception as error:  # python-docx and lxml raise many types on damaged files
        raise CorruptFile(repr(error), kind="Word (.docx)") from error
    return _join_lines([line.rstrip("\r") for line in lines])


def _check_archive(data: bytes) -> None:
    """Refuse archives that would expand too far, before anything decompresses them.

    Sizes come from the central directory; zipfile never returns more bytes than a
    member declares (and checks its CRC), so the declared sizes bound what python-docx
    can read.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CorruptFile(repr(error), kind="Word (.docx)") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise UnsafeFile(f"{len(members)} members", reason="too many archive members")
        if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
            raise UnsafeFile("total size", reason="more data than a script can hold (zip bomb)")
        for member in members:
            if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
                member.compress_size, 1
            ):
                raise UnsafeFile(member.filename, reason="a zip bomb")
        if "word/document.xml" not in {m.filename for m in members}:
            raise CorruptFile("no word/document.xml", kind="Word (.docx)")
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _check_xml_part(archive, member)
        _count_text(archive)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LINE_TAGS = frozenset({f"{_W}p", f"{_W}br", f"{_W}cr"})


def _count_text(archive: zipfile.ZipFile) -> None:
    """Count the body's lines (paragraphs and line breaks) and characters as the XML
    streams in, and stop at the limit: python-docx would build an object per paragraph."""
    budget = TextBudget()
    try:
        with archive.open("word/document.xml") as stream:
            events = etree.iterparse(
                stream, events=("end",), tag=[*_LINE_TAGS, f"{_W}t"],
                resolve_entities=False, no_network=True, load_dtd=False,
            )  # fmt: skip
            for _event, element in events:
                if element.tag == f"{_W}t":
                    budget.add(chars=len(element.text or ""))
                    continue
                budget.add(lines=1)
                if element.tag == f"{_W}p":
                    element.clear(keep_tail=True)  # keep memory flat while counting
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise CorruptFile(repr(error), kind="Word (.docx)") from error


def _check_xml_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    try:
        content = archive.read(member)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise CorruptFile(repr(error), kind="Word (.docx)") from error
    # Word never writes a DTD; python-docx's parser would not expand entities anyway.
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise UnsafeFile(member.filename, reason="XML declarations (DTD or entities)")


def _blocks(document: docx.document.Document) -> Iterator[str]:
    """Paragraph texts in reading order, descending into tables (merged cells once)."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_texts(block)


def _table_texts(table: Table) -> Iterator[str]:
    # A merged cell appears once per grid position. The set holds the cell elements
    # themselves: lxml keeps one proxy per element while it is referenced, so identity
    # is stable (an id() could be reused once a proxy is freed).
    seen: set = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                yield paragraph.text


def _join_lines(lines: list[str]) -> tuple[str, list[Warning_]]:
    """Join paragraph lines; keep blank lines, but only one in a row.

    Writers who space paragraphs with Word's paragraph spacing have no empty paragraphs.
    Fountain needs blank lines between elements, so when a Fountain draft has none
    they are added between paragraphs, except inside a speech (cue, parentheticals,
    dialogue) and inside the title page.
    """
    collapsed: list[str] = []
    for line in lines:
        if line == "" and (not collapsed or collapsed[-1] == ""):
            continue
        collapsed.append(line)
    while collapsed and collapsed[-1] == "":
        collapsed.pop()
    text = "\n".join(collapsed)
    warnings: list[Warning_] = []
    has_blank = "" in collapsed
    if not has_blank and len(collapsed) > 1 and detect_format(text) == "fountain":
        text = "\n".join(_space_fountain_paragraphs(collapsed))
        warnings.append(
            ("blank_lines_added", "Blank lines were added between paragraphs for Fountain.")
        )
    return (text + "\n" if text else ""), warnings


def _space_fountain_paragraphs(lines: list[str]) -> list[str]:
    title_end = _title_page_length(lines)
    out = list(lines[:title_end])
    previous = None  # the previous line's part in a speech: "cue", "paren", "dialogue"
    for line in lines[title_end:]:
        stripped = line.strip()
        paren = stripped.startswith("(") and stripped.endswith(")")
        if previous in ("cue", "paren"):
            part = "paren" if paren else "dialogue"
        elif previous == "dialogue" and paren:
            part = "paren"
        else:
            part = "cue" if _is_cue(stripped) else None
            if out:
                out.append("")
        out.append(line)
        previous = part
    return out


def _is_cue(stripped: str) -> bool:
    if not stripped or fountain_syntax.is_heading(stripped) or stripped.endswith("TO:"):
        return False
    return fountain_syntax.parse_cue(stripped, stripped) is not None


def _title_page_length(lines: list[str]) -> int:
    """How many leading lines form a Fountain title page (``Key: value`` lines)."""
    length = 0
    while length < len(lines):
        entries, _ = fountain_syntax.parse_title_page([*lines[: length + 1], ""])
        if not entries:
            break
        length += 1
    return length


# --- writing ----------------------------------------------------------------------------


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


_FOUNTAIN_LOOKS: dict[str, _Look] = {
    "title": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "episode": _Look(bold=True, keep_with_next=True),
    "scene": _Look(bold=True, keep_with_next=True),
    "action": _Look(),
    "character": _Look(left=2.2, keep_with_next=True),
    "parenthetical": _Look(left=1.6, right=1.9, keep_with_next=True),
    "dialogue": _Look(left=1.0, right=1.5),
    "transition": _Look(align=WD_ALIGN_PARAGRAPH.RIGHT),
    "centered": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "note": _Look(italic=True, grey=True),
    "hook": _Look(bold=True),
}
_ZH_LOOKS: dict[str, _Look] = {
    "title": _Look(bold=True, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, heading_font=True),
    "title entry": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "section": _Look(bold=True, heading_font=True, keep_with_next=True),
    "episode": _Look(
        bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, heading_font=True, keep_with_next=True
    ),
    "scene": _Look(bold=True, heading_font=True, keep_with_next=True),
    "action": _Look(left=1 / 6, first_line=-1 / 6),  # hangs the △ (one 12 pt character)
    "dialogue": _Look(),
    "centered": _Look(align=WD_ALIGN_PARAGRAPH.CENTER),
    "note": _Look(italic=True, grey=True),
    "hook": _Look(bold=True),
}

# Element type -> kind of line, for each layout.
_KINDS = {
    T.ACTION: "action", T.CHARACTER: "character", T.DIALOGUE: "dialogue",
    T.PARENTHETICAL: "parenthetical", T.LYRIC: "dialogue", T.TRANSITION: "transition",
    T.CENTERED: "centered", T.NOTE: "note", T.SECTION: "section", T.SYNOPSIS: "note",
    T.HOOK: "hook", T.PAYWALL: "hook", T.CAST: "action", T.BIO: "action",
}  # fmt: skip

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
    styles = {
        kind: _paragraph_style(document, fmt, kind, look).style_id for kind, look in looks.items()
    }
    # python-docx's add_paragraph() scans the body and every style on each call, which
    # took seconds for a long series; paragraphs are built directly before the section
    # properties instead, with the style set by id.
    anchor = document.element.body.sectPr
    body_started = False
    for number, line in enumerate(lines, start=1):
        kind, element = kinds.get(number, ("action", None))
        kind = kind if kind in styles else "action"
        p = OxmlElement("w:p")
        anchor.addprevious(p)
        p.style = styles[kind]
        paragraph = Paragraph(p, document)
        if kind == "episode" and body_started:
            paragraph.paragraph_format.page_break_before = True
        body_started = body_started or kind not in ("title", "title entry")
        _add_line_runs(paragraph, line, element if fmt == "zh" else None)
    if watermark:
        _add_watermark(document, watermark, _FONTS[fmt][1])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _line_kinds(text: str, fmt: str) -> dict[int, tuple[str, Element | None]]:
    """What each line of rendered text is, from where the parser found each element."""
    doc = parse(text, fmt)
    kinds: dict[int, tuple[str, Element | None]] = {}

    def mark(elements: list[Element]) -> None:
        for element in elements:
            kind = _KINDS.get(element.type, "action")
            if fmt == "zh" and element.type in (T.PARENTHETICAL, T.CHARACTER):
                kind = "dialogue"
            for offset in range(element.text.count("\n") + 1):
                kinds[element.line + offset] = (kind, element)

    mark(doc.prematter)
    for episode in doc.episodes:
        if not episode.implicit:
            kinds[episode.line] = ("episode", None)
        mark(episode.elements_before_first_scene)
        for scene in episode.scenes:
            kinds[scene.line] = ("scene", None)
            mark(scene.elements)
    first_body = min(kinds, default=len(text.split("\n")) + 1)
    for number in range(1, first_body):
        kinds[number] = ("title" if fmt == "fountain" or number == 1 else "title entry", None)
    if fmt == "zh" and not doc.title:
        kinds.pop(1, None)
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
    name = ("Screenplay " if fmt == "fountain" else "剧本 ") + kind.title()
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
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
    return style


def _set_fonts(style_element, latin: str, east_asian: str) -> None:
    fonts = style_element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _add_line_runs(paragraph: Paragraph, line: str, element: Element | None) -> None:
    """Add the line's text; in Chinese dialogue the speaker (up to the colon) is bold."""
    split = _speaker_prefix_length(line, element) if element is not None else 0
    if split:
        paragraph.add_run(line[:split]).bold = True
    if line[split:]:
        paragraph.add_run(line[split:])


def _speaker_prefix_length(line: str, element: Element) -> int:
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
