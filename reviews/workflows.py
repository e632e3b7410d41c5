"""The moves of a review request (performed by core.workflows.workflow_move)."""

from django.utils.translation import gettext_lazy as _

from core.workflows import Move, Workflow, system_only
from reviews.models import RequestStatus
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
    ],
)
