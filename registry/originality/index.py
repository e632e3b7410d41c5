"""The LSH index over window signatures, with two backends.

A window's signature (NUM_PERM values) is cut into BANDS bands of ROWS values; two windows
land in the same bucket of some band with probability 1 - (1 - J**ROWS)**BANDS, where J is
their Jaccard similarity. With 32 bands of 4 rows a window pair at J = 0.5 collides with
probability 0.87, at 0.3 with 0.23 and at 0.1 with 0.003; a copied passage spans several
windows, so a series-level match is found far more often than one window pair (see
docs/originality.md for measured recall).

Backends (chosen by `ORIGINALITY_LSH_REDIS_URL`, see `registry.services.originality`):

- `MemoryIndex`, the embedded default: per band, a sorted array of 32-bit bucket hashes
  and the windows in them (numpy), so a lookup is a binary search and 100,000 series fit
  in a few hundred MB. We measured datasketch's own `MinHashLSH` first: its in-memory
  storage is a Python dict of sets per band, 1.2 GB and 13 s for 100,000 keys of 32 bands,
  and the window index holds several keys per series; its MinHash permutations are used
  here, its storage is not.
- `RedisIndex`, for production: one Redis set per bucket (`<prefix>:<band>:<hash>`,
  members `<key>:<window>`), shared by every process and surviving restarts; the
  signatures themselves live in the database, so either index can be rebuilt from them
  (`manage.py originality_reindex`).

Keys are integers (the fingerprinted revision's id).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from registry.originality.shingling import NUM_PERM

BANDS = 32
ROWS = 4
assert BANDS * ROWS == NUM_PERM

_BAND_MULTIPLIERS = (
    np.random.default_rng(20240601).integers(1, 2**63, size=(BANDS, ROWS), dtype=np.uint64) | 1
)


def band_hashes(signatures: np.ndarray) -> np.ndarray:
    """(windows, BANDS) uint32 bucket hashes of each window's bands."""
    if len(signatures) == 0:
        return np.zeros((0, BANDS), dtype=np.uint32)
    rows = signatures.reshape(len(signatures), BANDS, ROWS).astype(np.uint64)
    mixed = (rows * _BAND_MULTIPLIERS[None, :, :]).sum(axis=2, dtype=np.uint64)
    mixed ^= mixed >> np.uint64(29)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    mixed ^= mixed >> np.uint64(32)
    return (mixed & np.uint64(0xFFFFFFFF)).astype(np.uint32)


@dataclass(frozen=True, slots=True)
class Hit:
    """A window of the query shares a bucket with window `window` of indexed text `key`."""

    query_window: int
    key: int
    window: int


class LSHIndex(Protocol):
    def add(self, key: int, signatures: np.ndarray) -> None: ...
    def add_many(self, items: Iterable[tuple[int, np.ndarray]]) -> None: ...
    def remove(self, key: int, signatures: np.ndarray) -> None: ...
    def query(self, signatures: np.ndarray) -> list[Hit]: ...
    def size(self) -> int: ...
    def clear(self) -> None: ...


class MemoryIndex:
    """In-process LSH (see the module docstring). Thread-safe; additions since the last
    sort wait in a small side table that is searched linearly, then merged in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self._sorted = np.zeros((BANDS, 0), dtype=np.uint32)  # bucket hashes, per band
        self._windows = np.zeros((BANDS, 0), dtype=np.int32)  # window ids, same order
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []  # (hashes (w, BANDS), ids)
        self._pending_count = 0
        self._owner = np.zeros(0, dtype=np.int64)  # window id -> key
        self._window_no = np.zeros(0, dtype=np.int32)  # window id -> window of its text
        self._owners: list[np.ndarray] = []
        self._numbers: list[np.ndarray] = []
        self._keys: set[int] = set()
        self._removed: set[int] = set()
        self._next_id = 0

    def size(self) -> int:
        return len(self._keys)

    def add(self, key: int, signatures: np.ndarray) -> None:
        self.add_many([(key, signatures)])

    def add_many(self, items: Iterable[tuple[int, np.ndarray]]) -> None:
        with self._lock:
            for key, signatures in items:
                count = len(signatures)
                if count == 0 or key in self._keys:
                    continue
                ids = np.arange(self._next_id, self._next_id + count, dtype=np.int32)
                self._next_id += count
                self._owners.append(np.full(count, key, dtype=np.int64))
                self._numbers.append(np.arange(count, dtype=np.int32))
                self._pending.append((band_hashes(signatures), ids))
                self._pending_count += count
                self._keys.add(key)
                self._removed.discard(key)
            if self._pending_count > max(10_000, self._sorted.shape[1] // 10):
                self._merge()

    def remove(self, key: int, signatures: np.ndarray | None = None) -> None:
        with self._lock:
            if key in self._keys:
                self._keys.discard(key)
                self._removed.add(key)

    def _flush_owners(self) -> None:
        if self._owners:
            self._owner = np.concatenate([self._owner, *self._owners])
            self._window_no = np.concatenate([self._window_no, *self._numbers])
            self._owners, self._numbers = [], []

    def _merge(self) -> None:
        self._flush_owners()
        if not self._pending:
            return
        hashes = np.concatenate([h for h, _ids in self._pending]).T  # (BANDS, new)
        ids = np.concatenate([i for _h, i in self._pending])
        all_hashes = np.concatenate([self._sorted, hashes], axis=1)
        all_ids = np.concatenate([self._windows, np.broadcast_to(ids, hashes.shape)], axis=1)
        order = np.argsort(all_hashes, axis=1, kind="stable")
        self._sorted = np.take_along_axis(all_hashes, order, axis=1)
        self._windows = np.take_along_axis(all_ids, order, axis=1)
        self._pending, self._pending_count = [], 0

    def commit(self) -> None:
        """Sort everything added so far (a bulk build calls this once at the end)."""
        with self._lock:
            self._merge()

    def query(self, signatures: np.ndarray) -> list[Hit]:
        if len(signatures) == 0:
            return []
        wanted = band_hashes(signatures)  # (qw, BANDS)
        query_windows: list[np.ndarray] = []
        window_ids: list[np.ndarray] = []
        with self._lock:
            self._flush_owners()
            for band in range(BANDS):
                column = self._sorted[band]
                if len(column):
                    left = np.searchsorted(column, wanted[:, band], side="left")
                    right = np.searchsorted(column, wanted[:, band], side="right")
                    found = np.nonzero(right > left)[0]
                    for q in found:  # buckets are small: most hold one window or none
                        ids = self._windows[band, left[q] : right[q]]
                        window_ids.append(ids)
                        query_windows.append(np.full(len(ids), q, dtype=np.int32))
                for hashes, ids in self._pending:
                    matches = np.nonzero(hashes[:, band][None, :] == wanted[:, band][:, None])
                    if len(matches[0]):
                        query_windows.append(matches[0].astype(np.int32))
                        window_ids.append(ids[matches[1]])
            if not window_ids:
                return []
            qs = np.concatenate(query_windows)
            ws = np.concatenate(window_ids)
            pairs = np.unique(np.stack([qs.astype(np.int64), ws.astype(np.int64)]), axis=1)
            owners = self._owner[pairs[1]]
            numbers = self._window_no[pairs[1]]
            removed = self._removed
        return [
            Hit(query_window=int(q), key=int(key), window=int(w))
            for q, key, w in zip(pairs[0], owners, numbers, strict=True)
            if int(key) not in removed
        ]

    def memory_bytes(self) -> int:
        """Bytes held by the arrays (the benchmark reports this)."""
        self._flush_owners()
        pending = sum(h.nbytes + i.nbytes for h, i in self._pending)
        return int(
            self._sorted.nbytes
            + self._windows.nbytes
            + self._owner.nbytes
            + self._window_no.nbytes
            + pending
        )


class RedisIndex:
    """LSH buckets as Redis sets under `prefix` (see the module docstring)."""

    def __init__(self, url: str, prefix: str = "originality:lsh") -> None:
        import redis

        self._redis: Any = redis.Redis.from_url(url)
        self._prefix = prefix

    def _bucket(self, band: int, value: int) -> str:
        return f"{self._prefix}:{band}:{value:08x}"

    def _write(self, key: int, signatures: np.ndarray, *, add: bool) -> None:
        hashes = band_hashes(signatures)
        pipe = self._redis.pipeline(transaction=False)
        for window, row in enumerate(hashes):
            member = f"{key}:{window}"
            for band, value in enumerate(row):
                bucket = self._bucket(band, int(value))
                (pipe.sadd if add else pipe.srem)(bucket, member)
        (pipe.sadd if add else pipe.srem)(f"{self._prefix}:keys", key)
        pipe.execute()

    def add(self, key: int, signatures: np.ndarray) -> None:
        if len(signatures):
            self._write(key, signatures, add=True)

    def add_many(self, items: Iterable[tuple[int, np.ndarray]]) -> None:
        for key, signatures in items:
            self.add(key, signatures)

    def remove(self, key: int, signatures: np.ndarray) -> None:
        self._write(key, signatures, add=False)

    def query(self, signatures: np.ndarray) -> list[Hit]:
        hashes = band_hashes(signatures)
        asked: dict[str, list[int]] = defaultdict(list)
        for q, row in enumerate(hashes):
            for band, value in enumerate(row):
                asked[self._bucket(band, int(value))].append(q)
        pipe = self._redis.pipeline(transaction=False)
        buckets = list(asked)
        for bucket in buckets:
            pipe.smembers(bucket)
        hits: set[Hit] = set()
        for bucket, members in zip(buckets, pipe.execute(), strict=True):
            for member in members:
                key, _sep, window = member.decode().partition(":")
                for q in asked[bucket]:
                    hits.add(Hit(query_window=q, key=int(key), window=int(window)))
        return sorted(hits, key=lambda hit: (hit.key, hit.query_window, hit.window))

    def size(self) -> int:
        return int(self._redis.scard(f"{self._prefix}:keys"))

    def clear(self) -> None:
        batch: list[bytes] = []
        for name in self._redis.scan_iter(match=f"{self._prefix}:*", count=1000):
            batch.append(name)
            if len(batch) >= 1000:
                self._redis.delete(*batch)
                batch = []
        if batch:
            self._redis.delete(*batch)
