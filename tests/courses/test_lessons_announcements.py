"""Announcements reach the students (in the app and by e-mail, in each reader's language);
the "lesson released" beat task tells them of each lesson once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

import config.celery
from core.models import Notification
from courses.models import Announcement, Lesson
from courses.services.lessons import announcement_post, lessons_release_announce
from courses.tasks import announce_released_lessons
from tests.courses.lesson_support import make_lesson, running_cohort, student_of
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_announcement_notifies_the_students_only_in_their_language(client, run_on_commit):
    cohort, teacher = running_cohort()
    chinese, english = student_of(cohort), student_of(cohort, language="en")
    stranger = UserFactory()
    other_cohort, _ = running_cohort()
    student_elsewhere = student_of(other_cohort)
    mail.outbox.clear()
    client.force_login(teacher)

    with run_on_commit():
        response = client.post(
            cohort.get_absolute_url() + "announcements/new/",
            {"title": "下周停课", "body": "请**提前**完成第3课。"},
        )

    assert response.status_code == 302
    assert Announcement.objects.get().author == teacher
    notified = set(
        Notification.objects.filter(kind="cohort_announcement").values_list("recipient", flat=True)
    )
    assert notified == {chinese.pk, english.pk}
    assert stranger.pk not in notified and student_elsewhere.pk not in notified
    assert teacher.pk not in notified
    to_english = next(m for m in mail.outbox if english.email in m.to)
    assert "posted in" in to_english.body and "Winter 2026" in to_english.body
    notice = Notification.objects.get(recipient=english)
    with translation.override("en"):
        assert "下周停课" in notice.message
    page = client.get(cohort.get_absolute_url()).content.decode()
    assert "<strong>提前</strong>" in page  # the latest announcements on the cohort page


def test_an_empty_announcement_is_refused_beside_the_field_and_keeps_the_text(client):
    cohort, teacher = running_cohort()
    student_of(cohort)
    client.force_login(teacher)
    response = client.post(
        cohort.get_absolute_url() + "announcements/new/", {"title": "", "body": "正文还在"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert "正文还在" in response.content.decode()
    assert not Notification.objects.filter(kind="cohort_announcement").exists()


def test_students_and_other_cohorts_instructors_cannot_post(client):
    cohort, _teacher = running_cohort()
    student = student_of(cohort)
    other_teacher = running_cohort()[1]
    client.force_login(student)
    url = cohort.get_absolute_url() + "announcements/new/"
    assert client.post(url, {"title": "假通知", "body": "x"}).status_code == 403
    client.force_login(other_teacher)
    assert client.post(url, {"title": "假通知", "body": "x"}).status_code == 404
    assert not Announcement.objects.exists()
    with pytest.raises(PermissionDenied):
        announcement_post(actor=student, cohort=cohort, title="t", body="b")


def test_the_release_task_tells_the_students_of_each_lesson_once(run_on_commit):
    cohort, teacher = running_cohort()
    out = make_lesson(cohort, teacher, title_zh="已到时间")
    later = make_lesson(cohort, teacher, released=False, title_zh="还没到")
    students = [student_of(cohort), student_of(cohort)]

    with run_on_commit():
        assert announce_released_lessons() == 1
    with run_on_commit():
        assert announce_released_lessons() == 0  # a second run finds nothing to say

    notices = Notification.objects.filter(kind="lesson_released")
    assert sorted(notices.values_list("recipient", flat=True)) == sorted(s.pk for s in students)
    assert all(f"lessons/{out.pk}/" in n.url for n in notices)

    # When the next lesson's time comes, its students hear of it; the first is not repeated.
    with run_on_commit():
        assert lessons_release_announce(now=timezone.now() + timedelta(days=3)) == 1
    assert Notification.objects.filter(kind="lesson_released").count() == 4
    assert Lesson.objects.get(pk=later.pk).release_announced_at is not None


def test_the_release_task_is_on_the_beat_schedule():
    schedule = config.celery.app.conf.beat_schedule
    assert any(
        entry["task"] == "courses.tasks.announce_released_lessons" for entry in schedule.values()
    )
