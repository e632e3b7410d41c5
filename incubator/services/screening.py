"""Screening: a fund manager takes up a submitted application and either confirms it is
eligible (it goes on to the panel, or in a two-stage call to the concept review) or rules
it out of remit with a reason the applicants read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.workflows import workflow_move
from incubator import permissions
from incubator.models import Application, WorkflowVariant
from incubator.services.applications import notify_applicants
from incubator.workflows import APPLICATION_FLOW


def _require_manager(actor: User, application: Application) -> None:
    if not permissions.can_manage_application(actor, application):
        raise PermissionDenied


def screening_start(*, actor: User, application: Application) -> Application:
    """Mark a submitted application as being screened."""
    _require_manager(actor, application)
    return workflow_move(APPLICATION_FLOW, application, "start_screening", actor=actor)


def screening_confirm(*, actor: User, application: Application, note: str = "") -> Application:
    """Eligibility confirmed: on to the panel (a two-stage call: to the concept review).

    Raises:
        PermissionDenied: the actor does not manage the application's fund.
        Conflict: the application is not waiting for screening.
    """
    _require_manager(actor, application)
    move = (
        "confirm_concept"
        if application.call.variant == WorkflowVariant.CONCEPT
        else "confirm_eligible"
    )
    return workflow_move(
        APPLICATION_FLOW, application, move, actor=actor,
        changes={"screened_at": timezone.now(), "screened_by": actor,
                 "screening_reason": note.strip()[:1000]},
        effects=[lambda moved: notify_applicants(moved, "fund_application_eligible", actor=actor)],
    )  # fmt: skip


def screening_out_of_remit(*, actor: User, application: Application, reason: str) -> Application:
    """Out of remit, with the reason the applicants are sent.

    Raises:
        ValidationError: under "reason" when none is given.
    """
    _require_manager(actor, application)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the application is out of remit.")]})
    return workflow_move(
        APPLICATION_FLOW, application, "out_of_remit", actor=actor,
        changes={"screened_at": timezone.now(), "screened_by": actor,
                 "screening_reason": reason[:1000]},
        data={"reason": reason[:1000]},
        effects=[lambda moved: notify_applicants(
            moved, "fund_application_out_of_remit", actor=actor, reason=reason[:1000])],
    )  # fmt: skip
