from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Invitation, InvitationStatus, Membership, MembershipRole, Organisation
from accounts.services import organisations as services
from core.models import AuditEntry, Notification
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    admin_of,
    member_of,
)

pytestmark = pytest.mark.django_db


# --- services ---------------------------------------------------------------------
def test_only_staff_create_organisations():
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=UserFactory(), kind="studio", slug="s", name_zh="工作室")

    organisation = services.organisation_create(
        actor=UserFactory(staff=True),
        kind="studio",
        slug="s",
        name_zh="工作室",
        admin=UserFactory(),
    )
    assert organisation.memberships.get().role == MembershipRole.ADMIN
    assert AuditEntry.objects.filter(action="organisation.created").exists()


def test_invitation_email_goes_out_in_both_languages(run_on_commit):
    organisation = OrganisationFactory(name_zh="星河", name_en="Galaxy")
    admin = admin_of(organisation)

    with run_on_commit():
        invitation = services.invitation_create(
            actor=admin, organisation=organisation, email="Invitee@Example.com"
        )

    assert invitation.email == "invitee@example.com"
    assert mail.outbox[-1].to == ["invitee@example.com"]
    body = mail.outbox[-1].body
    assert invitation.token in body
    assert "星河" in body and "Galaxy" in body


def test_existing_account_also_gets_an_in_app_notification(run_on_commit):
    organisation = OrganisationFactory()
    invitee = UserFactory()

    with run_on_commit():
        services.invitation_create(
            actor=admin_of(organisation), organisation=organisation, email=invitee.email
        )

    assert Notification.objects.filter(recipient=invitee, kind="organisation_invitation").exists()
    # One e-mail, the invitation's own with its link: the in-app notice is not mailed too.
    assert [message.to for message in mail.outbox] == [[invitee.email]]
    assert not Notification.objects.get(recipient=invitee).emailed


def test_inviting_again_reuses_the_open_invitation():
    organisation = OrganisationFactory()
    admin = admin_of(organisation)

    first = services.invitation_create(
        actor=admin, organisation=organisation, email="a@example.com"
    )
    second = services.invitation_create(
        actor=admin, organisation=organisation, email="A@example.com", role="admin"
    )

    assert first.pk == second.pk
    assert Invitation.objects.get().role == "admin"


def test_cannot_invite_an_existing_member():
    organisation = OrganisationFactory()
    member = member_of(organisation)

    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            actor=admin_of(organisation), organisation=organisation, email=member.email
        )
    assert "email" in error.value.message_dict


def test_admin_of_one_organisation_cannot_act_on_another():
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    admin = admin_of(mine)
    their_member = member_of(theirs)
    membership = Membership.objects.get(user=their_member)

    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=admin, organisation=theirs, email="x@example.com")
    with pytest.raises(PermissionDenied):
        services.membership_change_role(actor=admin, membership=membership, role="admin")
    with pytest.raises(PermissionDenied):
        services.membership_end(actor=admin, membership=membership)
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=admin, organisation=theirs, name_zh="改名")


def test_invited_person_accepts_and_joins_with_the_invited_role(run_on_commit):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    invitee = UserFactory()
    invitation = services.invitation_create(
        actor=admin, organisation=organisation, email=invitee.email, role="admin"
    )

    with run_on_commit():
        membership = services.invitation_accept(actor=invitee, invitation=invitation)

    assert membership.role == "admin"
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert Notification.objects.filter(
        recipient=admin, kind="organisation_invitation_accepted"
    ).exists()


def test_only_the_verified_invited_address_may_accept():
    organisation = OrganisationFactory()
    invitation = services.invitation_create(
        actor=admin_of(organisation), organisation=organisation, email="right@example.com"
    )
    unverified_owner = UserFactory(email="right@example.com", verified=False)

    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=UserFactory(), invitation=invitation)
    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=unverified_owner, invitation=invitation)


def test_expired_or_answered_invitations_cannot_be_accepted():
    organisation = OrganisationFactory()
    invitee = UserFactory()
    invitation = services.invitation_create(
        actor=admin_of(organisation), organisation=organisation, email=invitee.email
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )

    with pytest.raises(ValidationError):
        services.invitation_accept(actor=invitee, invitation=invitation)

    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now(), status="declined")
    with pytest.raises(ValidationError):
        services.invitation_accept(actor=invitee, invitation=invitation)


def test_reinviting_after_expiry_makes_a_fresh_invitation():
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    old = services.invitation_create(actor=admin, organisation=organisation, email="a@example.com")
    Invitation.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=15))

    new = services.invitation_create(actor=admin, organisation=organisation, email="a@example.com")

    assert new.pk != old.pk
    assert new.is_open
    old.refresh_from_db()
    assert old.status == InvitationStatus.REVOKED


def test_decline_and_revoke():
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    invitee = UserFactory()
    invitation = services.invitation_create(
        actor=admin, organisation=organisation, email=invitee.email
    )

    services.invitation_decline(actor=invitee, invitation=invitation)
    assert Invitation.objects.get(pk=invitation.pk).status == "declined"
    assert not Membership.objects.filter(user=invitee).exists()

    second = services.invitation_create(
        actor=admin, organisation=organisation, email="b@example.com"
    )
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=invitee, invitation=second)
    services.invitation_revoke(actor=admin, invitation=second)
    assert Invitation.objects.get(pk=second.pk).status == "revoked"


def test_the_last_admin_can_neither_leave_nor_step_down():
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    membership = Membership.objects.get(user=admin)

    with pytest.raises(ValidationError):
        services.membership_end(actor=admin, membership=membership)
    with pytest.raises(ValidationError):
        services.membership_change_role(actor=admin, membership=membership, role="member")

    second_admin = admin_of(organisation)
    services.membership_change_role(actor=second_admin, membership=membership, role="member")
    assert Membership.objects.get(pk=membership.pk).role == "member"


def test_members_leave_and_admins_remove(run_on_commit):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    leaver, removed = member_of(organisation), member_of(organisation)

    services.membership_end(actor=leaver, membership=Membership.objects.get(user=leaver))
    with run_on_commit():
        services.membership_end(actor=admin, membership=Membership.objects.get(user=removed))

    assert list(organisation.memberships.values_list("user", flat=True)) == [admin.pk]
    assert AuditEntry.objects.filter(action="organisation.member_left").exists()
    assert AuditEntry.objects.filter(action="organisation.member_removed").exists()
    assert Notification.objects.filter(recipient=removed, kind="organisation_removed").exists()


def test_a_member_cannot_remove_another_member():
    organisation = OrganisationFactory()
    admin_of(organisation)
    member, other = member_of(organisation), member_of(organisation)

    with pytest.raises(PermissionDenied):
        services.membership_end(actor=member, membership=Membership.objects.get(user=other))


# --- pages --------------------------------------------------------------------------
def test_organisation_pages_are_public(client):
    organisation = OrganisationFactory(description="<script>x</script>**工作室**")
    member_of(organisation, display_name_zh="可见成员")

    assert client.get("/orgs/").status_code == 200
    html = client.get(f"/orgs/{organisation.slug}/").content.decode()
    assert "可见成员" in html
    assert "<script>x" not in html and "<strong>工作室</strong>" in html


def test_admin_invites_through_the_members_page(client, run_on_commit):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    client.force_login(admin)

    with run_on_commit():
        response = client.post(
            f"/orgs/{organisation.slug}/members/", {"email": "new@example.com", "role": "member"}
        )

    assert response.status_code == 302
    assert Invitation.objects.filter(email="new@example.com").exists()
    assert len(mail.outbox) == 1


def test_members_page_shows_field_errors_and_keeps_input(client):
    organisation = OrganisationFactory()
    client.force_login(admin_of(organisation))

    response = client.post(
        f"/orgs/{organisation.slug}/members/", {"email": "not-an-address", "role": "king"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="errorlist') >= 2
    assert 'value="not-an-address"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/orgs/{slug}/members/",
        "/orgs/{slug}/edit/",
    ],
)
def test_admin_of_another_organisation_gets_403_on_management_pages(client, path):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    client.force_login(admin_of(mine))

    assert client.get(path.format(slug=theirs.slug)).status_code == 403
    assert client.get(path.format(slug=mine.slug)).status_code == 200


def test_membership_ids_of_another_organisation_are_not_found(client):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    client.force_login(admin_of(mine))
    their_membership = Membership.objects.get(user=member_of(theirs))

    # Asking through my organisation's URL for their membership: it is not in mine.
    response = client.post(
        f"/orgs/{mine.slug}/members/{their_membership.pk}/role/", {"role": "admin"}
    )

    assert response.status_code == 404
    assert Membership.objects.get(pk=their_membership.pk).role == "member"


def test_invitation_page_lets_the_invitee_accept(client):
    organisation = OrganisationFactory()
    invitee = UserFactory()
    invitation = services.invitation_create(
        actor=admin_of(organisation), organisation=organisation, email=invitee.email
    )
    client.force_login(invitee)

    page = client.get(f"/invitations/{invitation.token}/").content.decode()
    assert 'value="accept"' in page

    response = client.post(f"/invitations/{invitation.token}/respond/", {"answer": "accept"})
    assert response.status_code == 302
    assert Membership.objects.filter(organisation=organisation, user=invitee).exists()


def test_invitation_page_masks_the_address_and_refuses_others(client):
    organisation = OrganisationFactory()
    invitation = services.invitation_create(
        actor=admin_of(organisation), organisation=organisation, email="secret.person@example.com"
    )
    client.force_login(UserFactory())

    page = client.get(f"/invitations/{invitation.token}/").content.decode()
    assert "secret.person@example.com" not in page
    assert 'value="accept"' not in page
    assert (
        client.post(f"/invitations/{invitation.token}/respond/", {"answer": "accept"}).status_code
        == 403
    )


def test_unknown_invitation_token_is_not_found(client):
    assert client.get("/invitations/no-such-token/").status_code == 404


def test_staff_create_organisations_through_the_form(client, staff):
    client.force_login(staff)

    bad = client.post("/orgs/new/", {"kind": "studio", "slug": "has spaces", "name_zh": ""})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()

    good = client.post(
        "/orgs/new/", {"kind": "studio", "slug": "new-studio", "name_zh": "新工作室"}
    )
    assert good.status_code == 302
    assert Organisation.objects.filter(slug="new-studio").exists()


def test_non_staff_cannot_open_the_create_form(client, user):
    client.force_login(user)

    assert client.get("/orgs/new/").status_code == 403


def test_a_person_sees_the_open_invitations_to_their_verified_addresses_whatever_the_case():
    from allauth.account.models import EmailAddress

    from accounts.selectors import invitations_open_for_user

    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    invitee = UserFactory()
    EmailAddress.objects.create(user=invitee, email="Second.Address@Example.COM", verified=True)
    EmailAddress.objects.create(user=invitee, email="Third@Example.com", verified=True)
    EmailAddress.objects.create(user=invitee, email="unverified@example.com", verified=False)

    def invite(email):
        return services.invitation_create(actor=admin, organisation=organisation, email=email)

    to_primary, to_second = invite(invitee.email), invite("second.address@example.com")
    invite("unverified@example.com")
    invite("someone.else@example.com")
    expired = invite("third@example.com")
    Invitation.objects.filter(pk=expired.pk).update(created_at=timezone.now() - timedelta(days=90))

    shown = list(invitations_open_for_user(invitee))
    assert {i.pk for i in shown} == {to_primary.pk, to_second.pk}
    assert shown[0].organisation == organisation  # with what the desk shows, newest first
    assert list(invitations_open_for_user(UserFactory())) == []
