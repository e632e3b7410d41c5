"""Reading courses and cohorts. Later apps (the fund, scouting) ask here, not the models."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from core.permissions import is_signed_in
from core.types import Actor
from courses.certificate_signing import normalise_code, signature_holds
from courses.completion import completion_status
from courses.models import (
    Assignment,
    Certificate,
    CertificateStatus,
    Cohort,
    CohortMember,
    CohortRole,
    CohortStatus,
    Course,
    Enrolment,
    Grade,
    GraderNote,
    Submission,
    SubmissionAuthor,
)
from courses.models.lessons import (
    Announcement,
    Exemplar,
    Lesson,
    LessonAttachment,
    LessonProgress,
    Module,
)
from courses.permissions import courses_visible_to, lessons_visible_in
from scripts_app.models import CollaboratorRole, Revision


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


def assignments_of(cohort: Cohort) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(cohort=cohort).select_related("studio").order_by("due_at", "pk")
    )


def current_submission(assignment: Assignment, user: Actor) -> Submission | None:
    if not is_signed_in(user):
        return None
    return (
        Submission.objects.filter(
            assignment=assignment, replaced_at__isnull=True, authors__user_id=user.pk
        )
        .select_related("revision", "series")
        .first()
    )


def current_submissions(assignment: Assignment) -> QuerySet[Submission]:
    """The current submission of every student (or group), for graders."""
    return (
        Submission.objects.filter(assignment=assignment, replaced_at__isnull=True)
        .select_related("revision", "series", "submitted_by")
        .prefetch_related("authors__user")
        .order_by("submitted_at", "pk")
    )


def writable_revision(user: Actor, pk: int) -> Revision | None:
    """One revision of a series the person writes (owns or co-writes), or None."""
    if not is_signed_in(user):
        return None
    written = Q(series__owner_id=user.pk) | Q(
        series__collaborators__user_id=user.pk,
        series__collaborators__role=CollaboratorRole.COWRITER,
    )
    return Revision.objects.filter(written, pk=pk).select_related("series").first()


def writable_revisions(user: Actor) -> list[tuple[int, str]]:
    """(revision id, label) of the newest revisions of the series a person writes (owns or
    co-writes)."""
    if not is_signed_in(user):
        return []
    written = Q(series__owner_id=user.pk) | Q(
        series__collaborators__user_id=user.pk,
        series__collaborators__role=CollaboratorRole.COWRITER,
    )
    revisions = (
        Revision.objects.filter(written).select_related("series").order_by("-created_at")[:100]
    )
    return [
        (revision.pk, f"{revision.series.title} · #{revision.number}"
         + (f" {revision.name}" if revision.name else ""))
        for revision in revisions
    ]  # fmt: skip


def grades_of(submission: Submission) -> QuerySet[Grade]:
    return Grade.objects.filter(submission=submission).select_related("grader").order_by("pk")


def grader_notes_of(submission: Submission) -> QuerySet[GraderNote]:
    return GraderNote.objects.filter(submission=submission).select_related("author")


def grader_neighbours(submission: Submission) -> tuple[int | None, int | None]:
    """The previous and next current submissions of the same assignment, for graders."""
    ids = list(
        Submission.objects.filter(assignment_id=submission.assignment_id, replaced_at__isnull=True)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )
    if submission.pk not in ids:
        return None, None
    index = ids.index(submission.pk)
    return (ids[index - 1] if index else None), (ids[index + 1] if index + 1 < len(ids) else None)


@dataclass(frozen=True)
class GradebookCell:
    submission_id: int | None
    graded: bool
    points: Decimal | None
    late_days: int
    released: bool


@dataclass(frozen=True)
class GradebookRow:
    student: Any
    cells: list[GradebookCell]
    total: Decimal


def peer_points(submission_ids: list[int]) -> dict[int, Decimal]:
    """Submission id -> the points its completed peer reviews give (the rubric's weighted
    overall of the reviewers' mean per criterion, as a share of the scale's top, times the
    assignment's points). Two queries for any number of submissions."""
    from reviews.models import Criterion, ReviewScore
    from reviews.scoring import overall

    rows = ReviewScore.objects.filter(
        review__assignment__request__course_submission__in=submission_ids,
        review__assignment__status="submitted",
        score__isnull=False,
    ).values_list(
        "review__assignment__request__course_submission",
        "criterion_id",
        "score",
        "review__assignment__request__course_submission__assignment__points",
    )
    scores: dict[int, dict[int, list[int]]] = {}
    worth: dict[int, int] = {}
    for submission_id, criterion_id, score, points in rows:
        if score is None:
            continue
        scores.setdefault(submission_id, {}).setdefault(criterion_id, []).append(score)
        worth[submission_id] = points
    criteria = {
        c.pk: c
        for c in Criterion.objects.filter(
            pk__in={cid for by in scores.values() for cid in by}
        ).select_related("version")
    }
    result: dict[int, Decimal] = {}
    for submission_id, by_criterion in scores.items():
        pairs = [
            (float(criteria[cid].weight), sum(values) / len(values))
            for cid, values in by_criterion.items()
        ]
        weighted = overall(pairs)
        if weighted is None:
            continue
        scale_max = next(iter(criteria[cid] for cid in by_criterion)).version.scale_max
        share = Decimal(str(weighted)) / Decimal(scale_max)
        result[submission_id] = (share * worth[submission_id]).quantize(Decimal("0.01"))
    return result


def review_quality_points(cohort: Cohort) -> dict[tuple[int, int], Decimal]:
    """(student id, assignment id) -> points for the quality of the student's peer reviews
    in that assignment: the mean helpfulness (1–5) the writers gave them, as a share of 5,
    times the assignment's points. One query for the whole cohort."""
    from django.db.models import Avg

    from reviews.models import Review

    rows = (
        Review.objects.filter(
            assignment__request__course_submission__assignment__cohort=cohort,
            helpfulness__isnull=False,
        )
        .values(
            "assignment__reviewer_id",
            "assignment__request__course_submission__assignment_id",
            "assignment__request__course_submission__assignment__points",
        )
        .annotate(mean=Avg("helpfulness"))
    )
    return {
        (
            row["assignment__reviewer_id"],
            row["assignment__request__course_submission__assignment_id"],
        ): (
            Decimal(str(row["mean"]))
            / 5
            * row["assignment__request__course_submission__assignment__points"]
        ).quantize(Decimal("0.01"))
        for row in rows
    }


def gradebook(
    cohort: Cohort, *, only_user_id: int | None = None
) -> tuple[list[Assignment], list[GradebookRow]]:
    """Students × assignments with each final grade (after lateness), in four queries
    whatever the size (students, assignments, who each current submission counts for, and
    every grade's points), reading narrow rows: 500 × 10 is 5,000 cells."""
    from courses.services.grading import final_from_points

    members = CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT).select_related(
        "user"
    )
    if only_user_id is not None:
        members = members.filter(user_id=only_user_id)
    students = [member.user for member in members.order_by("user__display_name_zh", "user_id")]
    assignments = list(Assignment.objects.filter(cohort=cohort).order_by("due_at", "pk"))
    current = Submission.objects.filter(assignment__cohort=cohort, replaced_at__isnull=True)
    by_cell: dict[tuple[int, int], tuple[int, int]] = {
        (user_id, assignment_id): (submission_id, late_days)
        for user_id, assignment_id, submission_id, late_days in SubmissionAuthor.objects.filter(
            submission__in=current
        ).values_list(
            "user_id", "submission__assignment_id", "submission_id", "submission__late_days"
        )
    }
    points: dict[int, list[Decimal]] = {}
    for submission_id, value in Grade.objects.filter(submission__in=current).values_list(
        "submission_id", "points"
    ):
        points.setdefault(submission_id, []).append(value)
    peers = (
        peer_points([submission_id for submission_id, _days in by_cell.values()])
        if any(a.peer_weight_percent for a in assignments)
        else {}
    )
    quality = (
        review_quality_points(cohort) if any(a.review_quality_percent for a in assignments) else {}
    )
    rows = []
    for student in students:
        cells = []
        total = Decimal(0)
        for assignment in assignments:
            released = assignment.grades_released_at is not None
            found = by_cell.get((student.pk, assignment.pk))
            if found is None:
                cells.append(GradebookCell(None, False, None, 0, released))
                continue
            submission_id, late_days = found
            result = final_from_points(
                assignment,
                late_days,
                points.get(submission_id, []),
                peers.get(submission_id),
                quality.get((student.pk, assignment.pk)),
            )
            if result.points is not None:
                total += result.points
            cells.append(
                GradebookCell(submission_id, result.graded, result.points, late_days, released)
            )
        rows.append(GradebookRow(student, cells, total))
    return assignments, rows


# --- Certificates -------------------------------------------------------------------------
#
# Later apps (the fund's eligibility, scouting's filters) read certificates here.


def certificates_of(user: Actor) -> list[Certificate]:
    """A person's valid certificates, newest first: issued, not revoked, and whose
    signature still matches what they state (a record edited behind the platform's back
    does not count). One query."""
    if not getattr(user, "pk", None):
        return []
    issued = Certificate.objects.filter(
        student_id=user.pk, status=CertificateStatus.ISSUED
    ).select_related("cohort__course")
    return [certificate for certificate in issued if signature_holds(certificate)]


def certificate_holders(*, course: Course | None = None) -> QuerySet[Certificate, Any]:
    """The ids of people holding a certificate that is not revoked (of one course, if
    given), as a subquery for filters: `User.objects.filter(pk__in=certificate_holders())`.
    A database filter cannot check signatures; check a shortlist with `certificates_of`."""
    issued = Certificate.objects.filter(status=CertificateStatus.ISSUED, student__isnull=False)
    if course is not None:
        issued = issued.filter(cohort__course=course)
    return issued.values("student_id")


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate a code (as typed, scanned or linked) names, or None."""
    normalised = normalise_code(code)
    if not normalised:
        return None
    return Certificate.objects.filter(code=normalised).first()


class Verdict:
    GENUINE = "genuine"
    REVOKED = "revoked"
    NOT_GENUINE = "not_genuine"


def certificate_verdict(certificate: Certificate) -> str:
    """Genuine only when the signature matches and the certificate is not revoked;
    revoked for a genuine record that was revoked; otherwise not genuine."""
    if not signature_holds(certificate):
        return Verdict.NOT_GENUINE
    if certificate.status != CertificateStatus.ISSUED or certificate.revoked_at is not None:
        return Verdict.REVOKED
    return Verdict.GENUINE


@dataclass(slots=True)
class CertificateRow:
    """One student on a cohort's certificates page."""

    student: Any
    reasons: list[str]
    certificate: Certificate | None = None  # the valid one
    revoked: list[Certificate] = field(default_factory=list)
    in_cohort: bool = True  # False for someone who holds a certificate but has left

    @property
    def completed(self) -> bool:
        return not self.reasons


def cohort_certificate_rows(cohort: Cohort) -> list[CertificateRow]:
    """Every enrolled student with their completion and certificates, then anyone who
    holds a certificate of the cohort but has left it. A fixed number of queries: the
    students, the completion rules', and the certificates."""
    students = list(
        CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    status = completion_status(cohort, student_ids=[member.user_id for member in students])
    rows = {
        member.user_id: CertificateRow(student=member.user, reasons=status[member.user_id])
        for member in students
    }
    certificates = (
        Certificate.objects.filter(cohort=cohort)
        .select_related("student")
        .order_by("-issued_at", "-pk")
    )
    for certificate in certificates:
        certificate.cohort = cohort  # already loaded, with its course
        row = rows.get(certificate.student_id or 0)
        if row is None:
            row = rows[certificate.student_id or -certificate.pk] = CertificateRow(
                student=certificate.student, reasons=[], in_cohort=False
            )
        if certificate.status == CertificateStatus.ISSUED:
            row.certificate = certificate
        else:
            row.revoked.append(certificate)
    return list(rows.values())


def cohort_certificates(cohort: Cohort) -> QuerySet[Certificate]:
    """A cohort's certificates, valid and revoked, newest first (for the API)."""
    return (
        Certificate.objects.filter(cohort=cohort)
        .select_related("cohort__course")
        .order_by("-issued_at", "-pk")
    )


def certificates_held_by(user: Actor) -> QuerySet[Certificate]:
    """All of a person's certificates, revoked ones too (their own list)."""
    if not is_signed_in(user):
        return Certificate.objects.none()
    return (
        Certificate.objects.filter(student_id=user.pk)
        .select_related("cohort__course")
        .order_by("-issued_at", "-pk")
    )


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


def _lessons_done(cohort: Cohort) -> Count:
    """Per member: the cohort's released lessons they marked done."""
    return Count(
        "user__lesson_progress",
        filter=Q(
            user__lesson_progress__lesson__module__cohort=cohort,
            user__lesson_progress__lesson__release_at__lte=timezone.now(),
        ),
    )


def cohort_progress(cohort: Cohort) -> QuerySet[CohortMember]:
    """The cohort's students, each with `lessons_done` (released lessons marked done): one
    query for any cohort size."""
    return (
        CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT)
        .select_related("user")
        .annotate(lessons_done=_lessons_done(cohort))
        .order_by("created_at", "pk")
    )


def roster_with_progress(cohort: Cohort) -> QuerySet[CohortMember]:
    """The roster (staff and students, by role then seniority), each member with
    `lessons_done` (meaningful for students; 0 for staff): one query for any cohort size."""
    return roster(cohort).annotate(lessons_done=_lessons_done(cohort))


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


def instructor_student_pairs(
    instructor_ids: Iterable[int], student_ids: Iterable[int]
) -> set[tuple[int, int]]:
    """(instructor, student) pairs among the given people: the instructor teaches (or
    taught) a cohort the student is enrolled in as a student. One query; for other apps'
    conflict-of-interest rules (the fund's panel)."""
    teaching = CohortMember.objects.filter(
        user_id__in=list(instructor_ids), role=CohortRole.INSTRUCTOR
    )
    pairs = (
        CohortMember.objects.filter(user_id__in=list(student_ids), role=CohortRole.STUDENT)
        .filter(cohort_id__in=teaching.values("cohort_id"))
        .values_list("cohort_id", "user_id")
    )
    by_cohort: dict[int, set[int]] = {}
    for cohort_id, student_id in pairs:
        by_cohort.setdefault(cohort_id, set()).add(student_id)
    result: set[tuple[int, int]] = set()
    for cohort_id, instructor_id in teaching.filter(cohort_id__in=list(by_cohort)).values_list(
        "cohort_id", "user_id"
    ):
        result.update((instructor_id, student) for student in by_cohort[cohort_id])
    return result
