"""Candidate search: LSH hits, scored by their signatures, best first.

Used by the report service (signatures from the database) and by the benchmark
(signatures in memory), so both measure the same code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from registry.originality.index import Hit, LSHIndex


@dataclass(frozen=True, slots=True)
class Candidate:
    key: int
    estimated: float  # best estimated Jaccard of a window pair
    query_window: int  # the checked text's window of that pair
    window: int  # the other text's window of that pair
    coverage: float  # share of the checked text's windows with a match >= min_score


def rank_candidates(
    index: LSHIndex,
    signatures: np.ndarray,
    signatures_of: Callable[[Iterable[int]], dict[int, np.ndarray]],
    *,
    min_score: float,
) -> tuple[list[Candidate], int]:
    """Candidates whose best window pair is estimated at `min_score` or more, best first.

    `signatures_of(keys)` returns the signatures of the keys that may be reported (the
    caller leaves out its own works there). Returns the candidates and how many keys the
    index proposed.
    """
    by_key: dict[int, list[Hit]] = defaultdict(list)
    for hit in index.query(signatures):
        by_key[hit.key].append(hit)
    if not by_key:
        return [], 0
    known = signatures_of(list(by_key))
    found: list[Candidate] = []
    for key, hits in by_key.items():
        theirs = known.get(key)
        if theirs is None:
            continue
        qs = np.fromiter((hit.query_window for hit in hits), dtype=np.int64, count=len(hits))
        ws = np.fromiter((hit.window for hit in hits), dtype=np.int64, count=len(hits))
        valid = ws < len(theirs)
        qs, ws = qs[valid], ws[valid]
        if len(qs) == 0:
            continue
        scores = np.mean(signatures[qs] == theirs[ws], axis=1)
        best = int(np.argmax(scores))
        if scores[best] < min_score:
            continue
        covered = len(np.unique(qs[scores >= min_score]))
        found.append(
            Candidate(
                key=key,
                estimated=float(scores[best]),
                query_window=int(qs[best]),
                window=int(ws[best]),
                coverage=covered / max(1, len(signatures)),
            )
        )
    found.sort(key=lambda candidate: (-candidate.estimated, -candidate.coverage, candidate.key))
    return found, len(by_key)
