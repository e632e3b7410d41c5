"""The working state of one :func:`reviews.assignment.assign` call: organisation groups,
the heaps of reviewers with room and of movable ones, greedy, repair and stretch."""

from __future__ import annotations

import heapq
import math
from collections import Counter, deque
from collections.abc import Generator, Sequence
from itertools import chain

from .records import Request, Reviewer
from .tiebreak import TIEBREAK_MODULUS, tiebreak_coefficients

# A reviewer's place in the queue, (load, tiebreak, index), packed into one int so heap
# entries are plain ints: the index in the low bits, the 31-bit tiebreak above it, the
# load (less the lowest load, so it is never negative) on top.
_INDEX_BITS = 32
_INDEX_MASK = (1 << _INDEX_BITS) - 1
_LOAD_SHIFT = 31 + _INDEX_BITS

_NO_GROUPS: frozenset[int] = frozenset()


class BatchState:
    """The working state of one :func:`reviews.assignment.assign` call.

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
