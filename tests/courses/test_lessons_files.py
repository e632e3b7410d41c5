"""Lesson attachments: size and type checked, stored privately, served to the cohort only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.files import PrivateFileSystemStorage
from courses.models import LessonAttachment
from courses.models import lessons as lesson_models
from courses.services import lessons as lesson_services
from tests.courses.lesson_support import (
    PDF,
    lesson_url,
    make_lesson,
    pdf_upload,
    running_cohort,
    student_of,
)
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def _download(client, lesson, attachment):
    return client.get(lesson_url(lesson) + f"files/{attachment.pk}/")


def test_an_instructor_uploads_a_file_that_only_the_cohort_downloads(client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    client.force_login(teacher)

    response = client.post(lesson_url(lesson) + "files/new/", {"file": pdf_upload()})

    assert response.status_code == 302
    attachment = LessonAttachment.objects.get()
    assert isinstance(attachment.file.storage, PrivateFileSystemStorage)
    assert "讲义" not in attachment.file.name  # an unguessable stored name
    with pytest.raises(ValueError, match="no URL"):
        attachment.file.url  # noqa: B018 - private files have no public address
    page = client.get(lesson_url(lesson)).content.decode()
    assert "讲义.pdf" in page

    client.force_login(student_of(cohort))
    download = _download(client, lesson, attachment)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "private, no-store"
    assert "attachment" in download["Content-Disposition"]


def test_nobody_else_downloads_it_whatever_the_path(client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    attachment = lesson_services.attachment_add(actor=teacher, lesson=lesson, upload=pdf_upload())
    other, other_teacher = running_cohort()
    other_lesson = make_lesson(other, other_teacher)

    for person in [UserFactory(), other_teacher, student_of(other)]:
        client.force_login(person)
        assert _download(client, lesson, attachment).status_code == 404
        # Through a lesson the person may see: the attachment is not that lesson's.
        assert _download(client, other_lesson, attachment).status_code == 404
        response = client.post(lesson_url(lesson) + f"files/{attachment.pk}/delete/")
        assert response.status_code == 404
    client.logout()
    assert _download(client, lesson, attachment).status_code == 302  # sign in first
    assert LessonAttachment.objects.filter(pk=attachment.pk).exists()


def test_an_unreleased_lessons_file_is_hidden_from_students_too(client):
    cohort, teacher = running_cohort()
    later = make_lesson(cohort, teacher, released=False)
    attachment = lesson_services.attachment_add(actor=teacher, lesson=later, upload=pdf_upload())
    client.force_login(student_of(cohort))
    assert _download(client, later, attachment).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("huge.pdf", PDF + b"x" * 64, "larger than"),
        ("virus.exe", b"MZ\x90\x00", "not accepted"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "does not match"),
        ("photo.png", PDF, "does not match"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_a_file_too_large_or_of_the_wrong_type_is_refused_beside_the_field(
    client, monkeypatch, name, content, message
):
    monkeypatch.setattr(lesson_services, "ATTACHMENT_MAX_BYTES", len(PDF) + 10)
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    teacher.language = "en"
    teacher.save(update_fields=["language"])
    client.force_login(teacher)

    response = client.post(
        lesson_url(lesson) + "files/new/", {"file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert message in " ".join(errors)
    assert not LessonAttachment.objects.exists()


def test_text_files_are_accepted_and_the_limit_is_below_the_sites_upload_limit(settings):
    assert lesson_models.ATTACHMENT_MAX_BYTES < settings.FILE_UPLOAD_MAX_BYTES
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    script = SimpleUploadedFile("冷开场.fountain", "INT. 法院 - DAY\n\n林晚走进来。\n".encode())
    attachment = lesson_services.attachment_add(actor=teacher, lesson=lesson, upload=script)
    assert attachment.content_type.startswith("text/plain")


def test_deleting_an_attachment_removes_its_file(client, django_capture_on_commit_callbacks):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    attachment = lesson_services.attachment_add(actor=teacher, lesson=lesson, upload=pdf_upload())
    storage, stored = attachment.file.storage, attachment.file.name
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(lesson_url(lesson) + f"files/{attachment.pk}/delete/")
    assert not LessonAttachment.objects.exists()
    assert not storage.exists(stored)
