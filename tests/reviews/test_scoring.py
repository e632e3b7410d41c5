"""Review numbers (reviews/scoring.py): aggregates, divergence, calibration, reputation."""

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviews.scoring import (
    CriterionSummary,
    aggregate,
    agreement,
    calibration_gap,
    criterion_summary,
    diverges,
    overall,
    reputation,
    spread,
    stdev,
    weight_for,
)

SCALE = (1, 10)
scores_st = st.lists(st.integers(1, 10).map(float), min_size=1, max_size=9)
unit = st.floats(0, 1)


# Aggregates


def test_median_of_an_odd_number_of_scores_is_the_middle_one():
    assert aggregate([9, 3, 7]) == 7


def test_median_of_an_even_number_of_scores_is_the_midpoint():
    assert aggregate([6, 8]) == 7
    assert aggregate([2, 4, 6, 10]) == 5


def test_median_is_robust_to_one_outlier_and_the_mean_is_not():
    assert aggregate([7, 8, 1]) == 7
    assert aggregate([7, 8, 1], method="mean") == pytest.approx(16 / 3)


def test_weighted_median_follows_the_trusted_reviewer():
    # Total weight 2.5, half 1.25. Cumulative 0.5, 1.0, 2.5: it passes half at 9.
    assert aggregate([4, 7, 9], [0.5, 0.5, 1.5]) == 9
    # Cumulative 1.5 already at 4.
    assert aggregate([4, 7, 9], [1.5, 0.5, 0.5]) == 4
    # Two newcomers outvote one trusted reviewer: cumulative 1.0, 2.0 passes half at 7.
    assert aggregate([4, 7, 9], [1.0, 1.0, 1.5]) == 7


def test_weighted_median_takes_the_midpoint_when_the_weight_splits_exactly():
    # The documented example: 4 carries exactly half the weight.
    assert aggregate([4, 7, 9], [1.5, 0.5, 1.0]) == 5.5


def test_weighted_mean_is_the_documented_example():
    assert aggregate([4, 7, 9], [1.5, 0.5, 1.0], method="mean") == pytest.approx(18.5 / 3)


def test_weighted_median_with_inexact_equal_weights_is_the_ordinary_median():
    assert aggregate([6, 8], [0.1, 0.1]) == 7
    assert aggregate([1, 2, 3, 4], [0.1, 0.1, 0.1, 0.1]) == 2.5


def test_aggregate_of_no_scores_is_none():
    assert aggregate([]) is None
    assert aggregate([], method="mean") is None


def test_aggregate_rejects_bad_weights_and_methods():
    with pytest.raises(ValueError):
        aggregate([1, 2], [1.0])
    with pytest.raises(ValueError):
        aggregate([1, 2], [1.0, 0.0])
    with pytest.raises(ValueError):
        aggregate([1, 2], [1.0, -1.0])
    with pytest.raises(ValueError):
        aggregate([1, 2], method="mode")


@settings(max_examples=300, deadline=None)
@given(scores_st)
def test_unweighted_aggregates_match_the_statistics_module(scores):
    assert aggregate(scores) == statistics.median(scores)
    assert aggregate(scores, method="mean") == pytest.approx(statistics.fmean(scores))


@settings(max_examples=300, deadline=None)
@given(st.data(), scores_st)
def test_weighted_aggregates_stay_within_the_scores(data, scores):
    weights = data.draw(st.lists(st.floats(0.5, 1.5), min_size=len(scores), max_size=len(scores)))
    for method in ("median", "mean"):
        value = aggregate(scores, weights, method=method)
        assert min(scores) - 1e-9 <= value <= max(scores) + 1e-9


# Spread and divergence


def test_spread_is_highest_minus_lowest():
    assert spread([3, 9, 5]) == 6
    assert spread([4]) == 0
    assert spread([]) == 0


def test_stdev_is_the_population_standard_deviation():
    assert stdev([2, 4, 4, 4, 5, 5, 7, 9]) == 2
    assert stdev([5]) == 0
    assert stdev([]) == 0


def test_request_is_flagged_when_the_spread_is_above_the_threshold():
    assert diverges([2, 7], threshold=4)
    assert not diverges([3, 7], threshold=4)  # equal to the threshold: not flagged


def test_one_score_never_diverges():
    assert not diverges([10], threshold=0)
    assert not diverges([], threshold=0)


# Criterion summary and overall score


def test_criterion_summary_reports_plain_statistics_and_the_weighted_aggregate():
    summary = criterion_summary([4, 7, 9], [0.5, 0.5, 1.5], "median", 4)
    assert summary == CriterionSummary(
        count=3,
        mean=pytest.approx(20 / 3),
        median=7,
        aggregate=9,
        spread=5,
        stdev=pytest.approx(statistics.pstdev([4, 7, 9])),
        min=4,
        max=9,
        diverges=True,
    )


def test_criterion_summary_uses_the_rubric_method():
    assert criterion_summary([4, 8], None, "mean", 4).aggregate == 6


def test_criterion_nobody_scored_has_no_statistics():
    summary = criterion_summary([], [], "median", 4)
    assert summary.count == 0
    assert summary.mean is summary.median is summary.aggregate is None
    assert summary.min is summary.max is None
    assert summary.spread == 0
    assert not summary.diverges


def test_overall_score_weights_criteria_by_the_rubric():
    assert overall([(2, 8), (1, 6), (1, 4)]) == 6.5


def test_overall_score_leaves_out_criteria_nobody_scored():
    assert overall([(2, 8), (1, None)]) == 8
    assert overall([(1, None)]) is None
    assert overall([]) is None
    assert overall([(0, 5)]) is None


def test_overall_score_rejects_negative_weights():
    with pytest.raises(ValueError):
        overall([(-1, 5)])


# Calibration and agreement


def test_calibration_gap_is_the_mean_distance_over_the_scale_range():
    gap = calibration_gap({"plot": 7, "hook": 4}, {"plot": 8, "hook": 8}, SCALE)
    assert gap == pytest.approx(2.5 / 9)


def test_calibration_gap_counts_only_criteria_in_both():
    assert calibration_gap({"plot": 8, "extra": 1}, {"plot": 8, "hook": 1}, SCALE) == 0


def test_calibration_gap_is_zero_for_a_perfect_match_and_one_at_the_extremes():
    assert calibration_gap({1: 5, 2: 6}, {1: 5, 2: 6}, SCALE) == 0
    assert calibration_gap({1: 1}, {1: 10}, SCALE) == 1


def test_calibration_gap_needs_something_to_compare_and_a_real_scale():
    with pytest.raises(ValueError):
        calibration_gap({"plot": 5}, {"hook": 5}, SCALE)
    with pytest.raises(ValueError):
        calibration_gap({"plot": 5}, {"plot": 5}, (5, 5))


def test_agreement_compares_with_the_median_of_the_other_reviewers():
    assert agreement({"plot": 6}, {"plot": [8, 9, 2]}, SCALE) == pytest.approx(1 - 2 / 9)


def test_agreement_averages_over_criteria_the_others_scored():
    value = agreement(
        {"plot": 6, "hook": 10, "pace": 3}, {"plot": [6], "hook": [1], "pace": []}, SCALE
    )
    assert value == pytest.approx(1 - (0 + 9 / 9) / 2)


def test_agreement_is_none_without_other_reviewers():
    assert agreement({"plot": 6}, {}, SCALE) is None
    assert agreement({"plot": 6}, {"plot": []}, SCALE) is None


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.integers(1, 5), st.integers(1, 10).map(float), min_size=1),
    st.dictionaries(st.integers(1, 5), scores_st, min_size=1),
)
def test_agreement_is_within_zero_and_one(mine, others):
    value = agreement(mine, others, SCALE)
    assert value is None or 0 <= value <= 1


# Reputation and weights


def test_reputation_with_no_data_is_the_prior():
    assert reputation(helpfulness=[], agreements=[], calibration_gaps=[]) == pytest.approx(0.5)
    assert reputation(
        helpfulness=[], agreements=[], calibration_gaps=[], prior=0.3
    ) == pytest.approx(0.3)


def test_reputation_matches_the_documented_example():
    value = reputation(helpfulness=[5, 4], agreements=[], calibration_gaps=[0.2])
    assert value == pytest.approx(0.59)


def test_more_helpful_reviews_give_a_higher_reputation():
    low = reputation(helpfulness=[3, 3], agreements=[0.7], calibration_gaps=[0.2])
    high = reputation(helpfulness=[3, 5], agreements=[0.7], calibration_gaps=[0.2])
    assert high > low


def test_closer_agreement_and_calibration_give_a_higher_reputation():
    base = {"helpfulness": [4]}
    assert reputation(**base, agreements=[0.9], calibration_gaps=[]) > reputation(
        **base, agreements=[0.4], calibration_gaps=[]
    )
    assert reputation(**base, agreements=[], calibration_gaps=[0.1]) > reputation(
        **base, agreements=[], calibration_gaps=[0.6]
    )


def test_one_review_moves_a_newcomer_only_part_of_the_way():
    one = reputation(helpfulness=[5], agreements=[], calibration_gaps=[])
    many = reputation(helpfulness=[5] * 30, agreements=[], calibration_gaps=[])
    assert 0.5 < one < many < 1


def test_reputation_rejects_ratings_off_the_scale():
    with pytest.raises(ValueError):
        reputation(helpfulness=[6], agreements=[], calibration_gaps=[])
    with pytest.raises(ValueError):
        reputation(helpfulness=[0], agreements=[], calibration_gaps=[])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 5), max_size=20),
    st.lists(unit, max_size=20),
    st.lists(unit, max_size=20),
    unit,
    st.integers(0, 10),
)
def test_reputation_is_bounded_and_monotonic_in_helpfulness(
    ratings, agreements, gaps, prior, weight
):
    value = reputation(
        helpfulness=ratings,
        agreements=agreements,
        calibration_gaps=gaps,
        prior=prior,
        prior_weight=weight,
    )
    assert 0 <= value <= 1
    better = [min(5, rating + 1) for rating in ratings]
    improved = reputation(
        helpfulness=better,
        agreements=agreements,
        calibration_gaps=gaps,
        prior=prior,
        prior_weight=weight,
    )
    assert improved >= value - 1e-12


def test_weight_of_a_newcomer_is_one():
    assert weight_for(0.5) == 1


@given(st.floats(-10, 10))
def test_weights_stay_between_half_and_one_and_a_half(value):
    assert 0.5 <= weight_for(value) <= 1.5


def test_weights_grow_with_reputation():
    assert weight_for(0.2) < weight_for(0.5) < weight_for(0.9)
    assert weight_for(0) == 0.5
    assert weight_for(1) == 1.5
