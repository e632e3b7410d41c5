"""Reviewer assignment and mentor ranking (reviews/assignment.py): plain data, no database."""

import random
from collections import Counter, deque

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.assignment import (
    AssignmentResult,
    Mentor,
    Request,
    Reviewer,
    assign,
    is_eligible,
    rank_mentors,
    tiebreak,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


def request(
    id_: int = 1,
    *,
    writer: int = 100,
    k: int = 1,
    cowriters: tuple[int, ...] = (),
    orgs: tuple[int, ...] = (),
    blind: bool = False,
    already: tuple[int, ...] = (),
    refused: tuple[int, ...] = (),
) -> Request:
    return Request(
        id=id_,
        writer_id=writer,
        excluded_ids=frozenset({writer, *cowriters}),
        organisation_ids=frozenset(orgs),
        blind=blind,
        k=k,
        already_assigned=frozenset(already),
        previously_refused=frozenset(refused),
    )


def reviewer(
    id_: int,
    *,
    orgs: tuple[int, ...] = (),
    load: int = 0,
    conflicts: tuple[int, ...] = (),
    capacity: int | None = None,
) -> Reviewer:
    return Reviewer(
        id=id_,
        organisation_ids=frozenset(orgs),
        current_load=load,
        conflicts=frozenset(conflicts),
        capacity=capacity,
    )


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
    # Greedy (seed 0) gives request 10 reviewers 3 and 1, leaving only reviewer 2, whom
    # request 11 may not have. Repair moves 2 onto request 10 and 1 onto request 11.
    reviewers = [reviewer(1), reviewer(2), reviewer(3)]
    requests = [request(10, writer=100, k=2), request(11, writer=101, k=1, cowriters=(2,))]
    result = assign(requests, reviewers, seed=0, strict=True)
    assert result.shortfall == {}
    assert result.max_load == 1
    assert result.assignments[11] == [1]
    assert sorted(result.assignments[10]) == [2, 3]


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="reviewer"):
        assign([request()], [reviewer(1), reviewer(1)])
    with pytest.raises(ValueError, match="request"):
        assign([request(1), request(1)], [reviewer(1)])


# Properties


def _max_placements(requests: list[Request], reviewers: list[Reviewer], cap: int) -> int:
    """The most places any assignment could fill under ``cap`` (Edmonds–Karp max flow)."""
    room = {
        r.id: max(0, min(cap, r.capacity if r.capacity is not None else cap) - r.current_load)
        for r in reviewers
    }
    edges = {q.id: [r.id for r in reviewers if is_eligible(q, r)] for q in requests if q.k > 0}
    need = {q.id: q.k for q in requests if q.k > 0}
    on: dict[int, set[int]] = {q: set() for q in need}  # request -> reviewers with flow
    used = dict.fromkeys(room, 0)
    placed = 0
    while True:
        # Breadth-first from requests with need to a reviewer with room.
        parent: dict[tuple[str, int], tuple[str, int] | None] = {}
        queue = deque()
        for q in need:
            if len(on[q]) < need[q]:
                parent[("q", q)] = None
                queue.append(("q", q))
        end = None
        while queue and end is None:
            kind, node = queue.popleft()
            if kind == "q":
                for r in edges[node]:
                    if r not in on[node] and ("r", r) not in parent:
                        parent[("r", r)] = ("q", node)
                        if used[r] < room[r]:
                            end = ("r", r)
                            break
                        queue.append(("r", r))
            else:
                for q in need:
                    if node in on[q] and ("q", q) not in parent:
                        parent[("q", q)] = ("r", node)
                        queue.append(("q", q))
        if end is None:
            return placed
        used[end[1]] += 1
        step = end
        while parent[step] is not None:
            previous = parent[step]
            if step[0] == "r":
                on[previous[1]].add(step[1])
            else:
                on[step[1]].discard(previous[1])
            step = previous
        placed += 1


@st.composite
def cohorts(draw):
    reviewer_count = draw(st.integers(0, 10))
    ids = list(range(1, reviewer_count + 1))
    some_ids = st.lists(st.sampled_from(ids), max_size=3) if ids else st.just([])
    orgs = st.lists(st.integers(0, 3), max_size=2)
    reviewers = [
        reviewer(
            i,
            orgs=tuple(draw(orgs)),
            load=draw(st.integers(0, 3)),
            conflicts=tuple(draw(st.lists(st.integers(1, 14), max_size=2))),
            capacity=draw(st.one_of(st.none(), st.integers(0, 5))),
        )
        for i in ids
    ]
    requests = [
        request(
            100 + n,
            writer=draw(st.integers(1, 14)),
            k=draw(st.integers(0, 4)),
            cowriters=tuple(draw(some_ids)),
            orgs=tuple(draw(orgs)),
            blind=draw(st.booleans()),
            already=tuple(draw(some_ids)),
            refused=tuple(draw(some_ids)),
        )
        for n in range(draw(st.integers(0, 8)))
    ]
    return requests, reviewers


@SETTINGS
@given(cohorts(), st.integers(0, 3), st.booleans())
def test_every_assignment_keeps_every_rule(cohort, seed, strict):
    requests, reviewers = cohort
    result = assign(requests, reviewers, seed=seed, strict=strict)
    by_id = {r.id: r for r in reviewers}
    added: Counter[int] = Counter()

    assert list(result.assignments) == sorted(q.id for q in requests)
    for q in requests:
        chosen = result.assignments[q.id]
        assert len(chosen) == len(set(chosen))
        assert len(chosen) + result.shortfall.get(q.id, 0) == max(0, q.k)
        for reviewer_id in chosen:
            assert is_eligible(q, by_id[reviewer_id])
            added[reviewer_id] += 1
    for reviewer_id, count in added.items():
        total = by_id[reviewer_id].current_load + count
        assert total <= result.max_load
        capacity = by_id[reviewer_id].capacity
        assert capacity is None or total <= capacity

    if strict:
        assert result.max_load == result.fair_share
    else:
        highest = max((r.current_load for r in reviewers), default=0)
        assert result.fair_share <= result.max_load <= max(result.fair_share, highest + 1)
    # As many as possible: no reshuffle fills more places under the cap used.
    placed = sum(len(chosen) for chosen in result.assignments.values())
    assert placed == _max_placements(requests, reviewers, result.max_load)
    # Deterministic, whatever order the input comes in.
    assert assign(requests[::-1], reviewers[::-1], seed=seed, strict=strict) == result


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
