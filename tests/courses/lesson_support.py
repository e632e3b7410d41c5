"""Cohorts that are running now, their students and lessons, made through the services."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from courses.services.cohorts import cohort_create, cohort_move, enrol_self
from courses.services.lessons import lesson_create, module_create
from tests.courses.support import make_course
from tests.support.factories import UserFactory


def _blank_pdf() -> bytes:
    import io

    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=72, height=72)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _blank_pdf()  # a real one: the blind walker reads every PDF it downloads


def running_cohort(*, course=None, capacity=50, starts_days_ago=30):
    """An open cohort that started a month ago and ends in two months."""
    if course is None:
        course, teacher = make_course()
    else:
        teacher = course.created_by
    today = timezone.localdate()
    cohort = cohort_create(
        actor=teacher,
        course=course,
        name_zh="2026 冬季",
        name_en="Winter 2026",
        starts_on=today - timedelta(days=starts_days_ago),
        ends_on=today + timedelta(days=60),
        capacity=capacity,
        enrolment_mode="open",
    )
    cohort_move(actor=teacher, cohort=cohort, move="open")
    return cohort, teacher


def student_of(cohort, **fields):
    person = UserFactory(**fields)
    enrol_self(actor=person, cohort=cohort)
    return person


def make_module(cohort, teacher, title="第一单元：开场钩子"):
    return module_create(actor=teacher, cohort=cohort, title_zh=title, title_en="Unit 1: Hooks")


def make_lesson(cohort, teacher, *, released=True, module=None, **fields):
    module = module or make_module(cohort, teacher)
    module.cohort = cohort
    now = timezone.now()
    return lesson_create(
        actor=teacher,
        module=module,
        title_zh=fields.pop("title_zh", "三秒抓住观众"),
        title_en=fields.pop("title_en", "Hook them in three seconds"),
        body=fields.pop("body", "冷开场要**快**。"),
        release_at=fields.pop(
            "release_at", now - timedelta(hours=1) if released else now + timedelta(days=2)
        ),
        **fields,
    )


def pdf_upload(name="讲义.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def lessons_url(cohort) -> str:
    return cohort.get_absolute_url() + "lessons/"


def lesson_url(lesson) -> str:
    return lessons_url(lesson.module.cohort) + f"{lesson.pk}/"
