"""Workspace benchmarks: saving one episode's edit, and diffing, on a 100-episode series.

Not a test: it times real service calls on a scratch database and writes
bench/results/workspace.json. Run:  .venv/bin/python bench/bench_workspace.py
(set DATABASE_URL to measure on PostgreSQL; the default is a scratch SQLite file).
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scratch = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from scripts_app.diffing import diff_texts  # noqa: E402
from scripts_app.document.samples import generate_series  # noqa: E402
from scripts_app.selectors import revision_text, revision_texts  # noqa: E402
from scripts_app.services.revisions import episode_replace, episode_text, revision_save  # noqa: E402
from scripts_app.services.series import series_create  # noqa: E402
from tests.support.factories import UserFactory  # noqa: E402

RUNS = 15


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def _edit_episode(text: str, number: int, marker: str) -> str:
    """Episode `number` with its first action line changed in place (same length each time)."""
    episode = episode_text(text, "zh", number)
    first_action = next(line for line in episode.split("\n") if line.startswith("△"))
    return episode.replace(first_action, f"△{marker}" + first_action[len(marker) + 1 :], 1)


def bench_episode_save(client, series, history: int) -> dict:
    """POST an edit to episode 57 exactly as the editor's episode mode does; time the server."""
    url = f"/api/v1/series/{series.pk}/revisions/"
    while series.revisions.count() < history:  # history that does not grow the text
        series.refresh_from_db()
        text = revision_text(series.head)
        count = series.revisions.count()
        episode = 1 + count % 100
        # A different marker each time (same length): an identical edit would be
        # "unchanged" and add no revision.
        marker = f"历{count % 1000:03d}"
        edited = episode_replace(text, "zh", episode, _edit_episode(text, episode, marker))
        revision_save(actor=series.owner, series=series, text=edited, base=series.head)
    timings, queries = [], []
    for run in range(RUNS):
        series.refresh_from_db()
        payload = {
            "text": _edit_episode(revision_text(series.head), 57, f"改{run:02d}"),
            "base": series.head.number,
            "episode": 57,
            "autosave": True,
        }
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url, payload, content_type="application/json")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 201, response.content
        queries.append(len(captured))
    return {
        "revisions_in_history": history,
        "median_ms": _median_ms(timings),
        "queries": max(queries),
    }


def main() -> None:
    call_command("migrate", verbosity=0)
    owner = UserFactory()
    text = generate_series(episodes=100, fmt="zh", seed=1)
    series = series_create(actor=owner, title="基准", format="zh", text=text)
    client = Client()
    client.force_login(owner)
    saves = [bench_episode_save(client, series, history) for history in (10, 200)]

    series.refresh_from_db()
    old, new = series.revisions.order_by("number")[0], series.head
    texts = revision_texts([old, new])
    diff_timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        diff = diff_texts(texts[old.pk], texts[new.pk], "zh")
        diff_timings.append(time.perf_counter() - started)

    whole = texts[new.pk]
    result = {
        "series": {"episodes": 100, "characters": len(whole), "database": connection.vendor},
        "save_episode_57": saves,
        "diff_100_episodes": {"median_ms": _median_ms(diff_timings), "summary": diff.summary},
        "runs": RUNS,
    }
    out = ROOT / "bench/results/workspace.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
