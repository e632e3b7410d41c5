"""The ranking table of a call and the panel's reads, each in a fixed number of queries.

Per application: the median of each criterion over the counted reviews (submitted, not
excluded for a conflict of interest), the score (the weighted mean of those medians, on
the rubric's scale), the theme-priority bonus in its own column (the largest bonus among
the call's priorities the series carries, so one series is not paid twice for two
themes), the total (score + bonus, the ranking's order), the spread (max − min of the
reviewers' own weighted totals; divergent when it is above the rubric version's
divergence threshold), recommendation counts, eligibility and fact-check status, the
budget asked and the running total of budgets asked down the ranking against the call's
budget.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet

from incubator.fact_checks import required_areas_for
from incubator.models import (
    Application,
    ApplicationStatus,
    Call,
    FactCheck,
    PanelReview,
    PanelReviewStatus,
    Recommendation,
    ThemePriority,
)
from incubator.selectors import _budget_total
from reviews.models import Criterion

S = ApplicationStatus
TWO = Decimal("0.01")
# What the ranking lists: everything that reached the panel.
RANKED_STATES = (
    S.PANEL_REVIEW, S.FACT_CHECK, S.DETERMINATION, S.MORE_INFO, S.AWARDED, S.DECLINED,
    S.WAITLISTED, S.CONTRACTING, S.IN_PROGRESS, S.COMPLETED, S.TERMINATED,
)  # fmt: skip


@dataclass
class RankingRow:
    application: Application
    medians: list[Decimal | None]
    score: Decimal | None
    bonus: Decimal
    total: Decimal | None
    spread: Decimal | None
    divergent: bool
    recommendations: dict[str, int]
    reviews_counted: int
    reviews_excluded: int
    eligible: bool
    fact_check: str  # "", "pending", "pass", "fix"
    fact_check_missing: list[str] = field(default_factory=list)
    budget: Decimal = Decimal("0.00")
    running_total: Decimal = Decimal("0.00")
    over_budget: bool = False
    rank: int = 0


@dataclass
class Ranking:
    call: Call
    criteria: list[Criterion]
    rows: list[RankingRow]
    budget: Decimal
    awarded: Decimal


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


# Medians of whole scores are halves: twice the median -> the median, to two places.
_HALVES: dict[int, Decimal] = {}


def _median(scores: list[int]) -> Decimal:
    """The median of whole scores, exactly (as statistics.median, without floats)."""
    ordered = sorted(scores)
    middle = len(ordered) // 2
    twice = ordered[middle] * 2 if len(ordered) % 2 else ordered[middle - 1] + ordered[middle]
    value = _HALVES.get(twice)
    if value is None:
        value = _HALVES[twice] = _q(Decimal(twice) / 2)
    return value


def ranking(call: Call) -> Ranking:
    """The whole ranking of a call (a fixed number of queries whatever its size; pages
    slice it). Applications are loaded with only the fields the table shows; the lead is
    not (the export reads the leads of all rows in one query)."""
    criteria = list(
        Criterion.objects.filter(version_id=call.rubric_version_id).order_by("position")
    )
    applications = list(
        call.applications.filter(status__in=RANKED_STATES)
        .only("pk", "call_id", "series_id", "series_title", "status", "screened_at", "lead_id")
        .annotate(budget_total=_budget_total())
        .order_by("pk")
    )
    ids = [a.pk for a in applications]
    # One row per submitted review: its scores were copied onto it on submission.
    # Keyed by the criterion's id as the JSON keeps it (a string).
    scores: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    totals: dict[int, list[Decimal]] = defaultdict(list)
    kinds = tuple(Recommendation.values)
    recommendations: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(kinds, 0))
    excluded: dict[int, int] = defaultdict(int)
    for app_id, total, recommendation, is_excluded, given in (
        PanelReview.objects.filter(application__call=call, status=PanelReviewStatus.SUBMITTED)
        .order_by()
        .values_list("application_id", "total", "recommendation", "excluded", "scores_given")
    ):
        if is_excluded:
            excluded[app_id] += 1
            continue
        for criterion_id, score in given.items():
            if score is not None:
                scores[app_id][criterion_id].append(score)
        if total is not None:
            totals[app_id].append(total)
        if recommendation:
            recommendations[app_id][recommendation] += 1
    bonus_of_theme = dict(ThemePriority.objects.filter(call=call).values_list("theme_id", "bonus"))
    through = Application.series.field.related_model.themes.through  # type: ignore[attr-defined]
    bonus: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for series_id, term_id in through.objects.filter(
        series_id__in=[a.series_id for a in applications], term_id__in=list(bonus_of_theme)
    ).values_list("series_id", "term_id"):
        bonus[series_id] = max(bonus[series_id], bonus_of_theme[term_id])
    needed = required_areas_for(applications)
    verdicts: dict[int, dict[str, str]] = defaultdict(dict)
    for app_id, area, verdict in (
        FactCheck.objects.filter(application_id__in=ids)
        .order_by()
        .values_list("application_id", "area", "verdict")
    ):
        verdicts[app_id][area] = verdict
    threshold = Decimal(call.rubric_version.divergence_threshold)
    rows = []
    keyed = [(str(c.pk), c.weight) for c in criteria]
    for application in applications:
        given_by = scores.get(application.pk, {})
        medians: list[Decimal | None] = []
        weight = numerator = Decimal(0)
        for key, criterion_weight in keyed:
            given = given_by.get(key)
            if not given:
                medians.append(None)
                continue
            value = _median(given)
            medians.append(value)
            weight += criterion_weight
            numerator += criterion_weight * value
        score = _q(numerator / weight) if weight else None
        row_bonus = bonus[application.series_id] if score is not None else Decimal("0.00")
        spread_values = totals[application.pk]
        spread = _q(max(spread_values) - min(spread_values)) if len(spread_values) > 1 else None
        areas = needed[application.pk]
        given_verdicts = verdicts[application.pk]
        missing = sorted(a for a in areas if not given_verdicts.get(a))
        if not areas:
            fact_check = ""
        elif missing:
            fact_check = "pending"
        elif any(given_verdicts.get(a) == "fix" for a in areas):
            fact_check = "fix"
        else:
            fact_check = "pass"
        rows.append(
            RankingRow(
                application=application, medians=medians, score=score, bonus=row_bonus,
                total=score + row_bonus if score is not None else None, spread=spread,
                divergent=spread is not None and spread > threshold,
                recommendations=recommendations[application.pk],
                reviews_counted=len(spread_values), reviews_excluded=excluded[application.pk],
                eligible=application.screened_at is not None, fact_check=fact_check,
                fact_check_missing=missing, budget=application.budget_total,
            )
        )  # fmt: skip
    rows.sort(key=lambda r: (r.total is None, -(r.total or 0), r.application.pk))
    running = Decimal("0.00")
    for rank, row in enumerate(rows, start=1):
        running += row.budget
        row.rank, row.running_total = rank, running
        row.over_budget = running > call.budget
    from incubator.services.determinations import awarded_total

    return Ranking(
        call=call, criteria=criteria, rows=rows, budget=call.budget,
        awarded=awarded_total(call=call),
    )  # fmt: skip


# --- the panel's reads --------------------------------------------------------------------


def reviews_of(user: Any) -> QuerySet[PanelReview]:
    """A reviewer's panel reviews (their dashboard), open ones first. Conflicted ones
    are not listed."""
    return (
        PanelReview.objects.filter(reviewer_id=user.pk, excluded=False)
        .select_related("application__call__fund", "application__lead")
        .order_by("status", "application__call_id", "pk")
    )


def others_reviews_for(review: PanelReview) -> list[PanelReview]:
    """The other panel members' submitted reviews of the same application, with their
    scores: sealed until this reviewer has submitted their own (then an empty list)."""
    if not review.is_submitted:
        return []
    return list(
        PanelReview.objects.filter(
            application_id=review.application_id, status=PanelReviewStatus.SUBMITTED,
            excluded=False,
        )
        .exclude(pk=review.pk)
        .prefetch_related("scores__criterion")
        .order_by("pk")
    )  # fmt: skip
