"""The numbers of peer and mentor review: aggregates, divergence, calibration, reputation.

Pure functions, no Django: the selectors and services pass scores in and store or show
what comes back. Every formula is written out, with a worked example, in
docs/review-scoring.md; the docstrings here give the short form.

Conventions: scores are floats on the rubric's scale (``scale = (lowest, highest)``);
functions that have nothing to work on return ``None`` rather than a made-up number, and
invalid input (negative weights, ratings off the 1–5 scale, an empty scale) raises
``ValueError``, because a silent wrong score is worse than a loud error.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

Method = Literal["median", "mean"]
Criterion = TypeVar("Criterion", bound=Hashable)  # criterion id or key

# Reputation: how much each signal counts (they sum to 1). Helpfulness, rated by the
# writers who received the review, is what the platform exists for; agreement and
# calibration are proxies for a reviewer's judgement, calibration the weaker one because
# it rests on a few exemplars.
HELPFULNESS_SHARE = 0.5
AGREEMENT_SHARE = 0.3
CALIBRATION_SHARE = 0.2

# Weights in aggregates: 0.5 + reputation, so within [0.5, 1.5]. A newcomer (reputation
# 0.5) counts 1; the best reviewer counts at most three times the worst.
WEIGHT_FLOOR = 0.5


@dataclass(frozen=True, slots=True)
class CriterionSummary:
    """One criterion of a score report.

    ``mean`` and ``median`` are plain, over the scores as shown, so a reader can check
    them; ``aggregate`` is the rubric's method (median or mean) weighted by reputation,
    and is what the overall score uses. Statistics are ``None`` when nobody scored.
    """

    count: int
    mean: float | None
    median: float | None
    aggregate: float | None
    spread: float
    stdev: float
    min: float | None
    max: float | None
    diverges: bool


def aggregate(
    scores: Sequence[float], weights: Sequence[float] | None = None, *, method: Method = "median"
) -> float | None:
    """The weighted median (default) or weighted mean of ``scores``; ``None`` if empty.

    Without ``weights`` every score counts 1. The weighted median is the midpoint one:
    sort the scores, accumulate their weights, and take the first score whose cumulative
    weight passes half the total; if the cumulative weight lands exactly on half, take
    the midpoint of that score and the next. With equal weights this is the ordinary
    median (``[6, 8]`` → 7), and it never invents a value outside the scores' range.
    Worked example: scores ``[4, 7, 9]``, weights ``[1.5, 0.5, 1.0]``: total 3, half
    1.5, and the cumulative weight reaches exactly 1.5 at 4, so the median is (4 + 7)/2
    = 5.5; the mean is (6 + 3.5 + 9)/3 ≈ 6.17.
    """
    if weights is None:
        weights = [1.0] * len(scores)
    if len(weights) != len(scores):
        raise ValueError("one weight per score")
    if any(not w > 0 for w in weights):  # also rejects NaN
        raise ValueError("weights must be positive")
    if not scores:
        return None
    if method == "mean":
        return math.fsum(s * w for s, w in zip(scores, weights, strict=True)) / math.fsum(weights)
    if method != "median":
        raise ValueError(f"unknown aggregate method {method!r}")
    return _weighted_median(scores, weights)


def _weighted_median(scores: Sequence[float], weights: Sequence[float]) -> float:
    pairs = sorted(zip(scores, weights, strict=True))
    half = math.fsum(weights) / 2
    cumulative = 0.0
    for index, (score, weight) in enumerate(pairs):
        cumulative += weight
        # Tolerance so that 0.1 + 0.2 "lands on" 0.3: equal weights must give the
        # ordinary median even when the weights are not exactly representable.
        if math.isclose(cumulative, half, rel_tol=1e-9) and index + 1 < len(pairs):
            return (score + pairs[index + 1][0]) / 2
        if cumulative > half:
            return score
    return pairs[-1][0]  # unreachable with positive weights; keeps the type checker calm


def spread(scores: Sequence[float]) -> float:
    """Highest minus lowest score; 0 for fewer than two scores."""
    return max(scores) - min(scores) if scores else 0.0


def stdev(scores: Sequence[float]) -> float:
    """Population standard deviation (the reviewers are the whole panel, not a sample)."""
    return _pstdev(tuple(scores)) if len(scores) > 1 else 0.0


@functools.lru_cache(maxsize=4096)
def _pstdev(scores: tuple[float, ...]) -> float:
    # statistics.pstdev is exact (it sums fractions): about 0.1 ms a criterion, a
    # millisecond a score report. Panels give the same few scores again and again.
    return statistics.pstdev(scores)


def diverges(scores: Sequence[float], threshold: float) -> bool:
    """Reviewers disagree: at least two scores, and their spread is above ``threshold``.

    Strictly above: on a 1–10 scale with threshold 4, scores 3 and 7 are a difference of
    opinion, 2 and 7 a disagreement to look at.
    """
    return len(scores) >= 2 and spread(scores) > threshold


def criterion_summary(
    scores: Sequence[float],
    weights: Sequence[float] | None,
    method: Method,
    threshold: float,
) -> CriterionSummary:
    """Everything a score report shows for one criterion (see :class:`CriterionSummary`)."""
    if not scores:
        return CriterionSummary(0, None, None, None, 0.0, 0.0, None, None, False)
    return CriterionSummary(
        count=len(scores),
        mean=math.fsum(scores) / len(scores),
        median=statistics.median(scores),
        aggregate=aggregate(scores, weights, method=method),
        spread=spread(scores),
        stdev=stdev(scores),
        min=min(scores),
        max=max(scores),
        diverges=diverges(scores, threshold),
    )


def overall(criteria: Sequence[tuple[float, float | None]]) -> float | None:
    """The overall score: criterion aggregates averaged by the rubric's weights.

    ``criteria`` holds ``(rubric weight, aggregate)`` pairs. Criteria nobody scored
    (aggregate ``None``) and zero-weight criteria are left out, so a missing score does
    not count as zero; ``None`` when nothing is left. Example: weights 2, 1, 1 and
    aggregates 8, 6, 4 give (16 + 6 + 4)/4 = 6.5.
    """
    if any(weight < 0 for weight, _value in criteria):
        raise ValueError("criterion weights must not be negative")
    used = [(weight, value) for weight, value in criteria if value is not None and weight > 0]
    total = math.fsum(weight for weight, _value in used)
    if not total:
        return None
    return math.fsum(weight * value for weight, value in used) / total


def calibration_gap(
    reviewer_scores: Mapping[Criterion, float],
    reference_scores: Mapping[Criterion, float],
    scale: tuple[float, float],
) -> float:
    """How far a reviewer's scores on an exemplar are from staff's, in [0, 1].

    The mean absolute difference over the criteria both scored, divided by the scale's
    range: 0 is a perfect match, 1 as far apart as the scale allows. Example on 1–10:
    reviewer {plot: 7, hook: 4}, staff {plot: 8, hook: 8}: differences 1 and 4, mean
    2.5, gap 2.5/9 ≈ 0.28. Raises ``ValueError`` when no criterion is in both.
    """
    width = _width(scale)
    shared = [key for key in reference_scores if key in reviewer_scores]
    if not shared:
        raise ValueError("no criterion scored by both the reviewer and the reference")
    mean = math.fsum(abs(reviewer_scores[k] - reference_scores[k]) for k in shared) / len(shared)
    return _unit(mean / width)


def agreement(
    reviewer_scores: Mapping[Criterion, float],
    others_scores_by_criterion: Mapping[Criterion, Sequence[float]],
    scale: tuple[float, float],
) -> float | None:
    """How close a reviewer is to the other reviewers of the same request, in [0, 1].

    For each criterion the reviewer scored and at least one other reviewer scored, the
    distance between the reviewer's score and the median of the others' scores (the
    median, so one outlier among the others does not decide); the agreement is
    1 − mean distance / scale range. ``None`` when there is nobody to agree with.
    Example on 1–10: reviewer {plot: 6}, others {plot: [8, 9, 2]}: median 8, distance
    2, agreement 1 − 2/9 ≈ 0.78.
    """
    width = _width(scale)
    distances = [
        abs(score - statistics.median(others_scores_by_criterion[key]))
        for key, score in reviewer_scores.items()
        if others_scores_by_criterion.get(key)
    ]
    if not distances:
        return None
    return _unit(1 - math.fsum(distances) / len(distances) / width)


def reputation(
    *,
    helpfulness: Sequence[int],
    agreements: Sequence[float],
    calibration_gaps: Sequence[float],
    prior: float = 0.5,
    prior_weight: int = 3,
) -> float:
    """A reviewer's reputation in [0, 1], from what they did.

    Three components, each a Bayesian average: the mean of the reviewer's values
    together with ``prior_weight`` pseudo-values equal to ``prior``, that is
    ``(prior_weight × prior + sum of values) / (prior_weight + number of values)``.
    A newcomer starts at the prior, and one lucky or unlucky review moves them a little,
    ten move them most of the way.

    * helpfulness: each 1–5 rating from a writer mapped to ``(rating − 1) / 4``;
    * agreement: the :func:`agreement` values of their reviews;
    * calibration: ``1 − gap`` for each :func:`calibration_gap`.

    ``reputation = 0.5 × helpfulness + 0.3 × agreement + 0.2 × calibration``. Example:
    ratings [5, 4], no agreements, one gap of 0.2: helpfulness (1.5 + 1 + 0.75)/5 = 0.65,
    agreement 0.5, calibration (1.5 + 0.8)/4 = 0.575; reputation 0.325 + 0.15 + 0.115
    = 0.59.
    """
    if not 0 <= prior <= 1:
        raise ValueError("prior must be within [0, 1]")
    if prior_weight < 0:
        raise ValueError("prior_weight must not be negative")
    for rating in helpfulness:
        if not 1 <= rating <= 5:
            raise ValueError(f"helpfulness ratings are 1–5, not {rating}")

    def smoothed(values: list[float]) -> float:
        if not values and not prior_weight:
            return prior
        return (prior_weight * prior + math.fsum(values)) / (prior_weight + len(values))

    return _unit(
        HELPFULNESS_SHARE * smoothed([(rating - 1) / 4 for rating in helpfulness])
        + AGREEMENT_SHARE * smoothed([_unit(value) for value in agreements])
        + CALIBRATION_SHARE * smoothed([1 - _unit(gap) for gap in calibration_gaps])
    )


def weight_for(reputation: float) -> float:
    """The weight a reviewer's scores carry in aggregates: ``0.5 + reputation``.

    Reputation is clamped to [0, 1] first, so weights stay within [0.5, 1.5]. A
    newcomer (the prior, 0.5) counts 1; the most trusted reviewer counts 1.5, enough to
    pull a median their way but never to outvote two newcomers (1.5 < 1 + 1). Only two
    reviewers at the very bottom (0.5 + 0.5) can be outvoted by one, which takes many
    reviews' worth of evidence given the smoothing in :func:`reputation`.
    """
    return WEIGHT_FLOOR + _unit(reputation)


def _width(scale: tuple[float, float]) -> float:
    low, high = scale
    if not high > low:
        raise ValueError(f"scale {scale!r} has no range")
    return high - low


def _unit(value: float) -> float:
    """Clamp to [0, 1]: inputs stored as floats may stray a rounding error outside."""
    return min(1.0, max(0.0, value))
