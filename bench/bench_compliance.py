"""Compliance pre-check benchmark: the starter rule set on generated 100-episode series.

Not a test. Times, on the same inputs, in interleaved rounds (medians, as bench_parse):

* compiling the starter rule set (once per rule-set version and process);
* scanning a ~60,000-CJK-character Chinese series, clean and with every starter rule's
  example spread through it (a few hundred hits);
* the same in Fountain (~200,000 characters);
* finding the kinds of line (parse + roles), which the check needs once per revision.

No database: the rules come from ``scripts_app.compliance.starter`` as migration 0007 loads
them. Writes bench/results/compliance.json and prints it. Run:
    python bench/bench_compliance.py [--runs 21]
"""

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_parse import describe, timed_interleaved  # noqa: E402
from scripts_app.compliance.engine import CompiledRules, RuleSpec  # noqa: E402
from scripts_app.compliance.roles import line_layout  # noqa: E402
from scripts_app.compliance.starter import RULES  # noqa: E402
from scripts_app.document import parse  # noqa: E402
from scripts_app.document.samples import generate_series  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "compliance.json"
EPISODES = 100
SEED = 0
SPEC_FIELDS = ("pattern", "kind", "language", "category", "severity", "applies_to", "scope")


def starter_specs() -> list[RuleSpec]:
    return [
        RuleSpec(id=number, is_exception=rule["is_exception"], **{k: rule[k] for k in SPEC_FIELDS})
        for number, rule in enumerate(RULES, start=1)
    ]


def with_hits(text: str, fmt: str) -> str:
    """The text with one rule example after every n-th line (as action), all rules once."""
    examples = [rule["example"] for rule in RULES if rule["applies_to"] != "title"]
    lines = text.split("\n")
    step = max(1, len(lines) // len(examples))
    for index, example in enumerate(reversed(examples)):
        at = len(lines) - index * step - 1
        lines.insert(max(at, 1), ("△" if fmt == "zh" else "") + example)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--runs", type=int, default=21)
    args = options.parse_args(argv)

    specs = starter_specs()
    compiled = CompiledRules(specs)
    texts = {
        "zh": generate_series(EPISODES, "zh", seed=SEED),
        "fountain": generate_series(EPISODES, "fountain", seed=SEED),
    }
    texts["zh_with_hits"] = with_hits(texts["zh"], "zh")
    texts["fountain_with_hits"] = with_hits(texts["fountain"], "fountain")
    layouts = {name: line_layout(parse(text, name.split("_")[0])) for name, text in texts.items()}
    works = {"compile": lambda: CompiledRules(specs)}
    for name, text in texts.items():
        layout = layouts[name]
        works[f"{name}.scan"] = lambda text=text, layout=layout: compiled.scan(
            text, roles=layout.roles, skip_lines=layout.title_lines
        )
    for name in ("zh", "fountain"):
        works[f"{name}.line_kinds"] = lambda name=name: line_layout(parse(texts[name], name))
    timings = timed_interleaved(works, args.runs)

    results: dict = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "method": "interleaved rounds (every work once per round), medians",
        # Shared machines: the load when the run ended says how far to trust the medians.
        "load_average_1min": round(os.getloadavg()[0], 2),
        "rules": {
            "patterns": sum(not rule["is_exception"] for rule in RULES),
            "exceptions": sum(rule["is_exception"] for rule in RULES),
            "compile": timings["compile"],
        },
    }
    for name, text in texts.items():
        layout = layouts[name]
        hits = compiled.scan(text, roles=layout.roles, skip_lines=layout.title_lines)
        results[name] = {
            "input": describe(text),
            "hits": len(hits),
            "scan": timings[f"{name}.scan"],
        }
    for name in ("zh", "fountain"):
        results[name]["line_kinds"] = timings[f"{name}.line_kinds"]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
