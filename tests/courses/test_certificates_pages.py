"""The certificate pages: issuing from the cohort's list, the public verification page
(genuine, revoked, tampered), the lookup form, the student's page and the PDF."""

import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from courses.models import Certificate
from courses.services.certificates import certificate_revoke
from tests.courses.certificate_support import certified, cohort_with_students, completion_rule

pytestmark = pytest.mark.django_db


def test_an_instructor_issues_one_and_then_all_from_the_cohorts_page(client):
    cohort, teacher, (first, second, behind) = cohort_with_students(3, shows_grade=True)
    base = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/certificates/"
    client.force_login(teacher)

    with completion_rule({behind.pk: ["第3课未完成。"]}):
        page = client.get(base).content.decode()
        assert "第3课未完成。" in page
        client.post(
            base + "action/", {"action": "issue", "student": first.pk, "grade_band": "merit"}
        )
        refused = client.post(
            base + "action/", {"action": "issue", "student": behind.pk}, follow=True
        )
        assert "第3课未完成。" in refused.content.decode()
        client.post(base + "action/", {"action": "issue_all"})

    held = dict(Certificate.objects.values_list("student_id", "grade_band"))
    assert held == {first.pk: "merit", second.pk: ""}


def test_the_verification_page_says_genuine_revoked_or_does_not_verify(client):
    certificate, teacher, _student = certified()
    url = certificate.get_absolute_url()

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Genuine" in page and "林晚0" in page and "Lin Wan 0" in page
    assert certificate.display_code in page

    certificate_revoke(actor=teacher, certificate=certificate, reason="Work was plagiarised.")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Revoked on" in page and "Work was plagiarised." in page and "Genuine" not in page
    assert "Lin Wan 0" in page  # the record stays

    Certificate.objects.filter(pk=certificate.pk).update(student_name_en="Mallory")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Does not verify" in page and "Genuine" not in page


def test_a_code_typed_loosely_finds_its_page_and_a_wrong_one_says_so(client):
    certificate, _teacher, _student = certified()

    typed = client.get("/courses/certificates/", {"code": certificate.display_code.lower()})
    assert typed.status_code == 302 and typed["Location"] == certificate.get_absolute_url()
    dashed = client.get(f"/courses/certificates/{certificate.display_code}/")
    assert dashed.status_code == 302 and dashed["Location"] == certificate.get_absolute_url()
    wrong = client.get("/courses/certificates/", {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"})
    assert wrong.status_code == 200 and "errorlist" in wrong.content.decode()


def test_the_student_chooses_to_show_it_on_their_profile(client):
    certificate, _teacher, student = certified()
    client.force_login(student)
    page = f"/courses/certificates/issued/{certificate.pk}/"

    client.post(page + "profile/", {"show": "1"})
    certificate.refresh_from_db()
    assert certificate.show_on_profile
    assert certificate.get_absolute_url() in client.get(student.get_absolute_url()).content.decode()
    client.post(page + "profile/", {"show": "0"})
    certificate.refresh_from_db()
    assert not certificate.show_on_profile
    assert (
        "/courses/certificates/issued/"
        in client.get("/courses/certificates/mine/").content.decode()
    )


def _pdf_text(content: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(content))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", ""), reader


def test_the_pdf_states_both_names_the_course_and_the_verification_address(client):
    cohort, teacher, (student,) = cohort_with_students(1, shows_grade=True)
    from courses.services.certificates import certificate_issue

    certificate = certificate_issue(
        actor=teacher, cohort=cohort, student=student, grade_band="distinction"
    )
    client.force_login(student)

    response = client.get(f"/courses/certificates/issued/{certificate.pk}/certificate.pdf")

    assert response["Content-Type"] == "application/pdf"
    text, reader = _pdf_text(response.content)
    verify = settings.SITE_URL + certificate.get_absolute_url()
    for expected in (
        "结业证书",
        "Certificate of Completion",
        "林晚0",
        "Lin Wan 0",
        cohort.course.title_zh,
        cohort.course.title_en,
        cohort.course.university.name_zh,
        cohort.course.studio.name_zh,
        "2027-03-01",
        "Distinction",
        certificate.display_code,
        verify,
    ):
        assert expected in text, expected
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"]]
    assert links == [verify]
    fonts = {f["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert all("+" in name for name in fonts)  # embedded subsets


def test_a_revoked_certificates_pdf_says_so(client):
    certificate, teacher, student = certified()
    certificate_revoke(actor=teacher, certificate=certificate, reason="Withdrawn.")
    client.force_login(student)

    text, _reader = _pdf_text(
        client.get(f"/courses/certificates/issued/{certificate.pk}/certificate.pdf").content
    )

    assert "已撤销 / REVOKED" in text
