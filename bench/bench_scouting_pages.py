"""Scouting pages at scale under gunicorn: the search page, a listed series as scouts see
it and a studio's shortlist, against the trivial signed-in view in the same run.

Not a test. Runs against a PostgreSQL database that already holds the scale set
(`manage.py seed_scale`: 100,000 listed series, 200 studios) and migrates it first:

    .venv/bin/python bench/bench_scouting_pages.py --db microdrama_search

It signs in the admin of the scale set's first studio (a scout of it) through the real
sign-in form, gives that studio a shortlist of 50 listed series with a note each (made
once, through the services), checks every page answers 200, then measures each page with
wrk (2 connections) right after the floor (GET /api/v1/me/), for several rounds, as
bench/bench_pages.py does (its server, sign-in and wrk helpers). Medians and the ratio
page req/s / floor req/s go to bench/results/scouting_pages.json.

Target (issue 14): every page serves at least 35 % of the floor's requests per second.
Needs wrk (apt-get install -y wrk).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import bench_pages  # noqa: E402

TARGET_RATIO = 0.35
SHORTLIST_NAME = "bench: 50 series"
SHORTLIST_SIZE = 50


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="microdrama_search", help="database (default %(default)s)")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk run")
    parser.add_argument("--max-duration", type=float, default=60.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--out", default=str(ROOT / "bench/results/scouting_pages.json"))
    return parser.parse_args()


def prepare(env: dict[str, str]) -> dict:
    """Migrate, then find the scout and the pages' objects (making the shortlist once)."""
    bench_pages.manage("migrate", "--no-input", "-v", "0", env=env)
    bench_pages.manage("collectstatic", "--no-input", "-v", "0", env=env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from accounts.models import Membership, MembershipRole, OrganisationKind
    from scouting.models import Listing, ListingStatus, Shortlist
    from scouting.services.shortlists import entry_add, note_add, shortlist_create
    from seeds.scale import SCALE_DOMAIN
    from taxonomy.models import Term

    admin = (
        Membership.objects.filter(
            role=MembershipRole.ADMIN,
            organisation__kind=OrganisationKind.STUDIO,
            user__email__endswith=f"@{SCALE_DOMAIN}",
        )
        .select_related("user", "organisation")
        .order_by("organisation__slug")
        .first()
    )
    if admin is None:
        sys.exit("No scale set with studios here: run manage.py seed_scale first.")
    scout, studio = admin.user, admin.organisation
    listed = Listing.objects.filter(status=ListingStatus.LISTED)
    shortlist = Shortlist.objects.filter(studio=studio, name=SHORTLIST_NAME).first()
    if shortlist is None:
        shortlist = shortlist_create(actor=scout, studio=studio, name=SHORTLIST_NAME)
        for listing in listed.exclude(synopsis="").order_by("-score", "pk")[:SHORTLIST_SIZE]:
            entry = entry_add(actor=scout, shortlist=shortlist, listing=listing)
            note_add(actor=scout, entry=entry, body="值得一读：节奏紧，卡点清楚。")
    listing = listed.exclude(synopsis="").exclude(sample_text="").order_by("pk").first()
    theme = Term.objects.filter(kind="theme", is_active=True).order_by("position").first()
    summary = {
        "listed_series": listed.count(),
        "studios": Membership.objects.filter(organisation__kind=OrganisationKind.STUDIO)
        .values("organisation")
        .distinct()
        .count(),
        "shortlist_entries": shortlist.entries.count(),
    }
    connection.close()
    search = "/scouting/?" + urlencode({"q": "非遗"})
    search_filtered = "/scouting/?" + urlencode({"q": "律师", "theme": theme.slug if theme else ""})
    return {
        "scout": scout.email,
        "data": summary,
        "pages": [
            ("search: 非遗", search),
            ("search: 律师 + a theme", search_filtered),
            ("search: no words, newest", "/scouting/?sort=newest"),
            ("listed series", f"/scouting/listings/{listing.pk}/"),
            ("shortlist of 50", f"/scouting/shortlists/{shortlist.pk}/"),
        ],
    }


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install -y wrk")
    env = bench_pages.settings_env(args)
    world = prepare(env)
    from seeds.scale import SCALE_PASSWORD

    handle, script = tempfile.mkstemp(prefix="wrk-report-", suffix=".lua")
    with os.fdopen(handle, "w") as lua:
        lua.write(bench_pages.WRK_REPORT)
    server = bench_pages.Server(args, env)
    floor_url = bench_pages.FLOOR[1]
    try:
        cookie = bench_pages.sign_in(server.base, world["scout"], SCALE_PASSWORD)
        durations, settle = {}, {}
        for name, url in [("floor", floor_url), *world["pages"]]:
            bench_pages.fetch(server.base, url, cookie)
            status, seconds, size = bench_pages.fetch(server.base, url, cookie)
            if status != 200:
                raise SystemExit(f"{name} {url} answered {status}")
            settle[name] = min(30.0, 0.3 + 1.5 * seconds)
            durations[name] = min(
                args.max_duration, max(args.duration, 10 * seconds / args.connections)
            )
            print(f"  {name:<26} {status} {seconds * 1000:8.1f} ms {size:>8,} bytes  {url}")
        runs: dict[str, list[dict]] = {name: [] for name, _ in world["pages"]}
        floors: dict[str, list[dict]] = {name: [] for name, _ in world["pages"]}
        for round_number in range(1, args.rounds + 1):
            for name, url in world["pages"]:
                floor = bench_pages.run_wrk(
                    args, server.base, floor_url, cookie, args.duration, script
                )
                time.sleep(settle["floor"])
                page = bench_pages.run_wrk(args, server.base, url, cookie, durations[name], script)
                time.sleep(settle[name])
                floors[name].append(floor)
                runs[name].append(page)
                print(
                    f"round {round_number} {name:<26} {page['rps']:8.2f} req/s "
                    f"p50 {page['p50_ms']} ms (floor {floor['rps']:.1f}) "
                    f"ratio {page['rps'] / floor['rps']:.3f}",
                    flush=True,
                )
    finally:
        server.stop()
        os.unlink(script)

    results = []
    for name, url in world["pages"]:
        ratios = [p["rps"] / f["rps"] for p, f in zip(runs[name], floors[name], strict=True)]
        results.append(
            {
                "page": name,
                "url": url,
                "rps": round(statistics.median(r["rps"] for r in runs[name]), 2),
                "p50_ms": statistics.median(r["p50_ms"] for r in runs[name]),
                "p95_ms": statistics.median(r["p95_ms"] for r in runs[name]),
                "floor_rps": round(statistics.median(f["rps"] for f in floors[name]), 2),
                "ratio": round(statistics.median(ratios), 3),
                "ratios": [round(r, 3) for r in ratios],
            }
        )
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "what": "page req/s ÷ floor req/s (GET /api/v1/me/ just before), medians over rounds",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1min": round(os.getloadavg()[0], 1),
        },  # fmt: skip
        "server": {"gunicorn_workers": args.workers, "settings": "config.settings.base"},
        "load": {"tool": "wrk", "connections": args.connections, "rounds": args.rounds},
        "data": {**world["data"], "database": args.db},
        "pages": results,
        "target_ratio": TARGET_RATIO,
        "pages_below_target": [r["page"] for r in results if r["ratio"] < TARGET_RATIO],
    }
    out = Path(args.out)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"\n{'page':<26} {'req/s':>8} {'p50 ms':>8} {'ratio':>7}")
    for r in results:
        print(f"{r['page']:<26} {r['rps']:8.2f} {r['p50_ms']:>8} {r['ratio']:7.3f}")
    print(f"below {TARGET_RATIO}: {report['pages_below_target'] or 'none'}; written to {out}")


if __name__ == "__main__":
    main()
