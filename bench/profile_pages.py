"""Time and profile the benchmark's pages in process, on the database bench_pages.py made.

Not a test. Production settings (config.settings.base, DEBUG off), Django's test client
(secure=True, signed in with force_login), the same pages and users as bench_pages.py.
The floor (GET /api/v1/me/) is timed first: a page's own cost is its time less the
floor's. CPU time is this process's (Python); the rest of the wall-clock time is the
database and, on a shared machine, waiting for a core.

    .venv/bin/python bench/profile_pages.py                     # median ms and queries
    .venv/bin/python bench/profile_pages.py --profile "series list" --sort tottime
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import FLOOR, pages  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="microdrama_bench")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--profile", default="", help="one page name to profile")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--cpu", action="store_true", help="profile CPU time, not wall-clock")
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": f"{args.pg_url.rstrip('/')}/{args.db}",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from seeds.scale import bench_targets

    targets = bench_targets()
    clients = {}
    for who, email in (("writer", targets.desk_writer), ("reviewer", targets.busy_reviewer)):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(email=email))
    chosen = [FLOOR, *pages(targets)]
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        chosen = [page for page in chosen if page[0] in wanted or page is FLOOR]
    if args.profile:
        chosen = [page for page in chosen if page[0] == args.profile]
        name, url, who = chosen[0]
        client = clients[who]
        for _ in range(3):
            client.get(url, secure=True)
        # CPU time: on a shared machine wall-clock profiles charge other processes' time
        # to whichever function was running when this one was descheduled.
        profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            client.get(url, secure=True)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.lines)
        return
    for name, url, who in chosen:
        client = clients[who]
        timings, cpu, sql = [], [], []
        for run in range(args.runs + 3):
            started, started_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, secure=True)
            elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
            if response.status_code != 200:
                sys.exit(f"{name}: {response.status_code}")
            if run >= 3:
                timings.append(elapsed)
                cpu.append(elapsed_cpu)
                sql.append(sum(float(query["time"]) for query in queries.captured_queries))
        print(
            f"{name:<24} {statistics.median(timings) * 1000:7.1f} ms median "
            f"{min(timings) * 1000:7.1f} min  {statistics.median(cpu) * 1000:7.1f} ms CPU "
            f"{statistics.median(sql) * 1000:7.1f} ms SQL "
            f"{len(queries):3d} queries {len(response.content):>9,} bytes"
        )


if __name__ == "__main__":
    main()
