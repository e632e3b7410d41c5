"""Assignments and submissions.

A student submits a specific revision of a series they write; co-writers in the cohort
may submit it together. Until the late cut-off a new submission replaces the current one
(all are kept); after it, submitting is refused with the time it closed.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.notifications import notification_send
from courses import permissions
from courses.models import (
    Assignment,
    Cohort,
    CohortMember,
    CohortRole,
    Submission,
    SubmissionAuthor,
)
from courses.requirements import Check, check_script
from registry.services.originality import fingerprint_enqueue
from scripts_app.models import Revision, Series
from scripts_app.permissions import WRITERS, series_role
from scripts_app.selectors import revision_text, writer_ids

ASSIGNMENT_FIELDS = (
    "title_zh", "title_en", "brief", "due_at", "late_until", "late_penalty_percent", "points",
    "pass_points", "required", "group_work", "episodes_from", "episodes_to", "required_format",
    "min_episode_seconds", "max_episode_seconds", "hooks_required", "paywall_required",
    "character_list_required", "synopsis_required", "peer_reviewers", "peer_weight_percent",
    "review_quality_percent",
)  # fmt: skip


def _validate(fields: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    due, late = fields.get("due_at"), fields.get("late_until")
    if due and late and late < due:
        errors["late_until"] = [_("Late submissions can only close after the due time.")]
    first, last = fields.get("episodes_from"), fields.get("episodes_to")
    if first is None:
        first = 1
    if first < 1:
        errors["episodes_from"] = [_("Episodes are numbered from 1.")]
    if last is not None and last < first:
        errors["episodes_to"] = [_("The last episode cannot come before the first.")]
    shortest, longest = fields.get("min_episode_seconds"), fields.get("max_episode_seconds")
    if shortest and longest and longest < shortest:
        errors["max_episode_seconds"] = [
            _("The longest episode cannot be shorter than the shortest.")
        ]
    points, passing = fields.get("points"), fields.get("pass_points")
    if points is not None and passing is not None and passing > points:
        errors["pass_points"] = [_("The points to pass cannot exceed the points.")]
    if fields.get("late_penalty_percent", 0) > 100:
        errors["late_penalty_percent"] = [_("A penalty is at most 100 %.")]
    if (fields.get("peer_reviewers") or 0) > 5:
        errors["peer_reviewers"] = [_("Ask for at most 5 peer reviews a submission.")]
    if (fields.get("peer_weight_percent") or 0) > 100:
        errors["peer_weight_percent"] = [_("A weight is at most 100 %.")]
    if (fields.get("peer_weight_percent") or 0) + (fields.get("review_quality_percent") or 0) > 100:
        errors["review_quality_percent"] = [
            _("The peer score and the reviewing together weigh at most 100 %.")
        ]
    if errors:
        raise ValidationError(errors)


def _defaults() -> dict[str, Any]:
    columns = {field.name: field for field in Assignment._meta.concrete_fields}
    return {name: columns[name].get_default() for name in ASSIGNMENT_FIELDS}


def assignment_create(*, actor: User, cohort: Cohort, **fields: Any) -> Assignment:
    """A new assignment. One written by an admin of the course's studio partner (and not
    by the course's university) is the studio's brief."""
    if not permissions.can_author_assignment(actor, cohort):
        raise PermissionDenied
    unknown = set(fields) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown assignment fields: {sorted(unknown)}")
    # Fields left out take the model's defaults; the rules see the assignment as it will be.
    _validate(_defaults() | fields)
    studio = cohort.course.studio if permissions.writes_as_studio(actor, cohort) else None
    with transaction.atomic():
        assignment = Assignment.objects.create(cohort=cohort, author=actor, studio=studio, **fields)
        audit_record(
            actor=actor,
            action="assignment.created",
            target=cohort,
            data={"assignment": assignment.pk},
        )
    return assignment


def assignment_update(*, actor: User, assignment: Assignment, **fields: Any) -> Assignment:
    """Change any of ASSIGNMENT_FIELDS; the rules are checked on the assignment as it will be.

    Raises:
        PermissionDenied: the actor may not edit the assignment.
        ValidationError: a rule of `_validate`, under the field it concerns.
    """
    if not permissions.can_edit_assignment(actor, assignment):
        raise PermissionDenied
    merged = {name: getattr(assignment, name) for name in ASSIGNMENT_FIELDS}
    merged.update(fields)
    _validate(merged)
    with transaction.atomic():
        for name, value in fields.items():
            if name not in ASSIGNMENT_FIELDS:
                raise TypeError(f"unknown assignment field: {name}")
            setattr(assignment, name, value)
        assignment.save()
        audit_record(
            actor=actor, action="assignment.updated", target=assignment.cohort,
            data={"assignment": assignment.pk},
        )  # fmt: skip
    return assignment


def requirement_checks(assignment: Assignment, revision: Revision) -> list[Check]:
    """The requirement checks of an assignment against a revision (the preview a student
    sees before submitting, and what is stored with the submission)."""
    return check_script(assignment, revision_text(revision), revision.format)


@dataclass(frozen=True)
class Timing:
    open: bool
    late_days: int
    closes_at: datetime | None


def submission_timing(assignment: Assignment, now: datetime | None = None) -> Timing:
    now = now or timezone.now()
    if now <= assignment.due_at:
        return Timing(True, 0, assignment.late_until or assignment.due_at)
    if assignment.late_until and now <= assignment.late_until:
        days = math.ceil((now - assignment.due_at).total_seconds() / 86_400)
        return Timing(True, days, assignment.late_until)
    return Timing(False, 0, assignment.late_until or assignment.due_at)


def co_authors_in_cohort(assignment: Assignment, series: Series, actor: User) -> list[User]:
    """The series' writers (owner and co-writers) who are students of the cohort, the
    actor first: who a group submission counts for."""
    writers = writer_ids(series)
    students = set(
        CohortMember.objects.filter(
            cohort_id=assignment.cohort_id, role=CohortRole.STUDENT, user_id__in=writers
        ).values_list("user_id", flat=True)
    )
    others = list(User.objects.filter(pk__in=students - {actor.pk}).order_by("pk"))
    return [actor, *others] if assignment.group_work else [actor]


def submit(
    *,
    actor: User,
    assignment: Assignment,
    revision: Revision,
    studio_may_read: bool = False,
    now: datetime | None = None,
) -> Submission:
    """Submit a revision to an assignment.

    Raises:
        PermissionDenied: the actor is not a student of the cohort.
        ValidationError: the revision is not of a series they write, or submissions are
            closed (the message says when they closed).
    """
    cohort = assignment.cohort
    if permissions.cohort_role(actor, cohort) != CohortRole.STUDENT:
        raise PermissionDenied
    series = revision.series
    if series_role(actor, series) not in WRITERS:
        raise ValidationError({"revision": [_("Submit a revision of a series you write.")]})
    timing = submission_timing(assignment, now)
    if not timing.open:
        closed = (
            timezone.localtime(timing.closes_at).strftime("%Y-%m-%d %H:%M")
            if timing.closes_at
            else ""
        )
        raise ValidationError(
            _("Submissions to this assignment closed at %(time)s (Beijing time).")
            % {"time": closed}
        )
    authors = co_authors_in_cohort(assignment, series, actor)
    checks = [check.as_json() for check in requirement_checks(assignment, revision)]
    moment = now or timezone.now()
    with transaction.atomic():
        # One current submission per student: theirs, or their group's, is replaced.
        Submission.objects.filter(
            assignment=assignment,
            replaced_at__isnull=True,
            authors__user__in=[author.pk for author in authors],
        ).update(replaced_at=moment)
        submission = Submission.objects.create(
            assignment=assignment,
            series=series,
            revision=revision,
            submitted_by=actor,
            late_days=timing.late_days,
            checks=checks,
            studio_may_read=bool(studio_may_read and assignment.studio_id),
        )
        SubmissionAuthor.objects.bulk_create(
            SubmissionAuthor(submission=submission, user=author) for author in authors
        )
        # What a course receives goes into the originality index (registry).
        fingerprint_enqueue(revision=revision, reason="submitted")
        audit_record(
            actor=actor, action="assignment.submitted", target=cohort,
            data={"assignment": assignment.pk, "submission": submission.pk,
                  "revision": revision.pk, "late_days": timing.late_days},
        )  # fmt: skip
    return submission


def late_penalty_points(assignment: Assignment, submission: Submission) -> float:
    """Points taken off for lateness: the per-day percentage of the assignment's points for
    every day started after the due time, never more than all of them."""
    percent = min(100, submission.late_days * assignment.late_penalty_percent)
    return assignment.points * percent / 100


REMIND_BEFORE = timedelta(hours=48)


def assignment_due_reminders(*, now: datetime | None = None) -> int:
    """Remind the students who have not submitted that an assignment is due within 48
    hours. Each assignment is claimed once by a conditional update, so a second run (or a
    second worker) reminds nobody twice. Returns how many reminders were queued."""
    now = now or timezone.now()
    due_soon = Assignment.objects.filter(
        due_reminded_at__isnull=True, due_at__gt=now, due_at__lte=now + REMIND_BEFORE
    ).select_related("cohort__course")
    sent = 0
    for assignment in due_soon:
        with transaction.atomic():
            claimed = Assignment.objects.filter(
                pk=assignment.pk, due_reminded_at__isnull=True
            ).update(due_reminded_at=now)
            if not claimed:
                continue
            submitted = SubmissionAuthor.objects.filter(
                submission__assignment=assignment, submission__replaced_at__isnull=True
            ).values("user_id")
            waiting = User.objects.filter(
                cohort_memberships__cohort_id=assignment.cohort_id,
                cohort_memberships__role=CohortRole.STUDENT,
            ).exclude(pk__in=submitted)
            cohort = assignment.cohort
            url = reverse(
                "courses:assignment_detail", args=[cohort.course.slug, cohort.pk, assignment.pk]
            )
            due = timezone.localtime(assignment.due_at).strftime("%Y-%m-%d %H:%M")
            for student in waiting:
                notification_send(
                    recipient=student,
                    kind="assignment_due_soon",
                    params={
                        "assignment": {
                            "zh": assignment.title_zh,
                            "en": assignment.title_en or assignment.title_zh,
                        },
                        "due": due,
                    },
                    url=url,
                )
                sent += 1
    return sent
