"""Determinations: awarded (with an amount), declined, wait-listed, or more information
requested, each with a written reason sent to the applicants; one at a time or in bulk.

Money is checked under row locks: the fund's row, then the call's, are locked before the
awarded totals are summed, so two managers awarding at once cannot together pass the
call's budget, the fund's budget or the call's number of awards.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.workflows import workflow_move
from incubator import permissions
from incubator.models import Application, ApplicationStatus, Call, Fund
from incubator.services.applications import notify_applicants
from incubator.workflows import APPLICATION_FLOW

S = ApplicationStatus

# An application holding money: awarded and everything after, until terminated.
HOLDS_AWARD = (S.AWARDED, S.CONTRACTING, S.IN_PROGRESS, S.COMPLETED)

OUTCOMES = {
    "award": "fund_application_awarded",
    "decline": "fund_application_declined",
    "waitlist": "fund_application_waitlisted",
    "request_more_info": "fund_application_more_info",
}


def awarded_total(*, call: Call | None = None, fund: Fund | None = None) -> Decimal:
    applications = Application.objects.filter(status__in=HOLDS_AWARD)
    if call is not None:
        applications = applications.filter(call=call)
    if fund is not None:
        applications = applications.filter(call__fund=fund)
    return applications.aggregate(total=Sum("award_amount"))["total"] or Decimal("0.00")


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"amount": [_("Give the award in yuan.")]}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({"amount": [_("Give the award in yuan.")]})
    return amount


def _check_money(call: Call, amount: Decimal) -> None:
    """Under the locks taken by the caller."""
    if amount > call.award_max:
        raise ValidationError(
            {
                "amount": [
                    _("The largest award of this call is %(max)s yuan.") % {"max": call.award_max}
                ]
            }
        )
    held = Application.objects.filter(call=call, status__in=HOLDS_AWARD)
    if held.count() >= call.awards_count:
        raise ValidationError(
            {
                "amount": [
                    _("This call makes %(n)s awards and all are made.") % {"n": call.awards_count}
                ]
            }
        )
    if awarded_total(call=call) + amount > call.budget:
        raise ValidationError(
            {"amount": [_("This award would pass the call's budget of %(budget)s yuan.")
                        % {"budget": call.budget}]}
        )  # fmt: skip
    if awarded_total(fund=call.fund) + amount > call.fund.budget:
        raise ValidationError(
            {"amount": [_("This award would pass the fund's budget of %(budget)s yuan.")
                        % {"budget": call.fund.budget}]}
        )  # fmt: skip


def determination_make(
    *, actor: User, application: Application, outcome: str, reason: str, amount: Any = None
) -> Application:
    """Record a determination. From panel review or fact-check the application first
    moves to determination (refused while a required fact-check has no verdict).

    Raises:
        PermissionDenied: the actor does not manage the application.
        ValidationError: field-keyed ("outcome", "reason", "amount").
        Conflict: the application is not awaiting a determination, or a fact-check is
            missing.
    """
    if not permissions.can_manage_application(actor, application):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = [_("Choose award, decline, wait-list or more information.")]
    reason = reason.strip()
    if not reason:
        errors["reason"] = [_("Write the reason the applicants will read.")]
    elif len(reason) > 5000:
        errors["reason"] = [_("At most 5,000 characters.")]
    money = None
    if outcome == "award":
        try:
            money = _amount(amount)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Locks in a fixed order (fund, call, application) so concurrent awards queue.
        fund = Fund.objects.select_for_update().get(pk=application.call.fund_id)
        call = Call.objects.select_for_update().get(pk=application.call_id)
        call.fund = fund
        if Application.objects.get(pk=application.pk).status in (S.PANEL_REVIEW, S.FACT_CHECK):
            workflow_move(APPLICATION_FLOW, application, "to_determination", actor=actor)
        if money is not None:
            _check_money(call, money)
        changes: dict[str, Any] = {
            "determined_at": timezone.now(), "determined_by": actor,
            "determination_reason": reason,
        }  # fmt: skip
        if money is not None:
            changes["award_amount"] = money
        moved = workflow_move(
            APPLICATION_FLOW, application, outcome, actor=actor, changes=changes,
            data={"reason": reason[:1000], **({"amount": str(money)} if money else {})},
            effects=[lambda moved: notify_applicants(
                moved, OUTCOMES[outcome], actor=actor, reason=reason[:1000],
                amount=str(money or ""))],
        )  # fmt: skip
    return moved


@dataclass
class BulkResult:
    done: list[int]
    refused: dict[int, str]


def determinations_bulk(
    *,
    actor: User,
    call: Call,
    application_ids: list[int],
    outcome: str,
    reason: str,
    amount: Any = None,
) -> BulkResult:
    """The same determination for many applications of one call. Each is made (and
    checked) on its own; the refusals are returned by application id, with the reason.

    Raises:
        PermissionDenied: the actor does not manage the call.
    """
    if not permissions.can_manage_call(actor, call):
        raise PermissionDenied
    result = BulkResult(done=[], refused={})
    applications = Application.objects.select_related("call__fund").filter(
        call=call, pk__in=application_ids[:500]
    )
    found = {a.pk: a for a in applications}
    for pk in application_ids[:500]:
        application = found.get(pk)
        if application is None:
            result.refused[pk] = _("Not an application of this call.")
            continue
        try:
            determination_make(
                actor=actor, application=application, outcome=outcome, reason=reason,
                amount=amount,
            )  # fmt: skip
        except (ValidationError, Conflict, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                result.refused[pk] = _("You may not decide this application.")
            else:
                result.refused[pk] = "; ".join(
                    str(m) for m in getattr(error, "messages", [str(error)])
                )
            continue
        result.done.append(pk)
    return result


def application_resubmit(*, actor: User, application: Application) -> Application:
    """The lead sends an application back after a request for more information: it
    awaits the determination again.

    Raises:
        PermissionDenied: the actor is not the lead.
        Conflict: no more information was requested.
    """
    return workflow_move(
        APPLICATION_FLOW, application, "resubmit", actor=actor,
        effects=[lambda moved: notify_applicants(moved, "fund_application_resubmitted",
                                                  actor=actor)],
    )  # fmt: skip
