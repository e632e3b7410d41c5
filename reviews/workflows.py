"""The moves of a review request (performed by core.workflows.workflow_move)."""

from django.utils.translation import gettext_lazy as _

from core.workflows import Move, Workflow, anyone, system_only
from reviews.models import AssignmentStatus, RequestStatus, ReviewStatus
from reviews.permissions import is_staff
from scripts_app.permissions import can_edit_series


def _writer(actor, request) -> bool:
    return can_edit_series(actor, request.series)


REQUEST_FLOW = Workflow(
    name="review.request",
    refusal=_("This request has already ended."),
    moves=[
        Move(
            "close",
            source=[RequestStatus.OPEN, RequestStatus.COMPLETED],
            target=RequestStatus.CLOSED,
            allowed=_writer,
            audit_action="review.closed",
        ),
        Move(
            "expire",
            source=[RequestStatus.OPEN],
            target=RequestStatus.EXPIRED,
            allowed=system_only,
            audit_action="review.request_expired",
        ),
        # The last review needed is handed in.
        Move(
            "complete",
            source=[RequestStatus.OPEN],
            target=RequestStatus.COMPLETED,
            allowed=system_only,
            audit_action="review.completed",
        ),
        # Staff settling a divergent request ask for one more review.
        Move(
            "reopen",
            source=[RequestStatus.COMPLETED],
            target=RequestStatus.OPEN,
            allowed=lambda actor, request: is_staff(actor),
            audit_action="review.reopened",
        ),
    ],
)


def _request_open(assignment) -> str | None:
    if assignment.request.status != RequestStatus.OPEN:
        return str(_("This request is closed: reviews can no longer change."))
    return None


def _request_ended(assignment) -> str | None:
    if assignment.request.status == RequestStatus.OPEN:
        return str(_("The request is still open."))
    return None


def _reviewer(actor, assignment) -> bool:
    return actor is not None and assignment.reviewer_id == actor.pk


ASSIGNMENT_FLOW = Workflow(
    name="review.assignment",
    audit_target=lambda assignment: assignment.request,
    refusal=_("This review is no longer open to you."),
    moves=[
        Move(
            "submit",
            source=[AssignmentStatus.ASSIGNED],
            target=AssignmentStatus.SUBMITTED,
            allowed=_reviewer,
            guard=_request_open,
            audit_action="review.submitted",
        ),
        Move(
            "decline",
            source=[AssignmentStatus.ASSIGNED],
            target=AssignmentStatus.DECLINED,
            allowed=_reviewer,
            guard=_request_open,
            audit_action="review.declined",
        ),
        Move(
            "expire",
            source=[AssignmentStatus.ASSIGNED],
            target=AssignmentStatus.EXPIRED,
            allowed=system_only,
            audit_action="review.assignment_expired",
        ),
        # The request ended (closed by the writer, or expired) before this review came.
        # Whoever may end the request ends its unfinished assignments with it.
        Move(
            "end_with_request",
            source=[AssignmentStatus.ASSIGNED],
            target=AssignmentStatus.EXPIRED,
            allowed=anyone,
            guard=_request_ended,
            audit_action="review.assignment_ended",
        ),
    ],
)


def _review_author(actor, review) -> bool:
    return actor is not None and review.assignment.reviewer_id == actor.pk


REVIEW_FLOW = Workflow(
    name="review.review",
    refusal=_("This review has already been handed in."),
    moves=[
        # Half of handing a review in: the assignment's "submit" is the audited half.
        Move(
            "submit",
            source=[ReviewStatus.DRAFT],
            target=ReviewStatus.SUBMITTED,
            allowed=_review_author,
            audited=False,
        ),
    ],
)
