"""Course lists: the query count must not grow with courses, cohorts or members."""

import pytest

from courses.services.cohorts import enrol_self
from tests.courses.support import make_cohort, make_course
from tests.support.factories import UserFactory
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("courses:catalogue")
def test_the_catalogue(client):
    assert_constant_queries(
        lambda k: [make_cohort() for _ in range(k)], lambda: client.get("/courses/"), expected=5
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
        expected=11,  # +2 for lessons: each student's lessons done, the lessons released
        rows=lambda response: len(response.context["members"]),
    )
    assert_constant_queries(
        join,
        lambda: client.get(cohort.get_absolute_url()),
        expected=11,  # +1 for lessons: the latest announcements
        bounded=True,
    )
