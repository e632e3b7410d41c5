"""Time and profile the benchmark's pages in process, on the database bench_pages.py made.

Not a test. Production settings (config.settings.base, DEBUG off), Django's test client
(secure=True, signed in with force_login), the same pages and users as bench_pages.py.
The floor (GET /api/v1/me/) is timed first: a page's own cost is its time less the
floor's. CPU time is this process's (Python); the rest of the wall-clock time is the
database and, on a shared machine, waiting for a core.

    .venv/bin/python bench/profile_pages.py                     # median ms and queries
    .venv/bin/python bench/profile_pages.py --profile "series list" --sort tottime

Before and after a change, on the same database, interleaved (the code at REF, then
today's, round after round, so that the machine's other work weighs on both alike);
the medians go to a JSON file:

    .venv/bin/python bench/profile_pages.py --baseline REF --rounds 5 \\
        --json bench/results/pages_in_process.json

The code at REF is exported with `git archive` to a scratch directory (its static files
collected there) and measured by today's version of this script; for its rounds the database is migrated back to the migrations REF
knows (indexes added since are dropped), then forward again for today's.
"""

import argparse
import cProfile
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import FLOOR, pages  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="microdrama_bench")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="", help='page names, separated by ";" or ","')
    parser.add_argument("--profile", default="", help="one page name to profile")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--cpu", action="store_true", help="profile CPU time, not wall-clock")
    parser.add_argument("--lines", type=int, default=45)
    parser.add_argument("--baseline", default="", help="git ref to compare with, interleaved")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each (with --baseline)")
    parser.add_argument("--json", default="", help="write the comparison here (with --baseline)")
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)  # one JSON line
    return parser.parse_args()


def settings_env(args: argparse.Namespace) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": f"{args.pg_url.rstrip('/')}/{args.db}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


def main() -> None:
    args = parse_args()
    if args.baseline:
        compare(args)
        return
    os.environ.update(settings_env(args))
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
        # Names are separated by ";" (one name has a comma: "series list, all"), or by ","
        # when none has.
        separator = ";" if ";" in args.only else ","
        wanted = {name.strip() for name in args.only.split(separator)} | {args.only.strip()}
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
    measured = {}
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
        measured[name] = {
            "url": url,
            "as": who,
            "median_ms": round(statistics.median(timings) * 1000, 2),
            "min_ms": round(min(timings) * 1000, 2),
            "cpu_ms": round(statistics.median(cpu) * 1000, 2),
            "sql_ms": round(statistics.median(sql) * 1000, 2),
            "queries": len(queries),
            "bytes": len(response.content),
        }
        if not args.emit:
            row = measured[name]
            print(
                f"{name:<24} {row['median_ms']:7.1f} ms median {row['min_ms']:7.1f} min  "
                f"{row['cpu_ms']:7.1f} ms CPU {row['sql_ms']:7.1f} ms SQL "
                f"{row['queries']:3d} queries {row['bytes']:>9,} bytes"
            )
    if args.emit:
        print(json.dumps(measured))


# --- before and after, interleaved -------------------------------------------------------


def _git(*command: str) -> str:
    return subprocess.run(
        ["git", *command], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def _leaf_migrations(ref: str | None) -> dict[str, str]:
    """Each app's last migration, at `ref` (None: the working tree)."""
    if ref is None:
        names = [str(path.relative_to(ROOT)) for path in ROOT.glob("*/migrations/0*.py")]
    else:
        names = _git("ls-tree", "-r", "--name-only", ref).split()
    leaves: dict[str, str] = {}
    for name in names:
        parts = Path(name).parts
        if len(parts) == 3 and parts[1] == "migrations" and parts[2][:4].isdigit():
            app, migration = parts[0], parts[2].removesuffix(".py")
            leaves[app] = max(leaves.get(app, ""), migration)
    return leaves


def _export(ref: str, into: Path, env: dict[str, str]) -> None:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(into, filter="data")
    # Both sides are measured by today's scripts (the same pages, the same way).
    for script in ("profile_pages.py", "bench_pages.py"):
        shutil.copy(ROOT / "bench" / script, into / "bench" / script)
    manage(into, env, "collectstatic", "--no-input", "-v", "0")


def manage(tree: Path, env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=tree, env=env, check=True)


def _migrate_to(env: dict[str, str], leaves: dict[str, str], current: dict[str, str]) -> None:
    """Migrate (with today's code, which knows every migration) each app whose last
    migration differs to `leaves`."""
    for app, leaf in sorted(leaves.items()):
        if current.get(app) != leaf:
            manage(ROOT, env, "migrate", app, leaf, "--no-input", "-v", "0")


def _measure(tree: Path, env: dict[str, str], args: argparse.Namespace) -> dict:
    command = [sys.executable, "bench/profile_pages.py", "--db", args.db, "--pg-url"]
    command += [args.pg_url, "--runs", str(args.runs), "--emit"]
    if args.only:
        command += ["--only", args.only]
    out = subprocess.run(
        command, cwd=tree, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _median_of_rounds(rounds: list[dict]) -> dict:
    first = rounds[0]
    summary = {
        key: round(statistics.median(r[key] for r in rounds), 2)
        for key in ("median_ms", "min_ms", "cpu_ms", "sql_ms")
    }
    summary["rounds_median_ms"] = [r["median_ms"] for r in rounds]
    summary.update(queries=first["queries"], bytes=first["bytes"])
    return summary


def compare(args: argparse.Namespace) -> None:
    env = {**os.environ, **settings_env(args)}
    env.pop("REDIS_URL", None)
    ref = _git("rev-parse", args.baseline).strip()
    head = _git("rev-parse", "HEAD").strip()
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no").strip())
    before_leaves, after_leaves = _leaf_migrations(ref), _leaf_migrations(None)
    scratch = Path(tempfile.mkdtemp(prefix="profile-pages-baseline-"))
    load_before = os.getloadavg()
    try:
        _export(ref, scratch, env)
        manage(ROOT, env, "migrate", "--no-input", "-v", "0")
        results: dict[str, list[dict]] = {"before": [], "after": []}
        for number in range(1, args.rounds + 1):
            _migrate_to(env, before_leaves, after_leaves)
            results["before"].append(_measure(scratch, env, args))
            manage(ROOT, env, "migrate", "--no-input", "-v", "0")
            results["after"].append(_measure(ROOT, env, args))
            print(f"round {number}/{args.rounds} done", flush=True)
    finally:
        manage(ROOT, env, "migrate", "--no-input", "-v", "0")
        shutil.rmtree(scratch, ignore_errors=True)
    floor = FLOOR[0]
    table = []
    for name in results["after"][0]:
        before = _median_of_rounds([r[name] for r in results["before"]])
        after = _median_of_rounds([r[name] for r in results["after"]])
        row = {"page": name, "url": results["after"][0][name]["url"]}
        row.update(before=before, after=after)
        if name != floor:
            # The ratio as bench_pages.py reports it, but of in-process times: the floor's
            # time over the page's (requests/s of the page over those of the floor).
            for side in ("before", "after"):
                floor_ms = _median_of_rounds([r[floor] for r in results[side]])["median_ms"]
                row[side]["ratio_to_floor"] = round(floor_ms / row[side]["median_ms"], 3)
        table.append(row)
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "what": (
            "in-process time per request (Django test client, production settings), "
            "median of --runs requests per round, then median over interleaved rounds"
        ),
        "command": (
            f"bench/profile_pages.py --db {args.db} --baseline {args.baseline} "
            f"--rounds {args.rounds} --runs {args.runs}"
            + (f' --only "{args.only}"' if args.only else "")
        ),
        "baseline": ref,
        "measured": head + (" with uncommitted changes" if dirty else ""),
        "database": args.db,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "runs": args.runs,
        "rounds": args.rounds,
        "pages": table,
    }
    for row in table:
        b, a = row["before"], row["after"]
        print(
            f"{row['page']:<24} {b['median_ms']:7.1f} -> {a['median_ms']:7.1f} ms  "
            f"CPU {b['cpu_ms']:6.1f} -> {a['cpu_ms']:6.1f}  "
            f"queries {b['queries']:3d} -> {a['queries']:3d}"
            + (
                f"  ratio {b['ratio_to_floor']:.3f} -> {a['ratio_to_floor']:.3f}"
                if "ratio_to_floor" in a
                else ""
            )
        )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
