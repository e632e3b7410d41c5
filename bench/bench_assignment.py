"""Assignment benchmark: time and measure ``reviews.assignment.assign`` on generated cohorts.

Not a test. Every cohort is generated from a fixed seed, so every run sees the same
input. Sizes 1,000, 10,000 and 100,000 submissions, k = 3, in four shapes:

* **many_organisations**: the submitters review each other; one organisation per ten
  submitters (100 / 1,000 / 10,000), 15 % independent, 10 % in two; a third of the
  submissions have one or two co-writers, about 5 % of submitters declare a conflict,
  half the requests are blind. Everyone starts at load 0, so the fair share is exactly 3
  and every place must fit: the tight case.
* **few_organisations**: the same with 20 organisations (the peer cohort of earlier
  versions of this benchmark; identical input at 1,000).
* **large_blind_organisation**: 40 % of the submitters belong to one organisation and
  every request is blind, so that organisation's requests compete for the other 60 %
  (the stress cohort of earlier versions).
* **platform**: requests from a third of 3 × size reviewers with open loads of 0–4, a
  fifth of them with a personal capacity, 20 organisations, half blind.

Each case runs in its own process, so one case's memory does not inflate the next. It
generates the cohort, runs ``assign`` once and checks the result against every rule
(never the writer, a co-writer, a conflict or, when blind, a colleague; no duplicates;
no load above ``max_load`` or a personal capacity; places + shortfall = k) in one pass,
checks that reversed input gives the same result, measures the peak memory (the
process's peak RSS, input included, and the allocations of one ``assign`` call under
tracemalloc), then times it: the median of ``--runs`` runs (fewer at 100,000).

``--baseline REF`` also loads ``reviews.assignment`` as it was at git ref ``REF`` and
times it against the current one interleaved (current, baseline, current, baseline …,
garbage collected before each), reporting both medians and their ratio, so machine
noise moves both alike. The baseline's result is checked against the rules too, and the
case records whether it has the same fair share, cap and shortfall (it should: both fill
as many places as a maximum flow allows) and the same assignments (not across a change
of tiebreak, such as df11937's, which picks other reviewers among equals). The baseline
is quadratic (MemoryError at 100,000 in the issue), so it runs only up to
``--baseline-max-size``.

Writes bench/results/assignment.json (with the figures the issue reported for the old
algorithm beside the new ones) and prints a table. Run with plain Python, no Django:
    python3 bench/bench_assignment.py [--baseline 55330d4] [--sizes 1000,10000,100000]
"""

import argparse
import gc
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from git_baseline import assignment_at  # noqa: E402

from reviews.assignment import AssignmentResult, Request, Reviewer, assign  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "assignment.json"
SEED = 0
K = 3
SIZES = (1_000, 10_000, 100_000)
# Timed runs per case by size: medians of several for the small sizes, fewer for 100k.
RUNS = {1_000: 9, 10_000: 5, 100_000: 3}
TARGETS = {
    10_000: {"median_s": 1.0},
    100_000: {"median_s": 30.0, "peak_rss_mb": 1024},
}
# What the issue measured for the algorithm this replaced (same cohorts at 20
# organisations and with one large organisation; 8 GB machine).
BEFORE_ISSUE = {
    "few_organisations": {
        "1000": "9 ms",
        "10000": "378 ms",
        "100000": "MemoryError at 8 GB",
    },
    "large_blind_organisation": {
        "1000": "56 ms",
        "10000": "8.4 s, 632 MB",
        "100000": "MemoryError",
    },
    "review_request_create": "about 1 s with 10,000 writers, 46 ms with 300",
}

Cohort = tuple[list[Request], list[Reviewer]]


def _organisations(rng: random.Random, count: int) -> frozenset[int]:
    roll = rng.random()
    if roll < 0.15:
        return frozenset()  # independent writers
    if roll < 0.9:
        return frozenset({rng.randrange(count)})
    return frozenset(rng.sample(range(count), 2))


def _peers(size: int, organisations: int, seed: int) -> Cohort:
    rng = random.Random(seed)
    ids = list(range(1, size + 1))
    orgs = {i: _organisations(rng, organisations) for i in ids}
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


def many_organisations(size: int) -> Cohort:
    return _peers(size, organisations=size // 10, seed=SEED + 3)


def few_organisations(size: int) -> Cohort:
    return _peers(size, organisations=20, seed=SEED)


def large_blind_organisation(size: int) -> Cohort:
    rng = random.Random(SEED + 2)
    ids = list(range(1, size + 1))
    orgs = {
        i: frozenset({0}) if rng.random() < 0.4 else frozenset({rng.randrange(1, 20)}) for i in ids
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


def platform_cohort(size: int) -> Cohort:
    rng = random.Random(SEED + 1)
    ids = list(range(1, 3 * size + 1))
    orgs = {i: _organisations(rng, 20) for i in ids}
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
    for n, writer in enumerate(rng.sample(ids, size), start=1):
        cowriters = (
            set(rng.sample(ids, rng.randint(1, 2))) - {writer} if rng.random() < 0.33 else set()
        )
        requests.append(
            Request(
                id=10 * size + n,
                writer_id=writer,
                excluded_ids=frozenset(cowriters | {writer}),
                organisation_ids=orgs[writer],
                blind=n % 2 == 0,
                k=K,
            )
        )
    return requests, reviewers


SHAPES: dict[str, Callable[[int], Cohort]] = {
    "many_organisations": many_organisations,
    "few_organisations": few_organisations,
    "large_blind_organisation": large_blind_organisation,
    "platform": platform_cohort,
}


def check(requests: list[Request], reviewers: list[Reviewer], result: AssignmentResult) -> dict:
    """Fail loudly if the result breaks a rule; return load statistics. One pass, O(n·k + m).

    The rules are restated here rather than taken from ``is_eligible``, so a mistake in
    one is not hidden by the same mistake in the other.
    """
    by_id = {r.id: r for r in reviewers}
    added: Counter[int] = Counter()
    assert list(result.assignments) == sorted(q.id for q in requests), "requests missing"
    for q in requests:
        chosen = result.assignments[q.id]
        assert len(chosen) == len(set(chosen)), f"duplicate reviewer on request {q.id}"
        assert len(chosen) + result.shortfall.get(q.id, 0) == max(0, q.k), q.id
        for reviewer_id in chosen:
            reviewer = by_id[reviewer_id]
            assert reviewer_id != q.writer_id, ("writer", q.id)
            assert reviewer_id not in q.excluded_ids, ("co-writer", q.id, reviewer_id)
            assert q.writer_id not in reviewer.conflicts, ("conflict", q.id, reviewer_id)
            assert reviewer_id not in q.already_assigned, ("already", q.id, reviewer_id)
            assert reviewer_id not in q.previously_refused, ("refused", q.id, reviewer_id)
            assert not (q.blind and q.organisation_ids & reviewer.organisation_ids), (
                "colleague on a blind request",
                q.id,
                reviewer_id,
            )
            added[reviewer_id] += 1
    for reviewer_id, count in added.items():
        reviewer = by_id[reviewer_id]
        total = reviewer.current_load + count
        assert total <= result.max_load, ("above the cap", reviewer_id, total, result.max_load)
        assert reviewer.capacity is None or total <= reviewer.capacity, ("capacity", reviewer_id)
    totals = [r.current_load + added[r.id] for r in reviewers]
    return {
        "requests": len(requests),
        "reviewers": len(reviewers),
        "blind_requests": sum(q.blind for q in requests),
        "places_needed": sum(q.k for q in requests),
        "fair_share": result.fair_share,
        "max_load": result.max_load,
        "highest_total_load": max(totals, default=0),
        "reviewers_above_fair_share": sum(
            1 for r in reviewers if added[r.id] and r.current_load + added[r.id] > result.fair_share
        ),
        "new_reviews_per_reviewer": {
            str(n): c for n, c in sorted(Counter(added[r.id] for r in reviewers).items())
        },
        "shortfall_requests": len(result.shortfall),
        "shortfall_places": sum(result.shortfall.values()),
    }


def _outcome(result: AssignmentResult) -> tuple:
    return result.assignments, result.shortfall, result.max_load, result.fair_share


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def _traced_peak_mb(work: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    finally:
        tracemalloc.stop()


def _timed_s(work: Callable[[], object]) -> float:
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _summary(samples: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(samples), 4),
        "min_s": round(min(samples), 4),
        "max_s": round(max(samples), 4),
        "runs": len(samples),
    }


def run_case(shape: str, size: int, runs: int, baseline: str | None) -> dict:
    """One case, in this process: generate, check, measure memory, time."""
    requests, reviewers = SHAPES[shape](size)
    rss_input = _peak_rss_mb()
    result = assign(requests, reviewers, seed=SEED)
    rss_peak = _peak_rss_mb()
    case: dict = {"shape": shape, "size": size, "outcome": check(requests, reviewers, result)}
    assert assign(requests[::-1], reviewers[::-1], seed=SEED) == result, "not deterministic"
    case["memory"] = {
        "peak_rss_mb": rss_peak,
        "rss_after_input_mb": rss_input,
        "assign_traced_peak_mb": _traced_peak_mb(lambda: assign(requests, reviewers, seed=SEED)),
    }
    current = lambda: assign(requests, reviewers, seed=SEED)  # noqa: E731
    if baseline is None:
        case["assign"] = _summary([_timed_s(current) for _ in range(runs)])
        return case
    old = assignment_at(baseline)
    old_result = old.assign(requests, reviewers, seed=SEED)
    old_outcome = check(requests, reviewers, old_result)
    caps_and_places = ("fair_share", "max_load", "shortfall_places")
    case["memory"]["baseline_traced_peak_mb"] = _traced_peak_mb(
        lambda: old.assign(requests, reviewers, seed=SEED)
    )
    mine, theirs = [], []
    for _ in range(runs):  # interleaved: current, baseline, current, baseline …
        mine.append(_timed_s(current))
        theirs.append(_timed_s(lambda: old.assign(requests, reviewers, seed=SEED)))
    case["assign"] = _summary(mine)
    case["baseline"] = {
        "ref": baseline,
        "same_caps_and_places": all(old_outcome[k] == case["outcome"][k] for k in caps_and_places),
        "same_assignments": _outcome(old_result) == _outcome(result),
        "assign": _summary(theirs),
        "speedup": round(statistics.median(theirs) / statistics.median(mine), 1),
    }
    return case


def _meets_targets(case: dict) -> dict | None:
    target = TARGETS.get(case["size"])
    if target is None:
        return None
    met = {"median_s": case["assign"]["median_s"] < target["median_s"]}
    if "peak_rss_mb" in target:
        met["peak_rss_mb"] = case["memory"]["peak_rss_mb"] < target["peak_rss_mb"]
    return {"targets": target, "met": met}


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--sizes", default=",".join(map(str, SIZES)))
    options.add_argument("--shapes", default=",".join(SHAPES))
    options.add_argument("--runs", type=int, help="timed runs per case (default by size)")
    options.add_argument("--baseline", metavar="REF", help="git ref of an assignment to compare")
    options.add_argument("--baseline-max-size", type=int, default=10_000)
    options.add_argument("--case", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = options.parse_args(argv)

    if args.case:  # a child process: one case, JSON on stdout
        shape, size = args.case[0], int(args.case[1])
        baseline = args.baseline if args.baseline and size <= args.baseline_max_size else None
        runs = args.runs if args.runs is not None else RUNS.get(size, 3)
        print(json.dumps(run_case(shape, size, runs, baseline)))
        return 0

    results: dict = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "seed": SEED,
        "k": K,
        "before_issue": BEFORE_ISSUE,
        "cases": [],
    }
    for size in map(int, args.sizes.split(",")):
        for shape in args.shapes.split(","):
            command = [sys.executable, __file__, "--case", shape, str(size)]
            if args.runs is not None:
                command += ["--runs", str(args.runs)]
            if args.baseline:
                command += ["--baseline", args.baseline]
                command += ["--baseline-max-size", str(args.baseline_max_size)]
            done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
            case = json.loads(done.stdout)
            case["load_average_1min"] = round(os.getloadavg()[0], 1)  # other work on the machine
            if (verdict := _meets_targets(case)) is not None:
                case["target"] = verdict
            if args.baseline and size > args.baseline_max_size:
                case["baseline"] = {"ref": args.baseline, "not_run": "quadratic at this size"}
            results["cases"].append(case)
            print(_row(case), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _row(case: dict) -> str:
    line = (
        f"{case['shape']:<26} {case['size']:>7,}  {case['assign']['median_s'] * 1000:>9.1f} ms"
        f"  rss {case['memory']['peak_rss_mb']:>7.1f} MB"
        f"  traced {case['memory']['assign_traced_peak_mb']:>7.1f} MB"
        f"  short {case['outcome']['shortfall_places']}"
    )
    if "assign" in case.get("baseline", {}):
        base = case["baseline"]
        line += (
            f"  | baseline {base['assign']['median_s'] * 1000:.1f} ms"
            f" (x{base['speedup']}, same caps and places: {base['same_caps_and_places']})"
        )
    return line


if __name__ == "__main__":
    sys.exit(main())
