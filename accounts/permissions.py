"""Who may do what to people and organisations. Every check fails closed."""

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.models import (
    SELF_SERVICE_ROLES,
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
)
from core.permissions import is_signed_in


def is_platform_staff(user: Any) -> bool:
    return is_signed_in(user) and bool(user.is_staff)


def can_create_organisation(user: Any) -> bool:
    return is_platform_staff(user)


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    """Organisation admins manage their own organisation only; staff manage all."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        organisation=organisation, user=user, role=MembershipRole.ADMIN
    ).exists()


def can_change_role(user: Any, *, target: Any, role: str) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return user.pk == target.pk and role in SELF_SERVICE_ROLES


def can_verify_mentor(user: Any, *, mentor: Any, organisation: Organisation | None) -> bool:
    """Platform staff verify any mentor; an organisation's admin vouches for its own
    members only, in the organisation's name. Nobody verifies themselves."""
    if not is_signed_in(user) or user.pk == mentor.pk:
        return False
    if organisation is None:
        return bool(user.is_staff)
    return (
        can_manage_organisation(user, organisation)
        and Membership.objects.filter(organisation=organisation, user=mentor).exists()
    )


def organisations_to_vouch_in(user: Any, *, mentor: Any) -> list[Organisation]:
    """The mentor's organisations in whose name ``user`` may verify them: the ones for
    which `can_verify_mentor` is true, in at most one query rather than two each.

    ``mentor`` is a `users_public()` row: its memberships, with their organisations, are
    prefetched, and being among them is `can_verify_mentor`'s membership check.
    """
    if not is_signed_in(user) or user.pk == mentor.pk:
        return []
    organisations = [membership.organisation for membership in mentor.memberships.all()]
    if user.is_staff:
        return organisations
    administered = set(
        Membership.objects.filter(
            user=user, role=MembershipRole.ADMIN, organisation__in=organisations
        ).values_list("organisation_id", flat=True)
    )
    return [organisation for organisation in organisations if organisation.pk in administered]


def can_unverify_mentor(user: Any, *, grant: Any) -> bool:
    """Staff withdraw any verification; an organisation's admins withdraw their own."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return grant.verified_for_id is not None and can_manage_organisation(user, grant.verified_for)


def can_leave_or_remove(user: Any, membership: Membership) -> bool:
    if not is_signed_in(user):
        return False
    return membership.user_id == user.pk or can_manage_organisation(user, membership.organisation)


def can_respond_to_invitation(user: Any, invitation: Invitation) -> bool:
    """Only the owner of the invited address, once verified, may accept or decline."""
    if not is_signed_in(user):
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def get_organisation_for(user: Any, slug: str, *, action: str = "view") -> Organisation:
    """Load an organisation and check the action in one step.

    Organisation pages are public, so "view" only needs the organisation to exist;
    "manage" raises PermissionDenied for anyone but its admins and staff.
    """
    organisation = get_object_or_404(Organisation, slug=slug)
    if action == "view":
        return organisation
    if action == "manage" and can_manage_organisation(user, organisation):
        return organisation
    raise PermissionDenied


def get_membership_for(user: Any, organisation: Organisation, pk: int) -> Membership:
    """A membership of *this* organisation that the user may change or end."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )
    if not can_leave_or_remove(user, membership):
        raise PermissionDenied
    return membership
