"""Certificate lists: the query count must not grow with students or certificates.

(In a package of its own so that it merges beside tests/courses/test_query_counts.py,
which other course features extend at the same time.)"""

import pytest

from courses.services.certificates import certificate_issue
from courses.services.cohorts import enrol_self
from tests.courses.certificate_support import cohort_with_students, completion_rule
from tests.support.factories import UserFactory
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _grow(cohort, teacher):
    def more(k):
        for _ in range(k):
            student = UserFactory()
            enrol_self(actor=student, cohort=cohort)
            certificate_issue(actor=teacher, cohort=cohort, student=student)
            enrol_self(actor=UserFactory(), cohort=cohort)  # and one without a certificate

    return more


@pytest.mark.measures("courses:cohort_certificates")
def test_a_cohorts_certificates_page(client):
    cohort, teacher, _students = cohort_with_students(0)
    client.force_login(teacher)

    with completion_rule({}):  # a registered rule is called once, not once per student
        assert_constant_queries(
            _grow(cohort, teacher),
            lambda: client.get(f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/"),
            # +4: the required-assignments rule reads the gradebook (four queries); +1: lessons.
            expected=12,
            rows=lambda response: len(response.context["rows"]),
        )


@pytest.mark.measures("api-cohort-certificates")
def test_a_cohorts_certificates_endpoint(client):
    cohort, teacher, _students = cohort_with_students(0)
    client.force_login(teacher)

    assert_constant_queries(
        _grow(cohort, teacher),
        lambda: client.get(
            f"/api/v1/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/"
        ),
        expected=11,  # +4 for the required-assignments rule, +1 for the lessons rule
    )


@pytest.mark.measures("courses:my_certificates", "api-certificates")
def test_my_certificates_page_and_endpoint(client):
    student = UserFactory()
    client.force_login(student)

    def more(k):
        for _ in range(k):
            cohort, teacher, _ = cohort_with_students(0)
            enrol_self(actor=student, cohort=cohort)
            certificate_issue(actor=teacher, cohort=cohort, student=student)

    assert_constant_queries(
        more,
        lambda: client.get("/courses/certificates/mine/"),
        expected=4,
        rows=lambda response: len(response.context["certificates"]),
    )
    assert_constant_queries(more, lambda: client.get("/api/v1/certificates/"), expected=4)
