"""Benchmark: opening a cohort's peer review at the due date, 1,000 submissions, k = 3.

Not a test. In a scratch database (SQLite by default; set DATABASE_URL for PostgreSQL: a
database ``bench_course_peers_<pid>`` is made there and dropped), builds one cohort with
``--submissions`` students, each with a series and a submission to one assignment that asks
for ``--k`` peer reviews (bulk inserts), then times `courses.services.peer_review.
peer_review_start` once: a double-blind peer request per submission through the review
app's service (no credits), the review app's assignment over the submitters, and the
assignments written through the review app's rules. Notifications are queued for a worker
as in production (an in-memory broker), so their delivery is not in the time. It checks the outcome (everyone
reviews k and receives k, nobody reviews their own work) and reports the time, the
queries and the time of the assignment step alone.

Writes bench/results/course_peer_review.json (one entry per database vendor). Run:
    .venv/bin/python bench/bench_course_peer_review.py [--submissions 1000] [--k 3]
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scratch = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# As in production, the notifications it sends are queued for a worker (an in-memory broker
# here), not delivered inside the timed call; set CELERY_BROKER_URL="" to deliver inline.
os.environ.setdefault("CELERY_BROKER_URL", "memory://")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import Membership, MembershipRole, Organisation, Role, RoleGrant, User  # noqa: E402
from courses.models import Assignment, CohortMember, CohortRole, Submission, SubmissionAuthor  # noqa: E402
from courses.services import peer_review  # noqa: E402
from courses.services.cohorts import cohort_create, cohort_move, course_create  # noqa: E402
from reviews.assignment import peers  # noqa: E402
from reviews.models import ReviewAssignment  # noqa: E402
from scripts_app.services.series import series_create  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "course_peer_review.json"
TEXT = "第1集 开场\n1-1 日 内 法院\n△法槌落下。\n林晚：我反对。\n【卡点】门开了。\n"


def build(count: int, k: int) -> Assignment:
    password = make_password("bench-password")
    university = Organisation.objects.create(kind="university", slug="u", name_zh="学院")
    teacher = User.objects.create(email="teacher@bench.example", password=password)
    RoleGrant.objects.create(user=teacher, role=Role.EDUCATOR)
    Membership.objects.create(organisation=university, user=teacher, role=MembershipRole.ADMIN)
    course = course_create(actor=teacher, slug="bench", university=university,
                           title_zh="微短剧编剧基础", language="zh-hans", level="intro")  # fmt: skip
    cohort = cohort_create(actor=teacher, course=course, name_zh="春季", starts_on=date(2027, 3, 1),
                           ends_on=date(2027, 6, 30), capacity=count + 10)  # fmt: skip
    cohort_move(actor=teacher, cohort=cohort, move="open")
    students = User.objects.bulk_create(
        User(email=f"s{i}@bench.example", password=password, display_name_zh=f"学员{i}")
        for i in range(count)
    )
    CohortMember.objects.bulk_create(
        CohortMember(cohort=cohort, user=s, role=CohortRole.STUDENT) for s in students
    )
    heads = [
        series_create(actor=s, title=f"剧{i}", text=TEXT + str(i)).head
        for i, s in enumerate(students)
    ]
    assignment = Assignment.objects.create(
        cohort=cohort, title_zh="作业", brief="写。", author=teacher,
        due_at=datetime.now(UTC) - timedelta(hours=1), peer_reviewers=k,
    )  # fmt: skip
    submissions = Submission.objects.bulk_create(
        Submission(assignment=assignment, series_id=h.series_id, revision=h, submitted_by=s, checks=[])
        for s, h in zip(students, heads, strict=True)
    )  # fmt: skip
    SubmissionAuthor.objects.bulk_create(
        SubmissionAuthor(submission=sub, user_id=sub.submitted_by_id) for sub in submissions
    )
    return assignment


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--submissions", type=int, default=1000)
    options.add_argument("--k", type=int, default=3)
    args = options.parse_args(argv)
    settings = connection.settings_dict
    settings["TEST"]["NAME"] = (
        str(scratch.with_name("test.sqlite3"))
        if connection.vendor == "sqlite"
        else f"bench_course_peers_{os.getpid()}"
    )
    original = settings["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    assign_seconds: list[float] = []
    real_assign = peers.assign

    def timed_assign(*a, **kw):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = real_assign(*a, **kw)
        assign_seconds.append(time.perf_counter() - started)
        return result

    peer_review.peers.assign = timed_assign  # type: ignore[attr-defined]
    try:
        started = time.perf_counter()
        assignment = build(args.submissions, args.k)
        built = time.perf_counter() - started
        queries = [0]

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            queries[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            assigned = peer_review.peer_review_start(actor=None, assignment=assignment)
            elapsed = time.perf_counter() - started
        rows = list(
            ReviewAssignment.objects.filter(
                request__course_submission__assignment=assignment
            ).values_list("reviewer_id", "request__course_submission__submitted_by_id")
        )
        given = Counter(reviewer for reviewer, _writer in rows)
        result = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "database": connection.vendor,
            "cpus": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 1),
            "submissions": args.submissions,
            "k": args.k,
            "build_s": round(built, 1),
            "start_peer_review_s": round(elapsed, 2),
            "assignment_step_s": round(sum(assign_seconds), 3),
            "queries": queries[0],
            "reviews_assigned": assigned,
            "every_submitter_reviews_k": set(given.values()) == {args.k},
            "nobody_reviews_own_work": all(r != w for r, w in rows),
        }
    finally:
        peer_review.peers.assign = real_assign  # type: ignore[attr-defined]
        connection.creation.destroy_test_db(original, verbosity=0)
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[connection.vendor] = result
    RESULTS.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
