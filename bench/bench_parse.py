"""Parser benchmark: parse and analyse generated 100-episode series; compare with screenplain.

Not a test. Times, in one run and on the same inputs:

* our Chinese-convention parser, and parse + analyse, on a ~60,000-CJK-character series;
* our Fountain parser, and parse + analyse, on the same series written in Fountain;
* screenplain (``screenplain.parsers.fountain.parse``, given the same text as a stream,
  so it also pays for reading, boneyard removal and line splitting) on that Fountain text;
* the pathological inputs that once made the parser quadratic (15 to 110 s each), parsed,
  rendered and scanned for emphasis: each should take well under a second.

Every measured piece of work runs once per round, round after round (A, B, C, A, B, C …),
and the medians are reported: machine noise then falls on all of them alike, and the
ratio to screenplain does not move with it.

Writes bench/results/parse.json and prints it. Run:
    python bench/bench_parse.py [--runs 21]
screenplain is optional (``pip install screenplain``); without it the comparison is
reported as skipped, loudly, and ``--require-screenplain`` makes that an error.
"""

import argparse
import gc
import io
import json
import platform
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts_app.document import analyse, parse  # noqa: E402
from scripts_app.document.samples import generate_series  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "parse.json"
EPISODES = 100
SEED = 0
_CJK_RE = re.compile(r"[\u3400-\u9fff]")


def _summary(samples: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(samples), 2),
        "min_ms": round(min(samples), 2),
        "max_ms": round(max(samples), 2),
        "runs": len(samples),
    }


def timed_interleaved(works: dict[str, object], runs: int) -> dict[str, dict]:
    """Median and spread of each piece of work, timed in rounds: every work once per round.

    A few warm-up rounds first; garbage from the previous call is collected before each
    timing (not during it), so one work does not pay for another's objects.
    """
    for _ in range(3):
        for work in works.values():
            work()  # type: ignore[operator]
    samples: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            gc.collect()
            started = time.perf_counter()
            work()  # type: ignore[operator]
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: _summary(values) for name, values in samples.items()}


def pathological_ms() -> dict[str, dict]:
    """The inputs that were once quadratic, each parsed, rendered and scanned (3 runs)."""
    from scripts_app.document import fountain, render
    from scripts_app.document.samples import PATHOLOGICAL

    def work(text: str, fmt: str):
        def run() -> None:
            doc = parse(text, fmt)
            render(doc, fmt)
            for element in doc.iter_elements():
                fountain.parse_emphasis(element.text)

        return run

    works = {
        f"{name} ({fmt})": work(text, fmt)
        for name, text in PATHOLOGICAL.items()
        for fmt in ("zh", "fountain")
    }
    return timed_interleaved(works, 3)


def describe(text: str) -> dict:
    return {
        "episodes": EPISODES,
        "seed": SEED,
        "characters": len(text),
        "cjk_characters": len(_CJK_RE.findall(text)),
        "lines": text.count("\n"),
    }


def screenplain_parse():
    try:
        from screenplain.parsers import fountain as screenplain_fountain
    except ImportError:
        return None
    return lambda text: screenplain_fountain.parse(io.StringIO(text))


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--runs", type=int, default=21)
    options.add_argument("--require-screenplain", action="store_true")
    args = options.parse_args(argv)

    zh_text = generate_series(EPISODES, "zh", seed=SEED)
    fountain_text = generate_series(EPISODES, "fountain", seed=SEED)
    works = {
        "zh.parse": lambda: parse(zh_text, "zh"),
        "zh.parse_and_analyse": lambda: analyse(parse(zh_text, "zh")),
        "fountain.parse": lambda: parse(fountain_text, "fountain"),
        "fountain.parse_and_analyse": lambda: analyse(parse(fountain_text, "fountain")),
    }
    peer = screenplain_parse()
    if peer is not None:
        works["screenplain.parse"] = lambda: peer(fountain_text)
    timings = timed_interleaved(works, args.runs)
    results: dict = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "method": "interleaved rounds (every work once per round), medians",
        "zh": {
            "input": describe(zh_text),
            "parse": timings["zh.parse"],
            "parse_and_analyse": timings["zh.parse_and_analyse"],
        },
        "fountain": {
            "input": describe(fountain_text),
            "parse": timings["fountain.parse"],
            "parse_and_analyse": timings["fountain.parse_and_analyse"],
        },
    }
    if peer is None:
        results["screenplain"] = None
        results["screenplain_skipped"] = "screenplain is not installed"
        print("WARNING: screenplain is not installed; the comparison was SKIPPED.", file=sys.stderr)
    else:
        from importlib.metadata import version

        timing = timings["screenplain.parse"]
        results["screenplain"] = {"version": version("screenplain"), "parse": timing}
        ours = results["fountain"]["parse"]["median_ms"]
        results["fountain_parse_ratio_ours_to_screenplain"] = round(ours / timing["median_ms"], 3)
    results["pathological"] = pathological_ms()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 1 if peer is None and args.require_screenplain else 0


if __name__ == "__main__":
    sys.exit(main())
