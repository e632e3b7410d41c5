"""Reading courses and cohorts. Later apps (the fund, scouting) ask here, not the models."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from core.permissions import is_signed_in
from core.types import Actor
from courses.models import Cohort, CohortMember, CohortRole, CohortStatus, Course, Enrolment
from courses.models.lessons import (
    Announcement,
    Exemplar,
    Lesson,
    LessonAttachment,
    LessonProgress,
    Module,
)
from courses.permissions import courses_visible_to, lessons_visible_in


def catalogue(
    user: Actor,
    *,
    theme: str = "",
    language: str = "",
    level: str = "",
    organisation: str = "",
    open_only: bool = True,
) -> QuerySet[Course]:
    """Courses for the catalogue: with a cohort open for enrolment (unless `open_only` is
    off), filtered by theme slug, teaching language, level and organisation slug."""
    courses = courses_visible_to(user)
    if open_only:
        courses = courses.filter(cohorts__status=CohortStatus.OPEN)
    if theme:
        courses = courses.filter(themes__slug=theme)
    if language:
        courses = courses.filter(language=language)
    if level:
        courses = courses.filter(level=level)
    if organisation:
        courses = courses.filter(Q(university__slug=organisation) | Q(studio__slug=organisation))
    return (
        Course.objects.filter(pk__in=courses.values("pk"))
        .select_related("university", "studio")
        .prefetch_related("themes")
        .order_by("-created_at", "pk")
    )


def cohorts_of(course: Course, user: Actor, *, managers: bool) -> QuerySet[Cohort]:
    """A course's cohorts with their student counts; drafts only for its managers."""
    cohorts = course.cohorts.annotate(
        students=Count("members", filter=Q(members__role=CohortRole.STUDENT))
    ).order_by("-starts_on", "pk")
    if not managers:
        cohorts = cohorts.exclude(status=CohortStatus.DRAFT)
    return cohorts


def roster(cohort: Cohort) -> QuerySet[CohortMember]:
    return (
        CohortMember.objects.filter(cohort=cohort)
        .select_related("user")
        .order_by("role", "created_at", "pk")
    )


def waiting_list(cohort: Cohort) -> QuerySet[Enrolment]:
    """Invitations, applications and the wait list, oldest first."""
    return (
        Enrolment.objects.filter(cohort=cohort, status__in=["invited", "applied", "waitlisted"])
        .select_related("user")
        .order_by("status", "updated_at", "pk")
    )


def cohorts_of_person(user: Actor) -> QuerySet[Cohort]:
    """The cohorts a person studies or teaches in."""
    if not is_signed_in(user):
        return Cohort.objects.none()
    return (
        Cohort.objects.filter(members__user_id=user.pk)
        .select_related("course__university", "course__studio")
        .order_by("-starts_on", "pk")
    )


def enrolment_of(user: Actor, cohort: Cohort) -> Enrolment | None:
    if not is_signed_in(user):
        return None
    return Enrolment.objects.filter(cohort=cohort, user_id=user.pk).first()


def place_counts(cohort: Cohort) -> dict[str, Any]:
    students = CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT).count()
    waiting = Enrolment.objects.filter(cohort=cohort, status="waitlisted").count()
    return {"students": students, "left": max(0, cohort.capacity - students), "waiting": waiting}


# --- Lessons, progress and announcements ------------------------------------------------


def syllabus(cohort: Cohort, user: Actor) -> list[Module]:
    """The cohort's modules with the lessons the viewer may see (get_cohort_lessons_for left
    their abilities on the cohort), each lesson marked `done` for the viewer: three
    queries, whatever the size. Students do not see a module with nothing released yet."""
    lessons = lessons_visible_in(cohort).order_by("position", "pk")
    modules = list(
        cohort.modules.prefetch_related(Prefetch("lessons", queryset=lessons)).order_by(
            "position", "pk"
        )
    )
    done = lessons_done_by(user, cohort)
    for module in modules:
        for lesson in module.lessons.all():
            lesson.done = lesson.pk in done  # type: ignore[attr-defined]
    if not cohort.lessons_can.see_unreleased:  # type: ignore[attr-defined]
        modules = [module for module in modules if module.lessons.all()]
    return modules


def lessons_done_by(user: Actor, cohort: Cohort) -> set[int]:
    if not is_signed_in(user):
        return set()
    return set(
        LessonProgress.objects.filter(
            student_id=user.pk, lesson__module__cohort=cohort
        ).values_list("lesson_id", flat=True)
    )


def progress_of(user: Actor, cohort: Cohort) -> dict[str, int]:
    """A student's place: lessons done of those released (one query)."""
    now = timezone.now()
    released = Lesson.objects.filter(module__cohort=cohort, release_at__lte=now)
    counts = released.aggregate(
        released=Count("pk", distinct=True),
        done=Count(
            "progress", filter=Q(progress__student_id=getattr(user, "pk", None)), distinct=True
        ),
    )
    total, done = counts["released"] or 0, counts["done"] or 0
    return {"released": total, "done": done, "percent": round(100 * done / total) if total else 0}


def released_count(cohort: Cohort) -> int:
    return Lesson.objects.filter(module__cohort=cohort, release_at__lte=timezone.now()).count()


def cohort_progress(cohort: Cohort) -> QuerySet[CohortMember]:
    """The cohort's students, each with `lessons_done` (released lessons marked done): one
    query for any cohort size."""
    now = timezone.now()
    return (
        CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT)
        .select_related("user")
        .annotate(
            lessons_done=Count(
                "user__lesson_progress",
                filter=Q(
                    user__lesson_progress__lesson__module__cohort=cohort,
                    user__lesson_progress__lesson__release_at__lte=now,
                ),
            )
        )
        .order_by("created_at", "pk")
    )


def lessons_done_per_student(cohort: Cohort) -> dict[int, int]:
    """user id -> released lessons done, for every student of the cohort (one query)."""
    return dict(cohort_progress(cohort).values_list("user_id", "lessons_done"))  # type: ignore[misc]


def lessons_outstanding(cohort: Cohort, student_ids: Iterable[int]) -> dict[int, int]:
    """user id -> released lessons of the cohort not yet marked done, for each of
    `student_ids` (one query). For a certificate's completion rule: 0 means all done."""
    now = timezone.now()
    released = Lesson.objects.filter(module__cohort=cohort, release_at__lte=now)
    released_total = Subquery(
        released.order_by().values("module__cohort").annotate(n=Count("pk")).values("n")[:1]
    )
    rows = (
        User.objects.filter(pk__in=list(student_ids))
        .annotate(
            released=Coalesce(released_total, 0),
            done=Count(
                "lesson_progress",
                filter=Q(
                    lesson_progress__lesson__module__cohort=cohort,
                    lesson_progress__lesson__release_at__lte=now,
                ),
            ),
        )
        .values_list("pk", "released", "done")
    )
    return {pk: max(0, total - done) for pk, total, done in rows}


def lesson_attachments(lesson: Lesson) -> QuerySet[LessonAttachment]:
    return lesson.attachments.order_by("created_at", "pk")


def lesson_exemplars(lesson: Lesson) -> QuerySet[Exemplar]:
    return lesson.exemplars.order_by("position", "pk")


def announcements_of(cohort: Cohort) -> QuerySet[Announcement]:
    return cohort.announcements.select_related("author").order_by("-created_at", "-pk")


def exemplars_for_display(lesson: Lesson) -> list[Exemplar]:
    """The lesson's excerpts, each with `screenplay`: its text in screenplay layout by the
    workspace's renderer (which escapes every text)."""
    from scripts_app.screenplay import screenplay_html_for_text

    exemplars = list(lesson_exemplars(lesson))
    for exemplar in exemplars:
        exemplar.screenplay = screenplay_html_for_text(exemplar.text, exemplar.format)  # type: ignore[attr-defined]
    return exemplars
