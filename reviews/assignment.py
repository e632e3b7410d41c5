"""Reviewer assignment and mentor matching, as plain data in and plain data out.

No Django here: the services in ``reviews/services/requests.py`` load requests, reviewers
and loads, call :func:`assign` or :func:`rank_mentors`, and save what comes back. That
keeps the rules in one place, testable without a database and fast enough to run a
whole cohort at once (docs/review-scoring.md, "Assignment").

The rules a reviewer must pass for a request (:func:`is_eligible`):

* not the writer, not a co-writer (``excluded_ids``);
* no declared conflict of interest with the writer;
* not already on the request, and not someone who declined it or let it expire;
* when the request is blind, no organisation in common with the writer (colleagues
  recognise each other's work, so blindness would be a fiction).

Load is balanced under a fair-share cap, and every choice is deterministic for the same
input (:func:`assign` explains both).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A request that has set aside this many reviewers it may not have while popping the
# heap switches to one linear scan of the pool for the rest of its places.
SKIP_LIMIT = 64

_MASK = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class Request:
    """A review request that needs ``k`` more reviewers.

    ``k`` counts new reviewers only: reviewers in ``already_assigned`` are not part of it.
    ``excluded_ids`` holds the writer's own id and the co-writers'; ``organisation_ids``
    the writer's organisations (used only when ``blind``).
    """

    id: int
    writer_id: int
    excluded_ids: frozenset[int]
    organisation_ids: frozenset[int]
    blind: bool
    k: int
    already_assigned: frozenset[int] = frozenset()
    previously_refused: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A possible reviewer. ``capacity`` caps their total load (open reviews), if set."""

    id: int
    organisation_ids: frozenset[int]
    current_load: int
    conflicts: frozenset[int]  # writer ids they declared a conflict of interest with
    capacity: int | None = None


@dataclass(slots=True)
class AssignmentResult:
    """What :func:`assign` decided.

    ``assignments`` maps every request id (ascending) to its NEW reviewer ids, in the
    order they were chosen; ``shortfall`` maps the ids of requests that could not be
    filled to the number of places left (the caller falls back to a mentor or staff).
    ``fair_share`` is the even-spread cap; ``max_load`` the cap finally used, which is
    higher only when a request could not otherwise get its reviewers (see :func:`assign`).
    """

    assignments: dict[int, list[int]]
    shortfall: dict[int, int]
    max_load: int
    fair_share: int


@dataclass(frozen=True, slots=True)
class Mentor:
    """A mentor with their expertise, languages, open reviews and reputation (0–1)."""

    id: int
    themes: frozenset[str]
    languages: frozenset[str]
    load: int
    capacity: int
    reputation: float


def is_eligible(request: Request, reviewer: Reviewer) -> bool:
    """Whether ``reviewer`` may review ``request``; the rules in the module docstring.

    :func:`assign` applies the same rules through precomputed sets, for speed; this is
    the readable statement of them.
    """
    rid = reviewer.id
    return not (
        rid == request.writer_id
        or rid in request.excluded_ids
        or request.writer_id in reviewer.conflicts
        or rid in request.already_assigned
        or rid in request.previously_refused
        or (request.blind and not request.organisation_ids.isdisjoint(reviewer.organisation_ids))
    )


def assign(
    requests: Sequence[Request],
    reviewers: Sequence[Reviewer],
    *,
    seed: int = 0,
    strict: bool = False,
) -> AssignmentResult:
    """Give each request up to ``k`` new, eligible reviewers, balancing load.

    Algorithm (greedy on a heap, then repair):

    1. **Blocked sets.** For each request, the reviewers it may not have (writer,
       co-writers, conflicts, already on it, refused it, same organisation when blind),
       built from per-writer and per-organisation indexes, so eligibility is one set
       lookup instead of a rule check per pair.
    2. **Fair share.** The pool is every reviewer below their own capacity and eligible
       for at least one request. The cap is
       ``ceil((places needed + current loads of the pool) / pool size)``: the load
       everyone would carry if the work were spread perfectly evenly. No reviewer's total
       load goes above it, nor above their own ``capacity``.
    3. **Order.** Requests with the least slack (eligible reviewers minus places needed)
       go first, then by id: a hard-to-place request, say a blind one from a large
       organisation, chooses before easy ones use up its few candidates.
    4. **Greedy.** A heap holds ``(load, tiebreak, reviewer)`` for reviewers under the
       cap. For each request, pop the least-loaded; a reviewer the request may not have
       is set aside and pushed back afterwards, a chosen one goes back with load + 1
       unless at their limit. Each request costs ``O((k + skipped) log m)``; after
       :data:`SKIP_LIMIT` skips it scans the pool once instead (``O(m)``), so requests
       whose candidates are rare do not pop the whole heap.
    5. **Repair.** A request still short looks for a chain: take a reviewer it may have
       from another request of this batch, which takes in their place someone with room
       (breadth-first; an augmenting path). This keeps everyone within the cap when
       greedy choices have boxed a request in.
    6. **Stretch.** A request needs distinct reviewers, so the even spread cannot
       always be met: three new reviewers among people who each already carry three
       reviews means someone gets a fourth. Unless ``strict``, a request still short
       raises the cap to the level it would need on its own: one above the ``k``-th
       lowest current load among its eligible reviewers. Short requests are then served
       again (greedy and repair) under that cap, once, and ``max_load`` reports it. The
       level uses loads from before this batch, not what other requests took, so the
       cap is bounded by the highest current load + 1 and one hard request cannot pull
       a whole cohort up. With ``strict=True`` the fair share is a hard cap and the
       places become shortfall.

    Greedy plus repair is an augmenting-path maximum flow, so after the last step no
    reshuffle of this batch could place more reviewers under ``max_load``: a request is
    short only when that is so.

    Ties in load are broken by a hash of ``(seed, reviewer id, load)`` (splitmix64, so it
    is the same on every platform and Python version): the same input always gives the
    same output, yet reviewers are not drawn in id order, and each load level is a fresh
    shuffle. The services pass the request id as the seed. A per-request shuffle would
    re-sort all tied reviewers for every request, which is what the heap avoids.

    Overall ``O((n·k + m) log m)`` for ``n`` requests and ``m`` reviewers when
    eligibility is sparse, as it is in practice; 1,000 requests × 3 among 1,000 peers
    takes about 15 ms, among 3,000 platform reviewers about 30 ms (bench/bench_assignment.py).

    Raises ``ValueError`` on duplicate request or reviewer ids.
    """
    _require_unique((r.id for r in requests), "request")
    _require_unique((r.id for r in reviewers), "reviewer")
    state = _State(requests, reviewers, seed)
    cap = state.fair_share
    short = state.serve(state.order, cap)
    if short and not strict:
        by_load = sorted(state.pool, key=state.base_load.__getitem__)
        needed = max(state.level_needed(q, by_load) for q in short)
        if needed > cap:
            cap = needed
            state.serve(short, cap)
    return AssignmentResult(
        assignments={q: list(state.chosen[q]) for q in sorted(state.chosen)},
        shortfall={q: state.need[q] for q in sorted(state.need) if state.need[q]},
        max_load=cap,
        fair_share=state.fair_share,
    )


def rank_mentors(
    *, themes: frozenset[str], language: str, mentors: list[Mentor], exclude: frozenset[int]
) -> list[Mentor]:
    """Mentors with free capacity, not excluded, best match first.

    Order: more expertise themes in common with the series; then language (the series'
    language exactly, then the same base language, e.g. ``zh-hant`` for ``zh-hans``,
    then none); then higher reputation; then lower load (spreads the work); then id, so
    the order is total and stable. Themes come first because a mentor's value is their
    knowledge of the genre; a mentor who cannot read the script is still ranked (lower),
    because a staff member may choose to ask them anyway.
    """
    wanted = language.casefold()

    def language_fit(mentor: Mentor) -> int:
        spoken = {lang.casefold() for lang in mentor.languages}
        if wanted in spoken:
            return 2
        return 1 if _base_language(wanted) in {_base_language(s) for s in spoken} else 0

    available = [m for m in mentors if m.load < m.capacity and m.id not in exclude]
    return sorted(
        available,
        key=lambda m: (-len(themes & m.themes), -language_fit(m), -m.reputation, m.load, m.id),
    )


def _base_language(tag: str) -> str:
    return tag.split("-", 1)[0]


def _require_unique(ids: Iterable[int], what: str) -> None:
    seen: set[int] = set()
    for id_ in ids:
        if id_ in seen:
            raise ValueError(f"duplicate {what} id {id_}")
        seen.add(id_)


def _splitmix64(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def tiebreak(seed: int, reviewer_id: int, load: int) -> int:
    """The deterministic pseudo-random rank of a reviewer among equally loaded ones."""
    return _splitmix64(_splitmix64(_splitmix64(seed & _MASK) ^ (reviewer_id & _MASK)) ^ load)


class _State:
    """The working state of one :func:`assign` call, keyed by request and reviewer ids.

    ``room`` holds the pool reviewers below their limit under the current cap; set
    operations on it (run in C) keep the scans in :meth:`fill` and :meth:`augment`
    cheap even when most of the pool is blocked for a request.
    """

    __slots__ = (
        "base_load",
        "blocked",
        "cap",
        "capacity",
        "chosen",
        "fair_share",
        "held",
        "load",
        "need",
        "order",
        "pool",
        "reviewer_mix",
        "room",
        "shuffle",
    )

    def __init__(self, requests: Sequence[Request], reviewers: Sequence[Reviewer], seed: int):
        self.load = {r.id: r.current_load for r in reviewers}
        self.base_load = dict(self.load)
        # tiebreak() split in two: the reviewer's part once, the load's part per change.
        seed_mix = _splitmix64(seed & _MASK)
        self.reviewer_mix = {r.id: _splitmix64(seed_mix ^ (r.id & _MASK)) for r in reviewers}
        # The tiebreak at each reviewer's current load, kept up to date by add_load.
        self.shuffle = {
            r.id: _splitmix64(self.reviewer_mix[r.id] ^ r.current_load) for r in reviewers
        }
        self.capacity = {r.id: r.capacity for r in reviewers}
        self.need = {q.id: max(0, q.k) for q in requests}
        self.chosen: dict[int, list[int]] = {q.id: [] for q in requests}
        # reviewer id -> ids of the requests they were newly given (dict: ordered set)
        self.held: dict[int, dict[int, None]] = {r.id: {} for r in reviewers}

        conflicted: dict[int, set[int]] = {}
        members: dict[int, set[int]] = {}
        for r in reviewers:
            for writer in r.conflicts:
                conflicted.setdefault(writer, set()).add(r.id)
            for org in r.organisation_ids:
                members.setdefault(org, set()).add(r.id)
        self.blocked: dict[int, set[int]] = {}
        for q in requests:
            blocked = {q.writer_id} | q.excluded_ids | q.already_assigned | q.previously_refused
            blocked |= conflicted.get(q.writer_id, set())
            if q.blind:
                for org in q.organisation_ids:
                    blocked |= members.get(org, set())
            self.blocked[q.id] = blocked

        open_ids = [q.id for q in requests if self.need[q.id]]
        # Reviewers every open request blocks can take none of this work: not in the pool.
        never: set[int] = (
            set.intersection(*(self.blocked[q] for q in open_ids)) if open_ids else set()
        )
        self.pool = [
            r.id
            for r in reviewers
            if (r.capacity is None or r.current_load < r.capacity) and r.id not in never
        ]
        pool_set = set(self.pool)
        places = sum(self.need.values())
        self.fair_share = (
            math.ceil((places + sum(self.load[r] for r in self.pool)) / len(self.pool))
            if self.pool
            else 0
        )
        slack = {
            q: len(pool_set) - len(self.blocked[q] & pool_set) - self.need[q] for q in open_ids
        }
        self.order = sorted(open_ids, key=lambda q: (slack[q], q))
        self.cap = self.fair_share
        self.room: set[int] = set()

    def limit(self, reviewer: int) -> int:
        own = self.capacity[reviewer]
        return self.cap if own is None else min(self.cap, own)

    def rank(self, reviewer: int) -> tuple[int, int]:
        """Least loaded first, ties in the seeded pseudo-random order."""
        return self.load[reviewer], self.shuffle[reviewer]

    def may_take(self, request: int, reviewer: int) -> bool:
        # Newly chosen reviewers are not in the blocked set; check them separately.
        return reviewer not in self.blocked[request] and request not in self.held[reviewer]

    def takers(self, request: int, reviewers: set[int]) -> list[int]:
        """Those of ``reviewers`` that ``request`` may take, in id order."""
        return sorted(r for r in reviewers - self.blocked[request] if request not in self.held[r])

    def add_load(self, reviewer: int) -> None:
        level = self.load[reviewer] = self.load[reviewer] + 1
        self.shuffle[reviewer] = _splitmix64(self.reviewer_mix[reviewer] ^ level)
        if level >= self.limit(reviewer):
            self.room.discard(reviewer)

    def give(self, request: int, reviewer: int) -> None:
        self.chosen[request].append(reviewer)
        self.held[reviewer][request] = None
        self.need[request] -= 1
        self.add_load(reviewer)

    def serve(self, requests: list[int], cap: int) -> list[int]:
        """Greedy, then repair, under ``cap``; returns the requests still short, in order."""
        self.cap = cap
        self.room = {r for r in self.pool if self.load[r] < self.limit(r)}
        self.fill(requests)
        short = [q for q in requests if self.need[q]]
        self.repair(short)
        return [q for q in short if self.need[q]]

    def fill(self, requests: list[int]) -> None:
        """Greedy step: each request takes the least-loaded reviewers it may have.

        Heap entries go stale when a reviewer's load changes outside the pop (in
        :meth:`_scan`); loads only grow, so an entry whose load is not the current one is
        stale and dropped.
        """
        load = self.load
        heap = [(*self.rank(r), r) for r in self.room]
        heapq.heapify(heap)
        for q in requests:
            set_aside = []
            picked = []
            while self.need[q] and heap:
                entry = heapq.heappop(heap)
                reviewer = entry[2]
                if entry[0] != load[reviewer]:
                    continue
                if self.may_take(q, reviewer):
                    self.give(q, reviewer)
                    picked.append(reviewer)
                    continue
                set_aside.append(entry)
                if len(set_aside) > SKIP_LIMIT:
                    # The reviewers this request may not have crowd the top of the heap
                    # (a blind request from a big organisation whose members nobody
                    # else took yet): one scan beats popping the whole heap.
                    picked += self._scan(q)
                    break
            # Pushed back only now, so nobody is picked twice for the same request.
            set_aside += [(*self.rank(r), r) for r in picked if r in self.room]
            for entry in set_aside:
                heapq.heappush(heap, entry)

    def _scan(self, q: int) -> list[int]:
        held, load, shuffle = self.held, self.load, self.shuffle
        candidates = [
            (load[r], shuffle[r], r) for r in self.room - self.blocked[q] if q not in held[r]
        ]
        best = [entry[2] for entry in heapq.nsmallest(self.need[q], candidates)]
        for reviewer in best:
            self.give(q, reviewer)
        return best

    def repair(self, short: list[int]) -> None:
        """Repair step: :meth:`augment` each short request until it is full or stuck.

        A search that fails leaves everything it reached in ``dead``: nothing there leads
        to a reviewer with room, and that stays true until some search succeeds and
        moves reviewers (Kuhn's matching trick). So a run of impossible requests costs
        one exploration, not one each.
        """
        dead_requests: set[int] = set()
        dead_reviewers: set[int] = set()
        for root in short:
            while self.need[root] and root not in dead_requests:
                if not self.augment(root, dead_requests, dead_reviewers):
                    break
                dead_requests.clear()
                dead_reviewers.clear()

    def augment(self, root: int, dead_requests: set[int], dead_reviewers: set[int]) -> bool:
        """Find one more reviewer for ``root`` through a chain of swaps.

        Breadth-first over requests: ``root`` may take reviewer ``s1`` who is on request
        ``q1``; ``q1`` may take ``s2`` who is on ``q2``; … ; the last request may take a
        reviewer with room. Shifting everyone one step along the chain gives ``root`` a
        reviewer and raises only the load of the reviewer with room, so the cap holds.
        Only reviewers chosen in this call move; existing assignments never do. Fills
        the dead sets with what it reached; they are only meaningful when it fails.
        """
        came_by: dict[int, int | None] = {root: None}  # request -> reviewer it gives up
        taker: dict[int, int] = {}  # reviewer -> request that would take them
        # Reviewers at their limit holding a new assignment: the only ones a chain can move.
        movable = {r for r in self.pool if r not in self.room and self.held[r]} - dead_reviewers
        dead_requests.add(root)
        level = [root]
        while level:
            for q in level:
                free = self.takers(q, self.room)
                if free:
                    self._shift(q, min(free, key=self.rank), came_by, taker)
                    return True
            following = []
            for q in level:
                for s in self.takers(q, movable):
                    movable.discard(s)
                    dead_reviewers.add(s)
                    taker[s] = q
                    for other in self.held[s]:
                        if other not in dead_requests:
                            dead_requests.add(other)
                            came_by[other] = s
                            following.append(other)
            level = following
        return False

    def _shift(
        self, end: int, incoming: int, came_by: dict[int, int | None], taker: dict[int, int]
    ) -> None:
        self.add_load(incoming)
        q = end
        while (leaving := came_by[q]) is not None:
            chosen = self.chosen[q]
            chosen[chosen.index(leaving)] = incoming  # keep the position of the swap
            del self.held[leaving][q]
            self.held[incoming][q] = None
            incoming, q = leaving, taker[leaving]
        self.chosen[q].append(incoming)
        self.held[incoming][q] = None
        self.need[q] -= 1

    def level_needed(self, q: int, by_load: list[int]) -> int:
        """The cap request ``q`` would need on its own: one above the ``k``-th lowest
        load, before this batch, among the reviewers it may have (all of them if fewer).

        ``by_load`` is the pool sorted by that load; walking it stops at the ``k``-th
        reviewer ``q`` may have, usually a few steps in.
        """
        blocked = self.blocked[q]
        wanted = len(self.chosen[q]) + self.need[q]
        level = None
        for r in by_load:
            if r not in blocked:
                level = self.base_load[r]
                wanted -= 1
                if not wanted:
                    break
        return 0 if level is None else level + 1
