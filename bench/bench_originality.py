"""Originality benchmark: quality (recall and precision against brute-force exact Jaccard)
and speed of the candidate search at 100,000 indexed series.

Not a test. Everything is generated from fixed seeds (registry.originality.synthetic):
Chinese short-drama text whose characters follow a Zipf-like frequency.

1. **Quality**, through the whole pipeline (parser, boilerplate removal, shingles, window
   MinHash, the in-process LSH, candidate scoring): QUALITY_SERIES scripts of 10 episodes;
   into PLANTED of them a passage of 5-30 % of another script's story lines is pasted with
   light edits (punctuation changed, a name replaced, two lines swapped). The truth is the
   exact similarity of every pair of scripts, brute force: the best Jaccard of any pair of
   windows (windows of 200 shingles, half overlapping), all window pairs at once as a
   sparse product (scipy). Each script is checked against the index; a pair is *reported*
   when the check returns it (estimated >= MIN_SIMILARITY, as the service does).
2. **Speed**, at 100,000 indexed series (CORPUS_SERIES): the indexed series are generated
   as token arrays of 800-1,600 CJK characters each (story text after boilerplate
   removal, about two short episodes; the parser is skipped so the corpus builds in
   seconds), their window signatures computed with the same code, and PLANTED_CORPUS of
   them carry a passage copied from the checked series (5-30 % of their own length, with
   about 2 % of characters changed). The checked series is a generated 100-episode script
   fingerprinted through the whole pipeline. Timed: the candidate search (LSH lookups of
   all its windows and scoring of every candidate from its signatures), and, in the same
   run, brute force: the exact Jaccard of every window of the checked series against every
   window of every indexed series (sparse products of window x shingle incidence
   matrices, a thousand series at a time: exact, vectorised, no index). Recall at similarity >= 0.3 and
   >= 0.5 is measured against that brute force.

Run: ``python bench/bench_originality.py`` (about two to three minutes on two cores);
writes bench/results/originality.json.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from registry.originality import synthetic  # noqa: E402
from registry.originality.index import BANDS, ROWS, MemoryIndex  # noqa: E402
from registry.originality.search import rank_candidates  # noqa: E402
from registry.originality.shingling import (  # noqa: E402
    CJK_K,
    NUM_PERM,
    STRIDE,
    WINDOW,
    fingerprint_text,
    shingle_hashes,
    window_count,
    window_signatures,
)
from registry.services.originality import MIN_SIMILARITY  # noqa: E402

QUALITY_SERIES = int(os.environ.get("BENCH_QUALITY", 600))
PLANTED = 150
CORPUS_SERIES = int(os.environ.get("BENCH_CORPUS", 100_000))
PLANTED_CORPUS = 300
THRESHOLDS = (0.3, 0.5)
QUERY_RUNS = 5


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def windows_of(hashes: np.ndarray) -> list[np.ndarray]:
    return [
        np.unique(hashes[w * STRIDE : w * STRIDE + WINDOW])
        for w in range(window_count(len(hashes)))
    ]


def exact_pair_similarity(all_windows: list[list[np.ndarray]]) -> dict[tuple[int, int], float]:
    """Brute force: the best exact window Jaccard of every pair of series, via one sparse
    product of the window x shingle incidence matrix with itself."""
    owner, rows, cols, sizes = [], [], [], []
    vocabulary: dict[int, int] = {}
    row = 0
    for series, windows in enumerate(all_windows):
        for window in windows:
            ids = [vocabulary.setdefault(int(h), len(vocabulary)) for h in window]
            rows.extend([row] * len(ids))
            cols.extend(ids)
            sizes.append(len(ids))
            owner.append(series)
            row += 1
    matrix = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(row, len(vocabulary))
    )
    product = (matrix @ matrix.T).tocoo()
    owners, size = np.asarray(owner), np.asarray(sizes)
    a, b, inter = product.row, product.col, product.data
    keep = owners[a] < owners[b]
    a, b, inter = a[keep], b[keep], inter[keep]
    jaccard = inter / (size[a] + size[b] - inter)
    best: dict[tuple[int, int], float] = {}
    for x, y, j in zip(owners[a].tolist(), owners[b].tolist(), jaccard.tolist(), strict=True):
        if j > best.get((x, y), 0.0):
            best[(x, y)] = j
    return best


def recall_precision(
    truth: dict[tuple[int, int], float], reported: dict[tuple[int, int], float]
) -> dict[str, dict[str, float | int | None]]:
    out = {}
    for t in THRESHOLDS:
        relevant = {pair for pair, j in truth.items() if j >= t}
        found = relevant & set(reported)
        claimed = {pair for pair, est in reported.items() if est >= t}
        right = {pair for pair in claimed if truth.get(pair, 0.0) >= t}
        near = {pair for pair in claimed if truth.get(pair, 0.0) >= t - 0.1}
        out[f">={t}"] = {
            "true_pairs": len(relevant),
            "recall": round(len(found) / len(relevant), 4) if relevant else None,
            "reported_at_or_above": len(claimed),
            "precision": round(len(right) / len(claimed), 4) if claimed else None,
            "precision_within_0.1": round(len(near) / len(claimed), 4) if claimed else None,
        }
    return out


def quality() -> dict:
    rng = random.Random(2025)
    texts = [synthetic.make_script(rng, episodes=10) for _ in range(QUALITY_SERIES)]
    planted = []
    for _ in range(PLANTED):
        source, target = rng.sample(range(QUALITY_SERIES), 2)
        fraction = rng.uniform(0.05, 0.30)
        texts[target], _count = synthetic.plant(texts[source], texts[target], fraction, rng)
        planted.append((min(source, target), max(source, target)))
    started = time.perf_counter()
    made = [fingerprint_text(text, "zh") for text in texts]
    fingerprint_seconds = time.perf_counter() - started
    hashes = [shingle_hashes(m.tokens.ids, CJK_K) for m in made]
    started = time.perf_counter()
    truth = exact_pair_similarity([windows_of(h) for h in hashes])
    brute_seconds = time.perf_counter() - started
    index = MemoryIndex()
    index.add_many((key, m.signatures) for key, m in enumerate(made))
    index.commit()
    signatures = {key: m.signatures for key, m in enumerate(made)}
    reported: dict[tuple[int, int], float] = {}
    started = time.perf_counter()
    for key, m in enumerate(made):
        found, _proposed = rank_candidates(
            index,
            m.signatures,
            lambda keys, me=key: {k: signatures[k] for k in keys if k != me},
            min_score=MIN_SIMILARITY,
        )
        for candidate in found:
            pair = (min(key, candidate.key), max(key, candidate.key))
            reported[pair] = max(reported.get(pair, 0.0), candidate.estimated)
    search_seconds = time.perf_counter() - started
    planted_pairs = set(planted)
    return {
        "series": QUALITY_SERIES,
        "episodes_each": 10,
        "characters_mean": round(statistics.mean(len(t) for t in texts)),
        "planted_copies": PLANTED,
        "planted_fraction": "5-30 % of the source's story lines, light edits",
        "planted_found": round(len(planted_pairs & set(reported)) / len(planted_pairs), 4),
        "planted_exact_similarity_median": round(
            statistics.median(truth.get(pair, 0.0) for pair in planted_pairs), 3
        ),
        "pairs_with_any_shared_window_shingle": len(truth),
        "against_brute_force_exact_jaccard": recall_precision(truth, reported),
        "seconds": {
            "fingerprint_all_through_parser": round(fingerprint_seconds, 2),
            "brute_force_all_pairs": round(brute_seconds, 2),
            "check_every_series_against_the_index": round(search_seconds, 2),
        },
    }


def brute_force(query_windows: list[np.ndarray], corpus: list[np.ndarray]) -> dict[int, float]:
    """The exact best window Jaccard of every indexed series with the query (> 0 only)."""
    vocabulary = np.unique(np.concatenate(query_windows))
    q_rows = np.concatenate([np.full(len(w), i) for i, w in enumerate(query_windows)])
    q_cols = np.searchsorted(vocabulary, np.concatenate(query_windows))
    q_matrix = sparse.csr_matrix(
        (np.ones(len(q_rows), dtype=np.int32), (q_rows, q_cols)),
        shape=(len(query_windows), len(vocabulary)),
    )
    q_sizes = np.array([len(w) for w in query_windows])
    truth: dict[int, float] = {}
    batch = 1000
    for first in range(0, len(corpus), batch):
        owners, sizes, rows, cols = [], [], [], []
        row = 0
        for key in range(first, min(first + batch, len(corpus))):
            for window in windows_of(corpus[key]):
                at = np.searchsorted(vocabulary, window).clip(max=len(vocabulary) - 1)
                present = vocabulary[at] == window
                rows.append(np.full(int(present.sum()), row))
                cols.append(at[present])
                sizes.append(len(window))
                owners.append(key)
                row += 1
        matrix = sparse.csr_matrix(
            (
                np.ones(sum(len(r) for r in rows), dtype=np.int32),
                (np.concatenate(rows), np.concatenate(cols)),
            ),
            shape=(row, len(vocabulary)),
        )
        product = (matrix @ q_matrix.T).tocoo()
        if product.nnz == 0:
            continue
        owner, size = np.asarray(owners), np.asarray(sizes)
        inter = product.data
        jaccard = inter / (size[product.row] + q_sizes[product.col] - inter)
        for key, j in zip(owner[product.row].tolist(), jaccard.tolist(), strict=True):
            if j > truth.get(key, 0.0):
                truth[key] = j
    return truth


def perturb(tokens: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    edited = tokens.copy()
    changed = rng.random(len(edited)) < 0.02
    edited[changed] = synthetic.token_ids(rng, int(changed.sum()))
    return edited


def speed() -> dict:
    rng = np.random.default_rng(7)
    query_text = synthetic.make_script(random.Random(99), episodes=100)
    started = time.perf_counter()
    query = fingerprint_text(query_text, "zh")
    query_fingerprint_seconds = time.perf_counter() - started
    query_hashes = shingle_hashes(query.tokens.ids, CJK_K)
    query_windows = windows_of(query_hashes)

    lengths = rng.integers(800, 1601, CORPUS_SERIES)
    planted = set(rng.choice(CORPUS_SERIES, PLANTED_CORPUS, replace=False).tolist())
    rss_before = rss_mb()
    started = time.perf_counter()
    corpus_hashes: list[np.ndarray] = []
    corpus_signatures: list[np.ndarray] = []
    for key, length in enumerate(lengths.tolist()):
        ids = synthetic.token_ids(rng, length)
        if key in planted:
            size = int(length * rng.uniform(0.05, 0.30))
            start = int(rng.integers(0, len(query.tokens.ids) - size))
            at = int(rng.integers(0, length - size))
            ids[at : at + size] = perturb(query.tokens.ids[start : start + size], rng)
        hashes = shingle_hashes(ids, CJK_K)
        corpus_hashes.append(hashes)
        corpus_signatures.append(window_signatures(hashes))
    signature_seconds = time.perf_counter() - started
    windows_total = sum(len(s) for s in corpus_signatures)

    gc.collect()
    rss_before_index = rss_mb()
    started = time.perf_counter()
    index = MemoryIndex()
    index.add_many(enumerate(corpus_signatures))
    index.commit()
    build_seconds = time.perf_counter() - started
    rss_after_index = rss_mb()

    def signatures_of(keys):
        return {key: corpus_signatures[key] for key in keys}

    timings = []
    for _ in range(QUERY_RUNS):
        started = time.perf_counter()
        found, proposed = rank_candidates(
            index, query.signatures, signatures_of, min_score=MIN_SIMILARITY
        )
        timings.append(time.perf_counter() - started)
    reported = {c.key: c.estimated for c in found}

    # Brute force, exact: every window of the query against every window of every series,
    # as sparse products of window x shingle incidence matrices, a thousand series at a time.
    started = time.perf_counter()
    truth = brute_force(query_windows, corpus_hashes)
    brute_seconds = time.perf_counter() - started

    search_median = statistics.median(timings)
    quality_at = {}
    for t in THRESHOLDS:
        relevant = {key for key, j in truth.items() if j >= t}
        claimed = {key for key, est in reported.items() if est >= t}
        quality_at[f">={t}"] = {
            "true_matches": len(relevant),
            "recall": round(len(relevant & set(reported)) / len(relevant), 4) if relevant else None,
            "precision": round(len({k for k in claimed if truth.get(k, 0) >= t}) / len(claimed), 4)
            if claimed
            else None,
        }
    return {
        "indexed_series": CORPUS_SERIES,
        "indexed_series_characters": "800-1,600 generated CJK characters of story text each",
        "indexed_windows": windows_total,
        "planted_copies": PLANTED_CORPUS,
        "planted_found": round(len(planted & set(reported)) / len(planted), 4),
        "query": {
            "episodes": 100,
            "characters": len(query_text),
            "tokens": len(query.tokens),
            "windows": len(query.signatures),
            "fingerprint_seconds_through_parser": round(query_fingerprint_seconds, 3),
        },
        "candidate_search_seconds": {
            "median": round(search_median, 4),
            "runs": [round(t, 4) for t in timings],
            "keys_proposed_by_lsh": proposed,
            "reported": len(reported),
        },
        "brute_force_exact_jaccard_seconds": round(brute_seconds, 2),
        "speedup_over_brute_force": round(brute_seconds / search_median, 1),
        "target": {
            "candidate_search_under_seconds": 0.5,
            "met": search_median < 0.5,
            "speedup_at_least": 100,
            "speedup_met": brute_seconds / search_median >= 100,
        },
        "recall_against_brute_force": quality_at,
        "index_build_seconds": round(build_seconds, 2),
        "index_build_seconds_per_1000_series": round(build_seconds / CORPUS_SERIES * 1000, 4),
        "signatures_seconds_per_1000_series": round(signature_seconds / CORPUS_SERIES * 1000, 3),
        "index_memory_mb_arrays": round(index.memory_bytes() / 2**20, 1),
        "index_memory_mb_peak_rss_growth": round(rss_after_index - rss_before_index, 1),
        "process_peak_rss_mb_before_corpus": round(rss_before, 1),
    }


def main() -> int:
    result = {
        "benchmark": "originality",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "parameters": {
            "shingle_characters": CJK_K,
            "window_shingles": WINDOW,
            "window_stride": STRIDE,
            "num_perm": NUM_PERM,
            "bands": BANDS,
            "rows": ROWS,
            "min_similarity_reported": MIN_SIMILARITY,
            "backend": "MemoryIndex (in-process)",
        },
    }
    started = time.perf_counter()
    result["quality"] = quality()
    result["speed"] = speed()
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    out = ROOT / "bench" / "results" / "originality.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
