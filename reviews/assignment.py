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
input (:func:`assign` explains both, and what it costs).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, deque
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

_MASK = (1 << 64) - 1

# tiebreak() works modulo this prime (2**31 - 1): every intermediate product stays below
# 2**63, so PostgreSQL and SQLite compute it in plain 64-bit integers, exactly.
TIEBREAK_MODULUS = 2_147_483_647

# A reviewer's place in the queue, (load, tiebreak, index), packed into one int so heap
# entries are plain ints: the index in the low bits, the 31-bit tiebreak above it, the
# load (less the lowest load, so it is never negative) on top.
_INDEX_BITS = 32
_INDEX_MASK = (1 << _INDEX_BITS) - 1
_LOAD_SHIFT = 31 + _INDEX_BITS

_NO_GROUPS: frozenset[int] = frozenset()


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

    :func:`assign` applies the same rules through per-request exclusion sets and
    organisation groups, for speed; this is the readable statement of them.
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

    Ties in load are broken by a hash of ``(seed, reviewer id, load)`` (splitmix64, so it
    is the same on every platform and Python version): the same input always gives the
    same output, yet reviewers are not drawn in id order, and each load level is a fresh
    shuffle. The services pass the request id as the seed. A per-request shuffle would
    re-sort all tied reviewers for every request, which is what the heaps avoid.

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
    state = _State(requests, reviewers, seed)
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
    SQL (``reviews.selectors.peers_best``). tests/reviews/test_assignment.py checks this
    against :func:`assign`.
    """
    ranked = sorted(best, key=lambda r: rank_key(seed, r.id, r.current_load))
    return [r.id for r in ranked[: max(0, request.k)]]


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


def tiebreak_coefficients(seed: int) -> tuple[int, int, int, int, int, int]:
    """``(a, b, c, d, e, f)`` of :func:`tiebreak` for one seed: splitmix64 of the seed
    drawn six times, ``a`` and ``b`` in ``[1, p)``, the others in ``[0, p)`` for
    ``p`` = :data:`TIEBREAK_MODULUS`."""
    p = TIEBREAK_MODULUS
    x = _splitmix64(seed & _MASK)
    draws = []
    for _ in range(6):
        x = _splitmix64(x)
        draws.append(x % p)
    a, b, c, d, e, f = draws
    return 1 + a % (p - 1), 1 + b % (p - 1), c, d, e, f


def tiebreak(seed: int, reviewer_id: int, load: int) -> int:
    """The deterministic pseudo-random rank of a reviewer among equally loaded ones.

    ``((a·r + (c + e·L) mod p) mod p) · ((b·r + (d + f·L) mod p) mod p) mod p`` with
    ``r`` = reviewer id mod p, ``L`` = load and the coefficients of
    :func:`tiebreak_coefficients`: a quadratic shuffle of the ids for each seed, shifted
    afresh at each load level, so being first among equals at one load says nothing of
    the next. Plain integer arithmetic that stays below 2**63 (for loads below 2**32),
    so a database can order by it, load included, and for positive ids get exactly this
    value: the peer service ranks writers in SQL and fetches only the best few
    (``reviews.selectors.peers_best``).
    """
    a, b, c, d, e, f = tiebreak_coefficients(seed)
    p = TIEBREAK_MODULUS
    r = reviewer_id % p
    return (a * r + (c + e * load) % p) % p * ((b * r + (d + f * load) % p) % p) % p


def rank_key(seed: int, reviewer_id: int, load: int) -> tuple[int, int, int]:
    """The order :func:`assign` takes reviewers in: least loaded, then :func:`tiebreak`,
    then id."""
    return load, tiebreak(seed, reviewer_id, load), reviewer_id


class _State:
    """The working state of one :func:`assign` call.

    Reviewers and requests are numbered by ascending id (``ids``, ``request_ids``), so
    every per-person value is a list and "id order" is index order; results are mapped
    back to ids at the end. Reviewers belong to one organisation group each (``group``):
    the organisations they share with some blind request's writer (``group_orgs``).

    Two heap structures live for one :meth:`serve`:

    * **room**: per group, a min-heap of the packed keys (:meth:`key`) of pool reviewers
      below their limit (``room_heaps``), and ``top``, a heap holding each group's
      smallest key (stale entries are dropped when popped: an entry is live while it
      equals its group's smallest);
    * **movable**: per group, a min-heap of the ids (indexes) of pool reviewers at their
      limit who hold a new assignment, the ones a repair chain may move
      (``movable_heaps``; ``movable_groups`` lists the groups that may be non-empty).
    """

    __slots__ = (
        "blind_orgs",
        "blocked_cache",
        "cap",
        "chosen",
        "excluded",
        "fair_share",
        "group",
        "group_orgs",
        "groups_by_org",
        "held",
        "ids",
        "in_pool",
        "load",
        "load_floor",
        "load_histograms",
        "coefficients",
        "level_shifts",
        "movable_groups",
        "movable_heaps",
        "need",
        "order",
        "own_capacity",
        "pool",
        "pool_histogram",
        "request_ids",
        "residue",
        "room_heaps",
        "start_load",
        "top",
    )

    def __init__(self, requests: Sequence[Request], reviewers: Sequence[Reviewer], seed: int):
        people = sorted(reviewers, key=lambda r: r.id)
        if len(people) > _INDEX_MASK:
            raise ValueError("too many reviewers")
        self.ids = [r.id for r in people]
        index = {rid: i for i, rid in enumerate(self.ids)}
        self.start_load = [r.current_load for r in people]
        self.load = list(self.start_load)
        self.load_floor = min(self.start_load, default=0)
        self.own_capacity = [r.capacity for r in people]
        # tiebreak() in parts: the coefficients once, the reviewer's residue once, the
        # shifts once per load level (key() caches them).
        self.coefficients = tiebreak_coefficients(seed)
        self.residue = [rid % TIEBREAK_MODULUS for rid in self.ids]
        self.level_shifts: dict[int, tuple[int, int]] = {}
        self.held: list[list[int]] = [[] for _ in people]  # request indexes newly given

        batch = sorted(requests, key=lambda q: q.id)
        self.request_ids = [q.id for q in batch]
        self.need = [max(0, q.k) for q in batch]
        self.chosen: list[list[int]] = [[] for _ in batch]
        open_requests = [j for j, need in enumerate(self.need) if need]
        self.blind_orgs: list[frozenset[int] | None] = [
            q.organisation_ids if q.blind and q.organisation_ids and need else None
            for q, need in zip(batch, self.need, strict=True)
        ]

        # Per request, the reviewers it may not have by name: writer, co-writers,
        # declared conflicts with the writer, already on it, refused it.
        conflicted: dict[int, list[int]] = {}
        for i, person in enumerate(people):
            for writer in person.conflicts:
                conflicted.setdefault(writer, []).append(i)
        self.excluded: list[frozenset[int]] = []
        for q, need in zip(batch, self.need, strict=True):
            if not need:
                self.excluded.append(frozenset())
                continue
            named = chain((q.writer_id,), q.excluded_ids, q.already_assigned, q.previously_refused)
            excluded = {index[r] for r in named if r in index}
            excluded.update(conflicted.get(q.writer_id, ()))
            self.excluded.append(frozenset(excluded))

        # Organisation groups: a reviewer's organisations that some blind request names.
        # Organisations no blind request names never block anyone, so they do not split
        # groups (for one request, that leaves a handful of groups).
        blocking: frozenset[int] = frozenset().union(*filter(None, self.blind_orgs))
        group_ids: dict[frozenset[int], int] = {}
        self.group = [
            group_ids.setdefault(person.organisation_ids & blocking, len(group_ids))
            for person in people
        ]
        self.group_orgs = list(group_ids)
        self.groups_by_org: dict[int, list[int]] = {}
        for g, orgs in enumerate(self.group_orgs):
            for org in orgs:
                self.groups_by_org.setdefault(org, []).append(g)
        self.blocked_cache: dict[frozenset[int], frozenset[int]] = {}

        self.in_pool = self.pool_members(people, open_requests)
        self.pool = [i for i, inside in enumerate(self.in_pool) if inside]
        places = sum(self.need)
        self.fair_share = (
            math.ceil((places + sum(self.load[i] for i in self.pool)) / len(self.pool))
            if self.pool
            else 0
        )
        slack = self.slack(open_requests)
        self.order = sorted(open_requests, key=lambda j: (slack[j], j))
        self.cap = self.fair_share
        self.room_heaps: list[list[int]] = []
        self.top: list[int] = []
        self.movable_heaps: list[list[int]] = []
        self.movable_groups: dict[int, None] = {}
        self.load_histograms: list[Counter[int]] | None = None
        self.pool_histogram: Counter[int] = Counter()

    # Setup

    def blocked_groups(self, j: int) -> frozenset[int]:
        """The organisation groups request ``j`` blocks (none unless it is blind)."""
        orgs = self.blind_orgs[j]
        return _NO_GROUPS if orgs is None else self.groups_sharing(orgs)

    def groups_sharing(self, orgs: frozenset[int]) -> frozenset[int]:
        """The organisation groups with an organisation in ``orgs`` (cached)."""
        found = self.blocked_cache.get(orgs)
        if found is None:
            by_org = self.groups_by_org
            found = frozenset(g for org in orgs for g in by_org.get(org, ()))
            self.blocked_cache[orgs] = found
        return found

    def pool_members(self, people: list[Reviewer], open_requests: list[int]) -> list[bool]:
        """Reviewers below their own capacity whom at least one open request may have.

        Counted, not intersected: a reviewer is out when the open requests that block
        their group plus those that exclude them by name (and do not already block their
        group) are all the open requests.
        """
        below = [r.capacity is None or r.current_load < r.capacity for r in people]
        if not open_requests:
            return below
        by_group = [0] * len(self.group_orgs)
        blind = Counter(orgs for j in open_requests if (orgs := self.blind_orgs[j]) is not None)
        for orgs, count in blind.items():
            for g in self.groups_sharing(orgs):
                by_group[g] += count
        by_name: Counter[int] = Counter()
        for j in open_requests:
            blocked = self.blocked_groups(j)
            by_name.update(i for i in self.excluded[j] if self.group[i] not in blocked)
        everyone = len(open_requests)
        group = self.group
        return [below[i] and by_group[group[i]] + by_name[i] < everyone for i in range(len(people))]

    def slack(self, open_requests: list[int]) -> dict[int, int]:
        """Per open request: eligible pool reviewers minus places needed."""
        in_group = Counter(self.group[i] for i in self.pool)
        blocked_count: dict[frozenset[int], int] = {}
        slack = {}
        for j in open_requests:
            blocked = self.blocked_groups(j)
            if blocked not in blocked_count:
                blocked_count[blocked] = sum(in_group[g] for g in blocked)
            by_name = sum(
                1 for i in self.excluded[j] if self.in_pool[i] and self.group[i] not in blocked
            )
            slack[j] = len(self.pool) - blocked_count[blocked] - by_name - self.need[j]
        return slack

    # Loads

    def limit(self, i: int) -> int:
        own = self.own_capacity[i]
        return self.cap if own is None else min(self.cap, own)

    def key(self, i: int) -> int:
        """:func:`rank_key` packed into one int: least loaded first, ties in the seeded
        pseudo-random order of :func:`tiebreak`, then by id."""
        load = self.load[i]
        p = TIEBREAK_MODULUS
        a, b, c, d, e, f = self.coefficients
        shifts = self.level_shifts.get(load)
        if shifts is None:
            shifts = self.level_shifts[load] = ((c + e * load) % p, (d + f * load) % p)
        r = self.residue[i]
        shuffle = (a * r + shifts[0]) % p * ((b * r + shifts[1]) % p) % p
        return ((load - self.load_floor) << _LOAD_SHIFT) | (shuffle << _INDEX_BITS) | i

    def give(self, j: int, i: int) -> None:
        self.chosen[j].append(i)
        self.held[i].append(j)
        self.need[j] -= 1
        self.load[i] += 1

    # Reviewers with room

    def push_room(self, i: int) -> None:
        key = self.key(i)
        heap = self.room_heaps[self.group[i]]
        heapq.heappush(heap, key)
        if heap[0] == key:
            heapq.heappush(self.top, key)

    def take(self, j: int, count: int) -> list[int]:
        """Remove and return the ``count`` best reviewers with room that ``j`` may have.

        Heads of groups ``j`` blocks, and reviewers it excludes by name or already has,
        are set aside and put back, so the structure is unchanged but for those taken.
        """
        top, heaps, group = self.top, self.room_heaps, self.group
        blocked = self.blocked_groups(j)
        excluded, mine = self.excluded[j], self.chosen[j]
        blocked_heads: list[int] = []
        passed: list[int] = []
        found: list[int] = []
        while top and len(found) < count:
            key = heapq.heappop(top)
            i = key & _INDEX_MASK
            g = group[i]
            heap = heaps[g]
            if not heap or heap[0] != key:
                continue  # stale: the group's best has changed since
            if g in blocked:
                blocked_heads.append(key)
                continue
            heapq.heappop(heap)
            if heap:
                heapq.heappush(top, heap[0])
            if i in excluded or i in mine:
                passed.append(i)
            else:
                found.append(i)
        for key in blocked_heads:
            heapq.heappush(top, key)
        for i in passed:
            self.push_room(i)
        return found

    def serve(self, requests: list[int], cap: int) -> list[int]:
        """Greedy, then repair, under ``cap``; returns the requests still short, in order."""
        self.cap = cap
        heaps: list[list[int]] = [[] for _ in self.group_orgs]
        for i in self.pool:
            if self.load[i] < self.limit(i):
                heaps[self.group[i]].append(self.key(i))
        for heap in heaps:
            heapq.heapify(heap)
        self.room_heaps = heaps
        self.top = [heap[0] for heap in heaps if heap]
        heapq.heapify(self.top)
        self.fill(requests)
        short = [j for j in requests if self.need[j]]
        if short:
            self.repair(short)
        return [j for j in short if self.need[j]]

    def fill(self, requests: list[int]) -> None:
        """Greedy step: each request takes the least-loaded reviewers it may have."""
        for j in requests:
            if not self.need[j]:
                continue
            found = self.take(j, self.need[j])
            for i in found:
                self.give(j, i)
            for i in found:
                if self.load[i] < self.limit(i):
                    self.push_room(i)

    # Repair

    def push_movable(self, i: int) -> None:
        g = self.group[i]
        heapq.heappush(self.movable_heaps[g], i)
        self.movable_groups[g] = None

    def repair(self, short: list[int]) -> None:
        """Repair step: :meth:`augment` each short request until it is full or stuck.

        A search that fails leaves everything it reached dead: nothing there leads to a
        reviewer with room, and that stays true until some search succeeds and moves
        reviewers (Kuhn's matching trick). So a run of impossible requests costs one
        exploration, not one each. Dead reviewers stay out of the movable heaps until
        then.
        """
        heaps: list[list[int]] = [[] for _ in self.group_orgs]
        for i in self.pool:  # ascending, so each list is already a heap
            if self.held[i] and self.load[i] >= self.limit(i):
                heaps[self.group[i]].append(i)
        self.movable_heaps = heaps
        self.movable_groups = {g: None for g, heap in enumerate(heaps) if heap}
        dead_requests: set[int] = set()
        dead_reviewers: list[int] = []
        for root in short:
            while self.need[root] and root not in dead_requests:
                if not self.augment(root, dead_requests, dead_reviewers):
                    break
                dead_requests.clear()
                for i in dead_reviewers:
                    self.push_movable(i)
                dead_reviewers.clear()

    def augment(self, root: int, dead_requests: set[int], dead_reviewers: list[int]) -> bool:
        """Find one more reviewer for ``root`` through a chain of swaps.

        Breadth-first over requests: ``root`` may take reviewer ``s1`` who is on request
        ``q1``; ``q1`` may take ``s2`` who is on ``q2``; … ; the last request may take a
        reviewer with room. Shifting everyone one step along the chain gives ``root`` a
        reviewer and raises only the load of the reviewer with room, so the cap holds.
        Only reviewers chosen in this call move; existing assignments never do.

        Each request is asked whether it can take someone with room as soon as it is
        reached, in breadth-first order, and the search stops at the first that can
        (the same chain a level-by-level search would find). On failure everything it
        reached is left in the dead sets.
        """
        came_by: dict[int, int | None] = {root: None}  # request -> reviewer it gives up
        taker: dict[int, int] = {}  # reviewer -> request that would take them
        dead_requests.add(root)
        if found := self.take(root, 1):
            self.shift(root, found[0], came_by, taker)
            return True
        reached: list[int] = []  # reviewers taken out of the movable heaps
        queue = deque([root])
        held = self.held
        while queue:
            q = queue.popleft()
            movable = self.movable_takers(q, reached)
            for s in movable:
                taker[s] = q
                for other in held[s]:
                    if other in dead_requests:
                        continue
                    dead_requests.add(other)
                    came_by[other] = s
                    if found := self.take(other, 1):
                        movable.close()
                        self.shift(other, found[0], came_by, taker)
                        for i in reached:
                            self.push_movable(i)
                        return True
                    queue.append(other)
        dead_reviewers += reached
        return False

    def movable_takers(self, q: int, reached: list[int]) -> Generator[int, None, None]:
        """The movable reviewers ``q`` may take, in id order, each taken out of the
        movable heaps (and logged in ``reached``) as it is yielded.

        Merges the heads of the groups ``q`` does not block; reviewers it excludes by
        name or already has are passed over and put back when the generator ends.
        """
        heaps, group = self.movable_heaps, self.group
        blocked = self.blocked_groups(q)
        excluded, held = self.excluded[q], self.held
        heads = []
        for g in list(self.movable_groups):
            heap = heaps[g]
            if not heap:
                del self.movable_groups[g]
            elif g not in blocked:
                heads.append((heap[0], g))
        heapq.heapify(heads)
        passed: list[int] = []
        try:
            while heads:
                s, g = heads[0]
                heap = heaps[g]
                heapq.heappop(heap)
                if heap:
                    heapq.heapreplace(heads, (heap[0], g))
                else:
                    heapq.heappop(heads)
                if s in excluded or q in held[s]:
                    passed.append(s)
                else:
                    reached.append(s)
                    yield s
        finally:
            for s in passed:
                heapq.heappush(heaps[group[s]], s)

    def shift(
        self, end: int, incoming: int, came_by: dict[int, int | None], taker: dict[int, int]
    ) -> None:
        """Move every reviewer on the chain one step: ``incoming`` (who had room) joins
        ``end``, whose reviewer joins the request before, and so on to the root."""
        with_room = incoming
        self.load[with_room] += 1
        q = end
        while (leaving := came_by[q]) is not None:
            chosen = self.chosen[q]
            chosen[chosen.index(leaving)] = incoming  # keep the position of the swap
            self.held[leaving].remove(q)
            self.held[incoming].append(q)
            incoming, q = leaving, taker[leaving]
        self.chosen[q].append(incoming)
        self.held[incoming].append(q)
        self.need[q] -= 1
        if self.load[with_room] < self.limit(with_room):
            self.push_room(with_room)
        else:
            self.push_movable(with_room)

    # Stretch

    def level_needed(self, j: int) -> int:
        """The cap request ``j`` would need on its own: one above the ``k``-th lowest
        load, before this batch, among the reviewers it may have (all of them if fewer).

        Counted from per-group histograms of those loads: the pool's, less the groups
        ``j`` blocks, less the reviewers it excludes by name.
        """
        if self.load_histograms is None:
            self.load_histograms = [Counter() for _ in self.group_orgs]
            for i in self.pool:
                self.load_histograms[self.group[i]][self.start_load[i]] += 1
            self.pool_histogram = Counter(self.start_load[i] for i in self.pool)
        blocked = self.blocked_groups(j)
        eligible = self.pool_histogram.copy()
        for g in blocked:
            eligible.subtract(self.load_histograms[g])
        for i in self.excluded[j]:
            if self.in_pool[i] and self.group[i] not in blocked:
                eligible[self.start_load[i]] -= 1
        wanted = len(self.chosen[j]) + self.need[j]
        level = None
        for load in sorted(eligible):
            count = eligible[load]
            if count <= 0:
                continue
            level = load
            wanted -= count
            if wanted <= 0:
                break
        return 0 if level is None else level + 1
