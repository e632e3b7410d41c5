"""Certificates through the API: every answer is validated against the OpenAPI schema."""

import pytest

from core.models import AuditEntry
from courses.models import Certificate
from tests.courses.certificate_support import certified, cohort_with_students, completion_rule

pytestmark = pytest.mark.django_db


def test_an_instructor_issues_lists_and_revokes_through_the_api(api_client):
    cohort, teacher, (student, behind) = cohort_with_students(2, shows_grade=True)
    base = f"/api/v1/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/"
    api_client.force_authenticate(teacher)

    with completion_rule({behind.pk: ["Lesson 2 not done."]}):
        created = api_client.post(base, {"student": student.pk, "grade_band": "pass"})
        refused = api_client.post(base, {"student": behind.pk})
        rows = api_client.get(base).json()["results"]
        bulk = api_client.post(base + "issue-all/").json()

    assert created.status_code == 201
    certificate = created.json()
    assert certificate["verdict"] == "genuine" and certificate["grade_band"] == "pass"
    assert certificate["student_name_en"] == "Lin Wan 0"
    assert refused.status_code == 400
    assert "Lesson 2 not done." in refused.json()["errors"]["override_reason"]
    assert [(row["student"], row["completed"]) for row in rows] == [
        (student.pk, True),
        (behind.pk, False),
    ]
    assert bulk["issued"] == [] and bulk["already_certified"] == [student.pk]
    assert bulk["not_completed"] == [{"student": behind.pk, "reasons": ["Lesson 2 not done."]}]
    again = api_client.post(base, {"student": student.pk})
    assert again.status_code == 409

    revoked = api_client.post(
        f"/api/v1/certificates/{certificate['id']}/revoke/", {"reason": "Issued by mistake."}
    )
    assert revoked.status_code == 200 and revoked.json()["verdict"] == "revoked"
    twice = api_client.post(f"/api/v1/certificates/{certificate['id']}/revoke/", {"reason": "x"})
    assert twice.status_code == 409
    missing_reason = api_client.post(f"/api/v1/certificates/{certificate['id']}/revoke/", {})
    assert missing_reason.status_code == 400 and "reason" in missing_reason.json()["errors"]


def test_bad_input_is_a_field_error(api_client):
    cohort, teacher, (student,) = cohort_with_students(1)
    base = f"/api/v1/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/"
    api_client.force_authenticate(teacher)

    for body, field in (
        ({"student": "x"}, "student"),
        ({"student": 10**20}, "student"),
        ({"student": student.pk, "grade_band": "superb"}, "grade_band"),
        ({"student": student.pk, "grade_band": "merit"}, "grade_band"),  # not shown by course
        ({"student": student.pk, "override_reason": "x" * 2001}, "override_reason"),
    ):
        response = api_client.post(base, body)
        assert response.status_code == 400, body
        assert field in response.json()["errors"], body
    assert not Certificate.objects.exists()


def test_the_student_sees_theirs_and_chooses_the_profile(api_client):
    certificate, _teacher, student = certified()
    api_client.force_authenticate(student)

    mine = api_client.get("/api/v1/certificates/").json()
    changed = api_client.patch(f"/api/v1/certificates/{certificate.pk}/", {"show_on_profile": True})

    assert mine["results"][0]["code"] == certificate.code
    assert changed.status_code == 200 and changed.json()["show_on_profile"] is True
    assert AuditEntry.objects.filter(action="courses.certificate.visibility").count() == 1


def test_public_verification_shows_a_tampered_record_as_not_genuine(api_client):
    certificate, _teacher, _student = certified()
    url = f"/api/v1/certificates/verify/{certificate.display_code}/"

    assert api_client.get(url).json()["verdict"] == "genuine"
    Certificate.objects.filter(pk=certificate.pk).update(course_title_en="A Forged Course")
    body = api_client.get(url).json()
    assert body["verdict"] == "not_genuine"
    assert "show_on_profile" not in body and "student" not in body  # the public fields only
