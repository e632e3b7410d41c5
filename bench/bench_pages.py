"""Page benchmark at scale: key pages under gunicorn on PostgreSQL, against a trivial
signed-in view measured in the same run.

Not a test. It creates a PostgreSQL database (or reuses one with --reuse), loads the scale
set into it (manage.py seed_scale, default 20,000 writers / 100,000 series / 50,000 review
requests), starts gunicorn (2 sync workers, CONN_MAX_AGE=60, DEBUG off) on 127.0.0.1,
signs in the desk writer (1,100 series) and the busy reviewer through the real sign-in
form, checks every page answers 200, then runs wrk (2 connections, 2 threads) on each page
with the floor (GET /api/v1/me/, the smallest signed-in view) run just before it, for
several rounds: floor, A, floor, B, ... Medians go to bench/results/pages.json: requests/s,
p50 and p95 latency, and the ratio page requests/s / floor requests/s. It also times the
read page and the score report of a 100-episode series in process (Django's test client,
median of N), and checks the issue's targets.

    .venv/bin/python bench/bench_pages.py                 # create, seed (~10 min), measure
    .venv/bin/python bench/bench_pages.py --reuse         # measure the existing database again

Needs wrk (apt-get install -y wrk) and PostgreSQL at 127.0.0.1:5432 (--pg-url).
"""

import argparse
import html
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

# What the issue asks of every page (docs/benchmarks.md).
TARGET_RATIO = 0.35
TARGET_P50_MS = 100.0
TARGET_IN_PROCESS_MS = 50.0

# wrk reports p50/p75/p90/p99 only; this prints what we need, p95 included, as JSON.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, e.connect, e.read,
    e.write, e.status, e.timeout))
end
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", default="microdrama_bench", help="database name (default %(default)s)"
    )
    parser.add_argument(
        "--pg-url", default="postgres://postgres@127.0.0.1:5432", help="server, no database"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the existing database (migrated, not reseeded)",
    )
    parser.add_argument("--writers", type=int, default=20_000)
    parser.add_argument("--series", type=int, default=100_000)
    parser.add_argument("--revisions", type=int, default=3)
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--long-history", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="seed_scale's parsing processes")
    parser.add_argument(
        "--duration", type=float, default=5.0, help="seconds per wrk run (longer for slow pages)"
    )
    parser.add_argument("--max-duration", type=float, default=150.0, help="cap for slow pages")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--runs", type=int, default=15, help="in-process runs per page")
    parser.add_argument("--only", default="", help='page names to measure, separated by ";"')
    parser.add_argument("--redis-url", default="", help="cache (default: each worker's memory)")
    parser.add_argument("--out", default=str(ROOT / "bench/results/pages.json"))
    return parser.parse_args()


def settings_env(args: argparse.Namespace) -> dict[str, str]:
    """Production settings (config.settings.base, DEBUG off) on plain local HTTP."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": f"{args.pg_url.rstrip('/')}/{args.db}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CONN_MAX_AGE": "60",
        "CONN_HEALTH_CHECKS": "true",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "REDIS_URL"):
        env.pop(name, None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def manage(*command: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def prepare_database(args: argparse.Namespace, env: dict[str, str]) -> float | None:
    """Create, migrate and seed the database; with --reuse only migrate. Returns the
    seeding time in seconds (None when reused)."""
    import psycopg

    with psycopg.connect(f"{args.pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db]).fetchone()
        if args.reuse and not exists:
            sys.exit(
                f"--reuse: there is no database {args.db!r}. Run without --reuse to create it."
            )
        if not args.reuse:
            if exists:
                conn.execute(f'DROP DATABASE "{args.db}"')
            conn.execute(f'CREATE DATABASE "{args.db}"')
    # With --reuse too: fixes made since the data was loaded may add migrations (indexes).
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    if args.reuse:
        return None
    started = time.perf_counter()
    manage(
        "seed_scale", "--writers", str(args.writers), "--series", str(args.series),
        "--revisions", str(args.revisions), "--requests", str(args.requests),
        "--long-history", str(args.long_history), "--seed", str(args.seed),
        "--jobs", str(args.jobs), env=env,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # as autovacuum would after a load, before measuring
    return seconds


class Server:
    def __init__(self, args: argparse.Namespace, env: dict[str, str]):
        self.base = f"http://127.0.0.1:{args.port}"
        handle, self.log = tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")
        self.process = subprocess.Popen(
            [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers",
             str(args.workers), "--worker-class", "sync", "--timeout", "300",
             "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited: see {self.log}")
            try:
                urllib.request.urlopen(self.base + "/healthz/", timeout=5).read()
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        self.stop()
        sys.exit(f"gunicorn did not answer /healthz/ within 60 s: see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in through allauth's form, as a browser does; returns the Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    page = opener.open(base + "/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        sys.exit("The sign-in page has no CSRF token.")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": html.unescape(token.group(1)), "login": email, "password": password}
    ).encode()
    request = urllib.request.Request(
        base + "/accounts/login/", data=body, headers={"Referer": base + "/accounts/login/"}
    )
    try:
        opener.open(request, timeout=30)
        sys.exit(f"Signing in {email} did not redirect: wrong password or unverified address?")
    except urllib.error.HTTPError as answer:
        if answer.code != 302:
            sys.exit(f"Signing in {email} answered {answer.code}.")
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        sys.exit(f"Signing in {email} set no session cookie.")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def fetch(base: str, url: str, cookie: str) -> tuple[int, float, int]:
    """One GET without following redirects: (status, seconds, bytes)."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(base + url, headers={"Cookie": cookie})
    started = time.perf_counter()
    try:
        with opener.open(request, timeout=300) as answer:
            size = len(answer.read())
            return answer.status, time.perf_counter() - started, size
    except urllib.error.HTTPError as answer:
        return answer.code, time.perf_counter() - started, 0


def run_wrk(args, base: str, url: str, cookie: str, duration: float, script: str) -> dict:
    command = [
        "wrk", f"-t{args.connections}", f"-c{args.connections}", f"-d{max(1, round(duration))}s",
        "--timeout", "120s", "--latency", "-s", script, "-H", f"Cookie: {cookie}", base + url,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    report = json.loads(output.strip().splitlines()[-1])
    errors = report["errors"]
    if errors["status"] or errors["connect"] or errors["timeout"]:
        raise SystemExit(f"wrk saw errors on {url}: {errors}\n{output}")
    seconds = report["duration_us"] / 1e6
    done = report["requests"]

    def ms(key: str) -> float | None:  # no latency at all when no request finished
        return round(report[key] / 1000, 1) if done else None

    return {
        "requests": done,
        "rps": round(done / seconds, 3),
        "p50_ms": ms("p50_us"),
        "p95_ms": ms("p95_us"),
        "p99_ms": ms("p99_us"),
        "seconds": round(seconds, 1),
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def pages(targets) -> list[tuple[str, str, str]]:
    """(name, URL, who): the issue's key pages, the heavy case of each."""
    return [
        ("home (desk)", "/", "writer"),
        ("series list", "/scripts/", "writer"),
        ("series list, all", "/scripts/?scope=all", "writer"),
        ("series page", f"/scripts/{targets.long_series}/", "writer"),
        ("editor", f"/scripts/{targets.big_series}/write/", "writer"),
        ("read page", f"/scripts/{targets.big_series}/read/", "writer"),
        ("analysis", f"/scripts/{targets.big_series}/analysis/", "writer"),
        ("compare #1 vs last", f"/scripts/{targets.long_series}/compare/?a=1&b={targets.last_revision}", "writer"),
        ("revision list", f"/scripts/{targets.long_series}/revisions/", "writer"),
        ("review inbox", "/reviews/", "reviewer"),
        ("review page", f"/reviews/assignments/{targets.assignment}/", "reviewer"),
        ("score report", f"/reviews/requests/{targets.report_request}/", "writer"),
        ("API series list", "/api/v1/series/", "writer"),
        ("API review requests", "/api/v1/reviews/requests/", "writer"),
    ]  # fmt: skip


FLOOR = ("floor: GET /api/v1/me/", "/api/v1/me/", "writer")


def in_process(targets, runs: int) -> dict:
    """The read page and the score report of a 100-episode series, through Django's test
    client in this process (no network, no gunicorn): median of `runs` after two warm-ups."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=targets.desk_writer))
    results = {}
    for name, url in (
        ("read page", f"/scripts/{targets.big_series}/read/"),
        ("score report", f"/reviews/requests/{targets.report_request}/"),
    ):
        timings = []
        for run in range(runs + 2):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"in process: {url} answered {response.status_code}")
            if run >= 2:
                timings.append(time.perf_counter() - started)
        results[name] = {
            "url": url,
            "median_ms": round(statistics.median(timings) * 1000, 1),
            "min_ms": round(min(timings) * 1000, 1),
            "queries": len(queries),
            "runs": runs,
        }
    return results


def data_summary(targets) -> dict:
    from django.db import connection

    from accounts.models import User
    from reviews.models import LineNote, ReviewAssignment, ReviewRequest
    from scripts_app.models import Revision, ScriptChunk, Series

    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_database_size(current_database())")
        version, size = cursor.fetchone()
    return {
        "users": User.objects.count(),
        "series": Series.objects.count(),
        "revisions": Revision.objects.count(),
        "chunks": ScriptChunk.objects.count(),
        "review_requests": ReviewRequest.objects.count(),
        "assignments": ReviewAssignment.objects.count(),
        "line_notes": LineNote.objects.count(),
        "desk_writer_series": Series.objects.filter(owner__email=targets.desk_writer).count(),
        "long_series_revisions": targets.last_revision,
        "busy_reviewer_assignments": ReviewAssignment.objects.filter(reviewer__email=targets.busy_reviewer).count(),
        "database_size_mb": round(size / 2**20),
        "postgresql": version.split(" on ")[0],
    }  # fmt: skip


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install -y wrk")
    env = settings_env(args)
    seeded = prepare_database(args, env)
    if seeded is None and Path(args.out).exists():  # reused: keep the time it took to seed
        previous = json.loads(Path(args.out).read_text()).get("data", {})
        seeded = previous.get("seeded_in_s") if previous.get("database") == args.db else None
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from seeds.scale import SCALE_PASSWORD, bench_targets

    try:
        targets = bench_targets()
    except LookupError as error:
        sys.exit(f"{error} (database {args.db!r})")
    in_process_results = in_process(targets, args.runs)
    data = data_summary(targets)
    connection.close()

    handle, script = tempfile.mkstemp(prefix="wrk-report-", suffix=".lua")
    with os.fdopen(handle, "w") as lua:
        lua.write(WRK_REPORT)
    server = Server(args, env)
    try:
        cookies = {
            "writer": sign_in(server.base, targets.desk_writer, SCALE_PASSWORD),
            "reviewer": sign_in(server.base, targets.busy_reviewer, SCALE_PASSWORD),
        }
        chosen = pages(targets)
        if args.only:
            # Names are separated by ";" (one has a comma: "series list, all"), or by ","
            # when none has.
            separator = ";" if ";" in args.only else ","
            wanted = {name.strip() for name in args.only.split(separator)} | {args.only.strip()}
            chosen = [page for page in chosen if page[0] in wanted]
        # Every URL must answer 200 before anything is measured; a slow page gets a
        # longer run so that it completes enough requests.
        durations, settle, failures = {}, {}, []
        for name, url, who in [FLOOR, *chosen]:
            status, seconds, size = fetch(server.base, url, cookies[who])
            status, seconds, size = fetch(server.base, url, cookies[who])  # warm
            if status != 200:
                failures.append(f"{name} {url} as the {who}: {status}")
            # A sync worker finishes the request wrk abandoned at the end of a run: wait
            # for it before the next run, or the floor after a slow page is measured short.
            settle[name] = min(60.0, 0.3 + 1.5 * seconds)
            durations[name] = min(
                args.max_duration, max(args.duration, 10 * seconds / args.connections)
            )
            print(
                f"  {name:<24} {status} {seconds * 1000:9.1f} ms {size:>9,} bytes  {url}",
                flush=True,
            )
        if failures:
            raise SystemExit("Pages that do not answer 200:\n  " + "\n  ".join(failures))
        runs: dict[str, list[dict]] = {name: [] for name, _u, _w in chosen}
        floors: dict[str, list[dict]] = {name: [] for name, _u, _w in chosen}
        for round_number in range(1, args.rounds + 1):
            for name, url, who in chosen:
                floor = run_wrk(
                    args, server.base, FLOOR[1], cookies[FLOOR[2]], args.duration, script
                )
                time.sleep(settle[FLOOR[0]])
                page = run_wrk(args, server.base, url, cookies[who], durations[name], script)
                time.sleep(settle[name])
                floors[name].append(floor)
                runs[name].append(page)
                print(
                    f"round {round_number} {name:<24} {page['rps']:8.2f} req/s p50 {_ms(page['p50_ms']):>8} ms"
                    f"  (floor {floor['rps']:.1f} req/s)  ratio {page['rps'] / floor['rps']:.3f}",
                    flush=True,
                )
    finally:
        server.stop()
        os.unlink(script)

    def median(values: list[float | None], digits: int = 2) -> float | None:
        known = [v for v in values if v is not None]
        return round(statistics.median(known), digits) if known else None

    results = []
    for name, url, who in chosen:
        ratios = [p["rps"] / f["rps"] for p, f in zip(runs[name], floors[name], strict=True)]
        results.append(
            {
                "page": name, "url": url, "as": who,
                "rps": median([r["rps"] for r in runs[name]], 3),
                "p50_ms": median([r["p50_ms"] for r in runs[name]]),
                "p95_ms": median([r["p95_ms"] for r in runs[name]]),
                "ratio": median(ratios, 4),
                "floor_rps": median([f["rps"] for f in floors[name]]),
                "requests": sum(r["requests"] for r in runs[name]),
                "seconds_per_run": round(durations[name], 1),
                "rounds": [
                    {**page, "floor_rps": floor["rps"], "ratio": round(ratio, 4)}
                    for page, floor, ratio in zip(runs[name], floors[name], ratios, strict=True)
                ],
            }
        )  # fmt: skip
    all_floors = [f for name in floors for f in floors[name]]
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "what": "page requests/s ÷ floor requests/s (GET /api/v1/me/, run just before it), medians over rounds",
        "machine": {
            "cpus": os.cpu_count(), "python": platform.python_version(),
            "note": "2 cores shared with other work; compare ratios, not absolute requests/s",
            "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(" [")[0],
        },
        "server": {
            "gunicorn_workers": args.workers, "worker_class": "sync", "settings": "config.settings.base",
            "debug": False, "conn_max_age": 60, "cache": "redis" if args.redis_url else "per-process memory",
        },
        "load": {"tool": "wrk", "connections": args.connections, "threads": args.connections,
                 "seconds_per_run": args.duration, "rounds": args.rounds},
        "data": {**data, "database": args.db, "seeded_in_s": round(seeded, 1) if seeded else None},
        "floor": {
            "url": FLOOR[1], "rps": median([f["rps"] for f in all_floors]),
            "p50_ms": median([f["p50_ms"] for f in all_floors]),
            "p95_ms": median([f["p95_ms"] for f in all_floors]),
        },
        "pages": results,
        "in_process": in_process_results,
        "targets": {
            "ratio_at_least": TARGET_RATIO, "p50_ms_at_most": TARGET_P50_MS,
            "in_process_ms_at_most": TARGET_IN_PROCESS_MS,
            "pages_below_ratio": [r["page"] for r in results if r["ratio"] < TARGET_RATIO],
            "pages_over_p50": [r["page"] for r in results if (r["p50_ms"] or float("inf")) > TARGET_P50_MS],
            "in_process_over": [n for n, r in in_process_results.items() if r["median_ms"] > TARGET_IN_PROCESS_MS],
        },
    }  # fmt: skip
    report["targets"]["met"] = not any(
        report["targets"][k] for k in ("pages_below_ratio", "pages_over_p50", "in_process_over")
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"\nfloor {report['floor']['rps']:.1f} req/s (p50 {report['floor']['p50_ms']} ms)")
    print(f"{'page':<24} {'req/s':>8} {'p50 ms':>9} {'p95 ms':>9} {'ratio':>7}")
    for r in results:
        print(
            f"{r['page']:<24} {r['rps']:8.2f} {_ms(r['p50_ms']):>9} {_ms(r['p95_ms']):>9} {r['ratio']:7.4f}"
        )
    for name, r in in_process_results.items():
        print(f"in process: {name} {r['median_ms']} ms ({r['queries']} queries)")
    print(f"targets met: {report['targets']['met']}; written to {out}")


if __name__ == "__main__":
    main()
