"""Lessons: who sees them when, the instructors' forms, and students' progress."""

from datetime import UTC, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Lesson, LessonProgress
from courses.selectors import lessons_outstanding
from courses.services.lessons import lesson_mark, lessons_copy
from tests.courses.lesson_support import (
    lesson_url,
    lessons_url,
    make_lesson,
    make_module,
    running_cohort,
    student_of,
)
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_student_sees_a_lesson_from_its_release_time_and_instructors_see_it_earlier(client):
    cohort, teacher = running_cohort()
    released = make_lesson(cohort, teacher, title_zh="已发布的课")
    later = make_lesson(cohort, teacher, released=False, title_zh="下周的课")
    student = student_of(cohort)

    client.force_login(student)
    page = client.get(lessons_url(cohort)).content.decode()
    assert "已发布的课" in page and "下周的课" not in page
    assert client.get(lesson_url(released)).status_code == 200
    assert client.get(lesson_url(later)).status_code == 404

    Lesson.objects.filter(pk=later.pk).update(release_at=timezone.now() - timedelta(minutes=1))
    assert client.get(lesson_url(later)).status_code == 200

    teacher.language = "en"
    teacher.save(update_fields=["language"])
    client.force_login(teacher)
    early = make_lesson(cohort, teacher, released=False, title_en="Not out yet")
    page = client.get(lessons_url(cohort)).content.decode()
    assert "Not out yet" in page and "Not released yet" in page
    assert client.get(lesson_url(early)).status_code == 200


def test_strangers_and_another_cohorts_people_see_nothing_of_the_lessons(client):
    cohort, _teacher = running_cohort()
    lesson = make_lesson(cohort, _teacher)
    other_cohort, other_teacher = running_cohort()
    outsiders = [UserFactory(), other_teacher, student_of(other_cohort)]

    assert client.get(lessons_url(cohort)).status_code == 302  # to sign in
    for person in outsiders:
        client.force_login(person)
        assert client.get(lessons_url(cohort)).status_code == 404
        assert client.get(lesson_url(lesson)).status_code == 404
        assert client.get(cohort.get_absolute_url() + "announcements/").status_code == 404
        # Another cohort's path with this lesson's id: not found either.
        assert client.get(lessons_url(other_cohort) + f"{lesson.pk}/").status_code == 404
    # The other cohort's instructor cannot write here either.
    client.force_login(other_teacher)
    response = client.post(
        lessons_url(cohort) + "new/",
        {"module": lesson.module_id, "title_zh": "入侵", "release_at": "2026-12-01T10:00"},
    )
    assert response.status_code == 404
    assert not Lesson.objects.filter(title_zh="入侵").exists()


def test_students_cannot_edit_and_staff_cannot_mark(client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    client.force_login(student_of(cohort))
    assert client.get(lessons_url(cohort) + "new/").status_code == 403
    assert client.get(lesson_url(lesson) + "edit/").status_code == 403
    client.force_login(teacher)
    assert client.post(lesson_url(lesson) + "done/", {"done": "1"}).status_code == 403


def test_bad_lesson_input_is_answered_beside_the_field_and_keeps_what_was_typed(client):
    cohort, teacher = running_cohort()
    module = make_module(cohort, teacher)
    teacher.language = "en"  # a signed-in person's own language wins over the header
    teacher.save(update_fields=["language"])
    client.force_login(teacher)
    typed = "这是我写了半小时的课文，不能丢。"

    empty_title = client.post(
        lessons_url(cohort) + "new/",
        {"module": module.pk, "title_zh": "  ", "body": typed,
         "release_at": timezone.localdate().isoformat()},
    )  # fmt: skip
    assert empty_title.status_code == 200
    assert empty_title.context["form"].errors["title_zh"]
    assert typed in empty_title.content.decode()

    outside = client.post(
        lessons_url(cohort) + "new/",
        {"module": module.pk, "title_zh": "太晚的课", "body": typed,
         "release_at": (cohort.ends_on + timedelta(days=3)).isoformat() + "T09:00"},
    )  # fmt: skip
    assert outside.status_code == 200
    errors = outside.context["form"].errors["release_at"]
    assert "within the cohort's dates" in errors[0]
    assert typed in outside.content.decode() and "太晚的课" in outside.content.decode()
    assert not Lesson.objects.exists()


def test_an_instructor_adds_a_module_and_a_lesson_released_in_beijing_time(client):
    cohort, teacher = running_cohort()
    client.force_login(teacher)
    client.post(lessons_url(cohort) + "modules/new/", {"title_zh": "第二单元", "title_en": ""})
    module = cohort.modules.get()
    day = cohort.starts_on + timedelta(days=3)
    response = client.post(
        lessons_url(cohort) + "new/",
        {"module": module.pk, "title_zh": "付费卡点", "body": "第8集前后",
         "release_at": f"{day.isoformat()}T20:00"},
    )  # fmt: skip
    lesson = Lesson.objects.get()
    assert response.status_code == 302 and response["Location"] == lesson_url(lesson)
    # Typed as Beijing time: 20:00 in Asia/Shanghai is 12:00 UTC.
    assert timezone.localtime(lesson.release_at).hour == 20
    assert lesson.release_at.astimezone(UTC).hour == 12


def test_a_student_marks_lessons_done_and_sees_their_place(client):
    cohort, teacher = running_cohort()
    first = make_lesson(cohort, teacher)
    make_lesson(cohort, teacher, module=first.module)
    make_lesson(cohort, teacher, released=False, module=first.module)
    student = student_of(cohort, language="en")
    client.force_login(student)

    client.post(lesson_url(first) + "done/", {"done": "1"})
    client.post(lesson_url(first) + "done/", {"done": "1"})  # twice is once

    assert LessonProgress.objects.filter(student=student).count() == 1
    page = client.get(cohort.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 of 2 released lessons done" in page
    client.post(lesson_url(first) + "done/", {"done": "0"})
    assert not LessonProgress.objects.filter(student=student).exists()


def test_a_student_cannot_mark_an_unreleased_lesson(client):
    cohort, teacher = running_cohort()
    later = make_lesson(cohort, teacher, released=False)
    student = student_of(cohort)
    client.force_login(student)
    assert client.post(lesson_url(later) + "done/", {"done": "1"}).status_code == 404
    with pytest.raises(ValidationError, match="尚未发布"):
        lesson_mark(actor=student, lesson=later, done=True)
    assert not LessonProgress.objects.exists()


def test_the_instructor_sees_each_students_count_on_the_progress_page_and_the_roster(client):
    cohort, teacher = running_cohort()
    lessons = [make_lesson(cohort, teacher) for _ in range(3)]
    keen, idle = student_of(cohort), student_of(cohort)
    for lesson in lessons[:2]:
        lesson_mark(actor=keen, lesson=lesson, done=True)
    client.force_login(teacher)

    progress = client.get(cohort.get_absolute_url() + "progress/")
    counts = {m.user_id: m.lessons_done for m in progress.context["students"]}
    assert counts == {keen.pk: 2, idle.pk: 0}
    assert "2 / 3" in progress.content.decode()
    roster = client.get(cohort.get_absolute_url() + "roster/").content.decode()
    assert "2 / 3" in roster and "0 / 3" in roster

    client.force_login(keen)
    assert client.get(cohort.get_absolute_url() + "progress/").status_code == 403


def test_lessons_outstanding_counts_released_lessons_not_done_in_one_query(
    django_assert_num_queries,
):
    cohort, teacher = running_cohort()
    lessons = [make_lesson(cohort, teacher) for _ in range(3)]
    make_lesson(cohort, teacher, released=False)
    other, other_teacher = running_cohort()
    make_lesson(other, other_teacher)  # another cohort's lesson counts for nobody here
    done_all, done_one, none = student_of(cohort), student_of(cohort), student_of(cohort)
    for lesson in lessons:
        lesson_mark(actor=done_all, lesson=lesson, done=True)
    lesson_mark(actor=done_one, lesson=lessons[0], done=True)

    with django_assert_num_queries(1):
        outstanding = lessons_outstanding(cohort, [done_all.pk, done_one.pk, none.pk])

    assert outstanding == {done_all.pk: 0, done_one.pk: 2, none.pk: 3}


def test_an_instructor_copies_another_cohorts_lessons_with_dates_shifted(client):
    source, teacher = running_cohort()
    lesson = make_lesson(source, teacher, released=False)
    target, _ = running_cohort(course=source.course, starts_days_ago=23)  # starts 7 days later

    copied = lessons_copy(actor=teacher, source=source, target=target)

    assert copied == 1
    twin = Lesson.objects.get(module__cohort=target)
    assert twin.title_zh == lesson.title_zh
    assert twin.release_at - lesson.release_at == timedelta(days=7)
    stranger_course_cohort, stranger = running_cohort()
    with pytest.raises(PermissionDenied):
        lessons_copy(actor=stranger, source=source, target=stranger_course_cohort)
