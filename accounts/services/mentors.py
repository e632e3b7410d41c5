"""Mentor verification: who may be offered to writers as a mentor.

Anyone may take the mentor role; only a verified mentor is offered or matched.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role, RoleGrant, User
from accounts.permissions import can_unverify_mentor, can_verify_mentor
from core.services.audit import audit_record


def _mentor_grant(user: User) -> RoleGrant:
    grant = RoleGrant.objects.select_for_update().filter(user=user, role=Role.MENTOR).first()
    if grant is None:
        raise ValidationError(
            {"user": [_("%(name)s has not signed up as a mentor.") % {"name": user.display_name}]}
        )
    return grant


@transaction.atomic
def mentor_verify(
    *, actor: User, user: User, organisation: Organisation | None = None
) -> RoleGrant:
    """Verify a mentor: as platform staff (organisation None) or as an admin of an
    organisation that vouches for its member.

    Raises:
        PermissionDenied: the actor may not verify this person (for this organisation).
        ValidationError: the person does not hold the mentor role.
    """
    if not can_verify_mentor(actor, mentor=user, organisation=organisation):
        raise PermissionDenied
    grant = _mentor_grant(user)
    grant.verified_at, grant.verified_by, grant.verified_for = timezone.now(), actor, organisation
    grant.save(update_fields=["verified_at", "verified_by", "verified_for"])
    audit_record(
        actor=actor,
        action="user.mentor_verified",
        target=user,
        data={"organisation": organisation.slug if organisation else None},
    )
    return grant


@transaction.atomic
def mentor_unverify(*, actor: User, user: User) -> RoleGrant:
    """Withdraw a mentor's verification; they are no longer offered or matched.

    Raises:
        PermissionDenied: the actor is neither staff nor an admin of the vouching organisation.
        ValidationError: the person does not hold the mentor role.
    """
    grant = _mentor_grant(user)
    if not can_unverify_mentor(actor, grant=grant):
        raise PermissionDenied
    previous = grant.verified_for.slug if grant.verified_for else None
    grant.verified_at, grant.verified_by, grant.verified_for = None, None, None
    grant.save(update_fields=["verified_at", "verified_by", "verified_for"])
    audit_record(
        actor=actor,
        action="user.mentor_unverified",
        target=user,
        data={"organisation": previous},
    )
    return grant
