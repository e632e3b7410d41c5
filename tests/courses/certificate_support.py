"""Cohorts with students and certificates for the certificate tests, made through services."""

import contextlib

from courses.completion import register_completion_rule, unregister_completion_rule
from courses.services.certificates import certificate_issue
from courses.services.cohorts import enrol_self
from tests.courses.support import make_cohort, make_course
from tests.support.factories import UserFactory


def cohort_with_students(k: int = 2, *, shows_grade: bool = False):
    course, _teacher = make_course(certificate_shows_grade=shows_grade)
    cohort, teacher = make_cohort(capacity=200, course=course)
    students = [
        UserFactory(display_name_zh=f"林晚{i}", display_name_en=f"Lin Wan {i}") for i in range(k)
    ]
    for student in students:
        enrol_self(actor=student, cohort=cohort)
    return cohort, teacher, students


def certified(**kwargs):
    """A cohort, its instructor, and one student holding a certificate of it."""
    cohort, teacher, (student,) = cohort_with_students(1)
    certificate = certificate_issue(actor=teacher, cohort=cohort, student=student, **kwargs)
    return certificate, teacher, student


@contextlib.contextmanager
def completion_rule(unmet: dict):
    """Register a rule: `unmet` maps a student's id to the reasons they have not completed."""

    def rule(cohort, student_ids):
        return {sid: reasons for sid, reasons in unmet.items() if sid in student_ids}

    register_completion_rule(rule)
    try:
        yield rule
    finally:
        unregister_completion_rule(rule)
