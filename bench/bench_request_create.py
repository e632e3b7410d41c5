"""Benchmark: ``review_request_create`` for one peer request among many writers.

Not a test. Builds a platform of ``--writers`` writers (20,000 by default) with
bulk_create, in a scratch database made for the run and dropped after it: organisations
(one large, with a tenth of the writers, and 200 small; 15 % of writers in none, 10 % in
two), 5 % of writers declaring a conflict of interest, 2 % opted out of peer review,
open reviews spread over the writers (0.8 each on average, loads 0–4) and a history of
finished reviews three times as long; then ANALYZE, as autovacuum would.

Then times ``review_request_create`` for a peer request of three reviews by writers in
the large organisation, cycling single-blind, double-blind and open, each call in a
transaction rolled back afterwards (so every call sees the same platform, and
notification delivery, which runs in Celery after commit, is not counted). Reports the
median and spread of ``--runs`` calls and the queries one call makes, and checks every
call assigned three reviewers. ``--busy`` first gives every writer an open review, so
no writer is idle and the slower path (ranking the busy writers) is measured.

``--baseline REF`` also runs ``review_request_create`` as it was at git ref ``REF`` (its
module and the assignment module it called, read from git) on the same platform,
interleaved with the current one (current, baseline, current, baseline …), and reports
both medians and their ratio, so machine noise moves both alike.

``--explain`` prints PostgreSQL's EXPLAIN ANALYZE of every query one call makes.

Writes bench/results/request_create.json. Run:
    .venv/bin/python bench/bench_request_create.py [--writers 20000] [--runs 15]
Set DATABASE_URL to measure on PostgreSQL (a database ``bench_request_create_<pid>`` is
created on that server and dropped); the default is a scratch SQLite file.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
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

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from git_baseline import assignment_at, module_at  # noqa: E402

from accounts.models import Membership, Organisation, Role, RoleGrant, User  # noqa: E402
from reviews.models import (  # noqa: E402
    AssignmentStatus,
    ConflictOfInterest,
    ReviewAssignment,
    ReviewerProfile,
    ReviewRequest,
    Rubric,
)
from reviews.services.credits import credit_add  # noqa: E402
from reviews.services.requests import review_request_create  # noqa: E402
from reviews.services.rubrics import version_for_use  # noqa: E402
from scripts_app.services.series import series_create  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "request_create.json"
SEED = 0
SMALL_ORGANISATIONS = 200
BLINDNESS = ("single", "double", "open")
TEXT = "第1集\n\n1-1 日 内 法院\n\n△法槌落下。\n\n林晚：我反对。\n"


def _bulk(model, rows: list, batch_size: int = 5000) -> list:
    return model.objects.bulk_create(rows, batch_size=batch_size)


def build(writers: int, rng: random.Random) -> list[User]:
    """The platform; returns the writers, ids ascending."""
    large, *small = _bulk(
        Organisation,
        [
            Organisation(kind="studio", slug=f"bench-{n}", name_zh=f"机构{n}", name_en=f"Org {n}")
            for n in range(SMALL_ORGANISATIONS + 1)
        ],
    )
    password = make_password(None)  # unusable; no hashing cost per row
    people = _bulk(
        User,
        [
            User(
                email=f"writer{n}@bench.example",
                display_name_zh=f"编剧{n}",
                display_name_en=f"Writer {n}",
                language="zh-hans",
                password=password,
            )
            for n in range(writers)
        ],
    )
    _bulk(RoleGrant, [RoleGrant(user=p, role=Role.WRITER) for p in people])
    memberships = []
    for person in people:
        roll = rng.random()
        if roll < 0.15:
            continue
        orgs = [large] if roll < 0.25 else [rng.choice(small)]
        if rng.random() < 0.1:
            orgs.append(rng.choice(small))
        memberships += [Membership(organisation=o, user=person) for o in set(orgs)]
    _bulk(Membership, memberships)
    _bulk(
        ConflictOfInterest,
        [
            ConflictOfInterest(reviewer=p, writer=rng.choice(people))
            for p in people
            if rng.random() < 0.05
        ],
    )
    _bulk(
        ReviewerProfile,
        [
            ReviewerProfile(user=p, accepts_peer_reviews=rng.random() >= 0.02)
            for p in people
            if rng.random() < 0.3
        ],
    )
    _open_reviews(people, rng)
    return people


def _open_reviews(people: list[User], rng: random.Random) -> None:
    """Reviews, so writers carry loads of 0–4: open ones (0.8 per writer on average) and
    a history of finished ones three times as long (submitted, declined, expired), as a
    platform accumulates."""
    version = version_for_use(Rubric.objects.get(is_default=True))
    due = timezone.now() + timedelta(days=7)
    requests = []
    for owner in rng.sample(people, 40):
        series = series_create(actor=owner, title=f"负载{owner.pk}", text=TEXT)
        requests += [
            ReviewRequest(
                series=series,
                revision=series.head,
                kind="peer",
                blindness="single",
                reviews_needed=3,
                rubric_version=version,
                requested_by=owner,
                due_at=due,
            )
            for _ in range(40)
        ]
    requests = _bulk(ReviewRequest, requests)
    finished = (AssignmentStatus.SUBMITTED, AssignmentStatus.DECLINED, AssignmentStatus.EXPIRED)
    per_request = max(1, 4 * len(people) // len(requests))
    assignments = []
    for request in requests:
        for position, reviewer in enumerate(rng.sample(people, per_request)):
            status = AssignmentStatus.ASSIGNED if rng.random() < 0.2 else rng.choice(finished)
            assignments.append(
                ReviewAssignment(
                    request=request,
                    reviewer=reviewer,
                    role="peer",
                    position=position,
                    status=status,
                    due_at=due,
                )
            )
    _bulk(ReviewAssignment, assignments)


def _everyone_busy(people: list[User]) -> None:
    """One more open review for every writer: nobody is idle."""
    owner = people[0]
    series = series_create(actor=owner, title="人人有活", text=TEXT)
    request = ReviewRequest.objects.create(
        series=series,
        revision=series.head,
        kind="peer",
        blindness="single",
        reviews_needed=3,
        rubric_version=version_for_use(Rubric.objects.get(is_default=True)),
        requested_by=owner,
        due_at=timezone.now() + timedelta(days=7),
    )
    _bulk(
        ReviewAssignment,
        [
            ReviewAssignment(request=request, reviewer=p, role="peer", due_at=request.due_at)
            for p in people[1:]
        ],
    )


def _series_to_review(people: list[User], count: int) -> list:
    large = Organisation.objects.get(slug="bench-0")
    owners = User.objects.filter(memberships__organisation=large).order_by("pk")[:count]
    made = []
    for owner in owners:
        made.append(series_create(actor=owner, title=f"待评{owner.pk}", text=TEXT))
        credit_add(user=owner, delta=1000, reason="grant")
    return made


def _call(create, series, blindness: str, version) -> tuple[float, int, list[str]]:
    """One call of ``create`` (a review_request_create), timed, in a transaction rolled
    back afterwards; returns the time, the queries it made and their SQL."""
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        started = time.perf_counter()
        request = create(
            actor=series.owner,
            series=series,
            revision=series.head,
            kind="peer",
            rubric_version=version,
            blindness=blindness,
            reviews_needed=3,
        )
        elapsed = time.perf_counter() - started
        assigned = request.assignments.count()
        assert assigned == 3, (blindness, assigned)
        transaction.set_rollback(True)
    return elapsed, len(captured) - 1, [q["sql"] for q in captured.captured_queries[:-1]]


def load_baseline(ref: str) -> Callable:
    """``review_request_create`` as it was at git ref ``ref``: its module
    (reviews/services/requests.py) and the assignment module it called, both read from
    git and run against today's models and helpers."""
    requests = module_at(ref, "reviews/services/requests.py", "baseline_requests")
    requests.matching = assignment_at(ref)
    return requests.review_request_create


def _explain(sqls: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in sqls:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN ANALYZE " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n{sql}\n{plan}")


def _summary(timings: dict[str, list[float]], queries: dict[str, int]) -> dict:
    every = [t for samples in timings.values() for t in samples]
    return {
        "median_ms": round(statistics.median(every) * 1000, 1),
        "min_ms": round(min(every) * 1000, 1),
        "max_ms": round(max(every) * 1000, 1),
        "runs": len(every),
        "by_blindness_median_ms": {
            b: round(statistics.median(s) * 1000, 1) for b, s in timings.items() if s
        },
        "queries": queries,
    }


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--writers", type=int, default=20_000)
    options.add_argument("--runs", type=int, default=15)
    options.add_argument("--explain", action="store_true")
    options.add_argument("--busy", action="store_true", help="no writer without open reviews")
    options.add_argument("--baseline", metavar="REF", help="git ref of the service to compare")
    args = options.parse_args(argv)
    contenders = {"current": review_request_create}
    if args.baseline:
        contenders["baseline"] = load_baseline(args.baseline)

    settings = connection.settings_dict
    settings["TEST"]["NAME"] = (
        str(scratch.with_name("test.sqlite3"))
        if connection.vendor == "sqlite"
        else f"bench_request_create_{os.getpid()}"
    )
    original = settings["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        rng = random.Random(SEED)
        started = time.perf_counter()
        people = build(args.writers, rng)
        to_review = _series_to_review(people, 3)
        if args.busy:
            _everyone_busy(people)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them live
        built_s = time.perf_counter() - started
        version = version_for_use(Rubric.objects.get(is_default=True))
        for create in contenders.values():  # warm-up: one of each blindness
            for series in to_review:
                _call(create, series, BLINDNESS[series.pk % 3], version)
        load_before = os.getloadavg()[0]
        timings = {name: {b: [] for b in BLINDNESS} for name in contenders}
        queries: dict[str, dict[str, int]] = {name: {} for name in contenders}
        for run in range(args.runs):
            blindness = BLINDNESS[run % 3]
            for name, create in contenders.items():  # interleaved: current, baseline, …
                elapsed, count, sqls = _call(create, to_review[run % 3], blindness, version)
                timings[name][blindness].append(elapsed)
                queries[name][blindness] = count
                if args.explain and name == "current" and run < 3:
                    _explain(sqls)
        result = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "database": connection.vendor,
            # Other work on the machine slows both contenders alike; this says how much.
            "load_average_1min": [round(load_before, 1), round(os.getloadavg()[0], 1)],
            "cpus": os.cpu_count(),
            "writers": args.writers,
            "every_writer_busy": args.busy,
            "idle_writers": User.objects.exclude(
                review_assignments__status=AssignmentStatus.ASSIGNED
            ).count(),
            "memberships": Membership.objects.count(),
            "open_reviews": ReviewAssignment.objects.filter(status="assigned").count(),
            "finished_reviews": ReviewAssignment.objects.exclude(status="assigned").count(),
            "build_s": round(built_s, 1),
            "review_request_create": _summary(timings["current"], queries["current"]),
        }
        if args.baseline:
            baseline = _summary(timings["baseline"], queries["baseline"])
            result["baseline"] = {"ref": args.baseline, "review_request_create": baseline}
            result["speedup"] = round(
                baseline["median_ms"] / result["review_request_create"]["median_ms"], 1
            )
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
    print(json.dumps(result, indent=2))
    if not args.explain:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        key = f"{result['database']}_{args.writers}" + ("_busy" if args.busy else "")
        existing[key] = result
        RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
