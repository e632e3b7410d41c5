"""Course certificates: issuing (one and in bulk) against the completion rule, revoking,
tamper evidence, notifications, audit rows, the profile and the selector for later apps."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from courses import selectors
from courses.certificate_signing import ALPHABET, CODE_LENGTH, normalise_code
from courses.completion import completion_status
from courses.models import Certificate, CertificateStatus
from courses.services.certificates import (
    certificate_issue,
    certificate_issue_all,
    certificate_revoke,
    certificate_set_visibility,
)
from courses.services.cohorts import course_create, staff_add
from tests.courses.certificate_support import certified, cohort_with_students, completion_rule
from tests.courses.support import educator
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_instructor_issues_a_certificate_that_freezes_what_it_states(run_on_commit):
    cohort, teacher, (student,) = cohort_with_students(1)
    course = cohort.course

    with run_on_commit():
        certificate = certificate_issue(actor=teacher, cohort=cohort, student=student)

    assert certificate.status == CertificateStatus.ISSUED
    assert (certificate.student_name_zh, certificate.student_name_en) == ("林晚0", "Lin Wan 0")
    assert certificate.course_title_en == course.title_en
    assert certificate.university_name_zh == course.university.name_zh
    assert certificate.studio_name_zh == course.studio.name_zh
    assert (certificate.starts_on, certificate.ends_on) == (cohort.starts_on, cohort.ends_on)
    assert len(certificate.code) == CODE_LENGTH and set(certificate.code) <= set(ALPHABET)
    assert selectors.certificate_verdict(certificate) == "genuine"
    # Later edits to the profile do not change a certificate already issued.
    student.display_name_en = "Someone Else"
    student.save()
    certificate.refresh_from_db()
    assert certificate.student_name_en == "Lin Wan 0"
    entry = AuditEntry.objects.get(action="courses.certificate.issued")
    assert entry.actor == teacher and entry.data["student"] == student.pk
    notification = Notification.objects.get(recipient=student, kind="certificate_issued")
    assert course.title_zh in notification.message
    assert notification.url == f"/courses/certificates/issued/{certificate.pk}/"
    assert [m.to for m in mail.outbox if course.title_zh in m.body] == [[student.email]]


def test_the_notification_speaks_the_readers_language(run_on_commit):
    cohort, teacher, (student,) = cohort_with_students(1)
    student.language = "en"
    student.save()

    with run_on_commit():
        certificate_issue(actor=teacher, cohort=cohort, student=student)

    body = next(m.body for m in mail.outbox if student.email in m.to)
    assert f"Your certificate for {cohort.course.title_en} was issued." in body


def test_only_the_cohorts_instructors_and_the_courses_managers_issue():
    cohort, teacher, (student, classmate) = cohort_with_students(2)
    assistant = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=assistant, role="assistant")

    for outsider in (assistant, classmate, UserFactory()):
        with pytest.raises(PermissionDenied):
            certificate_issue(actor=outsider, cohort=cohort, student=student)
        with pytest.raises(PermissionDenied):
            certificate_issue_all(actor=outsider, cohort=cohort)
    assert not Certificate.objects.exists()


def test_only_students_of_the_cohort_receive_one_and_only_one_valid_at_a_time():
    cohort, teacher, (student,) = cohort_with_students(1)
    other_cohort, _, (stranger,) = cohort_with_students(1)

    with pytest.raises(ValidationError) as refused:
        certificate_issue(actor=teacher, cohort=cohort, student=stranger)
    assert "student" in refused.value.message_dict
    certificate = certificate_issue(actor=teacher, cohort=cohort, student=student)
    with pytest.raises(Conflict):
        certificate_issue(actor=teacher, cohort=cohort, student=student)
    certificate_revoke(actor=teacher, certificate=certificate, reason="名字写错了")
    replacement = certificate_issue(actor=teacher, cohort=cohort, student=student)
    assert replacement.code != certificate.code


def test_the_completion_rule_refuses_with_its_reasons_unless_the_instructor_overrides():
    cohort, teacher, (done, behind) = cohort_with_students(2)
    with completion_rule({behind.pk: ["Lesson 3 not done.", "Assignment 2 not passed."]}):
        assert completion_status(cohort) == {
            done.pk: [],
            behind.pk: ["Lesson 3 not done.", "Assignment 2 not passed."],
        }
        with pytest.raises(ValidationError) as refused:
            certificate_issue(actor=teacher, cohort=cohort, student=behind)
        reasons = refused.value.message_dict["override_reason"]
        assert "Lesson 3 not done." in reasons and "Assignment 2 not passed." in reasons

        certificate = certificate_issue(
            actor=teacher, cohort=cohort, student=behind, override_reason="Did lesson 3 in person."
        )

    entry = AuditEntry.objects.get(action="courses.certificate.issued", target_id=certificate.pk)
    assert entry.data["override_reason"] == "Did lesson 3 in person."
    assert entry.data["unmet"] == ["Lesson 3 not done.", "Assignment 2 not passed."]


def test_with_no_rule_registered_every_student_completes():
    cohort, _teacher, students = cohort_with_students(3)

    assert completion_status(cohort) == {student.pk: [] for student in students}


def test_bulk_issue_covers_exactly_those_who_completed_and_hold_none(run_on_commit):
    cohort, teacher, (a, b, c, d) = cohort_with_students(4)
    certificate_issue(actor=teacher, cohort=cohort, student=a)

    with completion_rule({b.pk: ["Lesson 1 not done."]}), run_on_commit():
        result = certificate_issue_all(actor=teacher, cohort=cohort)

    assert sorted(cert.student_id for cert in result.issued) == sorted([c.pk, d.pk])
    assert result.not_completed == {b.pk: ["Lesson 1 not done."]}
    assert result.already_certified == [a.pk]
    for certificate in result.issued:
        certificate.refresh_from_db()
        assert selectors.certificate_verdict(certificate) == "genuine"
    assert AuditEntry.objects.filter(action="courses.certificate.issued").count() == 3
    assert Notification.objects.filter(kind="certificate_issued").count() == 2  # c and d
    # A second run issues nothing new; once b completes, b alone.
    with completion_rule({b.pk: ["Lesson 1 not done."]}):
        assert certificate_issue_all(actor=teacher, cohort=cohort).issued == []
    assert [
        cert.student_id for cert in certificate_issue_all(actor=teacher, cohort=cohort).issued
    ] == [b.pk]


def test_bulk_issue_uses_the_same_number_of_queries_for_any_cohort_size():
    def queries(k):
        cohort, teacher, _students = cohort_with_students(k)
        with CaptureQueriesContext(connection) as captured:
            result = certificate_issue_all(actor=teacher, cohort=cohort)
        assert len(result.issued) == k
        return len(captured)

    assert queries(2) == queries(7)


def test_revoking_keeps_the_record_says_so_and_is_audited_once(run_on_commit):
    certificate, teacher, student = certified()

    with run_on_commit():
        certificate_revoke(actor=teacher, certificate=certificate, reason="Plagiarised work.")
    with pytest.raises(Conflict):
        certificate_revoke(actor=teacher, certificate=certificate, reason="Again.")

    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoke_reason == "Plagiarised work." and certificate.revoked_by == teacher
    assert selectors.certificate_verdict(certificate) == "revoked"
    assert AuditEntry.objects.filter(action="courses.certificate.revoke").count() == 1
    assert Notification.objects.filter(recipient=student, kind="certificate_revoked").exists()
    assert selectors.certificates_of(student) == []


def test_revoking_needs_a_reason_and_the_right_person():
    certificate, _teacher, student = certified()

    with pytest.raises(ValidationError):
        certificate_revoke(actor=_teacher, certificate=certificate, reason="  ")
    with pytest.raises(PermissionDenied):
        certificate_revoke(actor=student, certificate=certificate, reason="I don't want it")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("student_name_en", "Somebody Else"),
        ("course_title_zh", "别的课程"),
        ("university_name_en", "Forged University"),
        ("grade_band", "distinction"),
        ("ends_on", "2030-01-01"),
    ],
)
def test_a_field_edited_in_the_database_no_longer_verifies(field, value):
    certificate, _teacher, student = certified()

    Certificate.objects.filter(pk=certificate.pk).update(**{field: value})

    certificate.refresh_from_db()
    assert selectors.certificate_verdict(certificate) == "not_genuine"
    assert selectors.certificates_of(student) == []


def test_a_certificate_signed_with_a_retired_key_still_verifies(settings):
    certificate, _teacher, _student = certified()
    old = settings.SECRET_KEY

    settings.SECRET_KEY = "a-new-key-after-rotation"
    assert selectors.certificate_verdict(certificate) == "not_genuine"
    settings.SECRET_KEY_FALLBACKS = [old]
    assert selectors.certificate_verdict(certificate) == "genuine"


def test_codes_are_read_forgivingly_and_guessing_finds_nothing():
    certificate, _teacher, _student = certified()
    typed = certificate.display_code.lower().replace("0", "o").replace("1", "l")

    assert normalise_code(typed) == certificate.code
    assert selectors.certificate_by_code(f"  {typed} ") == certificate
    for guess in ["", "ABC", "0" * CODE_LENGTH, certificate.code[:-1] + "U", "x" * 500]:
        assert selectors.certificate_by_code(guess) is None


def test_the_grade_band_is_stated_only_where_the_course_shows_one():
    cohort, teacher, (student,) = cohort_with_students(1)
    with pytest.raises(ValidationError) as refused:
        certificate_issue(actor=teacher, cohort=cohort, student=student, grade_band="merit")
    assert "grade_band" in refused.value.message_dict

    graded, teacher, (student,) = cohort_with_students(1, shows_grade=True)
    with pytest.raises(ValidationError):
        certificate_issue(actor=teacher, cohort=graded, student=student, grade_band="superb")
    certificate = certificate_issue(
        actor=teacher, cohort=graded, student=student, grade_band="merit"
    )
    assert certificate.grade_band == "merit"
    assert selectors.certificate_verdict(certificate) == "genuine"


def test_the_profile_shows_only_what_the_student_chose(client):
    certificate, teacher, student = certified()
    profile = student.get_absolute_url()

    assert certificate.code not in client.get(profile).content.decode()
    with pytest.raises(PermissionDenied):
        certificate_set_visibility(actor=teacher, certificate=certificate, show_on_profile=True)
    certificate_set_visibility(actor=student, certificate=certificate, show_on_profile=True)
    assert certificate.get_absolute_url() in client.get(profile).content.decode()

    certificate_revoke(actor=teacher, certificate=certificate, reason="Withdrawn.")
    assert certificate.get_absolute_url() not in client.get(profile).content.decode()


def test_later_apps_read_valid_certificates_through_the_selectors():
    certificate, teacher, student = certified()
    other, _, (holder,) = cohort_with_students(1)

    assert selectors.certificates_of(student) == [certificate]
    assert selectors.certificates_of(UserFactory()) == []
    holders = set(selectors.certificate_holders().values_list("student_id", flat=True))
    assert holders == {student.pk}
    assert not selectors.certificate_holders(course=other.course).exists()


def test_certificates_is_a_reserved_course_address():
    teacher, university = educator()

    with pytest.raises(ValidationError) as refused:
        course_create(
            actor=teacher, slug="certificates", university=university, title_zh="课",
            language="zh-hans", level="intro",
        )  # fmt: skip
    assert "slug" in refused.value.message_dict
