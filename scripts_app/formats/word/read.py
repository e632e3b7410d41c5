"""Reading Word files (``.docx``) as script text.

Paragraphs are lines (Shift+Enter breaks too), tables are read cell by cell, and the
styles say what the text alone cannot: the script format (our ``剧本 …`` / ``Screenplay
…`` styles, or the ``ScriptFormat`` property our export records), and which paragraphs
are headings (our heading styles, Word's Heading and Title styles, an outline level, or
bold text, which is how many Chinese writers mark headings). A heading written the way
Word users write it is given the form the convention reads: ``第一场 日 内 客厅`` and
``场景二：客厅 夜 外`` become ``1-1 日 内 客厅`` and ``1-2 客厅 夜 外``, a bare ``日 内 客厅``
heading is numbered, a title line becomes ``《剧名》``, ``Episode 1: Pilot`` becomes the
Fountain section ``# Episode 1: Pilot``. Everything else is the writer's text as it is.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from scripts_app.document import detect_format
from scripts_app.document import fountain as fountain_syntax
from scripts_app.document import zh as zh_syntax
from scripts_app.document.model import chinese_to_int

from ..errors import CorruptFile, UnsafeFile
from ..limits import TextBudget
from .styles import FORMAT_PROPERTY, HEADING_KINDS, StyleInfo, is_word_heading, our_style

Warning_ = tuple[str, str]

# A long series with images stays far below these; a zip bomb does not.
MAX_MEMBERS = 1000
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB (XML compresses ~10x)


@dataclass(slots=True)
class WordText:
    """What a Word file holds: script text in ``format``, conversion warnings."""

    text: str
    format: str
    warnings: list[Warning_] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    """A paragraph (or one line of it): text, our kind of line, whether it is a heading."""

    text: str
    kind: str | None = None
    heading: bool = False
    centered: bool = False
    fmt: str | None = None  # the format our style names, if it is one of ours
    bold: bool = False  # every run is bold


def read_docx(data: bytes) -> WordText:
    """The script in a Word file, in the format the file records or reads as.

    Raises:
        UnsafeFile: the archive would expand too far, or an XML part declares a DTD.
        CorruptFile: not a zip archive, not a Word document, or damaged.
    """
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        styles = _style_infos(document)
        lines = list(_lines(document, styles))
        recorded = _recorded_format(document)
    except Exception as error:  # python-docx and lxml raise many types on damaged files
        raise CorruptFile(repr(error), kind="Word (.docx)") from error
    _bold_headings(lines)
    styled = _format_of_styles(lines)
    fmt = recorded or styled or detect_format("\n".join(x.text for x in lines))
    lines = _zh_headings(lines) if fmt == "zh" else _fountain_headings(lines)
    # Our own export wrote the script's lines as they are: nothing to space out.
    text, warnings = _join_lines(lines, fmt, ours=bool(recorded or styled))
    return WordText(text, fmt, warnings)


# --- safety ------------------------------------------------------------------------------


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


# --- paragraphs and what their styles say ------------------------------------------------


def _style_infos(document: docx.document.Document) -> dict[str, StyleInfo]:
    """Paragraph style id → what the style says (base styles followed)."""
    infos: dict[str, StyleInfo] = {}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        ours = heading = bold = None
        outlined = False
        current, depth = style, 0
        while current is not None and depth < 20:
            name = current.name or ""
            ours = ours or our_style(name)
            heading = heading or is_word_heading(name)
            outlined = (
                outlined or current.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None
            )
            if bold is None and current.font.bold is not None:
                bold = current.font.bold
            current, depth = current.base_style, depth + 1
        fmt, kind = ours or (None, None)
        is_heading = (kind in HEADING_KINDS) if kind else bool(heading or outlined)
        infos[style.style_id] = StyleInfo(fmt, kind, is_heading, bool(bold))
    return infos


_NO_STYLE = StyleInfo(None, None, False, False)


def _lines(document: docx.document.Document, styles: dict[str, StyleInfo]) -> Iterator[_Line]:
    """Lines in reading order, descending into tables (merged cells once)."""
    default_style = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default = styles.get(default_style.style_id, _NO_STYLE) if default_style else _NO_STYLE
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield from _paragraph_lines(block, styles, default)
        elif isinstance(block, Table):
            for paragraph in _table_paragraphs(block):
                yield from _paragraph_lines(paragraph, styles, default)


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    # A merged cell appears once per grid position. The set holds the cell elements
    # themselves: lxml keeps one proxy per element while it is referenced, so identity
    # is stable (an id() could be reused once a proxy is freed).
    seen: set = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            yield from cell.paragraphs


def _paragraph_lines(
    paragraph: Paragraph, styles: dict[str, StyleInfo], default: StyleInfo
) -> Iterator[_Line]:
    p = paragraph._p
    style_id = p.style
    info = styles.get(style_id, default) if style_id else default
    ppr = p.pPr
    outlined = ppr is not None and ppr.find(qn("w:outlineLvl")) is not None
    centered = (
        ppr is not None
        and (jc := ppr.find(qn("w:jc"))) is not None
        and (jc.get(qn("w:val")) == "center")
    )
    text = paragraph.text
    heading = info.heading or outlined
    bold = info.kind is None and _all_bold(p, info.bold)
    for line in text.split("\n"):
        filled = bool(line.strip())
        yield _Line(line.rstrip("\r"), info.kind, heading and filled, centered, info.fmt, bold)


def _all_bold(p: CT_P, style_bold: bool) -> bool:
    """Is every run with text bold (directly or by the paragraph style)?"""
    seen = False
    for run in p.iter(qn("w:r")):
        if not "".join(t.text or "" for t in run.iter(qn("w:t"))).strip():
            continue
        seen = True
        bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if bold is None:
            if not style_bold:
                return False
        elif bold.get(qn("w:val")) in ("0", "false", "off"):
            return False
    return seen


def _bold_headings(lines: list[_Line]) -> None:
    """Bold paragraphs are headings, where bold sets some paragraphs apart: a writer
    who made the whole script bold marked nothing by it."""
    filled = [line for line in lines if line.text.strip()]
    bold = [line for line in filled if line.bold]
    if len(bold) * 2 < len(filled):
        for line in bold:
            line.heading = True


def _recorded_format(document: docx.document.Document) -> str | None:
    """The ``ScriptFormat`` custom property our export writes, if the file has it."""
    try:
        part = document.part.package.part_related_by(RT.CUSTOM_PROPERTIES)
    except KeyError:
        return None
    root = etree.fromstring(
        part.blob, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    )
    for prop in root:
        if prop.get("name") == FORMAT_PROPERTY:
            value = "".join(prop.itertext()).strip()
            return value if value in ("zh", "fountain") else None
    return None


def _format_of_styles(lines: list[_Line]) -> str | None:
    """The format our styles name, when most styled paragraphs use one of ours."""
    zh = sum(line.fmt == "zh" for line in lines if line.text)
    fountain = sum(line.fmt == "fountain" for line in lines if line.text)
    if zh == fountain:
        return None
    return "zh" if zh > fountain else "fountain"


# --- headings as the convention writes them -------------------------------------------

_NUMERAL = r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+"
# 第一场 日 内 客厅 / 场景二：客厅 夜 外 / 场3 街道 日外 / 场景：客厅 日 内
_SCENE_WORD_RE = re.compile(
    rf"(?:第\s*(?P<a>{_NUMERAL})\s*场(?:景)?|场景?\s*(?P<b>{_NUMERAL}))"
    rf"\s*[：:、.．\s]\s*(?P<rest>.*)|场景\s*[：:]\s*(?P<c>.*)",
    re.DOTALL,
)
# 1、日 内 客厅 / 2. 客厅 夜外 / 3 张三卧室 日内 (a heading numbered by the writer)
_NUMBERED_RE = re.compile(rf"(?P<n>{_NUMERAL})\s*[、.．\s]\s*(?P<rest>.+)", re.DOTALL)
_NOT_A_TITLE_RE = re.compile(r"[：:【△▲《]")


def _zh_headings(lines: list[_Line]) -> list[_Line]:
    """Give headings written the Word way the form the Chinese convention reads."""
    episode, scene = 1, 0
    titled = any(x.text.strip().startswith("《") for x in lines[:5])
    first = next((i for i, x in enumerate(lines) if x.text.strip()), -1)
    out: list[_Line] = []
    for index, line in enumerate(lines):
        s = zh_syntax.prepare_line(line.text)
        numbered = zh_syntax.scene_heading(s) if s[:1].isdigit() or s[:1] == "#" else None
        # Lines in our styles other than scene headings are the script's text as it is.
        theirs = line.kind in (None, "scene")
        if s[:1] in "第#" and (found := zh_syntax.episode_heading(s)):
            episode, scene = found[0], 0
        elif numbered is not None:
            scene = int(numbered[0].split("-")[1])
        elif theirs and (heading := _scene_from_words(s, line.heading)):
            number, rest = heading
            scene = number if number is not None else scene + 1
            line = _Line(f"{episode}-{scene} {rest}".rstrip(), line.kind, True, line.centered)
        elif (
            index == first
            and not titled
            and line.kind in (None, "title")
            and _reads_as_title(s, line)
        ):
            line = _Line(f"《{s}》", line.kind, True, line.centered)
        out.append(line)
    return out


def _scene_from_words(s: str, heading: bool) -> tuple[int | None, str] | None:
    """``(scene number or None, heading fields)`` for a scene heading written in words."""
    if match := _SCENE_WORD_RE.fullmatch(s):
        numeral = match.group("a") or match.group("b")
        rest = (match.group("rest") if numeral else match.group("c")) or ""
        time, _, interior, place, _ = zh_syntax.parse_scene_fields(rest)
        # Outside headings it takes both fields to be sure: 第三场戏 is prose.
        if (time or interior) and (heading or (time and interior)) and place is not None:
            return (_number(numeral) if numeral else None), rest.strip()
        return None
    if not heading:
        return None
    if (match := _NUMBERED_RE.fullmatch(s)) and _has_fields(match.group("rest")):
        return _number(match.group("n")), match.group("rest").strip()
    if _has_fields(s) and not zh_syntax.HEADER_RE.fullmatch(s) and "：" not in s:
        return None, s
    return None


def _has_fields(text: str) -> bool:
    time, _, interior, place, _ = zh_syntax.parse_scene_fields(text)
    return bool(time or interior) and place is not None


def _number(numeral: str) -> int | None:
    value = chinese_to_int(numeral.translate(_FULL_WIDTH_DIGITS))
    return value if value else None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _reads_as_title(s: str, line: _Line) -> bool:
    """A first line set as a title (Title style, or centered and bold) that is just a name."""
    return (
        line.heading
        and (line.centered or line.kind is None)
        and 0 < len(s) <= 30
        and not _NOT_A_TITLE_RE.search(s)
        and not zh_syntax.HEADER_RE.fullmatch(s)
        and not zh_syntax.META_RE.fullmatch(s)
    )


def _fountain_headings(lines: list[_Line]) -> list[_Line]:
    """An ``Episode 1: Pilot`` heading is the platform's episode section."""
    out = []
    for line in lines:
        s = line.text.strip()
        if line.heading and s[:1] != "#" and fountain_syntax.episode_section(s):
            line = _Line(f"# {s}", line.kind, True, line.centered)
        out.append(line)
    return out


# --- joining lines ------------------------------------------------------------------------


def _join_lines(lines: list[_Line], fmt: str, *, ours: bool) -> tuple[str, list[Warning_]]:
    """Join paragraph lines; keep blank lines, but only one in a row.

    Writers who space paragraphs with Word's paragraph spacing have no empty paragraphs.
    Fountain needs blank lines between elements, so when a Fountain draft has none
    they are added between paragraphs, except inside a speech (cue, parentheticals,
    dialogue) and inside the title page.
    """
    collapsed: list[_Line] = []
    for line in lines:
        # Our own export's lines are the script's (a first blank line keeps an action line
        # reading "Key: value" from becoming a title page); others' runs of empty
        # paragraphs are one blank line.
        if not ours and line.text == "" and (not collapsed or collapsed[-1].text == ""):
            continue
        collapsed.append(line)
    while collapsed and collapsed[-1].text == "":
        collapsed.pop()
    texts = [line.text for line in collapsed]
    warnings: list[Warning_] = []
    if fmt == "fountain" and not ours and "" not in texts and len(texts) > 1:
        texts = _space_fountain_paragraphs(collapsed)
        warnings.append(
            ("blank_lines_added", "Blank lines were added between paragraphs for Fountain.")
        )
    text = "\n".join(texts)
    return (text + "\n" if text else ""), warnings


def _space_fountain_paragraphs(lines: list[_Line]) -> list[str]:
    texts = [line.text for line in lines]
    title_end = _title_page_length(texts)
    out = list(texts[:title_end])
    previous = None  # the previous line's part in a speech: "cue", "paren", "dialogue"
    for line in lines[title_end:]:
        stripped = line.text.strip()
        paren = line.kind == "parenthetical" or (
            stripped.startswith("(") and stripped.endswith(")")
        )
        if previous in ("cue", "paren") and line.kind not in ("character", "scene", "action"):
            part = "paren" if paren else "dialogue"
        elif previous == "dialogue" and paren:
            part = "paren"
        else:
            cue = line.kind == "character" or (line.kind is None and _is_cue(stripped))
            part = "cue" if cue else None
            if out:
                out.append("")
        out.append(line.text)
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
