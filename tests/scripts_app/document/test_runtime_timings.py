"""The runtime estimate against timed table reads of demo episodes.

The timings were made by bench/table_read_timings.py (its docstring says how: every
speech spoken by espeak-ng at short-drama delivery pace, every action line read at a
narrator's pace with a shot's floor, cards, cuts and pauses added) and are kept in
fixtures/table_read_timings.json, so this test needs no speech synthesiser.
"""

import json
from pathlib import Path

import pytest

from scripts_app.document import analyse, parse

ROOT = Path(__file__).resolve().parents[3]
TIMINGS = json.loads((Path(__file__).parent / "fixtures" / "table_read_timings.json").read_text())


@pytest.mark.parametrize(
    "timing", TIMINGS["episodes"], ids=lambda t: f"{Path(t['source']).parent.name}-{t['episode']}"
)
def test_the_estimate_is_near_a_timed_table_read_and_its_range_holds_it(timing):
    doc = parse((ROOT / timing["source"]).read_text(encoding="utf-8"), timing["format"])
    [episode] = [e for e in analyse(doc).episodes if e.number == timing["episode"]]

    assert episode.runtime.seconds == pytest.approx(timing["seconds"], rel=0.15)
    assert episode.runtime.low <= timing["seconds"] <= episode.runtime.high


def test_the_timings_cover_both_formats():
    assert {t["format"] for t in TIMINGS["episodes"]} == {"zh", "fountain"}
