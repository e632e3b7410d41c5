"""Equivalence and the JSON form of a document (docs/parsed-document-schema.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import Document, Element, Episode, Scene

# Fields that describe the source text rather than the script: line numbers and the
# written forms of headings (``Episode.written``, ``Element.written``).
_SOURCE_FIELDS = frozenset({"line", "written"})


def _drop_source(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_source(v) for k, v in value.items() if k not in _SOURCE_FIELDS}
    if isinstance(value, list):
        return [_drop_source(v) for v in value]
    return value


def canonical(doc: Document) -> dict[str, Any]:
    """The document as plain data without line numbers, written forms and warnings."""
    data = asdict(doc)
    del data["warnings"]
    data["title_page"] = [list(pair) for pair in data["title_page"]]
    return _drop_source(data)


def equivalent(a: Document, b: Document) -> bool:
    """Same model, ignoring line numbers, written forms and warnings (which describe the
    source text, not the script)."""
    return canonical(a) == canonical(b)


def element_to_json(element: Element) -> dict[str, Any]:
    return {
        "type": str(element.type),
        "text": element.text,
        "line": element.line,
        "speaker": element.speaker,
        "cue": element.cue,
        "extra": dict(element.extra),
    }


def _scene_to_json(scene: Scene) -> dict[str, Any]:
    return {
        "number": scene.number,
        "heading": scene.heading,
        "line": scene.line,
        "time": scene.time,
        "time_raw": scene.time_raw,
        "interior": scene.interior,
        "location": scene.location,
        "flashback": scene.flashback,
        "cast": scene.cast,
        "extra": dict(scene.extra),
        "elements": [element_to_json(e) for e in scene.elements],
    }


def _episode_to_json(episode: Episode) -> dict[str, Any]:
    return {
        "number": episode.number,
        "title": episode.title,
        "synopsis": episode.synopsis,
        "hook": episode.hook,
        "is_paywall": episode.is_paywall,
        "implicit": episode.implicit,
        "line": episode.line,
        "elements_before_first_scene": [
            element_to_json(e) for e in episode.elements_before_first_scene
        ],
        "scenes": [_scene_to_json(s) for s in episode.scenes],
    }


SCHEMA_VERSION = 1


def to_json(doc: Document) -> dict[str, Any]:
    """The document as JSON-ready data; the shape is docs/parsed-document-schema.md."""
    return {
        "schema_version": SCHEMA_VERSION,
        "format": doc.format,
        "title": doc.title,
        "title_page": [{"key": k, "value": v} for k, v in doc.title_page],
        "prematter": [element_to_json(e) for e in doc.prematter],
        "character_bios": [
            {"name": b.name, "age": b.age, "description": b.description, "line": b.line}
            for b in doc.character_bios
        ],
        "episodes": [_episode_to_json(e) for e in doc.episodes],
        "characters": [asdict(c) for c in doc.characters],
        "locations": [asdict(loc) for loc in doc.locations],
        "speech_counts": doc.speech_counts,
        "warnings": [
            {"line": w.line, "code": str(w.code), "message": w.message, "params": w.params}
            for w in doc.warnings
        ],
    }
