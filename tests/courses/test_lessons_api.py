"""The lessons API: the pages' rules, the single error body, and answers that match the
OpenAPI schema (api_client validates every answer)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import Notification
from courses.models import Lesson, LessonProgress
from courses.services.lessons import attachment_add, exemplar_add
from tests.courses.lesson_support import (
    PDF,
    make_lesson,
    make_module,
    pdf_upload,
    running_cohort,
    student_of,
)
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def _api(cohort) -> str:
    return f"/api/v1/cohorts/{cohort.pk}/"


def test_a_student_lists_released_lessons_reads_one_and_marks_it_done(api_client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher, body="**重点**<script>x</script>")
    later = make_lesson(cohort, teacher, released=False)
    exemplar_add(actor=teacher, lesson=lesson, caption_zh="例", format="zh",
                 text="第1集\n1-1 日 内 房间\n林晚：<b>你好</b>\n")  # fmt: skip
    attachment_add(actor=teacher, lesson=lesson, upload=pdf_upload())
    student = student_of(cohort)
    api_client.force_authenticate(student)

    listed = api_client.get(_api(cohort) + "lessons/").json()
    assert [item["id"] for item in listed["results"]] == [lesson.pk]
    assert api_client.get(_api(cohort) + f"lessons/{later.pk}/").status_code == 404

    detail = api_client.get(_api(cohort) + f"lessons/{lesson.pk}/").json()
    assert "<strong>重点</strong>" in detail["body_html"] and "<script>" not in detail["body_html"]
    assert "screenplay-zh" in detail["exemplars"][0]["screenplay_html"]
    assert "<b>" not in detail["exemplars"][0]["screenplay_html"]
    attachment = detail["attachments"][0]
    download = api_client.get(_api(cohort) + f"lessons/{lesson.pk}/attachments/{attachment['id']}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    marked = api_client.put(
        _api(cohort) + f"lessons/{lesson.pk}/done/", {"done": True}, format="json"
    )
    assert marked.json() == {"lesson": lesson.pk, "done": True}
    assert LessonProgress.objects.filter(student=student, lesson=lesson).exists()
    assert api_client.get(_api(cohort) + "lessons/").json()["results"][0]["done"] is True
    assert api_client.get(_api(cohort) + "progress/").status_code == 403


def test_strangers_and_other_cohorts_get_404_on_every_lesson_endpoint(api_client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    attachment = attachment_add(actor=teacher, lesson=lesson, upload=pdf_upload())
    other, other_teacher = running_cohort()
    urls = [
        "modules/", "lessons/", f"lessons/{lesson.pk}/", "progress/", "announcements/",
        f"lessons/{lesson.pk}/attachments/{attachment.pk}/",
    ]  # fmt: skip
    for person in (UserFactory(), other_teacher, student_of(other)):
        api_client.force_authenticate(person)
        for url in urls:
            response = api_client.get(_api(cohort) + url)
            assert response.status_code == 404, url
            assert "detail" in response.json()["errors"]
        # The other cohort's id with this cohort's lesson: no such lesson there.
        assert api_client.get(_api(other) + f"lessons/{lesson.pk}/").status_code == 404
        response = api_client.post(
            _api(cohort) + "announcements/", {"title": "假", "body": "x"}, format="json"
        )
        assert response.status_code == 404
    api_client.force_authenticate(None)
    assert api_client.get(_api(cohort) + "lessons/").status_code == 401


def test_an_instructor_writes_lessons_and_bad_input_names_the_field(api_client):
    cohort, teacher = running_cohort()
    module = make_module(cohort, teacher)
    other_module = make_module(*running_cohort())
    api_client.force_authenticate(teacher)
    release = (timezone.now() + timedelta(days=1)).isoformat()

    created = api_client.post(
        _api(cohort) + "lessons/",
        {"module": module.pk, "title_zh": "钩子", "body": "正文", "release_at": release},
        format="json",
    )
    assert created.status_code == 201 and created.json()["released"] is False

    cases = [
        ({"module": module.pk, "title_zh": "", "release_at": release}, "title_zh"),
        ({"module": module.pk, "title_zh": "太晚",
          "release_at": (timezone.now() + timedelta(days=400)).isoformat()}, "release_at"),
        ({"module": other_module.pk, "title_zh": "别处", "release_at": release}, "module"),
    ]  # fmt: skip
    for body, field in cases:
        response = api_client.post(_api(cohort) + "lessons/", body, format="json")
        assert response.status_code == 400
        assert field in response.json()["errors"], response.json()
    assert Lesson.objects.count() == 1

    lesson = Lesson.objects.get()
    updated = api_client.put(
        _api(cohort) + f"lessons/{lesson.pk}/",
        {"module": module.pk, "title_zh": "钩子（修订）", "release_at": release},
        format="json",
    )
    assert updated.status_code == 200 and updated.json()["title_zh"] == "钩子（修订）"
    module_made = api_client.post(
        _api(cohort) + "modules/", {"title_zh": "第二单元"}, format="json"
    )
    assert module_made.status_code == 201


def test_an_upload_too_large_or_of_the_wrong_type_is_a_400_on_the_file(api_client, monkeypatch):
    from courses.services import lessons as lesson_services

    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    api_client.force_authenticate(teacher)
    url = _api(cohort) + f"lessons/{lesson.pk}/attachments/"

    ok = api_client.post(url, {"file": pdf_upload()}, format="multipart")
    assert ok.status_code == 201 and ok.json()["content_type"] == "application/pdf"
    wrong = api_client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ")}, format="multipart")
    assert wrong.status_code == 400 and "file" in wrong.json()["errors"]
    monkeypatch.setattr(lesson_services, "ATTACHMENT_MAX_BYTES", 10)
    big = api_client.post(url, {"file": pdf_upload()}, format="multipart")
    assert big.status_code == 400 and "file" in big.json()["errors"]


def test_an_announcement_through_the_api_notifies_the_students(api_client, run_on_commit):
    cohort, teacher = running_cohort()
    student = student_of(cohort)
    api_client.force_authenticate(teacher)
    with run_on_commit():
        response = api_client.post(
            _api(cohort) + "announcements/", {"title": "开课啦", "body": "见课表"}, format="json"
        )
    assert response.status_code == 201
    assert Notification.objects.filter(recipient=student, kind="cohort_announcement").count() == 1
    api_client.force_authenticate(student)
    listed = api_client.get(_api(cohort) + "announcements/").json()
    assert listed["results"][0]["title"] == "开课啦"
    refused = api_client.post(
        _api(cohort) + "announcements/", {"title": "学生", "body": "x"}, format="json"
    )
    assert refused.status_code == 403
