from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Notification
from courses.models import CohortMember, CohortRole, EnrolmentStatus
from courses.services.cohorts import (
    application_decide,
    cohort_create,
    course_create,
    enrol_self,
    invitation_answer,
    invite,
    leave,
    places_left,
    staff_add,
    student_remove,
)
from tests.courses.support import educator, make_cohort, make_course
from tests.support.factories import OrganisationFactory, UserFactory, admin_of

pytestmark = pytest.mark.django_db


def students(cohort):
    return set(
        CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT).values_list(
            "user_id", flat=True
        )
    )


def test_only_an_educator_who_administers_the_university_creates_its_courses():
    university = OrganisationFactory(kind="university")
    plain_admin = admin_of(university)  # an admin, but not an educator
    teacher, _ = educator(university)
    fields = {
        "slug": "x", "university": university, "title_zh": "课", "language": "zh-hans",
        "level": "intro",
    }  # fmt: skip

    with pytest.raises(PermissionDenied):
        course_create(actor=plain_admin, **fields)
    with pytest.raises(PermissionDenied):
        course_create(actor=educator()[0], **fields)  # an educator of another university
    course = course_create(actor=teacher, **fields)
    assert course.university == university


def test_the_partner_must_be_a_studio():
    teacher, university = educator()
    with pytest.raises(ValidationError):
        course_create(
            actor=teacher, slug="y", university=university, studio=OrganisationFactory(kind="fund_body"),
            title_zh="课", language="zh-hans", level="intro",
        )  # fmt: skip


def test_dates_out_of_order_and_no_places_are_refused_beside_their_fields():
    course, teacher = make_course()
    with pytest.raises(ValidationError) as refused:
        cohort_create(
            actor=teacher, course=course, name_zh="班", starts_on=date(2027, 3, 1),
            ends_on=date(2027, 2, 1), capacity=0,
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"ends_on", "capacity"}


def test_the_studio_partners_admins_co_manage_the_course():
    course, _teacher = make_course()
    studio_admin = admin_of(course.studio)
    cohort = cohort_create(
        actor=studio_admin, course=course, name_zh="暑期班", starts_on=date(2027, 7, 1),
        ends_on=date(2027, 8, 1), capacity=10,
    )  # fmt: skip
    assert CohortMember.objects.get(cohort=cohort).role == CohortRole.INSTRUCTOR


def test_an_open_cohort_fills_then_waitlists_and_a_freed_place_goes_to_the_first_waiting(
    run_on_commit,
):
    cohort, _teacher = make_cohort(capacity=2)
    a, b, c, d = UserFactory(), UserFactory(), UserFactory(), UserFactory()

    with run_on_commit():
        assert enrol_self(actor=a, cohort=cohort).status == EnrolmentStatus.ENROLLED
        assert enrol_self(actor=b, cohort=cohort).status == EnrolmentStatus.ENROLLED
        assert enrol_self(actor=c, cohort=cohort).status == EnrolmentStatus.WAITLISTED
        assert enrol_self(actor=d, cohort=cohort).status == EnrolmentStatus.WAITLISTED
    assert places_left(cohort) == 0 and students(cohort) == {a.pk, b.pk}

    with run_on_commit():
        leave(actor=a, cohort=cohort)

    assert students(cohort) == {b.pk, c.pk}
    assert Notification.objects.filter(recipient=c, kind="cohort_enrolled").exists()
    assert cohort.enrolments.get(user=d).status == EnrolmentStatus.WAITLISTED


def test_a_student_cannot_join_twice_and_may_come_back_after_leaving():
    cohort, _teacher = make_cohort()
    student = UserFactory()
    enrol_self(actor=student, cohort=cohort)
    with pytest.raises(ValidationError):
        enrol_self(actor=student, cohort=cohort)
    leave(actor=student, cohort=cohort)
    assert enrol_self(actor=student, cohort=cohort).status == EnrolmentStatus.ENROLLED


def test_applications_wait_for_an_instructor_who_approves_or_declines(run_on_commit):
    cohort, teacher = make_cohort(mode="application", capacity=1)
    first, second, other_teacher = UserFactory(), UserFactory(), make_cohort()[1]

    with run_on_commit():
        application = enrol_self(actor=first, cohort=cohort, message="我写过三部短剧")
    assert application.status == EnrolmentStatus.APPLIED and not students(cohort)
    assert Notification.objects.filter(recipient=teacher, kind="cohort_application").exists()

    with pytest.raises(PermissionDenied):  # an instructor of another cohort has no say here
        application_decide(actor=other_teacher, enrolment=application, approve=True)
    application_decide(actor=teacher, enrolment=application, approve=True)
    assert students(cohort) == {first.pk}

    late = enrol_self(actor=second, cohort=cohort)
    assert application_decide(actor=teacher, enrolment=late, approve=True).status == (
        EnrolmentStatus.WAITLISTED
    )


def test_invitation_only_cohorts_take_no_one_uninvited(run_on_commit):
    cohort, teacher = make_cohort(mode="invitation")
    guest, stranger = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied):
        enrol_self(actor=stranger, cohort=cohort)

    with run_on_commit():
        invitation = invite(actor=teacher, cohort=cohort, user=guest)
    assert Notification.objects.filter(recipient=guest, kind="cohort_invited").exists()
    with pytest.raises(PermissionDenied):
        invitation_answer(actor=stranger, enrolment=invitation, accept=True)
    invitation_answer(actor=guest, enrolment=invitation, accept=True)
    assert students(cohort) == {guest.pk}


def test_a_removed_student_frees_the_place_and_is_told(run_on_commit):
    cohort, teacher = make_cohort(capacity=1)
    student, waiting = UserFactory(), UserFactory()
    enrolment = enrol_self(actor=student, cohort=cohort)
    enrol_self(actor=waiting, cohort=cohort)

    with run_on_commit():
        student_remove(actor=teacher, enrolment=enrolment)

    assert students(cohort) == {waiting.pk}
    assert Notification.objects.filter(recipient=student, kind="cohort_removed").exists()
    with pytest.raises(ValidationError):  # a removed student needs a new invitation
        enrol_self(actor=student, cohort=cohort)


def test_a_draft_cohort_takes_no_one_and_staff_are_added_by_its_instructors():
    cohort, teacher = make_cohort(status="draft")
    with pytest.raises(ValidationError):
        enrol_self(actor=UserFactory(), cohort=cohort)
    mentor = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=mentor, role=CohortRole.MENTOR)
    with pytest.raises(PermissionDenied):
        staff_add(actor=mentor, cohort=cohort, user=UserFactory(), role=CohortRole.MENTOR)
    with pytest.raises(ValidationError):
        staff_add(actor=teacher, cohort=cohort, user=UserFactory(), role=CohortRole.STUDENT)
