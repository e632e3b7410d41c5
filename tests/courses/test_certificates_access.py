"""Who reaches which certificate page and endpoint (IDOR): the student their own, the
cohort's staff their cohort's, the public only the verification by code."""

import pytest

from courses.models import Certificate
from courses.services.certificates import certificate_issue
from courses.services.cohorts import staff_add
from tests.courses.certificate_support import certified, cohort_with_students
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_certificate_page_and_pdf_are_for_its_student_and_the_cohorts_staff(client):
    certificate, teacher, student = certified()
    assistant = UserFactory()
    staff_add(actor=teacher, cohort=certificate.cohort, user=assistant, role="assistant")
    other_cohort, other_teacher, (classmate,) = cohort_with_students(1)
    page = f"/courses/certificates/issued/{certificate.pk}/"

    assert client.get(page).status_code == 302  # sign in first
    for outsider in (UserFactory(), other_teacher, classmate):
        client.force_login(outsider)
        assert client.get(page).status_code == 404
        assert client.get(page + "certificate.pdf").status_code == 404
        assert client.post(page + "profile/", {"show": "1"}).status_code == 404
    for insider in (student, teacher, assistant):
        client.force_login(insider)
        assert client.get(page).status_code == 200
    client.force_login(teacher)  # sees it, but the profile choice is the student's
    assert client.post(page + "profile/", {"show": "1"}).status_code == 403
    certificate.refresh_from_db()
    assert certificate.show_on_profile is False


def test_the_cohorts_certificates_page_is_for_its_staff_and_actions_for_its_instructors(client):
    cohort, teacher, (student,) = cohort_with_students(1)
    other_cohort, other_teacher, (other_student,) = cohort_with_students(1)
    assistant = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=assistant, role="assistant")
    base = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/"

    for person, status in ((student, 403), (other_teacher, 403), (assistant, 200), (teacher, 200)):
        client.force_login(person)
        assert client.get(base).status_code == status, person
    client.force_login(assistant)
    assert client.post(base + "action/", {"action": "issue_all"}).status_code == 403
    assert not Certificate.objects.exists()


def test_an_instructor_cannot_reach_another_cohorts_students_or_certificates(client):
    cohort, teacher, (student,) = cohort_with_students(1)
    other_cohort, other_teacher, (other_student,) = cohort_with_students(1)
    theirs = certificate_issue(actor=other_teacher, cohort=other_cohort, student=other_student)
    action = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/action/"
    client.force_login(teacher)

    issue = client.post(action, {"action": "issue", "student": other_student.pk})
    revoke = client.post(action, {"action": "revoke", "certificate": theirs.pk, "reason": "x"})
    # Another course's slug with this cohort's id is not this cohort.
    crossed = client.post(
        f"/courses/{other_cohort.course.slug}/cohorts/{cohort.pk}/certificates/action/",
        {"action": "issue_all"},
    )

    assert (issue.status_code, revoke.status_code, crossed.status_code) == (404, 404, 404)
    theirs.refresh_from_db()
    assert theirs.status == "issued"
    assert Certificate.objects.count() == 1


def test_the_api_answers_the_same(api_client):
    certificate, teacher, student = certified()
    other_cohort, other_teacher, (other_student,) = cohort_with_students(1)
    detail = f"/api/v1/certificates/{certificate.pk}/"
    cohort = certificate.cohort
    listing = f"/api/v1/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/"

    assert api_client.get(detail).status_code == 401
    api_client.force_authenticate(other_teacher)
    assert api_client.get(detail).status_code == 404
    assert api_client.post(detail + "revoke/", {"reason": "x"}).status_code == 404
    assert api_client.get(listing).status_code == 403
    assert api_client.post(listing, {"student": student.pk}).status_code == 403
    api_client.force_authenticate(teacher)
    assert api_client.post(listing, {"student": other_student.pk}).status_code == 404
    assert api_client.patch(detail, {"show_on_profile": True}).status_code == 403
    api_client.force_authenticate(student)
    assert api_client.post(detail + "revoke/", {"reason": "x"}).status_code == 403
    assert api_client.get(listing).status_code == 403
    mine = api_client.get("/api/v1/certificates/").json()
    assert [item["id"] for item in mine["results"]] == [certificate.pk]
    api_client.force_authenticate(other_student)
    assert api_client.get("/api/v1/certificates/").json()["count"] == 0


def test_anyone_verifies_by_code_without_signing_in_and_nothing_else(client, api_client):
    certificate, _teacher, _student = certified()

    page = client.get(certificate.get_absolute_url())
    assert page.status_code == 200
    assert api_client.get(f"/api/v1/certificates/verify/{certificate.code}/").status_code == 200
    for guess in ("AAAAAAAAAAAAAAAAAAAA", certificate.code[:-1] + "0", str(certificate.pk)):
        if guess == certificate.code:
            continue
        assert client.get(f"/courses/certificates/{guess}/").status_code == 404
        assert api_client.get(f"/api/v1/certificates/verify/{guess}/").status_code == 404
    assert client.get(f"/courses/certificates/issued/{certificate.pk}/").status_code == 302
