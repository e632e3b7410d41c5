"""Text every export can write: control characters removed.

Saved text holds none (scripts_app.text.normalise_text strips them), but older rows, a
document built in code or a watermark may: XML (Word, Final Draft) cannot hold them at
all and a PDF would print boxes. Each exporter passes its input through here, so an
export never fails on such text.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from scripts_app.document import Document
from scripts_app.text import CONTROL_CHARACTERS_RE, strip_control_characters

__all__ = ["clean_document", "clean_text"]


def clean_text(text: str | None) -> str | None:
    """``text`` without control characters (tab and line feed kept); None stays None."""
    return strip_control_characters(text) if text else text


def clean_document(doc: Document) -> Document:
    """The document itself when it is clean, else a cleaned copy (the input is not changed)."""
    if not _dirty(doc):
        return doc
    return _clean(doc)


def _dirty(value: Any) -> bool:
    if isinstance(value, Enum):
        return False
    if isinstance(value, str):
        return CONTROL_CHARACTERS_RE.search(value) is not None
    if isinstance(value, list | tuple):
        return any(_dirty(item) for item in value)
    if isinstance(value, dict):
        return any(_dirty(key) or _dirty(item) for key, item in value.items())
    if dataclasses.is_dataclass(value):
        return any(_dirty(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def _clean(value: Any) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, tuple):
        items = [_clean(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return dataclasses.replace(
            value, **{f.name: _clean(getattr(value, f.name)) for f in fields if f.init}
        )
    return value
