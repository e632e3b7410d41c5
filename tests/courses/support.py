"""Courses and cohorts for tests, made through the services."""

from datetime import date

from accounts.models import Role
from courses.models import CohortStatus
from courses.services.cohorts import cohort_create, cohort_move, course_create
from tests.support.factories import OrganisationFactory, admin_of

_counter = iter(range(1, 1_000_000))


def educator(university=None):
    university = university or OrganisationFactory(kind="university")
    return admin_of(university, roles=[Role.EDUCATOR]), university


def make_course(*, studio=True, **fields):
    teacher, university = educator()
    partner = OrganisationFactory(kind="studio") if studio else None
    n = next(_counter)
    course = course_create(
        actor=teacher,
        slug=fields.pop("slug", f"course-{n}"),
        university=university,
        studio=partner,
        title_zh=fields.pop("title_zh", f"微短剧编剧基础{n}"),
        title_en=fields.pop("title_en", f"Writing the Micro-Drama {n}"),
        language=fields.pop("language", "zh-hans"),
        level=fields.pop("level", "intro"),
        **fields,
    )
    return course, teacher


def make_cohort(*, capacity=3, mode="open", status=CohortStatus.OPEN, course=None):
    if course is None:
        course, teacher = make_course()
    else:
        teacher = course.created_by
    cohort = cohort_create(
        actor=teacher,
        course=course,
        name_zh="2027 春季",
        name_en="Spring 2027",
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 6, 30),
        capacity=capacity,
        enrolment_mode=mode,
    )
    if status != CohortStatus.DRAFT:
        cohort_move(actor=teacher, cohort=cohort, move="open")
    return cohort, teacher


def make_assignment(cohort, teacher, **fields):
    from datetime import timedelta

    from django.utils import timezone

    from courses.services.assignments import assignment_create

    fields.setdefault("title_zh", "前三集")
    fields.setdefault("brief", "写出前三集，每集结尾留钩子。")
    fields.setdefault("due_at", timezone.now() + timedelta(days=7))
    return assignment_create(actor=teacher, cohort=cohort, **fields)


def enrolled(cohort, **kwargs):
    from courses.services.cohorts import enrol_self
    from tests.support.factories import UserFactory

    student = UserFactory(**kwargs)
    enrol_self(actor=student, cohort=cohort)
    return student
