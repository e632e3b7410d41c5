"""Assignment benchmark: time ``reviews.assignment.assign`` on two generated cohorts.

Not a test. Both cohorts are generated from a fixed seed, so every run sees the same input:

* **peer cohort**: 1,000 submissions, k = 3, reviewed by the 1,000 submitters themselves.
  About 20 organisations; a third of the submissions have one or two co-writers (also
  submitters, so excluded from their own series); about 5 % of submitters declare a
  conflict with another writer; half the requests are blind. Everyone starts at load 0,
  so the fair share is exactly 3 and every place must fit: the tight case.
* **platform**: 1,000 requests, k = 3, among 3,000 reviewers with open loads of 0–4,
  a fifth of them with a personal capacity, same organisations, conflicts and blindness.
* **big organisation** (stress): the peer cohort's shape, but 40 % of the submitters
  belong to one organisation and every request is blind, so that organisation's
  requests compete for the other 60 % and its idle members crowd the top of the heap.

Each run is checked (every rule, the cap, no duplicates) before it is timed. Writes
bench/results/assignment.json and prints it. Run with plain Python, no Django needed:
    python3 bench/bench_assignment.py [--runs 7]
"""

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviews.assignment import Request, Reviewer, assign, is_eligible  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "assignment.json"
SEED = 0
ORGANISATIONS = 20
K = 3


def _organisations(rng: random.Random) -> frozenset[int]:
    roll = rng.random()
    if roll < 0.15:
        return frozenset()  # independent writers
    if roll < 0.9:
        return frozenset({rng.randrange(ORGANISATIONS)})
    return frozenset(rng.sample(range(ORGANISATIONS), 2))


def peer_cohort(size: int = 1000) -> tuple[list[Request], list[Reviewer]]:
    rng = random.Random(SEED)
    ids = list(range(1, size + 1))
    orgs = {i: _organisations(rng) for i in ids}
    conflicts = {
        i: frozenset(rng.sample(ids, rng.randint(1, 2))) - {i}
        if rng.random() < 0.05
        else frozenset()
        for i in ids
    }
    requests = []
    for writer in ids:
        cowriters = (
            set(rng.sample(ids, rng.randint(1, 2))) - {writer} if rng.random() < 0.33 else set()
        )
        requests.append(
            Request(
                id=writer,
                writer_id=writer,
                excluded_ids=frozenset(cowriters | {writer}),
                organisation_ids=orgs[writer],
                blind=writer % 2 == 0,
                k=K,
            )
        )
    reviewers = [
        Reviewer(id=i, organisation_ids=orgs[i], current_load=0, conflicts=conflicts[i])
        for i in ids
    ]
    return requests, reviewers


def big_organisation_cohort(size: int = 1000) -> tuple[list[Request], list[Reviewer]]:
    rng = random.Random(SEED + 2)
    ids = list(range(1, size + 1))
    orgs = {
        i: frozenset({0}) if rng.random() < 0.4 else frozenset({rng.randrange(1, ORGANISATIONS)})
        for i in ids
    }
    requests = [
        Request(
            id=i,
            writer_id=i,
            excluded_ids=frozenset({i}),
            organisation_ids=orgs[i],
            blind=True,
            k=K,
        )
        for i in ids
    ]
    reviewers = [
        Reviewer(id=i, organisation_ids=orgs[i], current_load=0, conflicts=frozenset()) for i in ids
    ]
    return requests, reviewers


def platform_cohort(
    requests_count: int = 1000, reviewers_count: int = 3000
) -> tuple[list[Request], list[Reviewer]]:
    rng = random.Random(SEED + 1)
    ids = list(range(1, reviewers_count + 1))
    orgs = {i: _organisations(rng) for i in ids}
    reviewers = [
        Reviewer(
            id=i,
            organisation_ids=orgs[i],
            current_load=rng.randint(0, 4),
            conflicts=frozenset(rng.sample(ids, rng.randint(1, 3))) - {i}
            if rng.random() < 0.05
            else frozenset(),
            capacity=rng.randint(3, 8) if rng.random() < 0.2 else None,
        )
        for i in ids
    ]
    requests = []
    for n, writer in enumerate(rng.sample(ids, requests_count), start=1):
        cowriters = (
            set(rng.sample(ids, rng.randint(1, 2))) - {writer} if rng.random() < 0.33 else set()
        )
        requests.append(
            Request(
                id=10_000 + n,
                writer_id=writer,
                excluded_ids=frozenset(cowriters | {writer}),
                organisation_ids=orgs[writer],
                blind=n % 2 == 0,
                k=K,
            )
        )
    return requests, reviewers


def check(requests: list[Request], reviewers: list[Reviewer], result) -> dict:
    """Fail loudly if the result breaks a rule; return load statistics."""
    by_id = {r.id: r for r in reviewers}
    added: Counter[int] = Counter()
    for request in requests:
        chosen = result.assignments[request.id]
        assert len(chosen) == len(set(chosen)), f"duplicate reviewer on request {request.id}"
        assert len(chosen) + result.shortfall.get(request.id, 0) == request.k
        for reviewer_id in chosen:
            assert is_eligible(request, by_id[reviewer_id]), (request.id, reviewer_id)
            added[reviewer_id] += 1
    totals = [r.current_load + added[r.id] for r in reviewers]
    for reviewer in reviewers:
        total = reviewer.current_load + added[reviewer.id]
        if added[reviewer.id]:
            assert total <= result.max_load, (reviewer.id, total, result.max_load)
            assert reviewer.capacity is None or total <= reviewer.capacity
    return {
        "requests": len(requests),
        "reviewers": len(reviewers),
        "places_needed": sum(r.k for r in requests),
        "fair_share": result.fair_share,
        "max_load": result.max_load,
        "highest_total_load": max(totals),
        "reviewers_above_fair_share": sum(
            1 for r in reviewers if added[r.id] and r.current_load + added[r.id] > result.fair_share
        ),
        "new_reviews_per_reviewer": dict(sorted(Counter(added[r.id] for r in reviewers).items())),
        "shortfall_requests": len(result.shortfall),
        "shortfall_places": sum(result.shortfall.values()),
    }


def timed_ms(work, runs: int) -> dict:
    """Median and spread of ``runs`` timings after one warm-up call."""
    work()
    samples = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 2),
        "min_ms": round(min(samples), 2),
        "max_ms": round(max(samples), 2),
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--runs", type=int, default=7)
    args = options.parse_args(argv)

    results: dict = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "seed": SEED,
    }
    for name, (requests, reviewers) in (
        ("peer_cohort", peer_cohort()),
        ("platform", platform_cohort()),
        ("big_organisation", big_organisation_cohort()),
    ):
        result = assign(requests, reviewers, seed=SEED)
        assert assign(requests, reviewers, seed=SEED) == result, "not deterministic"
        results[name] = {
            "input": {"blind_requests": sum(r.blind for r in requests), "k": K},
            "outcome": check(requests, reviewers, result),
            "assign": timed_ms(lambda r=requests, v=reviewers: assign(r, v, seed=SEED), args.runs),
        }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
