"""Invitations move through core.workflows: each answer happens once, with one audit row."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Invitation, InvitationStatus
from accounts.services import organisations as services
from accounts.workflows import INVITATION_FLOW
from core.models import AuditEntry
from tests.support.factories import OrganisationFactory, UserFactory, admin_of

pytestmark = pytest.mark.django_db

ANSWERS = {
    "accept": services.invitation_accept,
    "decline": services.invitation_decline,
    "revoke": services.invitation_revoke,
}


@pytest.fixture
def invitation():
    organisation = OrganisationFactory()
    invitee = UserFactory()
    invitation = services.invitation_create(
        actor=admin_of(organisation), organisation=organisation, email=invitee.email
    )
    return invitation, invitee


def _actor(name, invitation, invitee):
    return invitation.invited_by if name == "revoke" else invitee


@pytest.mark.parametrize("first", list(ANSWERS))
@pytest.mark.parametrize("second", list(ANSWERS))
def test_an_answered_invitation_takes_no_second_answer(invitation, first, second):
    invitation, invitee = invitation
    ANSWERS[first](actor=_actor(first, invitation, invitee), invitation=invitation)
    before = AuditEntry.objects.filter(action__startswith="organisation.invitation_").count()

    with pytest.raises(ValidationError) as refused:
        ANSWERS[second](
            actor=_actor(second, invitation, invitee),
            invitation=Invitation.objects.get(pk=invitation.pk),
        )

    assert refused.value.messages == ["此邀请已失效。"]
    after = AuditEntry.objects.filter(action__startswith="organisation.invitation_").count()
    assert after == before == 1


def test_every_answer_is_audited_on_the_organisation(invitation):
    invitation, invitee = invitation
    services.invitation_decline(actor=invitee, invitation=invitation)
    entry = AuditEntry.objects.get(action="organisation.invitation_declined")
    assert entry.target_id == str(invitation.organisation_id)
    assert entry.data["from"] == "pending" and entry.data["to"] == "declined"


def test_the_table_allows_only_moves_out_of_pending():
    for move in INVITATION_FLOW.moves:
        assert list(move.source) == [InvitationStatus.PENDING]
    assert not INVITATION_FLOW.moves_from(InvitationStatus.ACCEPTED)
