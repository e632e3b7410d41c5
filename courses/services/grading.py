"""Grading: rubric scores and feedback from instructors and mentors, the final grade, and
releasing grades to students.

A grade's points are the rubric's weighted overall (reviews.scoring.overall) as a share of
the scale's top, times the assignment's points: 8 of 10 on a 100-point assignment is 80.
A submission's final points are the mean of its graders' points, less the late penalty,
never below zero. Students see grades only once the instructor releases them.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.notifications import notification_send
from courses import permissions
from courses.models import Assignment, Grade, GraderNote, Submission
from reviews.models import Rubric, RubricVersion
from reviews.scoring import overall
from reviews.services.rubrics import version_for_use
from scripts_app.selectors import revision_text

CENT = Decimal("0.01")


def rubric_version_for(assignment: Assignment) -> RubricVersion:
    """The rubric version graders use: the assignment's rubric, or the platform default."""
    rubric = assignment.rubric or Rubric.objects.filter(is_default=True).first()
    version = version_for_use(rubric) if rubric else None
    if version is None:
        raise ValidationError(_("No rubric with criteria is available for grading."))
    return version


def grade_points(assignment: Assignment, version: RubricVersion, scores: dict[str, int]) -> Decimal:
    criteria = list(version.criteria.all())
    weighted = overall([(float(c.weight), scores.get(c.key)) for c in criteria])
    if weighted is None:
        return Decimal(0)
    share = Decimal(str(weighted)) / Decimal(version.scale_max)
    return (share * assignment.points).quantize(CENT, rounding=ROUND_HALF_UP)


def grade_save(
    *, actor: User, submission: Submission, scores: dict[str, int], feedback: str = ""
) -> Grade:
    """Save (or change) the actor's grade of a submission.

    Raises:
        PermissionDenied: the actor is not an instructor or mentor of the cohort.
        ValidationError: a criterion is missing or a score is outside the rubric's scale.
    """
    assignment = submission.assignment
    if not permissions.can_grade(actor, assignment.cohort):
        raise PermissionDenied
    version = rubric_version_for(assignment)
    criteria = list(version.criteria.all())
    errors = {}
    clean: dict[str, int] = {}
    for criterion in criteria:
        value = scores.get(criterion.key)
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            errors[criterion.key] = [_("Give a score.")]
            continue
        if not version.scale_min <= number <= version.scale_max:
            errors[criterion.key] = [
                _("A score is from %(low)s to %(high)s.")
                % {"low": version.scale_min, "high": version.scale_max}
            ]
            continue
        clean[criterion.key] = number
    if errors:
        raise ValidationError(errors)
    points = grade_points(assignment, version, clean)
    with transaction.atomic():
        grade, created = Grade.objects.update_or_create(
            submission=submission,
            grader=actor,
            defaults={
                "rubric_version": version,
                "scores": clean,
                "feedback": feedback.strip(),
                "points": points,
            },
        )
        audit_record(
            actor=actor,
            action="assignment.graded" if created else "assignment.regraded",
            target=assignment.cohort,
            data={"submission": submission.pk, "points": str(points)},
        )
    return grade


NOTE_MAX_CHARS = 4000


def grader_note_add(*, actor: User, submission: Submission, line: int, body: str) -> GraderNote:
    """A grader's note on a line of the submitted revision; its students see it with the
    grades.

    Raises:
        PermissionDenied: the actor cannot grade in the submission's cohort.
        ValidationError: an empty or overlong note, or a line without text.
    """
    if not permissions.can_grade(actor, submission.assignment.cohort):
        raise PermissionDenied
    body = body.strip()
    errors: dict[str, list[str]] = {}
    if not body:
        errors["body"] = [_("Write a note.")]
    elif len(body) > NOTE_MAX_CHARS:
        errors["body"] = [_("At most 4,000 characters.")]
    lines = revision_text(submission.revision).split("\n")
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        errors["line"] = [_("Choose a line with text on it.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        note = GraderNote.objects.create(
            submission=submission,
            author=actor,
            line=line,
            anchor_text=lines[line - 1].strip()[:500],
            body=body,
        )
        audit_record(
            actor=actor, action="assignment.note_added", target=submission.assignment.cohort,
            data={"submission": submission.pk, "note": note.pk, "line": line},
        )  # fmt: skip
    return note


def grader_note_delete(*, actor: User, note: GraderNote) -> None:
    """Its author takes a note back, until the grades are released (students read them
    from then on)."""
    if note.author_id != actor.pk:
        raise PermissionDenied
    assignment = note.submission.assignment
    if assignment.grades_released_at is not None:
        raise ValidationError(_("The grades are released: their notes are final."))
    with transaction.atomic():
        audit_record(
            actor=actor, action="assignment.note_deleted", target=assignment.cohort,
            data={"submission": note.submission_id, "note": note.pk, "line": note.line},
        )  # fmt: skip
        note.delete()


@dataclass(frozen=True)
class FinalGrade:
    graded: bool
    points: Decimal | None  # after the late penalty
    before_penalty: Decimal | None
    penalty: Decimal
    passed: bool | None


def final_grade(
    assignment: Assignment,
    submission: Submission,
    grades: list[Grade],
    *,
    student_id: int | None = None,
) -> FinalGrade:
    """The final grade of a submission (for `student_id`, whose reviewing may count too)."""
    from courses.selectors import peer_points, review_quality_points

    peer = None
    if assignment.peer_weight_percent:
        peer = peer_points([submission.pk]).get(submission.pk)
    quality = None
    if assignment.review_quality_percent and student_id is not None:
        quality = review_quality_points(assignment.cohort).get((student_id, assignment.pk))
    return final_from_points(
        assignment, submission.late_days, [g.points for g in grades], peer, quality
    )


def final_from_points(
    assignment: Assignment,
    late_days: int,
    points: list[Decimal],
    peer: Decimal | None = None,
    quality: Decimal | None = None,
) -> FinalGrade:
    """The final grade from the graders' points, the peer reviews' points and the quality
    of the student's own reviews (each weighted by the assignment, when there are any),
    and the days late. The gradebook calls this for every cell, so it takes plain values."""
    if not points:
        return FinalGrade(False, None, None, Decimal(0), None)
    graders = sum(points, Decimal(0)) / len(points)
    own_share = Decimal(100)
    weighted = Decimal(0)
    for value, percent in (
        (peer, assignment.peer_weight_percent),
        (quality, assignment.review_quality_percent),
    ):
        if value is not None and percent:
            own_share -= percent
            weighted += value * percent
    mean = (graders * own_share + weighted) / 100
    percent = min(100, late_days * assignment.late_penalty_percent)
    penalty = (Decimal(assignment.points) * percent / 100).quantize(CENT)
    final = max(Decimal(0), mean - penalty).quantize(CENT, rounding=ROUND_HALF_UP)
    return FinalGrade(True, final, mean.quantize(CENT), penalty, final >= assignment.pass_points)


def grades_release(*, actor: User, assignment: Assignment) -> Assignment:
    """Show the assignment's grades to its students, and tell each graded one."""
    if not permissions.can_run_cohort(actor, assignment.cohort):
        raise PermissionDenied
    if assignment.grades_released_at is not None:
        raise ValidationError(_("The grades were already released."))
    now = timezone.now()
    with transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(grades_released_at=now)
        assignment.grades_released_at = now
        audit_record(
            actor=actor, action="assignment.grades_released", target=assignment.cohort,
            data={"assignment": assignment.pk},
        )  # fmt: skip
        graded = Submission.objects.filter(
            assignment=assignment, replaced_at__isnull=True, grades__isnull=False
        ).distinct()
        recipients = User.objects.filter(course_submissions__submission__in=graded).distinct()
        cohort = assignment.cohort
        url = reverse(
            "courses:assignment_detail", args=[cohort.course.slug, cohort.pk, assignment.pk]
        )
        for person in recipients:
            notification_send(
                recipient=person,
                kind="assignment_grades_released",
                params={
                    "assignment": {
                        "zh": assignment.title_zh,
                        "en": assignment.title_en or assignment.title_zh,
                    }
                },
                url=url,
            )
    return assignment
