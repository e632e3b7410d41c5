"""The compliance part of the analysis: hits grouped by category, title notes on top,
every explanation and fix in the reader's language. Advice only: nothing here blocks.

Hits of a revision are cached by the rule-set token, the format and the text's hash
(revisions never change, and a rule change gives a new token); the words are put in the
reader's language after the cache, so one entry serves both languages.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from scripts_app.compliance.engine import SEVERITY_RANK
from scripts_app.compliance.roles import line_layout
from scripts_app.compliance.ruleset import ActiveRules, active_rules
from scripts_app.document import parse
from scripts_app.models import ComplianceCategory, ComplianceSeverity

CACHE_SECONDS = 60 * 60 * 24
_CATEGORY_ORDER = {value: index for index, value in enumerate(ComplianceCategory.values)}


def _role_labels() -> dict[str, str]:
    return {
        "viewer": pgettext("kind of script line", "addressed to the viewer"),
        "dialogue": pgettext("kind of script line", "dialogue"),
        "action": pgettext("kind of script line", "action"),
        "title": pgettext("kind of script line", "title"),
        "other": "",
    }


def _raw_hits(rules: ActiveRules, *, text: str, fmt: str, sha256: str) -> dict[str, Any]:
    key = f"compliance:v1:{rules.token}:{fmt}:{sha256}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    layout = line_layout(parse(text, fmt))
    raw = {
        "body": [
            asdict(hit)
            for hit in rules.compiled.scan(text, roles=layout.roles, skip_lines=layout.title_lines)
        ],
        "episodes": [
            {"episode": number, "line": line, "title": title, "hits": [asdict(hit) for hit in hits]}
            for number, line, title in layout.episode_titles
            if (hits := rules.compiled.scan_title(title))
        ],
    }
    cache.set(key, raw, CACHE_SECONDS)
    return raw


def _shown(rules: ActiveRules, hit: dict[str, Any], roles: dict[str, str]) -> dict[str, Any] | None:
    rule = rules.texts.get(hit["rule_id"])
    if rule is None:
        return None
    return {
        **hit,
        "pattern": rule.pattern,
        "category": rule.category,
        "category_label": str(ComplianceCategory(rule.category).label)
        if rule.category in _CATEGORY_ORDER
        else rule.category,
        "severity": rule.severity,
        "severity_label": str(ComplianceSeverity(rule.severity).label)
        if rule.severity in SEVERITY_RANK
        else rule.severity,
        "role_label": roles.get(hit["role"], ""),
        "explanation": rule.explanation,
        "suggestion": rule.suggestion,
    }


def compliance_report(*, text: str, fmt: str, sha256: str, series_title: str) -> dict[str, Any]:
    """The pre-check of one revision and its series title, ready for the page and the API.

    Returns ``{"advice_only": True, "counts": {...}, "titles": [...], "categories": [...]}``:
    title notes (series title first, then episode titles), and hits grouped by category in
    the categories' order, each group with its hits by line and its highest severity.
    """
    rules = active_rules()
    raw = _raw_hits(rules, text=text, fmt=fmt, sha256=sha256)
    roles = _role_labels()

    titles = []
    for hit in rules.compiled.scan_title(series_title):
        if shown := _shown(rules, asdict(hit), roles):
            titles.append(
                {**shown, "where": _("Series title"), "title": series_title, "line": None}
            )
    for episode in raw["episodes"]:
        where = _("Episode %(number)s title") % {"number": episode["episode"]}
        for hit in episode["hits"]:
            if shown := _shown(rules, hit, roles):
                titles.append(
                    {**shown, "where": where, "title": episode["title"], "line": episode["line"]}
                )

    groups: dict[str, dict[str, Any]] = {}
    for hit in raw["body"]:
        shown = _shown(rules, hit, roles)
        if shown is None:
            continue
        group = groups.setdefault(
            shown["category"],
            {"category": shown["category"], "label": shown["category_label"], "hits": []},
        )
        group["hits"].append(shown)
    categories = sorted(groups.values(), key=lambda g: _CATEGORY_ORDER.get(g["category"], 99))
    for group in categories:
        worst = max(group["hits"], key=lambda h: SEVERITY_RANK.get(h["severity"], 0))
        group["severity"] = worst["severity"]
        group["severity_label"] = worst["severity_label"]

    every = titles + [hit for group in categories for hit in group["hits"]]
    counts = dict.fromkeys(ComplianceSeverity.values, 0)
    for hit in every:
        counts[hit["severity"]] = counts.get(hit["severity"], 0) + 1
    return {
        "advice_only": True,
        "counts": {**counts, "total": len(every)},
        "titles": titles,
        "categories": categories,
    }
