"""Peer assignment: :func:`assign` for a batch of requests, :func:`assign_one` for one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .records import AssignmentResult, Request, Reviewer
from .state import BatchState
from .tiebreak import rank_key


def assign(
    requests: Sequence[Request],
    reviewers: Sequence[Reviewer],
    *,
    seed: int = 0,
    strict: bool = False,
) -> AssignmentResult:
    """Give each request up to ``k`` new, eligible reviewers, balancing load.

    Algorithm (greedy on heaps, then repair):

    1. **Exclusions and organisation groups.** Each request keeps only its own short
       list of people it may not have (writer, co-writers, reviewers with a declared
       conflict, already on it, refused it). Organisation blocking is not expanded into
       members: reviewers are grouped by their organisations (only those some blind
       request names count, so most reviewers share a handful of groups), and a blind
       request blocks the groups that share an organisation with the writer, a whole
       group at a time.
    2. **Fair share.** The pool is every reviewer below their own capacity and eligible
       for at least one request. The cap is
       ``ceil((places needed + current loads of the pool) / pool size)``: the load
       everyone would carry if the work were spread perfectly evenly. No reviewer's total
       load goes above it, nor above their own ``capacity``. (Both the pool and the
       slack below are counted per group, not per pair.)
    3. **Order.** Requests with the least slack (eligible reviewers minus places needed)
       go first, then by id: a hard-to-place request, say a blind one from a large
       organisation, chooses before easy ones use up its few candidates.
    4. **Greedy.** Each group keeps a heap of its reviewers under the cap by
       ``(load, tiebreak, id)``, and one heap over the groups holds each group's best.
       A request takes the best heads in turn: a group it blocks is set aside whole
       (its members are never looked at), a reviewer it excludes by name is set aside
       alone; both go back afterwards. A chosen reviewer goes back with load + 1 unless
       at their limit. So a request takes the ``k`` least-loaded reviewers it may have,
       in ``O((k + x + b) log m)``, where ``x`` is its own exclusions and ``b`` the
       groups it blocks, never a pass over the pool.
    5. **Repair.** A request still short looks for a chain: take a reviewer it may have
       from another request of this batch, which takes in their place someone with room
       (breadth-first, reviewers in id order; an augmenting path). This keeps everyone
       within the cap when greedy choices have boxed a request in. The reviewers a chain
       could move (at their limit, holding a new assignment) are kept in per-group heaps
       too, so a search touches only what it reaches and stops at the first request that
       can take someone with room.
    6. **Stretch.** A request needs distinct reviewers, so the even spread cannot
       always be met: three new reviewers among people who each already carry three
       reviews means someone gets a fourth. Unless ``strict``, a request still short
       raises the cap to the level it would need on its own: one above the ``k``-th
       lowest current load among its eligible reviewers (counted from per-group load
       histograms). Short requests are then served again (greedy and repair) under that
       cap, once, and ``max_load`` reports it. The level uses loads from before this
       batch, not what other requests took, so the cap is bounded by the highest current
       load + 1 and one hard request cannot pull a whole cohort up. With ``strict=True``
       the fair share is a hard cap and the places become shortfall.

    Greedy plus repair is an augmenting-path maximum flow, so after the last step no
    reshuffle of this batch could place more reviewers under ``max_load``: a request is
    short only when that is so.

    Ties in load are broken by :func:`~reviews.assignment.tiebreak` of ``(seed, reviewer
    id, load)`` (integer arithmetic seeded by splitmix64, the same on every platform and
    Python version, and in the database): the same input always gives the same output,
    yet reviewers are not drawn in id order, and each load level is a fresh shuffle. The
    services pass the request id as the seed. A per-request shuffle would re-sort all
    tied reviewers for every request, which is what the heaps avoid.

    Cost, for ``n`` requests of ``k`` places, ``m`` reviewers, ``x`` exclusions per
    request and ``b`` groups a blind request blocks: ``O(m log m + n·(k + x + b)·log m)``
    for everything but repair, and memory ``O(m + n·(k + x))``. ``b`` is at most the
    number of distinct organisation sets among reviewers that share an organisation
    with the writer, 1 when everyone belongs to one organisation. Repair costs what its
    searches reach: each stops at the first request that can take someone with room,
    and a failed search marks what it reached as dead until some search succeeds, so a
    run of impossible requests costs one exploration. In the worst case (many requests
    boxed in at once, nobody with room nearby) each repaired place may explore the whole
    batch, ``O(n·k + m)``; on the cohorts of bench/bench_assignment.py repair is a small
    part of the time, and 100,000 requests × 3 take a few seconds
    (bench/results/assignment.json).

    Raises ``ValueError`` on duplicate request or reviewer ids.
    """
    _require_unique((r.id for r in requests), "request")
    _require_unique((r.id for r in reviewers), "reviewer")
    state = BatchState(requests, reviewers, seed)
    cap = state.fair_share
    short = state.serve(state.order, cap)
    if short and not strict:
        needed = max(state.level_needed(q) for q in short)
        if needed > cap:
            cap = needed
            state.serve(short, cap)
    ids = state.ids
    return AssignmentResult(
        assignments={
            qid: [ids[r] for r in chosen]
            for qid, chosen in zip(state.request_ids, state.chosen, strict=True)
        },
        shortfall={
            qid: need for qid, need in zip(state.request_ids, state.need, strict=True) if need
        },
        max_load=cap,
        fair_share=state.fair_share,
    )


def assign_one(request: Request, best: Sequence[Reviewer], *, seed: int = 0) -> list[int]:
    """The new reviewers ``assign([request], pool, seed=seed)`` gives ``request``, from
    only the best of the pool: the first ``request.k`` of it (all of it if smaller) in
    :func:`rank_key` order. The pool is the reviewers the request may have who are below
    their own capacity.

    For one request the fair share never changes who is chosen, only ``max_load``: if
    the greedy step leaves places empty, some of the ``k`` best carry at least the fair
    share, so the stretch raises the cap above the ``k``-th best's load and all ``k`` are
    taken. So the choice is simply the ``k`` best, in rank order, and a caller need not
    load, count or sum the pool, only fetch its best few: the peer service ranks them in
    SQL (``reviews.selectors.peers_best``). tests/reviews/test_assignment_properties.py
    checks this against :func:`assign`.
    """
    ranked = sorted(best, key=lambda r: rank_key(seed, r.id, r.current_load))
    return [r.id for r in ranked[: max(0, request.k)]]


def _require_unique(ids: Iterable[int], what: str) -> None:
    seen: set[int] = set()
    for id_ in ids:
        if id_ in seen:
            raise ValueError(f"duplicate {what} id {id_}")
        seen.add(id_)
