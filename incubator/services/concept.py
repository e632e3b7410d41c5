"""The concept-note variant's second stage. After screening, a two-stage call's concept
note is under review: a manager invites a full proposal by a deadline of its own, or
declines the concept with a reason the applicants read. Invited, the applicants complete
the proposal (the plan, the budget, the proposal's questions: the application is editable
again) and the lead submits it, before the deadline, to the panel."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.workflows import workflow_move
from incubator import permissions, selectors
from incubator.models import FUND_TIME_ZONE, Application, ApplicationStatus
from incubator.services.applications import notify_applicants, submission_problems
from incubator.workflows import APPLICATION_FLOW, proposal_still_open

MESSAGE_MAX = 2000
REASON_MAX = 5000


def beijing_time(moment: datetime) -> str:
    """A moment as the fund's pages and notifications name it (Beijing time)."""
    return timezone.localtime(moment, ZoneInfo(FUND_TIME_ZONE)).strftime("%Y-%m-%d %H:%M")


def _require_manager(actor: User, application: Application) -> None:
    if not permissions.can_manage_application(actor, application):
        raise PermissionDenied


def proposal_invite(
    *, actor: User, application: Application, due_at: datetime | None, message: str = ""
) -> Application:
    """Invite the applicants of a concept under review to a full proposal, due at
    `due_at`. They are sent the deadline and the message.

    Raises:
        PermissionDenied: the actor does not manage the application's fund.
        ValidationError: under "due_at" (missing or not in the future) or "message".
        Conflict: the concept is not under review.
    """
    _require_manager(actor, application)
    due_at, message = _checked_deadline(due_at, message)
    due = beijing_time(due_at)
    return workflow_move(
        APPLICATION_FLOW, application, "invite_proposal", actor=actor,
        changes={"proposal_due_at": due_at, "proposal_message": message},
        data={"due_at": due_at.isoformat()},
        effects=[lambda moved: notify_applicants(
            moved, "fund_proposal_invited", actor=actor, due=due, message=message[:1000])],
    )  # fmt: skip


def _checked_deadline(due_at: datetime | None, message: str) -> tuple[datetime, str]:
    errors: dict[str, list[str]] = {}
    if due_at is None:
        errors["due_at"] = [_("Give the date and time the full proposal is due.")]
    elif timezone.is_naive(due_at) or due_at <= timezone.now():
        errors["due_at"] = [_("The full proposal must be due after now.")]
    message = message.strip().replace("\r\n", "\n")
    if len(message) > MESSAGE_MAX:
        errors["message"] = [_("At most %(count)s characters.") % {"count": MESSAGE_MAX}]
    if errors:
        raise ValidationError(errors)
    assert due_at is not None
    return due_at, message


def proposal_deadline_change(
    *, actor: User, application: Application, due_at: datetime | None, message: str = ""
) -> Application:
    """Move the deadline of an invited full proposal (an extension, usually; any moment
    after now), with an optional new message. Also after the old deadline passed: the
    draft was kept, so the applicants may then submit it. Audited with the deadline it
    replaces; the applicants are told the new one.

    Raises:
        PermissionDenied: the actor does not manage the application's fund.
        ValidationError: under "due_at" (missing or not in the future) or "message".
        Conflict: the application is not invited to a full proposal.
    """
    _require_manager(actor, application)
    due_at, message = _checked_deadline(due_at, message)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != ApplicationStatus.INVITED:
            raise Conflict(_("This application is not waiting for a full proposal."))
        previous = locked.proposal_due_at
        locked.proposal_due_at = due_at
        fields = ["proposal_due_at"]  # not "last saved": that is the applicants' writing
        if message:
            locked.proposal_message = message
            fields.append("proposal_message")
        locked.save(update_fields=fields)
        audit_record(
            actor=actor, action="fund.application.proposal_deadline_changed", target=locked,
            data={"from": previous.isoformat() if previous else None, "to": due_at.isoformat()},
        )  # fmt: skip
        notify_applicants(
            locked, "fund_proposal_deadline_changed", actor=actor, due=beijing_time(due_at),
            message=message[:1000],
        )  # fmt: skip
    application.proposal_due_at, application.proposal_message = (
        locked.proposal_due_at,
        locked.proposal_message,
    )
    return application


def concept_decline(*, actor: User, application: Application, reason: str) -> Application:
    """Decline a concept under review. The reason is kept where a determination's is
    (`determination_reason`, with who and when) and sent to the applicants.

    Raises:
        PermissionDenied: the actor does not manage the application's fund.
        ValidationError: under "reason" (missing or too long).
        Conflict: the concept is not under review.
    """
    _require_manager(actor, application)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Write the reason the applicants will read.")]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [_("At most 5,000 characters.")]})
    return workflow_move(
        APPLICATION_FLOW, application, "decline_concept", actor=actor,
        changes={"determined_at": timezone.now(), "determined_by": actor,
                 "determination_reason": reason},
        data={"reason": reason[:1000]},
        effects=[lambda moved: notify_applicants(
            moved, "fund_concept_declined", actor=actor, reason=reason[:1000])],
    )  # fmt: skip


def proposal_submit(*, actor: User, application: Application) -> Application:
    """Submit the invited full proposal (the lead does), before its deadline: on to the
    panel. Everything the full application asks for is checked at once (the plan, the
    budget, every required question of both stages). After the deadline it is refused and
    what was written is left exactly as it is.

    Raises:
        PermissionDenied: the actor is not the lead applicant.
        Conflict: the application is not invited to a full proposal, or the deadline passed.
        ValidationError: every missing piece, keyed by field.
    """
    if not permissions.is_lead(actor, application):
        raise PermissionDenied
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("call", "series", "entry", "lead")
            .get(pk=application.pk)
        )
        if locked.status != ApplicationStatus.INVITED:
            raise Conflict(_("This application is not waiting for a full proposal."))
        refusal = proposal_still_open(locked)
        if refusal:
            raise Conflict(refusal)
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        series = locked.series
        moved = workflow_move(
            APPLICATION_FLOW, locked, "submit_proposal", actor=actor,
            changes={
                "proposal_submitted_at": timezone.now(), "series_title": series.title,
                "ai_assistance": series.ai_assistance, "ai_note": series.ai_note,
            },
            data={"budget": str(selectors.budget_total(selectors.budget_lines(locked)))},
            effects=[lambda moved: notify_applicants(
                moved, "fund_proposal_submitted", actor=actor)],
        )  # fmt: skip
    for name in ("status", "proposal_submitted_at", "series_title", "ai_assistance", "ai_note"):
        setattr(application, name, getattr(moved, name))
    return application
