"""Who may do what to people and organisations. Every check fails closed."""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import (
    SELF_SERVICE_ROLES,
    Invitation,
    InvitationStatus,
    Membership,
    MembershipRole,
    Organisation,
    RoleGrant,
    User,
)
from accounts.selectors import users_public
from core.permissions import is_signed_in
from core.types import Actor


def is_platform_staff(user: Actor) -> bool:
    return is_signed_in(user) and bool(user.is_staff)


def can_create_organisation(user: Actor) -> bool:
    return is_platform_staff(user)


def can_manage_organisation(user: Actor, organisation: Organisation) -> bool:
    """Organisation admins manage their own organisation only; staff manage all."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        organisation=organisation, user=user, role=MembershipRole.ADMIN
    ).exists()


def organisations_managed_by(user: Actor) -> QuerySet[Organisation]:
    """The organisations whose admin the user is (every one, for platform staff)."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    if user.is_staff:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.ADMIN
    )


def can_edit_profile(user: Actor, person: User) -> bool:
    """People edit their own profile; platform staff may edit anyone's."""
    return is_signed_in(user) and (user.pk == person.pk or bool(user.is_staff))


def can_change_role(user: Actor, *, target: User, role: str) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return user.pk == target.pk and role in SELF_SERVICE_ROLES


def can_verify_mentor(user: Actor, *, mentor: User, organisation: Organisation | None) -> bool:
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


def organisations_to_vouch_in(user: Actor, *, mentor: User) -> list[Organisation]:
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


def can_unverify_mentor(user: Actor, *, grant: RoleGrant) -> bool:
    """Staff withdraw any verification; an organisation's admins withdraw their own."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return grant.verified_for is not None and can_manage_organisation(user, grant.verified_for)


def can_leave_or_remove(user: Actor, membership: Membership) -> bool:
    if not is_signed_in(user):
        return False
    return membership.user_id == user.pk or can_manage_organisation(user, membership.organisation)


def can_respond_to_invitation(user: Actor, invitation: Invitation) -> bool:
    """Only the owner of the invited address, once verified, may accept or decline."""
    if not is_signed_in(user):
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def get_organisation_for(user: Actor, slug: str, *, action: str = "view") -> Organisation:
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


def get_membership_for(user: Actor, organisation: Organisation, pk: int) -> Membership:
    """A membership of *this* organisation that the user may change or end."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )
    if not can_leave_or_remove(user, membership):
        raise PermissionDenied
    return membership


def get_invitation_by_token(user: Actor, token: str) -> Invitation:
    """The invitation an e-mailed link names. The token is the secret, so anyone holding
    it may see the invitation; only the invited, verified address may answer it
    (`can_respond_to_invitation`, checked by the services)."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    )
    if invitation is None:
        raise Http404
    return invitation


def get_pending_invitation_for(user: Actor, organisation: Organisation, pk: int) -> Invitation:
    """A pending invitation of an organisation the caller has loaded for "manage"."""
    if not can_manage_organisation(user, organisation):
        raise PermissionDenied
    invitation = (
        organisation.invitations.filter(pk=pk, status=InvitationStatus.PENDING)
        .select_related("organisation")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def get_person_for(user: Actor, pk: int, *, action: str = "view") -> User:
    """A person's public profile ("view"), or, for "roles", the account whose roles the
    user sets: staff reach deactivated accounts too (to take roles off them); everyone
    else only public profiles, and the role service decides what they may change."""
    people = users_public()
    if action == "roles" and is_platform_staff(user):
        people = users_public(include_inactive=True)
    person = people.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person
