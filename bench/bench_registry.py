"""Benchmark: registering a revision at two chain lengths, and verifying the whole chain.

Not a test. In a scratch database made for the run and dropped after it, grows the
registry to each of ``--lengths`` entries (1,000 and 100,000 by default) with bulk
inserts of real, correctly chained entries (the project's own canonical serialisation and
hashing; the entries share one series and revision, which the chain does not look at),
then at each length times ``registration_request`` for a sole writer's new series (the
whole path: checks, the registration row, the author row, the audit row, the advisory
lock, reading the head, hashing, the append and the workflow move), each call in a
transaction rolled back afterwards so every call sees the same chain. Registration must
not grow with the chain: the head is read through the unique index on ``number``.

At the longest length it also times ``registry_verify`` (the walk of every entry, in
chunks) and reports the peak memory of the walk.

Writes bench/results/registry.json. Run:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/bench_registry.py [--lengths 1000 100000] [--runs 21]
(a database ``bench_registry_<pid>`` is created on that server and dropped); without
DATABASE_URL a scratch SQLite file is used.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from io import StringIO
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
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from registry.chain import GENESIS_HASH, entry_hash  # noqa: E402
from registry.models import RegistryEntry  # noqa: E402
from registry.services.registration import registration_request  # noqa: E402
from scripts_app.services.series import series_create  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "registry.json"
TEXT = "第1集\n1-1 日 内 法院\n△法槌落下。\n林晚：我反对。\n"
BATCH = 5_000


class _Rollback(Exception):
    pass


def grow_chain(to: int, series, revision) -> None:
    """Append real entries until the chain is `to` long (bulk, correctly hashed)."""
    head = RegistryEntry.objects.order_by("-number").values("number", "entry_hash").first()
    number, previous = (head["number"], head["entry_hash"]) if head else (0, GENESIS_HASH)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    batch = []
    while number < to:
        number += 1
        entry = RegistryEntry(
            number=number,
            series=series,
            revision=revision,
            content_sha256=f"{number:064x}",
            title=f"剧本{number}",
            episode_count=number % 90 + 10,
            authors=[{"account": series.owner_id, "name_zh": "作者", "name_en": "Author"}],
            rights_basis="original",
            source_work="",
            licensor="",
            recorded_at=start + timedelta(seconds=number),
            previous_hash=previous,
        )
        entry.entry_hash = previous = entry_hash(entry)
        batch.append(entry)
        if len(batch) == BATCH:
            RegistryEntry.objects.bulk_create(batch)
            batch = []
    if batch:
        RegistryEntry.objects.bulk_create(batch)


def time_registration(writer: User, runs: int) -> tuple[list[float], int]:
    """Median-ready timings of registering a new series' first revision, rolled back."""
    timings = []
    queries = 0
    for run in range(runs + 2):  # two warm-ups
        try:
            with transaction.atomic():
                series = series_create(actor=writer, title=f"基准{run}", text=TEXT + str(run))
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    registration_request(
                        actor=writer, series=series, revision=series.head, authors=[]
                    )
                    elapsed = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            pass
        if run >= 2:
            timings.append(elapsed)
            queries = len(captured)
    return timings, queries


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--lengths", type=int, nargs="+", default=[1_000, 100_000])
    options.add_argument("--runs", type=int, default=21)
    args = options.parse_args(argv)

    settings = connection.settings_dict
    settings["TEST"]["NAME"] = (
        str(scratch.with_name("test.sqlite3"))
        if connection.vendor == "sqlite"
        else f"bench_registry_{os.getpid()}"
    )
    original = settings["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        writer = User.objects.create_user("bench.writer@example.com", "x" * 12)
        base = series_create(actor=writer, title="链", text=TEXT)
        lengths = []
        for length in sorted(args.lengths):
            started = time.perf_counter()
            grow_chain(length, base, base.head)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            grown_s = time.perf_counter() - started
            timings, queries = time_registration(writer, args.runs)
            lengths.append(
                {
                    "entries": length,
                    "grow_s": round(grown_s, 1),
                    "register_median_ms": round(statistics.median(timings) * 1000, 2),
                    "register_p90_ms": round(
                        sorted(timings)[int(len(timings) * 0.9) - 1] * 1000, 2
                    ),
                    "register_queries": queries,
                }
            )
            print(lengths[-1], flush=True)
        verify_runs = []
        for _ in range(3):
            out = StringIO()
            started = time.perf_counter()
            call_command("registry_verify", stdout=out)
            verify_runs.append(time.perf_counter() - started)
            assert "The chain verifies" in out.getvalue(), out.getvalue()
        verify_s = statistics.median(verify_runs)
        # Memory separately: tracing slows Python several times over.
        tracemalloc.start()
        call_command("registry_verify", stdout=StringIO())
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        result = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "database": connection.vendor,
            "cpus": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 1),
            "runs": args.runs,
            "registration": lengths,
            "registration_growth": round(
                lengths[-1]["register_median_ms"] / lengths[0]["register_median_ms"], 2
            ),
            "verify": {
                "entries": max(args.lengths),
                "seconds": round(verify_s, 2),
                "peak_python_memory_mb": round(peak / 2**20, 1),
            },
        }
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
