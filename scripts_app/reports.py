"""The analysis a writer sees: the parser's numbers read against the series' plan.

Shared by the analysis page and the API so both say the same thing.
"""

from typing import Any

from django.utils.translation import gettext as _

from scripts_app.analysis import full_analysis
from scripts_app.compliance.report import compliance_report
from scripts_app.format_messages import parse_warning_message
from scripts_app.models import Revision, Series

# An episode is flagged when its estimate strays this far from the target length.
TOO_LONG = 1.25
TOO_SHORT = 0.6
# Above this many scenes per minute the pace is hard to follow for older viewers
# (research: gentler pacing, fewer cuts, for the silver-haired audience).
SILVER_MAX_SCENES_PER_MINUTE = 1.5
SILVER_AUDIENCE = "silver-haired"
# How each script format marks the paywall episode (docs/script-formats.md): script
# syntax, the same in every interface language.
PAYWALL_MARKERS = {"zh": "【付费卡点】", "fountain": "[[PAYWALL]]"}


def analysis_report(series: Series, revision: Revision, text: str) -> dict[str, Any]:
    data = full_analysis(text=text, fmt=revision.format, sha256=revision.sha256)
    # The cached analysis is the same in every language; warnings are worded per reader.
    data["warnings"] = [
        {
            **warning,
            "message": parse_warning_message(
                warning["code"], warning["params"], warning["message"]
            ),
        }
        for warning in data["warnings"]
    ]
    target = series.target_episode_seconds
    longest = max([e["runtime"]["seconds"] for e in data["episodes"]] + [target, 1])
    for episode in data["episodes"]:
        seconds = episode["runtime"]["seconds"]
        episode["length_flag"] = (
            "long"
            if seconds > target * TOO_LONG
            else "short"
            if seconds < target * TOO_SHORT
            else ""
        )
        episode["bar_percent"] = round(100 * seconds / longest, 1)
    data["target_percent"] = round(100 * target / longest, 1)
    data["target_seconds"] = target

    marked = data["paywall"]["first"]
    planned = series.paywall_episode
    notes = []
    if planned and marked and planned != marked:
        notes.append(
            _(
                "The plan puts the paywall at episode %(planned)s but the script marks episode %(marked)s."
            )
            % {"planned": planned, "marked": marked}
        )
    elif planned and not marked and data["episode_count"] >= planned:
        notes.append(
            _("Episode %(planned)s is planned as the paywall but has no %(marker)s marker.")
            % {"planned": planned, "marker": PAYWALL_MARKERS.get(series.format, "")}
        )
    data["paywall_notes"] = notes
    data["paywall_planned"] = planned

    silver = series.audiences.filter(slug=SILVER_AUDIENCE).exists()
    fast = [
        e["number"]
        for e in data["episodes"]
        if e["scenes_per_minute"] > SILVER_MAX_SCENES_PER_MINUTE
    ]
    data["silver_audience"] = silver
    data["pace_hint"] = (
        _(
            "For older viewers, slow down episodes %(episodes)s: fewer scene changes per minute, "
            "longer held moments, clear dialogue."
        )
        % {"episodes": ", ".join(map(str, fast))}
        if silver and fast
        else ""
    )
    data["compliance"] = compliance_report(
        text=text, fmt=revision.format, sha256=revision.sha256, series_title=series.title
    )
    data["revision"] = {"number": revision.number, "sha256": revision.sha256}
    data["production"] = _production_breakdown(data["locations"])
    return data


def _production_breakdown(locations: list[dict]) -> dict[str, int]:
    """Totals a producer budgets from: day/night and interior/exterior scene counts."""
    totals = {
        "day": 0,
        "night": 0,
        "other_time": 0,
        "int": 0,
        "ext": 0,
        "int/ext": 0,
        "locations": len(locations),
    }
    for location in locations:
        for time, count in location["times"].items():
            key = time if time in ("day", "night") else "other_time"
            totals[key] += count
        for place, count in location["interiors"].items():
            if place in totals:
                totals[place] += count
    return totals
