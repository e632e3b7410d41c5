"""Benchmark: a cohort's gradebook and the grader view at 500 students x 10 assignments.

Not a test. In a scratch database (SQLite by default; set DATABASE_URL for PostgreSQL, a
database ``bench_gradebook_<pid>`` is made there and dropped), builds one cohort with
``--students`` students and ``--assignments`` assignments, every student's submission to
every assignment (one revision each) and an instructor's grade of each, with bulk inserts;
then times, in process with Django's test client signed in as the instructor:

- the gradebook page (every row and cell, the final grades after lateness),
- the gradebook's CSV export,
- the grader view of one submission (the script beside the rubric, next and previous),

as the median of ``--runs`` requests after two warm-ups, with each one's query count.
Target (the issue's): under 300 ms for the gradebook at 500 x 10, on SQLite and PostgreSQL.

Writes bench/results/gradebook.json (one entry per database vendor). Run:
    .venv/bin/python bench/bench_gradebook.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_gradebook.py
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
from datetime import UTC, date, datetime, timedelta
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Membership, MembershipRole, Organisation, Role, RoleGrant, User  # noqa: E402
from courses.models import (  # noqa: E402
    Assignment,
    CohortMember,
    CohortRole,
    Grade,
    Submission,
    SubmissionAuthor,
)
from courses.services.cohorts import cohort_create, cohort_move, course_create  # noqa: E402
from courses.services.grading import grade_points, rubric_version_for  # noqa: E402
from scripts_app.services.series import series_create  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "gradebook.json"
TEXT = "第1集 开场\n1-1 日 内 法院\n△法槌落下。\n林晚：我反对。\n【卡点】门开了。\n"


def build(students: int, assignments: int):  # type: ignore[no-untyped-def]
    rng = random.Random(0)
    password = make_password("bench-password")
    university = Organisation.objects.create(kind="university", slug="u", name_zh="华东影视学院")
    studio = Organisation.objects.create(kind="studio", slug="s", name_zh="星河短剧")
    teacher = User.objects.create(email="teacher@bench.example", password=password,
                                  display_name_zh="教师", display_name_en="Teacher")  # fmt: skip
    RoleGrant.objects.create(user=teacher, role=Role.EDUCATOR)
    Membership.objects.create(organisation=university, user=teacher, role=MembershipRole.ADMIN)
    course = course_create(actor=teacher, slug="bench", university=university, studio=studio,
                           title_zh="微短剧编剧基础", language="zh-hans", level="intro")  # fmt: skip
    cohort = cohort_create(actor=teacher, course=course, name_zh="春季", starts_on=date(2027, 3, 1),
                           ends_on=date(2027, 6, 30), capacity=students + 10)  # fmt: skip
    cohort_move(actor=teacher, cohort=cohort, move="open")
    people = User.objects.bulk_create(
        User(email=f"s{i}@bench.example", password=password, display_name_zh=f"学员{i:04d}",
             display_name_en=f"Student {i}")
        for i in range(students)
    )  # fmt: skip
    CohortMember.objects.bulk_create(
        CohortMember(cohort=cohort, user=person, role=CohortRole.STUDENT) for person in people
    )
    # One series per student, saved through the service (so its revision is real).
    heads = [
        series_create(actor=person, title=f"剧{i}", text=TEXT).head
        for i, person in enumerate(people)
    ]
    now = datetime.now(UTC)
    tasks = Assignment.objects.bulk_create(
        Assignment(cohort=cohort, title_zh=f"作业{n}", brief="写。", author=teacher,
                   due_at=now - timedelta(days=30 - n), points=100)
        for n in range(assignments)
    )  # fmt: skip
    version = rubric_version_for(tasks[0])
    keys = [c.key for c in version.criteria.all()]
    submissions = Submission.objects.bulk_create(
        Submission(assignment=task, series_id=head.series_id, revision=head, submitted_by=person,
                   late_days=rng.choice([0, 0, 0, 1, 2]), checks=[])
        for task in tasks for person, head in zip(people, heads, strict=True)
    )  # fmt: skip
    SubmissionAuthor.objects.bulk_create(
        SubmissionAuthor(submission=submission, user_id=submission.submitted_by_id)
        for submission in submissions
    )
    grades = []
    for submission in submissions:
        scores = {key: rng.randint(4, 10) for key in keys}
        grades.append(Grade(submission=submission, grader=teacher, rubric_version=version,
                            scores=scores, points=grade_points(tasks[0], version, scores)))  # fmt: skip
    Grade.objects.bulk_create(grades, batch_size=2_000)
    return cohort, teacher, submissions[len(submissions) // 2]


def measure(client: Client, url: str, runs: int) -> dict:
    for _ in range(2):
        assert client.get(url).status_code == 200
    timings = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200
        queries = len(captured)
    return {"median_ms": round(statistics.median(timings) * 1000, 1),
            "max_ms": round(max(timings) * 1000, 1), "queries": queries,
            "bytes": len(response.content)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--students", type=int, default=500)
    options.add_argument("--assignments", type=int, default=10)
    options.add_argument("--runs", type=int, default=11)
    args = options.parse_args(argv)
    settings = connection.settings_dict
    settings["TEST"]["NAME"] = (
        str(scratch.with_name("test.sqlite3"))
        if connection.vendor == "sqlite"
        else f"bench_gradebook_{os.getpid()}"
    )
    original = settings["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        cohort, teacher, middle = build(args.students, args.assignments)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built = time.perf_counter() - started
        client = Client()
        client.force_login(teacher)
        base = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/gradebook/"
        result = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 1),
            "students": args.students,
            "assignments": args.assignments,
            "build_s": round(built, 1),
            "gradebook": measure(client, base, args.runs),
            "gradebook_csv": measure(client, base + "?format=csv", args.runs),
            "grader_view": measure(client, f"/courses/submissions/{middle.pk}/grade/", args.runs),
            "target_ms": 300,
        }
        result["target_met"] = result["gradebook"]["median_ms"] < 300
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[connection.vendor] = result
    RESULTS.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
