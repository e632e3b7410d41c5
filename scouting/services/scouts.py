"""A studio's admins give its members the scout role, and take it back (core.memberships)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import Membership, Organisation, OrganisationKind, User
from accounts.permissions import can_manage_organisation
from core.memberships import member_add, member_remove
from scouting.models import ScoutRole, StudioScout
from scouting.permissions import forget_scouting_studios


def scout_add(*, actor: User, studio: Organisation, user: User) -> StudioScout:
    """Make a member of a studio one of its scouts.

    Raises:
        PermissionDenied: the actor does not administer the studio.
        ValidationError: the organisation is not a studio, the person is not its member,
            or already scouts for it.
    """
    if not can_manage_organisation(actor, studio):
        raise PermissionDenied
    if studio.kind != OrganisationKind.STUDIO:
        raise ValidationError(_("Only a studio has scouts."))
    if not Membership.objects.filter(organisation=studio, user_id=user.pk).exists():
        raise ValidationError({"user": [_("Only a member of the studio can scout for it.")]})
    scout = member_add(
        StudioScout, actor=actor, container=studio, user=user, role=ScoutRole.SCOUT,
        audit_action="scouting.scout_added",
    )  # fmt: skip
    forget_scouting_studios(user)
    return scout


def scout_add_by_email(*, actor: User, studio: Organisation, email: str) -> StudioScout:
    """scout_add for the member of the studio with this e-mail address (the page's form
    and the API name people so).

    Raises:
        PermissionDenied: the actor does not administer the studio (checked before the
            address is looked up: no one else learns who is a member).
        ValidationError: under "email", no member of the studio has the address, or they
            already scout for it; as scout_add otherwise.
    """
    if not can_manage_organisation(actor, studio):
        raise PermissionDenied
    membership = (
        Membership.objects.filter(organisation=studio, user__email__iexact=email.strip())
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ValidationError({"email": [_("Only a member of the studio can scout for it.")]})
    try:
        return scout_add(actor=actor, studio=studio, user=membership.user)
    except ValidationError as error:
        if hasattr(error, "error_dict") and "user" in error.error_dict:
            raise ValidationError({"email": error.error_dict["user"]}) from error
        raise


def scout_remove(*, actor: User, scout: StudioScout) -> None:
    """Take the scout role back (the studio's admins, or the scout themself).

    Raises:
        PermissionDenied: the actor is neither.
    """
    if actor.pk != scout.user_id and not can_manage_organisation(actor, scout.studio):
        raise PermissionDenied
    member_remove(scout, actor=actor, audit_action="scouting.scout_removed")
    forget_scouting_studios(scout.user)
    if actor.pk == scout.user_id:
        forget_scouting_studios(actor)
