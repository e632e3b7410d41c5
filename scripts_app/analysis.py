"""The numbers a writer sees, computed from the parsed document.

Parsing a whole series takes milliseconds, so the summary stored with each revision
is computed on save; the full analysis is computed on demand and cached by the
revision's content hash.
"""

from dataclasses import asdict
from typing import Any

from django.core.cache import cache

from scripts_app.document import Document, analyse, analysis_to_json, parse

ANALYSIS_CACHE_SECONDS = 60 * 60 * 24


def summarise(doc: Document) -> dict[str, Any]:
    """What lists and the revision history show, small enough to store per revision."""
    result = analyse(doc)
    return {
        "episodes": result.episode_count,
        "scenes": result.scene_count,
        "words": result.words,
        "chars": result.cjk_chars,
        "runtime_seconds": round(result.runtime.seconds),
        "outline": [
            {
                "number": episode.number,
                "title": episode.title or "",
                "scenes": episode.scenes,
                "seconds": round(episode.runtime.seconds),
                "hook": bool(episode.has_hook),
            }
            for episode in result.episodes
        ],
        "warnings": len(doc.warnings),
    }


def full_analysis(*, text: str, fmt: str, sha256: str) -> dict[str, Any]:
    """The full analysis as plain data, cached by content (revisions never change)."""
    # The version names the estimator: bump it when the analysis changes (v2: action by length).
    key = f"analysis:v2:{fmt}:{sha256}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    doc = parse(text, fmt)
    data = analysis_to_json(analyse(doc))
    data["warnings"] = [asdict(warning) for warning in doc.warnings]
    cache.set(key, data, ANALYSIS_CACHE_SECONDS)
    return data
