"""Screenplay parsing for the platform: Fountain and the Chinese short-drama convention.

Pure Python, no Django. The public API::

    parse(text, fmt="auto") -> Document      # never raises on any text
    detect_format(text) -> "fountain" | "zh"
    to_json(doc) -> dict                       # docs/parsed-document-schema.md
    render(doc, fmt) -> str                    # parse(render(doc, f), f) is equivalent to doc
    analyse(doc) -> SeriesAnalysis             # runtime, hooks, paywall, pace, counts

See docs/script-formats.md for the grammar and every decision taken where the formats
are vague.
"""

from __future__ import annotations

from . import fountain, zh
from .analysis import SeriesAnalysis, analyse, analysis_to_json
from .detect import detect_format, detect_scores
from .model import (
    WARNING_MESSAGES,
    CharacterBio,
    CharacterInfo,
    Document,
    Element,
    ElementType,
    Episode,
    LocationInfo,
    ParseWarning,
    Scene,
    WarningCode,
    equivalent,
    to_json,
)
from .model import WarningCode as W
from .render import FORMATS, render

__all__ = [
    "FORMATS",
    "CharacterBio",
    "CharacterInfo",
    "Document",
    "Element",
    "ElementType",
    "Episode",
    "LocationInfo",
    "ParseWarning",
    "Scene",
    "SeriesAnalysis",
    "WarningCode",
    "analyse",
    "analysis_to_json",
    "decode",
    "detect_format",
    "detect_scores",
    "equivalent",
    "parse",
    "render",
    "to_json",
]


def decode(data: bytes) -> tuple[str, bool]:
    """Decode file bytes as UTF-8 (a BOM is dropped); ``(text, had undecodable bytes)``."""
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="replace"), True


def parse(text: str | bytes, fmt: str = "auto") -> Document:
    """Parse a script. ``fmt`` is ``"auto"``, ``"fountain"`` or ``"zh"``.

    Accepts ``bytes`` too (decoded as UTF-8; undecodable bytes are replaced and reported
    as warning ``invalid_utf8``). Never raises on any input text; an unknown ``fmt`` is a
    programming error and raises ``ValueError``.
    """
    if fmt not in ("auto", *FORMATS):
        raise ValueError(f"unknown format {fmt!r}; expected 'auto', 'fountain' or 'zh'")
    replaced = False
    if isinstance(text, bytes):
        text, replaced = decode(text)
    if fmt == "auto":
        fmt = detect_format(text)
    doc = fountain.parse(text) if fmt == "fountain" else zh.parse(text)
    if replaced:
        doc.warnings.insert(0, ParseWarning(1, W.INVALID_UTF8, WARNING_MESSAGES[W.INVALID_UTF8]))
    return doc
