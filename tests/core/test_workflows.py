"""The one move service: allowed moves happen once, with their audit row; others are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from accounts.models import Invitation, InvitationStatus
from accounts.services.organisations import invitation_create
from core.models import AuditEntry
from core.workflows import Move, Workflow, system_only, workflow_move, workflow_move_all
from tests.support.factories import OrganisationFactory, UserFactory, admin_of

pytestmark = pytest.mark.django_db

P, A, D, R = (
    InvitationStatus.PENDING,
    InvitationStatus.ACCEPTED,
    InvitationStatus.DECLINED,
    InvitationStatus.REVOKED,
)
FLOW = Workflow(
    name="test_invitation",
    moves=[
        Move("accept", source=[P], target=A),
        Move("decline", source=[P], target=D),
        Move("revoke", source=[P], target=R, allowed=lambda actor, obj: obj.invited_by == actor),
        Move("expire", source=[P], target=R, allowed=system_only),
        Move(
            "revive",
            source=[R],
            target=P,
            guard=lambda obj: None if obj.email.endswith("@ok.cn") else "Only ok.cn comes back.",
        ),
    ],
)


@pytest.fixture
def invitation():
    organisation = OrganisationFactory()
    return invitation_create(
        actor=admin_of(organisation), organisation=organisation, email="x@example.com"
    )


def _audit(name: str) -> int:
    return AuditEntry.objects.filter(action=f"test_invitation.{name}").count()


def test_an_allowed_move_changes_the_state_and_writes_one_audit_row(invitation):
    moved = workflow_move(FLOW, invitation, "decline", actor=None, data={"why": "busy"})

    assert moved.status == invitation.status == D
    assert Invitation.objects.get(pk=invitation.pk).status == D
    entry = AuditEntry.objects.get(action="test_invitation.decline")
    assert entry.data == {"from": "pending", "to": "declined", "why": "busy"}


def test_a_second_close_is_refused_and_writes_no_second_audit_row(invitation):
    workflow_move(FLOW, invitation, "decline", actor=None)

    with pytest.raises(ValidationError) as refused:
        workflow_move(FLOW, invitation, "decline", actor=None)

    expected = gettext("This cannot be done now: it is %(state)s.") % {"state": D.label}
    assert refused.value.messages == [expected] and not hasattr(refused.value, "error_dict")
    assert _audit("decline") == 1


@pytest.mark.parametrize("state", [A, D, R])
@pytest.mark.parametrize("name", ["accept", "decline", "revoke", "expire"])
def test_every_move_out_of_a_state_it_does_not_leave_is_refused(invitation, state, name):
    Invitation.objects.filter(pk=invitation.pk).update(status=state)
    invitation.refresh_from_db()

    with pytest.raises(ValidationError):
        workflow_move(FLOW, invitation, name, actor=invitation.invited_by)

    assert Invitation.objects.get(pk=invitation.pk).status == state
    assert not AuditEntry.objects.filter(action__startswith="test_invitation.").exists()


def test_who_may_is_checked_on_the_locked_row(invitation):
    with pytest.raises(PermissionDenied):
        workflow_move(FLOW, invitation, "revoke", actor=UserFactory())
    with pytest.raises(PermissionDenied):
        workflow_move(FLOW, invitation, "expire", actor=invitation.invited_by)
    assert Invitation.objects.get(pk=invitation.pk).status == P

    workflow_move(FLOW, invitation, "revoke", actor=invitation.invited_by)
    assert invitation.status == R


def test_a_guard_refuses_with_its_message(invitation):
    workflow_move(FLOW, invitation, "expire", actor=None)

    with pytest.raises(ValidationError) as refused:
        workflow_move(FLOW, invitation, "revive", actor=None)

    assert refused.value.messages == ["Only ok.cn comes back."]
    assert not FLOW.can(None, invitation, "revive")


def test_effects_announce_only_once_the_move_commits(
    invitation, django_capture_on_commit_callbacks
):
    from core.models import Notification
    from core.services.notifications import notification_send

    def announce(locked):
        notification_send(
            recipient=locked.invited_by, kind="series_conflict", params={"series": "x"}
        )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow_move(FLOW, invitation, "accept", actor=None, effects=[announce])
    assert not Notification.objects.exists() and callbacks
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(recipient=invitation.invited_by).exists()


def test_a_refused_move_runs_no_effect(invitation):
    ran = []
    workflow_move(FLOW, invitation, "accept", actor=None)
    with pytest.raises(ValidationError):
        workflow_move(FLOW, invitation, "decline", actor=None, effects=[ran.append])
    assert ran == []


def test_other_fields_change_in_the_same_save(invitation):
    someone = UserFactory()
    workflow_move(FLOW, invitation, "accept", actor=someone, changes={"accepted_user": someone})
    assert Invitation.objects.get(pk=invitation.pk).accepted_user == someone


def test_a_workflow_knows_its_moves_and_refuses_unknown_names():
    assert {m.name for m in FLOW.moves_from(P)} == {"accept", "decline", "revoke", "expire"}
    assert FLOW.states() == {P, A, D, R}
    with pytest.raises(ValueError):
        FLOW.move("teleport")
    with pytest.raises(ValueError):
        Workflow(name="twice", moves=[Move("a", [P], A), Move("a", [P], D)])


BULK = Workflow(
    name="test_invitation",
    moves=[
        Move(
            "expire",
            source=[P],
            target=R,
            guard=lambda obj: "kept" if obj.email.startswith("keep") else None,
        ),
        Move("quietly_decline", source=[P], target=D, audited=False),
    ],
)


def test_a_bulk_move_moves_what_may_leave_and_audits_each_row():
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    made = [
        invitation_create(actor=admin, organisation=organisation, email=f"{name}@example.com")
        for name in ("a", "b", "keep", "done")
    ]
    Invitation.objects.filter(pk=made[3].pk).update(status=A)

    moved = workflow_move_all(
        BULK, Invitation.objects.filter(organisation=organisation), "expire", actor=None
    )

    assert sorted(i.email for i in moved) == ["a@example.com", "b@example.com"]
    assert all(i.status == R for i in moved)
    statuses = dict(Invitation.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.com": R,
        "b@example.com": R,
        "keep@example.com": P,
        "done@example.com": A,
    }
    entries = AuditEntry.objects.filter(action="test_invitation.expire")
    assert sorted(e.target_id for e in entries) == sorted(str(i.pk) for i in moved)
    assert all(e.data == {"from": P, "to": R} for e in entries)
    # Nothing left to move: a second run moves nothing and writes nothing.
    assert workflow_move_all(BULK, Invitation.objects.all(), "expire", actor=None) == []
    assert entries.count() == 2


def test_an_unaudited_move_is_the_quiet_half_of_an_audited_one(invitation):
    workflow_move(BULK, invitation, "quietly_decline", actor=None)

    assert Invitation.objects.get(pk=invitation.pk).status == D
    assert not AuditEntry.objects.filter(action__startswith="test_invitation.").exists()
