"""Lesson lists: the query count must not grow with lessons, files, excerpts, students or
announcements. (In a folder of its own: measurements live in modules named
test_query_counts.py, and tests/courses/test_query_counts.py holds the cohorts'.)"""

import pytest

from courses.services.lessons import (
    announcement_post,
    attachment_add,
    exemplar_add,
    lesson_mark,
)
from tests.courses.lesson_support import (
    lesson_url,
    lessons_url,
    make_lesson,
    make_module,
    pdf_upload,
    running_cohort,
    student_of,
)
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("courses:lesson_list", "api-cohort-lessons", "api-cohort-modules")
def test_the_syllabus_page_and_endpoints(client, api_client):
    cohort, teacher = running_cohort()
    student = student_of(cohort)
    client.force_login(student)
    api_client.force_authenticate(student)

    def more(k):
        for _ in range(k):
            lesson = make_lesson(cohort, teacher)
            make_lesson(cohort, teacher, released=False, module=lesson.module)
            lesson_mark(actor=student, lesson=lesson, done=True)

    assert_constant_queries(more, lambda: client.get(lessons_url(cohort)), expected=12)
    api = f"/api/v1/cohorts/{cohort.pk}/"
    assert_constant_queries(more, lambda: api_client.get(api + "lessons/"), expected=9)
    assert_constant_queries(more, lambda: api_client.get(api + "modules/"), expected=8)


@pytest.mark.measures("courses:lesson_detail")
def test_a_lessons_files_and_excerpts(client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    client.force_login(student_of(cohort))

    def more(k):
        for i in range(k):
            attachment_add(actor=teacher, lesson=lesson, upload=pdf_upload(f"讲义{i}.pdf"))
            exemplar_add(actor=teacher, lesson=lesson, caption_zh=f"例{i}", format="zh",
                         text=f"第1集\n1-1 日 内 房间\n林晚：第{i}句。\n")  # fmt: skip

    assert_constant_queries(more, lambda: client.get(lesson_url(lesson)), expected=12)


@pytest.mark.measures("courses:cohort_progress", "api-cohort-progress")
def test_the_cohorts_progress(client, api_client):
    cohort, teacher = running_cohort()
    lessons = [make_lesson(cohort, teacher, module=make_module(cohort, teacher))]
    client.force_login(teacher)
    api_client.force_authenticate(teacher)

    def more(k):
        for _ in range(k):
            lesson_mark(actor=student_of(cohort), lesson=lessons[0], done=True)

    assert_constant_queries(
        more,
        lambda: client.get(cohort.get_absolute_url() + "progress/"),
        expected=7,
        rows=lambda response: len(response.context["students"]),
    )
    assert_constant_queries(
        more, lambda: api_client.get(f"/api/v1/cohorts/{cohort.pk}/progress/"), expected=6
    )


@pytest.mark.measures("courses:announcement_list", "api-cohort-announcements")
def test_the_announcements(client, api_client):
    cohort, teacher = running_cohort()
    student = student_of(cohort)
    client.force_login(student)
    api_client.force_authenticate(student)

    def more(k):
        for i in range(k):
            announcement_post(actor=teacher, cohort=cohort, title=f"通知{i}", body="正文")

    assert_constant_queries(
        more, lambda: client.get(cohort.get_absolute_url() + "announcements/"), expected=10
    )
    assert_constant_queries(
        more, lambda: api_client.get(f"/api/v1/cohorts/{cohort.pk}/announcements/"), expected=8
    )
