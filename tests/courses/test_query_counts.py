"""Course lists: the query count must not grow with courses, cohorts or members."""

import pytest

from courses.services.cohorts import enrol_self
from tests.courses.support import make_cohort, make_course
from tests.support.factories import UserFactory
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("courses:catalogue", "api-courses")
def test_the_catalogue(client, api_client):
    assert_constant_queries(
        lambda k: [make_cohort() for _ in range(k)], lambda: client.get("/courses/"), expected=5
    )
    assert_constant_queries(
        lambda k: [make_cohort() for _ in range(k)],
        lambda: api_client.get("/api/v1/courses/"),
        expected=3,
    )


@pytest.mark.measures("courses:course_detail")
def test_a_courses_cohorts(client):
    course, teacher = make_course()
    client.force_login(teacher)

    def more(k):
        for _ in range(k):
            make_cohort(course=course)

    assert_constant_queries(
        more,
        lambda: client.get(course.get_absolute_url()),
        expected=7,
        rows=lambda response: len(response.context["cohorts"]),
    )


@pytest.mark.measures("courses:cohort_roster", "courses:cohort_detail")
def test_a_cohorts_roster_and_page(client):
    cohort, teacher = make_cohort(capacity=100, mode="open")
    client.force_login(teacher)

    def join(k):
        for _ in range(k):
            enrol_self(actor=UserFactory(), cohort=cohort)

    assert_constant_queries(
        join,
        lambda: client.get(cohort.get_absolute_url() + "roster/"),
        expected=10,  # +1 for lessons (the lessons released); lessons done come with the roster
        rows=lambda response: len(response.context["members"]),
    )
    assert_constant_queries(
        join,
        lambda: client.get(cohort.get_absolute_url()),
        expected=11,  # +1 for lessons: the latest announcements
        bounded=True,
    )


@pytest.mark.measures("api-cohort-members", "api-cohort-enrolments")
def test_the_roster_and_the_waiting_people_through_the_api(api_client):
    from courses.models import CohortRole
    from courses.services.cohorts import staff_add
    from courses.services.lessons import lesson_mark
    from tests.courses.lesson_support import make_lesson, running_cohort

    cohort, teacher = running_cohort(capacity=100)
    lesson = make_lesson(cohort, teacher)
    api_client.force_authenticate(teacher)

    def join(k):
        for _ in range(k):
            student = UserFactory()
            enrol_self(actor=student, cohort=cohort)
            lesson_mark(actor=student, lesson=lesson, done=True)
            staff_add(actor=teacher, cohort=cohort, user=UserFactory(), role=CohortRole.MENTOR)

    assert_constant_queries(
        join, lambda: api_client.get(f"/api/v1/cohorts/{cohort.pk}/members/"), expected=6
    )
    applying, teacher = make_cohort(capacity=100, mode="application")
    api_client.force_authenticate(teacher)
    assert_constant_queries(
        lambda k: [enrol_self(actor=UserFactory(), cohort=applying) for _ in range(k)],
        lambda: api_client.get(f"/api/v1/cohorts/{applying.pk}/enrolments/"),
        expected=5,
    )


@pytest.mark.measures(
    "courses:assignment_list", "courses:assignment_detail", "api-cohort-assignments"
)
def test_assignments_and_their_submissions(client, api_client):
    from courses.services.assignments import submit
    from tests.courses.support import enrolled, make_assignment
    from tests.support.factories import make_series

    cohort, teacher = make_cohort(capacity=100)
    client.force_login(teacher)
    base = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/assignments/"
    assert_constant_queries(
        lambda k: [make_assignment(cohort, teacher) for _ in range(k)],
        lambda: client.get(base),
        expected=7,
        rows=lambda response: len(response.context["assignments"]),
    )
    api_client.force_authenticate(teacher)
    assert_constant_queries(
        lambda k: [make_assignment(cohort, teacher) for _ in range(k)],
        lambda: api_client.get(f"/api/v1/cohorts/{cohort.pk}/assignments/"),
        expected=5,
    )
    assignment = make_assignment(cohort, teacher)

    def submit_more(k):
        for _ in range(k):
            student = enrolled(cohort)
            submit(
                actor=student,
                assignment=assignment,
                revision=make_series(owner=student).head,
            )

    assert_constant_queries(
        submit_more,
        lambda: client.get(f"{base}{assignment.pk}/"),
        expected=10,
        rows=lambda response: len(response.context["submissions"]),
    )


@pytest.mark.measures("courses:gradebook", "api-cohort-gradebook")
def test_the_gradebook_does_not_grow_with_students_or_assignments(client, api_client):
    from courses.services.assignments import submit
    from courses.services.grading import grade_save, rubric_version_for
    from tests.courses.support import enrolled, make_assignment
    from tests.support.factories import make_series

    cohort, teacher = make_cohort(capacity=200)
    client.force_login(teacher)
    assignments = [make_assignment(cohort, teacher) for _ in range(2)]
    scores = {c.key: 7 for c in rubric_version_for(assignments[0]).criteria.all()}

    def more(k):
        assignments.append(make_assignment(cohort, teacher))
        for _ in range(k):
            student = enrolled(cohort)
            revision = make_series(owner=student).head
            for assignment in assignments:
                submission = submit(actor=student, assignment=assignment, revision=revision)
                grade_save(actor=teacher, submission=submission, scores=scores)

    assert_constant_queries(
        more,
        lambda: client.get(f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/gradebook/"),
        expected=9,
        rows=lambda response: len(response.context["rows"]),
    )
    api_client.force_authenticate(teacher)
    assert_constant_queries(
        more,
        lambda: api_client.get(f"/api/v1/cohorts/{cohort.pk}/gradebook/"),
        expected=7,
        rows=lambda response: response.json()["count"],
    )


def test_the_grader_view_does_not_grow_with_the_submissions(client):
    from courses.services.assignments import submit
    from tests.courses.support import enrolled, make_assignment
    from tests.support.factories import make_series
    from tests.support.queries import capture_queries

    cohort, teacher = make_cohort(capacity=200)
    assignment = make_assignment(cohort, teacher)
    client.force_login(teacher)
    first = None

    def submit_more(k):
        nonlocal first
        for _ in range(k):
            student = enrolled(cohort)
            made = submit(
                actor=student, assignment=assignment, revision=make_series(owner=student).head
            )
            first = first or made

    counts = []
    for k in (3, 3):
        submit_more(k)
        client.get(f"/courses/submissions/{first.pk}/grade/")  # warm
        with capture_queries() as captured:
            assert client.get(f"/courses/submissions/{first.pk}/grade/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


@pytest.mark.measures(
    "courses:grade_submission", "courses:submission_detail", "api-submission-notes"
)
def test_a_submissions_line_notes_do_not_add_queries(client, api_client):
    from courses.services.assignments import submit
    from courses.services.grading import grader_note_add, grades_release
    from tests.courses.support import enrolled, make_assignment
    from tests.courses.test_assignments import THREE
    from tests.support.factories import make_series

    cohort, teacher = make_cohort(capacity=20)
    assignment = make_assignment(cohort, teacher)
    student = enrolled(cohort)
    submission = submit(
        actor=student, assignment=assignment, revision=make_series(owner=student, text=THREE).head
    )

    def more(k):
        for i in range(k):
            grader_note_add(actor=teacher, submission=submission, line=4 + 6 * (i % 3), body="再紧")

    client.force_login(teacher)
    assert_constant_queries(
        more,
        lambda: client.get(f"/courses/submissions/{submission.pk}/grade/"),
        expected=16,
        rows=lambda response: len(response.context["notes"]),
    )
    api_client.force_authenticate(teacher)
    assert_constant_queries(
        more,
        lambda: api_client.get(f"/api/v1/submissions/{submission.pk}/notes/"),
        expected=6,
        rows=lambda response: response.json()["count"],
    )
    grades_release(actor=teacher, assignment=assignment)
    client.force_login(student)
    assert_constant_queries(
        more,
        lambda: client.get(f"/courses/submissions/{submission.pk}/"),
        expected=11,
        rows=lambda response: len(response.context["notes"]),
    )
