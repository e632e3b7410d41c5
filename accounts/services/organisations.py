from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipRole,
    Organisation,
    User,
)
from accounts.workflows import INVITATION_FLOW
from core.memberships import member_add, member_change_role, member_remove
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.services.outbox import task_enqueue
from core.workflows import workflow_move

ORGANISATION_FIELDS = ("name_zh", "name_en", "description", "website", "city")


def _bilingual_name(organisation: Organisation) -> dict[str, str]:
    return {"zh": organisation.name_zh, "en": organisation.name_en}


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    kind: str,
    slug: str,
    name_zh: str,
    name_en: str = "",
    description: str = "",
    website: str = "",
    city: str = "",
    admin: User | None = None,
) -> Organisation:
    """Create an organisation (platform staff, or the system when actor is None),
    optionally with its first admin."""
    if actor is not None and not permissions.can_create_organisation(actor):
        raise PermissionDenied
    organisation = Organisation(
        kind=kind,
        slug=slug,
        name_zh=name_zh,
        name_en=name_en,
        description=description,
        website=website,
        city=city,
    )
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action="organisation.created", target=organisation)
    if admin is not None:
        member_add(
            Membership,
            actor=actor,
            container=organisation,
            user=admin,
            role=MembershipRole.ADMIN,
            audit_action="organisation.member_added",
        )
    return organisation


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, **changes: Any) -> Organisation:
    if not permissions.can_manage_organisation(actor, organisation):
        raise PermissionDenied
    unknown = set(changes) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Not organisation fields: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=list(changes) or None)
    audit_record(
        actor=actor,
        action="organisation.updated",
        target=organisation,
        data={"fields": sorted(changes)},
    )
    return organisation


@transaction.atomic
def membership_add(
    *,
    actor: User | None,
    organisation: Organisation,
    user: User,
    role: str = MembershipRole.MEMBER,
    title: str = "",
) -> Membership:
    """Add someone directly, without an invitation: platform staff (or the system) only.

    Organisation admins invite instead, so that people agree to join.

    Raises:
        ValidationError: unknown role, or the person is already a member.
    """
    if actor is not None and not permissions.is_platform_staff(actor):
        raise PermissionDenied
    return member_add(
        Membership,
        actor=actor,
        container=organisation,
        user=user,
        role=role,
        title=title,
        audit_action="organisation.member_added",
    )


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    role: str = MembershipRole.MEMBER,
) -> Invitation:
    """Invite an address to join; resending to the same address reuses the open invitation.

    Raises:
        PermissionDenied: the actor does not administer this organisation.
        ValidationError: the address already belongs to a member, or the role is unknown.
    """
    if not permissions.can_manage_organisation(actor, organisation):
        raise PermissionDenied
    email = email.strip().lower()
    if role not in MembershipRole.values:
        raise ValidationError({"role": [_("Choose a valid role.")]})
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": [_("This person is already a member.")]})

    invitation = (
        Invitation.objects.select_for_update()
        .filter(
            organisation=organisation,
            email__iexact=email,
            status=InvitationStatus.PENDING,
        )
        .first()
    )
    if invitation is not None and not invitation.is_open:
        # Expired: close it so a fresh one (with a fresh lifetime) can be made.
        workflow_move(
            INVITATION_FLOW,
            invitation,
            "close_expired",
            actor=actor,
            data={"invitation_id": invitation.pk},
        )
        invitation = None
    if invitation is None:
        invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=actor)
        invitation.full_clean(exclude=["token"])
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError as exc:  # a concurrent invite to the same address won
            raise ValidationError(
                {"email": [_("An invitation to this address is already open.")]}
            ) from exc
    elif invitation.role != role:
        invitation.role = role
        invitation.save(update_fields=["role"])

    audit_record(
        actor=actor,
        action="organisation.member_invited",
        target=organisation,
        data={"invitation_id": invitation.pk, "email": email, "role": role},
    )
    from accounts.tasks import send_invitation_email

    task_enqueue(send_invitation_email, invitation_id=invitation.pk)
    invitee = User.objects.filter(email__iexact=email, is_active=True).first()
    if invitee is not None:
        notification_send(
            recipient=invitee,
            kind="organisation_invitation",
            actor=actor,
            params={
                "actor": actor.name_pair,
                "organisation": _bilingual_name(organisation),
            },
            url=invitation.get_absolute_url(),
        )
    return invitation


@transaction.atomic
def invitation_accept(*, actor: User, invitation: Invitation) -> Membership:
    """The invited person joins the organisation with the invited role.

    Raises:
        PermissionDenied: the actor has not verified the invited address.
        Conflict: the invitation was already answered, revoked or has expired.
    """
    if not permissions.can_respond_to_invitation(actor, invitation):
        raise PermissionDenied(_("This invitation was sent to a different e-mail address."))

    def announce(accepted: Invitation) -> None:
        if accepted.invited_by is not None:  # None: no query, as with the id
            notification_send(
                recipient=accepted.invited_by,
                kind="organisation_invitation_accepted",
                actor=actor,
                params={
                    "actor": actor.name_pair,
                    "organisation": _bilingual_name(accepted.organisation),
                },
                url=accepted.organisation.get_absolute_url(),
            )

    invitation = workflow_move(
        INVITATION_FLOW,
        invitation,
        "accept",
        actor=actor,
        changes={"accepted_user": actor, "responded_at": timezone.now()},
        data={"invitation_id": invitation.pk, "role": invitation.role},
        effects=[announce],
    )
    # The invitation's own move is the audit row; joining twice keeps the first membership.
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation,
        user=actor,
        defaults={"role": invitation.role, "added_by_id": invitation.invited_by_id},
    )
    return membership


@transaction.atomic
def invitation_decline(*, actor: User, invitation: Invitation) -> Invitation:
    if not permissions.can_respond_to_invitation(actor, invitation):
        raise PermissionDenied(_("This invitation was sent to a different e-mail address."))
    return workflow_move(
        INVITATION_FLOW,
        invitation,
        "decline",
        actor=actor,
        changes={"responded_at": timezone.now()},
        data={"invitation_id": invitation.pk},
    )


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    if not permissions.can_manage_organisation(actor, invitation.organisation):
        raise PermissionDenied
    return workflow_move(
        INVITATION_FLOW,
        invitation,
        "revoke",
        actor=actor,
        changes={"responded_at": timezone.now()},
        data={"invitation_id": invitation.pk, "email": invitation.email},
    )


@transaction.atomic
def membership_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """An organisation admin changes a member's role; the last admin cannot step down.

    Raises:
        PermissionDenied: the actor does not administer this membership's organisation.
        ValidationError: unknown role, or the change would leave no admin.
    """
    organisation = membership.organisation
    if not permissions.can_manage_organisation(actor, organisation):
        raise PermissionDenied
    changed = member_change_role(
        membership, actor=actor, role=role, audit_action="organisation.member_role_changed"
    )
    if changed and membership.user_id != actor.pk:
        notification_send(
            recipient=membership.user,
            kind="organisation_role_changed",
            actor=actor,
            params={
                "organisation": _bilingual_name(organisation),
                "role": membership.role_in_both_languages(),
            },
            url=organisation.get_absolute_url(),
        )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership) -> None:
    """A member leaves, or an admin removes a member. The last admin cannot go.

    Raises:
        PermissionDenied: the actor is neither the member nor an admin of this organisation.
        ValidationError: the member is the organisation's only administrator.
    """
    organisation = membership.organisation
    if not permissions.can_leave_or_remove(actor, membership):
        raise PermissionDenied
    leaving = membership.user_id == actor.pk
    member = membership.user
    member_remove(
        membership,
        actor=actor,
        audit_action="organisation.member_left" if leaving else "organisation.member_removed",
    )
    if not leaving:
        notification_send(
            recipient=member,
            kind="organisation_removed",
            actor=actor,
            params={"organisation": _bilingual_name(organisation)},
            url=organisation.get_absolute_url(),
        )
