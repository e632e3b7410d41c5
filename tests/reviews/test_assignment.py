"""Reviewer assignment and mentor ranking (reviews/assignment/): plain data, no database."""

import random
from collections import Counter

import pytest

from reviews.assignment import (
    TIEBREAK_MODULUS,
    AssignmentResult,
    Mentor,
    Request,
    Reviewer,
    assign,
    is_eligible,
    rank_key,
    rank_mentors,
    tiebreak,
    tiebreak_coefficients,
)
from tests.support.assignment import request, reviewer


def chosen_for(requests: list[Request], reviewers: list[Reviewer], **options) -> list[int]:
    """The reviewers chosen for a single request."""
    [only] = requests
    return assign(requests, reviewers, **options).assignments[only.id]


# The rules


def test_writer_is_never_assigned_to_their_own_request():
    reviewers = [reviewer(100), reviewer(1)]
    assert chosen_for([request(writer=100, k=2)], reviewers) == [1]


def test_co_writers_are_never_assigned():
    reviewers = [reviewer(i) for i in (1, 2, 3)]
    assert chosen_for([request(k=3, cowriters=(1, 2))], reviewers) == [3]


def test_reviewer_with_a_declared_conflict_is_never_assigned():
    reviewers = [reviewer(1, conflicts=(100,)), reviewer(2, conflicts=(555,))]
    assert chosen_for([request(writer=100, k=2)], reviewers) == [2]


def test_blind_request_never_goes_to_a_member_of_the_writers_organisation():
    reviewers = [reviewer(1, orgs=(7,)), reviewer(2, orgs=(8, 9)), reviewer(3, orgs=(5,))]
    # The writer belongs to organisations 7 and 9: both colleagues are out.
    assert chosen_for([request(k=3, orgs=(7, 9), blind=True)], reviewers) == [3]


def test_open_request_may_go_to_a_colleague_of_the_writer():
    reviewers = [reviewer(1, orgs=(7,))]
    assert chosen_for([request(orgs=(7,), blind=False)], reviewers) == [1]


def test_reassignment_skips_reviewers_already_on_the_request_and_those_who_declined():
    reviewers = [reviewer(i) for i in (1, 2, 3, 4)]
    late = request(k=1, already=(1, 2), refused=(3,))
    assert chosen_for([late], reviewers) == [4]


def test_k_counts_only_the_new_reviewers_a_request_needs():
    reviewers = [reviewer(i) for i in range(1, 6)]
    result = assign([request(k=2, already=(1,))], reviewers)
    assert len(result.assignments[1]) == 2
    assert 1 not in result.assignments[1]


def test_a_request_that_needs_nobody_gets_nobody():
    result = assign([request(k=0)], [reviewer(1)])
    assert result.assignments == {1: []}
    assert result.shortfall == {}


def test_is_eligible_states_each_rule():
    base = request(writer=100, cowriters=(2,), orgs=(7,), blind=True, already=(3,), refused=(4,))
    assert is_eligible(base, reviewer(1))
    assert not is_eligible(base, reviewer(100))
    assert not is_eligible(base, reviewer(2))
    assert not is_eligible(base, reviewer(3))
    assert not is_eligible(base, reviewer(4))
    assert not is_eligible(base, reviewer(5, conflicts=(100,)))
    assert not is_eligible(base, reviewer(6, orgs=(7,)))
    assert is_eligible(request(orgs=(7,), blind=False), reviewer(6, orgs=(7,)))


# Load


def test_fair_share_spreads_a_peer_cohort_evenly():
    # Six writers review each other, two reviews each: everyone gives exactly two.
    reviewers = [reviewer(i) for i in range(1, 7)]
    requests = [request(i, writer=i, k=2) for i in range(1, 7)]
    result = assign(requests, reviewers)
    given = Counter(r for chosen in result.assignments.values() for r in chosen)
    assert result.fair_share == result.max_load == 2
    assert set(given.values()) == {2}
    assert result.shortfall == {}


def test_fair_share_counts_current_loads():
    # 3 places + loads 4 + 0 + 0 + 0 over 4 reviewers: ceil(7 / 4) = 2.
    reviewers = [reviewer(1, load=4), reviewer(2), reviewer(3), reviewer(4)]
    result = assign([request(10, k=1), request(11, k=1), request(12, k=1)], reviewers)
    assert result.fair_share == 2
    assert all(1 not in chosen for chosen in result.assignments.values())


def test_least_loaded_reviewers_are_chosen_first():
    reviewers = [reviewer(1, load=2), reviewer(2, load=0), reviewer(3, load=1), reviewer(4, load=0)]
    assert sorted(chosen_for([request(k=3)], reviewers)) == [2, 3, 4]


def test_no_reviewer_goes_above_the_fair_share():
    reviewers = [reviewer(i) for i in range(1, 5)]
    requests = [request(10 + i, k=2) for i in range(4)]  # 8 places, 4 reviewers: 2 each
    result = assign(requests, reviewers)
    given = Counter(r for chosen in result.assignments.values() for r in chosen)
    assert max(given.values()) == result.max_load == 2


def test_personal_capacity_is_respected():
    reviewers = [reviewer(1, capacity=1), reviewer(2), reviewer(3), reviewer(4)]
    requests = [request(10 + i, k=2) for i in range(4)]
    result = assign(requests, reviewers)
    given = Counter(r for chosen in result.assignments.values() for r in chosen)
    assert given[1] <= 1


def test_reviewer_already_at_capacity_gets_nothing():
    reviewers = [reviewer(1, load=3, capacity=3), reviewer(2)]
    assert chosen_for([request(k=2)], reviewers) == [2]


def test_request_whose_candidates_are_all_busy_stretches_the_cap_just_enough():
    # Everyone carries three reviews but one newcomer: three different reviewers are
    # needed, so two people must take a fourth. The even spread (3) cannot hold.
    reviewers = [reviewer(1), *(reviewer(i, load=3) for i in range(2, 10))]
    result = assign([request(k=3)], reviewers)
    assert result.fair_share == 3
    assert result.max_load == 4
    assert len(result.assignments[1]) == 3
    assert 1 in result.assignments[1]
    assert result.shortfall == {}


def test_strict_keeps_the_fair_share_as_a_hard_cap():
    reviewers = [reviewer(1), *(reviewer(i, load=3) for i in range(2, 10))]
    result = assign([request(k=3)], reviewers, strict=True)
    assert result.max_load == result.fair_share == 3
    assert result.assignments[1] == [1]
    assert result.shortfall == {1: 2}


def test_stretch_is_bounded_by_what_a_request_needs_on_its_own():
    # Four blind requests from organisation 7 can only have the two outsiders, 1 and 2;
    # one open request keeps the colleagues in the pool. Fair share: ceil(13 / 6) = 3.
    # Alone, each blind request would need a cap of 1, so the cap stays at 3: the
    # outsiders stop at three reviews and the rest is shortfall for a mentor, instead
    # of the two of them reviewing everything.
    reviewers = [reviewer(1), reviewer(2), *(reviewer(i, orgs=(7,)) for i in range(3, 7))]
    blind = [request(10 + i, writer=50 + i, k=3, orgs=(7,), blind=True) for i in range(4)]
    result = assign([*blind, request(20, writer=60, k=1)], reviewers)
    assert result.max_load == result.fair_share == 3
    assert result.shortfall == {10: 1, 11: 1, 12: 1, 13: 3}
    given = Counter(r for chosen in result.assignments.values() for r in chosen)
    assert given[1] == given[2] == 3


def test_blind_requests_share_the_only_outsiders_and_report_the_rest():
    # Nobody else can review these at all, so the pool is the two outsiders and the
    # even spread among them is the fair share: one place each per request.
    reviewers = [reviewer(1), reviewer(2), *(reviewer(i, orgs=(7,)) for i in range(3, 9))]
    requests = [request(10 + i, writer=50 + i, k=3, orgs=(7,), blind=True) for i in range(5)]
    result = assign(requests, reviewers)
    assert result.fair_share == 8  # ceil(15 places / 2 reviewers)
    assert all(sorted(chosen) == [1, 2] for chosen in result.assignments.values())
    assert result.shortfall == {10 + i: 1 for i in range(5)}


# Determinism


def _cohort(seed: int, size: int = 40) -> tuple[list[Request], list[Reviewer]]:
    rng = random.Random(seed)
    reviewers = [
        reviewer(i, orgs=(rng.randrange(4),), load=rng.randrange(3)) for i in range(1, size + 1)
    ]
    requests = [
        request(i, writer=i, k=3, orgs=reviewers[i - 1].organisation_ids, blind=rng.random() < 0.5)
        for i in range(1, size + 1)
    ]
    return requests, reviewers


def test_same_input_gives_the_same_assignment():
    requests, reviewers = _cohort(1)
    assert assign(requests, reviewers, seed=3) == assign(requests, reviewers, seed=3)


def test_input_order_does_not_change_the_assignment():
    requests, reviewers = _cohort(2)
    shuffled_requests, shuffled_reviewers = requests[::-1], reviewers[:]
    random.Random(0).shuffle(shuffled_reviewers)
    assert assign(requests, reviewers) == assign(shuffled_requests, shuffled_reviewers)


def test_a_different_seed_can_give_a_different_assignment():
    requests, reviewers = _cohort(3)
    results = {str(assign(requests, reviewers, seed=seed).assignments) for seed in range(5)}
    assert len(results) > 1


def test_ties_are_not_broken_in_id_order():
    # Ten idle reviewers, one place: over twenty seeds, more than one reviewer is chosen,
    # and not always the lowest id.
    reviewers = [reviewer(i) for i in range(1, 11)]
    picks = {chosen_for([request(k=1)], reviewers, seed=seed)[0] for seed in range(20)}
    assert len(picks) > 3


def test_ties_follow_the_documented_tiebreak():
    reviewers = [reviewer(i) for i in range(1, 11)]
    for seed in range(5):
        expected = min(range(1, 11), key=lambda i, s=seed: tiebreak(s, i, 0))
        assert chosen_for([request(k=1)], reviewers, seed=seed) == [expected]


def test_tiebreak_is_integer_arithmetic_a_database_computes_exactly():
    # Coefficients and residues below p = 2**31 - 1 and loads below 2**32 keep every
    # intermediate value below 2**63, so SQL bigint arithmetic (PostgreSQL, SQLite)
    # gives what Python gives.
    p = TIEBREAK_MODULUS
    rng = random.Random(0)
    for _ in range(200):
        seed, load = rng.randrange(2**40), rng.choice((0, 1, 5, rng.randrange(2**32)))
        a, b, c, d, e, f = tiebreak_coefficients(seed)
        assert 1 <= a < p and 1 <= b < p and all(0 <= n < p for n in (c, d, e, f))
        r = rng.randrange(1, 2**40) % p
        for factor, constant, step in ((a, c, e), (b, d, f)):
            assert constant + step * load < 2**63
            assert factor * r + (constant + step * load) % p < 2**63
        assert (p - 1) ** 2 < 2**63
        assert 0 <= tiebreak(seed, r, load) < p


def test_each_load_level_is_a_fresh_shuffle():
    ids = range(1, 41)
    by_level = [sorted(ids, key=lambda i, n=n: tiebreak(7, i, n)) for n in range(3)]
    assert by_level[0] != by_level[1] != by_level[2] != by_level[0]
    assert rank_key(7, 5, 1) == (1, tiebreak(7, 5, 1), 5)


def test_existing_assignments_are_never_returned_or_moved():
    reviewers = [reviewer(i) for i in range(1, 5)]
    result = assign([request(k=1, already=(1, 2))], reviewers)
    assert result.assignments[1] in ([3], [4])


# Hard cases


def test_shortfall_is_reported_when_too_few_reviewers_are_eligible():
    reviewers = [reviewer(1), reviewer(2, orgs=(7,)), reviewer(3, conflicts=(100,))]
    result = assign([request(k=3, orgs=(7,), blind=True)], reviewers)
    assert result.assignments == {1: [1]}
    assert result.shortfall == {1: 2}


def test_with_no_reviewers_every_place_is_shortfall():
    result = assign([request(1, k=2), request(2, k=1)], [])
    assert result == AssignmentResult({1: [], 2: []}, {1: 2, 2: 1}, max_load=0, fair_share=0)


def test_hard_to_place_request_is_served_before_easy_ones_use_its_candidates():
    # Request 2 (blind, writer in organisation 7) can only have reviewer 1; request 1 can
    # have anyone. With one review each (fair share 1), request 2 must get reviewer 1.
    reviewers = [reviewer(1), reviewer(2, orgs=(7,)), reviewer(3, orgs=(7,))]
    result = assign(
        [request(1, writer=50, k=1), request(2, writer=60, k=1, orgs=(7,), blind=True)], reviewers
    )
    assert result.assignments[2] == [1]
    assert result.shortfall == {}


def test_boxed_in_request_gets_a_reviewer_by_a_swap():
    # With a seed that ranks reviewer 2 last, greedy gives request 10 reviewers 1 and 3,
    # leaving only reviewer 2, whom request 11 may not have. Repair moves 2 onto
    # request 10 and 1 (the first in id order request 11 may take) onto request 11.
    seed = next(s for s in range(100) if max((1, 2, 3), key=lambda r, s=s: tiebreak(s, r, 0)) == 2)
    reviewers = [reviewer(1), reviewer(2), reviewer(3)]
    requests = [request(10, writer=100, k=2), request(11, writer=101, k=1, cowriters=(2,))]
    result = assign(requests, reviewers, seed=seed, strict=True)
    assert result.shortfall == {}
    assert result.max_load == 1
    assert result.assignments[11] == [1]
    assert sorted(result.assignments[10]) == [2, 3]


def test_a_blind_request_that_only_colleagues_could_review_is_left_short():
    reviewers = [reviewer(i, orgs=(7,)) for i in range(1, 6)]
    result = assign([request(k=2, orgs=(7,), blind=True)], reviewers)
    assert result.assignments == {1: []}
    assert result.shortfall == {1: 2}


def test_the_worked_example_of_the_docs():
    # docs/review-scoring.md, "The algorithm": writers 1-4 review each other, two each;
    # 1 and 2 share organisation 1 and 1's request is blind; 3 has a conflict with 4.
    reviewers = [reviewer(1, orgs=(1,)), reviewer(2, orgs=(1,)), reviewer(3, conflicts=(4,))]
    reviewers.append(reviewer(4))
    requests = [
        request(1, writer=1, k=2, orgs=(1,), blind=True),
        request(2, writer=2, k=2, orgs=(1,)),
        request(3, writer=3, k=2),
        request(4, writer=4, k=2),
    ]
    result = assign(requests, reviewers, seed=0)
    assert result.assignments == {1: [4, 3], 2: [1, 3], 3: [2, 4], 4: [2, 1]}
    assert result.fair_share == result.max_load == 2


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="reviewer"):
        assign([request()], [reviewer(1), reviewer(1)])
    with pytest.raises(ValueError, match="request"):
        assign([request(1), request(1)], [reviewer(1)])


# Mentors


def mentor(id_: int, **fields) -> Mentor:
    values = {
        "themes": frozenset(),
        "languages": frozenset({"zh-hans"}),
        "load": 0,
        "capacity": 3,
        "reputation": 0.5,
    } | fields
    return Mentor(id=id_, **values)


def ranked_ids(
    mentors: list[Mentor], *, themes=frozenset(), language="zh-hans", exclude=frozenset()
):
    return [
        m.id
        for m in rank_mentors(themes=themes, language=language, mentors=mentors, exclude=exclude)
    ]


def test_mentors_without_free_capacity_or_excluded_are_left_out():
    mentors = [mentor(1, load=3, capacity=3), mentor(2), mentor(3)]
    assert ranked_ids(mentors, exclude=frozenset({3})) == [2]


def test_mentors_rank_first_by_shared_themes():
    mentors = [
        mentor(1, themes=frozenset({"revenge"}), reputation=0.9),
        mentor(2, themes=frozenset({"revenge", "ceo"})),
        mentor(3, reputation=1.0),
    ]
    assert ranked_ids(mentors, themes=frozenset({"revenge", "ceo"})) == [2, 1, 3]


def test_mentors_rank_next_by_language_exact_then_same_base_language():
    mentors = [
        mentor(1, languages=frozenset({"en"}), reputation=0.9),
        mentor(2, languages=frozenset({"zh-hant"}), reputation=0.9),
        mentor(3, languages=frozenset({"ZH-Hans"})),
    ]
    assert ranked_ids(mentors, language="zh-hans") == [3, 2, 1]


def test_mentors_rank_next_by_reputation_then_lower_load_then_id():
    mentors = [
        mentor(4, reputation=0.6, load=1),
        mentor(3, reputation=0.6, load=1),
        mentor(2, reputation=0.6, load=0),
        mentor(1, reputation=0.8, load=2),
    ]
    assert ranked_ids(mentors) == [1, 2, 3, 4]
