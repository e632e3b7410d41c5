"""Funds and the people who manage them."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Membership, Organisation, User
from core.memberships import member_add, member_remove
from core.services.audit import audit_record
from incubator import permissions
from incubator.models import Fund, FundMember, FundRole

FUND_FIELDS = ("name_zh", "name_en", "description_zh", "description_en")


def fund_create(
    *, actor: User, body: Organisation, slug: str, budget: Decimal, **fields: str
) -> Fund:
    """Open a fund in a fund body's name (its admins do).

    Raises:
        PermissionDenied: the actor does not administer a fund body of this name.
        ValidationError: the address name is taken, or a field is invalid.
    """
    if not permissions.bodies_for_new_funds(actor).filter(pk=body.pk).exists():
        raise PermissionDenied
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise TypeError(f"unknown fund fields: {sorted(unknown)}")
    if Fund.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [_("Another fund already has this address name.")]})
    with transaction.atomic():
        fund = Fund(body=body, slug=slug, budget=budget, created_by=actor, **fields)
        fund.full_clean()
        fund.save()
        audit_record(
            actor=actor, action="fund.created", target=fund, data={"budget": str(fund.budget)}
        )
    return fund


def fund_update(*, actor: User, fund: Fund, budget: Decimal | None = None, **fields: str) -> Fund:
    """Change a fund's texts or budget. A budget below what its calls already promise is
    refused (checked under the fund's row lock).

    Raises:
        PermissionDenied: the actor does not manage the fund.
        ValidationError: a field is invalid, or the budget is below the calls' budgets.
    """
    if not permissions.can_manage_fund(actor, fund):
        raise PermissionDenied
    with transaction.atomic():
        locked = Fund.objects.select_for_update().get(pk=fund.pk)
        before = str(locked.budget)
        for name, value in fields.items():
            if name not in FUND_FIELDS:
                raise TypeError(f"unknown fund field: {name}")
            setattr(locked, name, value)
        if budget is not None:
            from incubator.selectors import calls_budget_total

            promised = calls_budget_total(locked)
            if budget < promised:
                raise ValidationError(
                    {
                        "budget": [
                            _("The fund's calls already hold %(total)s yuan.") % {"total": promised}
                        ]
                    }
                )
            locked.budget = budget
        locked.full_clean()
        locked.save()
        audit_record(
            actor=actor, action="fund.updated", target=locked,
            data={"budget": {"from": before, "to": str(locked.budget)}},
        )  # fmt: skip
    for name in (*fields, "budget"):
        setattr(fund, name, getattr(locked, name))
    return fund


def fund_manager_add(*, actor: User, fund: Fund, user: User) -> FundMember:
    """Give a member of the fund body the fund-manager role on this fund.

    Raises:
        PermissionDenied: the actor is not an admin of the fund body.
        ValidationError: under "email": the person is not a member of the body, or already
            manages the fund.
    """
    if not permissions.can_appoint_managers(actor, fund):
        raise PermissionDenied
    if not Membership.objects.filter(organisation_id=fund.body_id, user=user).exists():
        raise ValidationError(
            {"email": [_("Only members of %(body)s can manage its funds.") % {"body": fund.body}]}
        )
    return member_add(
        FundMember, actor=actor, container=fund, user=user, role=FundRole.MANAGER,
        audit_action="fund.manager_added", person_field="email",
    )  # fmt: skip


def fund_manager_remove(*, actor: User, member: FundMember) -> None:
    """Take the role back (the body's admins), or give it up (the manager)."""
    if member.user_id != actor.pk and not permissions.can_appoint_managers(actor, member.fund):
        raise PermissionDenied
    member_remove(member, actor=actor, audit_action="fund.manager_removed")
