"""Properties of reviews.assignment.assign on generated cohorts: every guarantee, against
two independent oracles (a maximum flow, and the documented algorithm written plainly)."""

import math
import random
from collections import deque

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.assignment import (
    AssignmentResult,
    Request,
    Reviewer,
    assign,
    assign_one,
    is_eligible,
    rank_key,
)
from tests.support.assignment import assert_keeps_every_rule, request, reviewer

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
SHAPES_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


# Oracles


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


def _reference(
    requests: list[Request], reviewers: list[Reviewer], *, seed: int, strict: bool
) -> AssignmentResult:
    """The algorithm ``assign`` documents, written plainly with sets and sorting (quadratic
    and more): per-request eligible sets, fair share, order by slack, greedy, breadth-first
    repair with dead sets, stretch. ``assign`` must give exactly this, only faster."""
    by_id = {r.id: r for r in reviewers}
    need = {q.id: max(0, q.k) for q in requests}
    chosen: dict[int, list[int]] = {q.id: [] for q in requests}
    load = {r.id: r.current_load for r in reviewers}
    held: dict[int, list[int]] = {r.id: [] for r in reviewers}
    may = {q.id: {r.id for r in reviewers if is_eligible(q, r)} for q in requests}
    waiting = [q for q in need if need[q]]
    pool = {
        r.id
        for r in reviewers
        if (r.capacity is None or r.current_load < r.capacity)
        and (not waiting or any(r.id in may[q] for q in waiting))
    }
    fair = math.ceil((sum(need.values()) + sum(load[r] for r in pool)) / len(pool)) if pool else 0
    order = sorted(waiting, key=lambda q: (len(may[q] & pool) - need[q], q))
    cap = fair

    def limit(r: int) -> int:
        own = by_id[r].capacity
        return cap if own is None else min(cap, own)

    def rank(r: int) -> tuple[int, int, int]:
        return rank_key(seed, r, load[r])

    def takers(q: int, among: set[int]) -> list[int]:
        return sorted(r for r in among if r in may[q] and q not in held[r])

    def shift(end: int, incoming: int, came_by: dict, taker: dict) -> None:
        load[incoming] += 1
        q = end
        while (leaving := came_by[q]) is not None:
            chosen[q][chosen[q].index(leaving)] = incoming
            held[leaving].remove(q)
            held[incoming].append(q)
            incoming, q = leaving, taker[leaving]
        chosen[q].append(incoming)
        held[incoming].append(q)
        need[q] -= 1

    def augment(root: int, dead_q: set[int], dead_r: set[int]) -> bool:
        room = {r for r in pool if load[r] < limit(r)}
        movable = {r for r in pool if r not in room and held[r]} - dead_r
        came_by: dict[int, int | None] = {root: None}
        taker: dict[int, int] = {}
        dead_q.add(root)
        level = [root]
        while level:
            for q in level:
                if free := takers(q, room):
                    shift(q, min(free, key=rank), came_by, taker)
                    return True
            following = []
            for q in level:
                for s in takers(q, movable):
                    movable.discard(s)
                    dead_r.add(s)
                    taker[s] = q
                    for other in held[s]:
                        if other not in dead_q:
                            dead_q.add(other)
                            came_by[other] = s
                            following.append(other)
            level = following
        return False

    def serve(batch: list[int]) -> list[int]:
        for q in batch:
            room = [r for r in pool if load[r] < limit(r) and r in may[q] and q not in held[r]]
            for r in sorted(room, key=rank)[: need[q]]:
                chosen[q].append(r)
                held[r].append(q)
                need[q] -= 1
                load[r] += 1
        short = [q for q in batch if need[q]]
        dead_q: set[int] = set()
        dead_r: set[int] = set()
        for root in short:
            while need[root] and root not in dead_q:
                if not augment(root, dead_q, dead_r):
                    break
                dead_q.clear()
                dead_r.clear()
        return [q for q in short if need[q]]

    short = serve(order)
    if short and not strict:

        def level_needed(q: int) -> int:
            loads = sorted(by_id[r].current_load for r in pool if r in may[q])
            wanted = len(chosen[q]) + need[q]
            return loads[min(wanted, len(loads)) - 1] + 1 if loads else 0

        needed = max(level_needed(q) for q in short)
        if needed > cap:
            cap = needed
            serve(short)
    return AssignmentResult(
        assignments={q: chosen[q] for q in sorted(chosen)},
        shortfall={q: need[q] for q in sorted(need) if need[q]},
        max_load=cap,
        fair_share=fair,
    )


# Small random cohorts: every rule, as many places as a maximum flow, as documented


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

    assert_keeps_every_rule(requests, reviewers, result, strict=strict)
    # As many as possible: no reshuffle fills more places under the cap used.
    placed = sum(len(chosen) for chosen in result.assignments.values())
    assert placed == _max_placements(requests, reviewers, result.max_load)
    # Deterministic, whatever order the input comes in, and as documented.
    assert assign(requests[::-1], reviewers[::-1], seed=seed, strict=strict) == result
    assert _reference(requests, reviewers, seed=seed, strict=strict) == result


# Generated cohorts in the shapes of bench/bench_assignment.py, at test size


def _organisations(rng: random.Random, count: int) -> frozenset[int]:
    roll = rng.random()
    if roll < 0.15:
        return frozenset()
    if roll < 0.9:
        return frozenset({rng.randrange(count)})
    return frozenset(rng.sample(range(count), 2))


def peer_cohort(
    rng: random.Random, size: int, organisations: int, *, blind_share: float, k: int
) -> tuple[list[Request], list[Reviewer]]:
    """Submitters review each other: co-writers, conflicts, some blind requests."""
    ids = list(range(1, size + 1))
    orgs = {i: _organisations(rng, organisations) for i in ids}
    reviewers = [
        reviewer(
            i,
            orgs=orgs[i],
            load=rng.choice((0, 0, 0, 1, 2)),
            conflicts=tuple(rng.sample(ids, 1)) if rng.random() < 0.1 else (),
            capacity=rng.choice((None, None, None, 2, 4)),
        )
        for i in ids
    ]
    requests = [
        request(
            i,
            writer=i,
            k=k,
            cowriters=tuple(rng.sample(ids, rng.randint(1, 2))) if rng.random() < 0.33 else (),
            orgs=orgs[i],
            blind=rng.random() < blind_share,
        )
        for i in ids
    ]
    return requests, reviewers


def large_organisation_cohort(
    rng: random.Random, size: int, share: float, *, k: int
) -> tuple[list[Request], list[Reviewer]]:
    """``share`` of the submitters in organisation 0, every request blind: that
    organisation's requests can only have the others, and when it is most of the
    cohort, some of them cannot be filled at all."""
    ids = list(range(1, size + 1))
    orgs = {i: (0,) if rng.random() < share else (rng.randrange(1, 6),) for i in ids}
    reviewers = [reviewer(i, orgs=orgs[i], load=rng.choice((0, 0, 1))) for i in ids]
    requests = [request(i, writer=i, k=k, orgs=orgs[i], blind=True) for i in ids]
    return requests, reviewers


def _check(requests, reviewers, *, seed: int, strict: bool) -> AssignmentResult:
    result = assign(requests, reviewers, seed=seed, strict=strict)
    assert_keeps_every_rule(requests, reviewers, result, strict=strict)
    assert _reference(requests, reviewers, seed=seed, strict=strict) == result
    random.Random(seed).shuffle(shuffled := list(reviewers))
    assert assign(requests[::-1], shuffled, seed=seed, strict=strict) == result
    return result


@SHAPES_SETTINGS
@given(
    st.integers(0, 2**32),
    st.integers(20, 120),
    st.sampled_from((40, 4)),  # many organisations, few
    st.floats(0, 1),
    st.integers(1, 4),
    st.booleans(),
)
def test_peer_cohorts_keep_every_rule(cohort_seed, size, organisations, blind_share, k, strict):
    rng = random.Random(cohort_seed)
    requests, reviewers = peer_cohort(rng, size, organisations, blind_share=blind_share, k=k)
    _check(requests, reviewers, seed=cohort_seed % 1000, strict=strict)


@SHAPES_SETTINGS
@given(st.integers(0, 2**32), st.integers(20, 120), st.floats(0.2, 0.95), st.integers(1, 4))
def test_one_large_blind_organisation_keeps_every_rule(cohort_seed, size, share, k):
    rng = random.Random(cohort_seed)
    requests, reviewers = large_organisation_cohort(rng, size, share, k=k)
    result = _check(requests, reviewers, seed=cohort_seed % 1000, strict=False)
    # Every shortfall is real: the organisation's requests only ever got outsiders.
    members = {r.id for r in reviewers if 0 in r.organisation_ids}
    for q in requests:
        if 0 in q.organisation_ids:
            assert not members & set(result.assignments[q.id])


def test_blocking_leaves_requests_short_never_broken():
    # 27 of 30 writers are in organisation 0 and every request is blind: the 27 × 3
    # places of that organisation's requests can only go to the 3 outsiders, who may
    # take 3 each under the fair share (90 places / 30 = 3). Nothing is stretched (alone,
    # each of those requests needs a cap of 1); the rest is shortfall, exactly what a
    # maximum flow says cannot be placed, and no colleague is ever used to fill it.
    insiders = [reviewer(i, orgs=(0,)) for i in range(1, 28)]
    outsiders = [reviewer(i, orgs=(i,)) for i in (28, 29, 30)]
    reviewers = insiders + outsiders
    requests = [
        request(r.id, writer=r.id, k=3, orgs=r.organisation_ids, blind=True) for r in reviewers
    ]

    result = _check(requests, reviewers, seed=0, strict=False)

    assert result.max_load == result.fair_share == 3
    assert sum(result.shortfall.values()) == 81 - 9
    placed = sum(len(chosen) for chosen in result.assignments.values())
    assert placed == _max_placements(requests, reviewers, result.max_load) == 90 - 72
    for q in range(1, 28):
        assert set(result.assignments[q]) <= {28, 29, 30}


# One request: assign_one, the shortcut the peer service takes, is assign


@SETTINGS
@given(cohorts(), st.integers(0, 2**31), st.integers(1, 5))
def test_assign_one_chooses_what_assign_chooses_for_one_request(cohort, seed, k):
    requests, reviewers = cohort
    if not requests:
        return
    only = request(
        requests[0].id,
        writer=requests[0].writer_id,
        k=k,
        cowriters=tuple(requests[0].excluded_ids),
        orgs=requests[0].organisation_ids,
        blind=requests[0].blind,
        already=tuple(requests[0].already_assigned),
        refused=tuple(requests[0].previously_refused),
    )
    pool = [
        r
        for r in reviewers
        if is_eligible(only, r) and (r.capacity is None or r.current_load < r.capacity)
    ]
    best = sorted(pool, key=lambda r: rank_key(seed, r.id, r.current_load))[:k]

    expected = assign([only], reviewers, seed=seed).assignments[only.id]
    assert assign_one(only, best[::-1], seed=seed) == expected
