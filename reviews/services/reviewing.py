"""Writing a review: drafts, submission, line notes, replies, ratings, decline and expiry."""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move
from reviews import scoring
from reviews.blindness import blind_text
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    CreditReason,
    Criterion,
    LineNote,
    NoteReply,
    RequestStatus,
    Review,
    ReviewAssignment,
    ReviewPolicy,
    ReviewRequest,
    ReviewScore,
)
from reviews.permissions import can_rate_review, can_reply_to_note, can_resolve_note
from reviews.services.calibration import needs_calibration
from reviews.services.credits import credit_add
from reviews.services.reputation import reputation_refresh
from reviews.services.requests import request_assign, request_refund_undelivered
from reviews.workflows import ASSIGNMENT_FLOW, REQUEST_FLOW, REVIEW_FLOW
from scripts_app.selectors import revision_text


def _check_open(assignment: ReviewAssignment, actor: User) -> None:
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied
    if assignment.request.status != RequestStatus.OPEN:
        raise Conflict(_("This request is closed: reviews can no longer change."))
    if assignment.status != AssignmentStatus.ASSIGNED:
        raise Conflict(_("This review is no longer open to you."))


def _review_for(assignment: ReviewAssignment) -> Review:
    review, _created = Review.objects.get_or_create(assignment=assignment)
    return review


def _clean_scores(
    assignment: ReviewAssignment, scores: dict[str, dict[str, Any]]
) -> dict[Criterion, tuple[int | None, str]]:
    version = assignment.request.rubric_version
    criteria = {c.key: c for c in Criterion.objects.filter(version=version)}
    cleaned, errors = {}, {}
    for key, value in scores.items():
        criterion = criteria.get(key)
        if criterion is None:
            errors[f"scores.{key}"] = [_("Not a criterion of this rubric.")]
            continue
        score, comment = value.get("score"), (value.get("comment") or "").strip()
        if score is not None and not (version.scale_min <= score <= version.scale_max):
            errors[f"scores.{key}"] = [
                _("Score between %(low)s and %(high)s.")
                % {"low": version.scale_min, "high": version.scale_max}
            ]
        if len(comment) > 4000:
            errors[f"scores.{key}"] = [_("At most 4,000 characters.")]
        cleaned[criterion] = (score, comment)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def review_save(
    *,
    actor: User,
    assignment: ReviewAssignment,
    scores: dict[str, dict[str, Any]],
    overall_comment: str | None = None,
    submit: bool = False,
) -> Review:
    """Save the reviewer's draft as they type; with submit=True, hand it in.

    A submitted review is final. Submission needs every criterion scored and an
    overall comment; it earns a peer reviewer a credit, may complete the request and
    flags it when reviewers diverge.

    Raises:
        PermissionDenied: not the actor's assignment.
        ValidationError: the request or assignment is closed, calibration is missing,
            or scores are out of range or missing on submit (field-keyed).
    """
    assignment = (
        ReviewAssignment.objects.select_for_update()
        .select_related("request", "request__series", "request__rubric_version")
        .get(pk=assignment.pk)
    )
    _check_open(assignment, actor)
    request = assignment.request
    if assignment.role == AssignmentRole.PEER and needs_calibration(
        actor, request.rubric_version.rubric
    ):
        raise ValidationError(
            _("Score a calibration excerpt before your first peer review on this rubric.")
        )
    review = _review_for(assignment)
    for criterion, (score, comment) in _clean_scores(assignment, scores).items():
        ReviewScore.objects.update_or_create(
            review=review, criterion=criterion, defaults={"score": score, "comment": comment}
        )
    if overall_comment is not None:
        if len(overall_comment) > 20_000:
            raise ValidationError({"overall_comment": [_("At most 20,000 characters.")]})
        review.overall_comment = overall_comment
    review.save(update_fields=["overall_comment", "updated_at"])
    if submit:
        _submit(actor, assignment, review)
    return review


def _submit(actor: User, assignment: ReviewAssignment, review: Review) -> None:
    request = assignment.request
    given = {s.criterion_id: s.score for s in review.scores.all()}
    missing = [
        c
        for c in Criterion.objects.filter(version=request.rubric_version)
        if given.get(c.pk) is None
    ]
    errors = {f"scores.{c.key}": [_("Give this criterion a score.")] for c in missing}
    if not review.overall_comment.strip():
        errors["overall_comment"] = [_("Write an overall comment.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    workflow_move(REVIEW_FLOW, review, "submit", actor=actor, changes={"submitted_at": now})
    workflow_move(
        ASSIGNMENT_FLOW,
        assignment,
        "submit",
        actor=actor,
        changes={"finished_at": now},
        data={"assignment": assignment.pk},
    )
    if assignment.role == AssignmentRole.PEER:
        credit_add(
            user=actor, delta=1, reason=CreditReason.REVIEW_GIVEN, request=request, review=review
        )
    _after_submission(request)
    reputation_refresh(user=actor)


def _after_submission(request: ReviewRequest) -> None:
    request = (
        ReviewRequest.objects.select_for_update()
        .select_related("series", "rubric_version")
        .get(pk=request.pk)
    )
    submitted = list(
        ReviewAssignment.objects.filter(
            request=request, status=AssignmentStatus.SUBMITTED
        ).select_related("review")
    )
    scores: dict[str, list[float]] = {}
    for score in ReviewScore.objects.filter(review__assignment__in=submitted).select_related(
        "criterion"
    ):
        if score.score is not None:
            scores.setdefault(score.criterion.key, []).append(float(score.score))
    threshold = request.rubric_version.divergence_threshold
    divergent = sorted(key for key, values in scores.items() if scoring.diverges(values, threshold))
    fields = []
    if divergent != request.divergent_criteria:
        request.divergent_criteria = divergent
        fields.append("divergent_criteria")
        if divergent:
            audit_record(
                actor=None,
                action="review.divergence_flagged",
                target=request,
                data={"criteria": divergent},
            )
    notification_send(
        recipient=request.requested_by,
        kind="review_received",
        params={
            "series": request.series.title,
            "done": len(submitted),
            "needed": request.reviews_needed,
        },
        url=request.get_absolute_url(),
    )
    if fields:
        request.save(update_fields=fields)
    if len(submitted) >= request.reviews_needed and request.status == RequestStatus.OPEN:
        workflow_move(
            REQUEST_FLOW,
            request,
            "complete",
            actor=None,
            changes={"completed_at": timezone.now()},
            effects=[lambda completed: _announce_completed(completed, submitted)],
        )


def _announce_completed(request: ReviewRequest, submitted: list[ReviewAssignment]) -> None:
    notification_send(
        recipient=request.requested_by,
        kind="review_completed",
        params={"series": request.series.title},
        url=request.get_absolute_url(),
    )
    # Agreement with the others is known only once everyone has scored.
    for assignment in submitted:
        reputation_refresh(user=assignment.reviewer)
    # Mentors or staff may have stood in for peer reviews paid for.
    request_refund_undelivered(request=request)


@transaction.atomic
def assignment_decline(
    *, actor: User, assignment: ReviewAssignment, reason: str = ""
) -> ReviewAssignment:
    """A reviewer hands an assignment back; someone else is found at once."""
    assignment = (
        ReviewAssignment.objects.select_for_update().select_related("request").get(pk=assignment.pk)
    )
    _check_open(assignment, actor)
    workflow_move(
        ASSIGNMENT_FLOW,
        assignment,
        "decline",
        actor=actor,
        changes={"finished_at": timezone.now(), "decline_reason": reason.strip()[:300]},
        data={"assignment": assignment.pk},
    )
    request_assign(request=assignment.request)
    return assignment


@transaction.atomic
def assignments_expire(*, now: datetime | None = None) -> int:
    """Assignments past their due time end; their requests are reassigned."""
    now = now or timezone.now()
    overdue = list(
        ReviewAssignment.objects.select_for_update()
        .filter(
            status=AssignmentStatus.ASSIGNED, due_at__lt=now, request__status=RequestStatus.OPEN
        )
        .select_related("request", "request__series")
    )
    for assignment in overdue:
        workflow_move(
            ASSIGNMENT_FLOW,
            assignment,
            "expire",
            actor=None,
            changes={"finished_at": now},
            data={"assignment": assignment.pk},
        )
        notification_send(
            recipient=assignment.reviewer,
            kind="review_expired",
            params={"series": assignment.request.series.title},
            url=reverse("reviews:inbox"),
        )
        audit_record(
            actor=None,
            action="review.expired",
            target=assignment.request,
            data={"assignment": assignment.pk},
        )
    for request in {a.request for a in overdue}:
        request_assign(request=request)
    return len(overdue)


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind reviewers once, the policy's number of hours before their due time."""
    now = now or timezone.now()
    soon = now + timedelta(hours=ReviewPolicy.current().reminder_hours)
    due = ReviewAssignment.objects.filter(
        status=AssignmentStatus.ASSIGNED, reminded_at__isnull=True, due_at__lte=soon, due_at__gt=now
    ).select_related("request__series", "reviewer")
    count = 0
    for assignment in due:
        with transaction.atomic():
            notification_send(
                recipient=assignment.reviewer,
                kind="review_reminder",
                params={
                    "series": assignment.request.series.title,
                    "due": timezone.localtime(assignment.due_at).strftime("%Y-%m-%d %H:%M"),
                },
                url=assignment.get_absolute_url(),
            )
            ReviewAssignment.objects.filter(pk=assignment.pk).update(reminded_at=now)
        count += 1
    return count


@transaction.atomic
def line_note_add(*, actor: User, assignment: ReviewAssignment, line: int, body: str) -> LineNote:
    assignment = ReviewAssignment.objects.select_related(
        "request", "request__revision", "request__series"
    ).get(pk=assignment.pk)
    _check_open(assignment, actor)
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Write a note.")]})
    if len(body) > 4000:
        raise ValidationError({"body": [_("At most 4,000 characters.")]})
    request = assignment.request
    text = revision_text(request.revision)
    if request.hides_writer:
        # The quote is what the reviewer was shown: the line blanked of its writers. It
        # is stored that way, so no page, API answer or e-mail can echo the raw line.
        text = blind_text(request, text, request.revision.format)
    lines = text.split("\n")
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        raise ValidationError({"line": [_("Choose a line with text on it.")]})
    note = LineNote.objects.create(
        review=_review_for(assignment),
        revision=assignment.request.revision,
        line=line,
        anchor_text=lines[line - 1].strip()[:500],
        body=body,
    )
    audit_record(
        actor=actor,
        action="review.note_added",
        target=assignment.request,
        data={"assignment": assignment.pk, "note": note.pk, "line": line},
    )
    return note


@transaction.atomic
def line_note_delete(*, actor: User, note: LineNote) -> None:
    assignment = note.review.assignment
    _check_open(assignment, actor)
    if note.review.is_submitted:
        raise ValidationError(_("Notes of a submitted review are final."))
    audit_record(
        actor=actor,
        action="review.note_deleted",
        target=assignment.request,
        data={"assignment": assignment.pk, "note": note.pk, "line": note.line},
    )
    note.delete()


@transaction.atomic
def note_reply(*, actor: User, note: LineNote, body: str) -> NoteReply:
    """The writer answers a note, and the note's reviewer answers back."""
    note = LineNote.objects.select_related("review__assignment__request__series").get(pk=note.pk)
    assignment = note.review.assignment
    request = assignment.request
    if not can_reply_to_note(actor, note):
        raise PermissionDenied
    if not note.review.is_submitted:
        raise ValidationError(_("Replies open once the review is submitted."))
    body = body.strip()
    if not body or len(body) > 4000:
        raise ValidationError({"body": [_("Write a reply of at most 4,000 characters.")]})
    reply = NoteReply.objects.create(note=note, author=actor, body=body)
    audit_record(
        actor=actor,
        action="review.note_replied",
        target=request,
        data={"note": note.pk, "reply": reply.pk},
    )
    if actor.pk != assignment.reviewer_id:
        notification_send(
            recipient=assignment.reviewer,
            kind="review_note_reply",
            params={"series": request.series.title},
            url=assignment.get_absolute_url(),
        )
    return reply


@transaction.atomic
def note_set_resolved(*, actor: User, note: LineNote, resolved: bool) -> LineNote:
    note = LineNote.objects.select_related("review__assignment__request__series").get(pk=note.pk)
    if not can_resolve_note(actor, note):
        raise PermissionDenied
    note.resolved = resolved
    note.save(update_fields=["resolved"])
    audit_record(
        actor=actor,
        action="review.note_resolved" if resolved else "review.note_reopened",
        target=note.review.assignment.request,
        data={"note": note.pk},
    )
    return note


@transaction.atomic
def review_rate(*, actor: User, review: Review, helpfulness: int, comment: str = "") -> Review:
    """The writer says how helpful a review was (1–5); it feeds the reviewer's reputation."""
    review = Review.objects.select_related(
        "assignment__request__series", "assignment__reviewer"
    ).get(pk=review.pk)
    request = review.assignment.request
    if not can_rate_review(actor, review):
        raise PermissionDenied
    if not review.is_submitted:
        raise ValidationError(_("Only submitted reviews can be rated."))
    if not 1 <= helpfulness <= 5:
        raise ValidationError({"helpfulness": [_("Rate from 1 to 5.")]})
    previous = review.helpfulness
    review.helpfulness, review.helpfulness_comment, review.rated_at = (
        helpfulness,
        comment.strip()[:500],
        timezone.now(),
    )
    review.save(update_fields=["helpfulness", "helpfulness_comment", "rated_at"])
    profile = reputation_refresh(user=review.assignment.reviewer)
    audit_record(
        actor=actor,
        action="review.rated",
        target=request,
        data={
            "review": review.pk,
            "helpfulness": helpfulness,
            "previous": previous,
            "reviewer": review.assignment.reviewer_id,
            "reputation": round(profile.reputation, 4),
        },
    )
    return review
