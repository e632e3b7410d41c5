"""Fountain files, and Chinese-convention scripts that travel as Fountain.

A Fountain script is written as Fountain (:func:`scripts_app.document.render`). A
Chinese-convention script is converted to Fountain, so Fountain apps show it as a
screenplay, and what Fountain cannot say of it (the written headings, 人物 lines,
人物小传, the Chinese meaning of OS…: docs/script-formats.md, "Converting between
formats") is carried in Fountain's own extension points: a ``Script format: zh`` entry
of the title page, and the script's Chinese text in a boneyard (``/* … */``), which
Fountain apps ignore. Importing such a file gives the Chinese script back exactly; if
the Fountain was edited since, the edited Fountain is converted to the convention.
"""

from __future__ import annotations

import dataclasses
import re

from scripts_app.document import Document, equivalent, parse, render
from scripts_app.document import fountain as fountain_syntax

Warning_ = tuple[str, str]

FORMAT_KEY = "Script format"
# Title-page entries an export adds, which are not the script's own.
_EXPORT_KEYS = frozenset({FORMAT_KEY.casefold(), "watermark"})
_SOURCE_HEADER = "Chinese-convention source (中文格式原稿), read back on import:"
_SOURCE_RE = re.compile(r"\n*/\*\n" + re.escape(_SOURCE_HEADER) + r"\n(.*?)\n\*/\n?", re.DOTALL)
_UNESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)


def write_fountain(doc: Document, *, watermark: str | None = None) -> str:
    """Fountain text for ``doc``; a Chinese script also carries its own text (see above).

    ``watermark`` becomes a ``Watermark:`` entry of the title page.
    """
    added = [(FORMAT_KEY, doc.format)] if doc.format != "fountain" else []
    if watermark:
        added.append(("Watermark", " ".join(watermark.split())))
    marked = dataclasses.replace(doc, title_page=[*doc.title_page, *added]) if added else doc
    if doc.format == "fountain":
        return render(marked, "fountain")
    source = render(doc, doc.format)
    # The boneyard ends at the first "*/": backslashes are doubled and "*/" is "*\/".
    escaped = source.replace("\\", "\\\\").replace("*/", "*\\/")
    return f"{render(marked, 'fountain')}\n/*\n{_SOURCE_HEADER}\n{escaped}*/\n"


def read_fountain(text: str) -> tuple[str, str, list[Warning_]] | None:
    """``(text, format, warnings)`` for Fountain text that records another format,
    else ``None`` (the text is Fountain, to be read as it is)."""
    lines = text.split("\n")
    entries, _ = fountain_syntax.parse_title_page(lines)
    recorded = next((v.strip() for k, v in entries if k.casefold() == FORMAT_KEY.casefold()), "")
    if recorded != "zh":
        return None
    source = None
    if match := _SOURCE_RE.search(text):
        source = _UNESCAPE_RE.sub(r"\1", match.group(1)) + "\n"
        text = text[: match.start()] + "\n" + text[match.end() :]
    fountain_doc = _without_export_entries(parse(text, "fountain"))
    if source is not None:
        chinese = parse(source, "zh")
        if equivalent(parse(render(chinese, "fountain"), "fountain"), fountain_doc):
            return source, "zh", []
    warning = (
        "fountain_converted",
        "The Fountain was edited after it was exported from a Chinese-convention script; "
        "the edited Fountain has been converted to the Chinese convention.",
    )
    return render(fountain_doc, "zh"), "zh", [warning]


def _without_export_entries(doc: Document) -> Document:
    entries = [(k, v) for k, v in doc.title_page if k.casefold() not in _EXPORT_KEYS]
    return dataclasses.replace(doc, title_page=entries)
