"""The moves of an organisation invitation (performed by core.workflows.workflow_move)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import Invitation, InvitationStatus
from core.workflows import Move, Workflow, anyone


def _still_open(invitation: Invitation) -> str | None:
    return None if invitation.is_open else _("This invitation is no longer open.")


def _expired(invitation: Invitation) -> str | None:
    return None if not invitation.is_open else _("This invitation has not expired yet.")


def _manages(actor, invitation: Invitation) -> bool:
    return permissions.can_manage_organisation(actor, invitation.organisation)


PENDING = [InvitationStatus.PENDING]

INVITATION_FLOW = Workflow(
    name="organisation.invitation",
    audit_target=lambda invitation: invitation.organisation,
    refusal=gettext_lazy("This invitation is no longer open."),
    moves=[
        Move(
            "accept",
            source=PENDING,
            target=InvitationStatus.ACCEPTED,
            allowed=permissions.can_respond_to_invitation,
            guard=_still_open,
            audit_action="organisation.invitation_accepted",
        ),
        Move(
            "decline",
            source=PENDING,
            target=InvitationStatus.DECLINED,
            allowed=permissions.can_respond_to_invitation,
            guard=_still_open,
            audit_action="organisation.invitation_declined",
        ),
        Move(
            "revoke",
            source=PENDING,
            target=InvitationStatus.REVOKED,
            allowed=_manages,
            guard=_still_open,
            audit_action="organisation.invitation_revoked",
        ),
        # A new invitation to the same address closes the expired one first.
        Move(
            "close_expired",
            source=PENDING,
            target=InvitationStatus.REVOKED,
            allowed=anyone,
            guard=_expired,
            audit_action="organisation.invitation_expired",
        ),
    ],
)
