"""The accounts API: same rules as the pages, one error body, documented responses.

The api_client fixture validates every response against the OpenAPI schema.
"""

import re

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token

from accounts.models import Invitation, Membership, Organisation, User
from accounts.services.organisations import invitation_create
from tests.support.factories import PASSWORD, OrganisationFactory, UserFactory, admin_of, member_of

pytestmark = pytest.mark.django_db


# --- auth -----------------------------------------------------------------------------
def test_signup_then_verify_then_token(api_client, client):
    response = api_client.post(
        "/api/v1/auth/signup/",
        {
            "email": "api@example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
            "display_name": "新编剧",
        },
    )
    assert response.status_code == 201

    too_early = api_client.post(
        "/api/v1/auth/token/", {"email": "api@example.com", "password": "a-long-pass-phrase"}
    )
    assert too_early.status_code == 400
    assert "email" in too_early.json()["errors"]

    link = re.search(r"/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    client.post(link)
    token = api_client.post(
        "/api/v1/auth/token/", {"email": "api@example.com", "password": "a-long-pass-phrase"}
    )
    assert token.status_code == 200

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    assert api_client.get("/api/v1/me/").json()["email"] == "api@example.com"


def test_signup_reports_field_errors(api_client):
    response = api_client.post(
        "/api/v1/auth/signup/", {"email": "nope", "password1": "x", "password2": "y"}
    )

    assert response.status_code == 400
    assert "email" in response.json()["errors"]
    assert not User.objects.filter(email="nope").exists()


def test_signup_with_a_taken_address_does_not_reveal_it(api_client, user):
    payload = {
        "password1": "a-long-pass-phrase",
        "password2": "a-long-pass-phrase",
        "display_name": "新编剧",
    }

    taken = api_client.post("/api/v1/auth/signup/", {"email": user.email, **payload})
    fresh = api_client.post("/api/v1/auth/signup/", {"email": "fresh@example.com", **payload})

    assert taken.status_code == fresh.status_code == 201
    assert taken.json() == fresh.json()
    assert User.objects.filter(email=user.email).count() == 1
    assert mail.outbox[0].to == [user.email]  # the owner learns someone tried


def test_wrong_password_gets_a_clear_error(api_client, user):
    response = api_client.post("/api/v1/auth/token/", {"email": user.email, "password": "wrong"})

    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


def test_token_can_be_revoked(api_client, user):
    token = Token.objects.create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert api_client.delete("/api/v1/auth/token/").status_code == 204
    assert api_client.get("/api/v1/me/").status_code == 401


def test_auth_endpoints_are_rate_limited(api_client, user):
    # A different account each time: one account locks sooner (tests/accounts/test_sign_in_limits.py).
    statuses = [
        api_client.post(
            "/api/v1/auth/token/", {"email": f"guess{n}-{user.email}", "password": "wrong"}
        ).status_code
        for n in range(11)
    ]

    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_password_reset_answers_the_same_for_unknown_addresses(api_client, user):
    known = api_client.post("/api/v1/auth/password/reset/", {"email": user.email})
    unknown = api_client.post("/api/v1/auth/password/reset/", {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert any(user.email in message.to for message in mail.outbox)


def test_anonymous_requests_to_private_endpoints_get_401(api_client):
    assert api_client.get("/api/v1/me/").status_code == 401
    assert api_client.get("/api/v1/notifications/").status_code == 401


# --- me -------------------------------------------------------------------------------
def test_me_patch_updates_profile_themes_and_roles(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.patch(
        "/api/v1/me/",
        {
            "display_name_en": "New Name",
            "expertise_themes": ["rule-of-law"],
            "roles": ["writer", "mentor"],
        },
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["display_name_en"] == "New Name"
    assert [t["slug"] for t in body["expertise_themes"]] == ["rule-of-law"]
    assert sorted(body["roles"]) == ["mentor", "writer"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"display_name_zh": "长" * 61}, "display_name_zh"),
        ({"bio": "x" * 4001}, "bio"),
        ({"large_text": "maybe"}, "large_text"),
        ({"language": "klingon"}, "language"),
        ({"expertise_themes": ["no-such-theme"]}, "expertise_themes"),
        ({"expertise_themes": ["revenge"]}, "expertise_themes"),  # a genre, not a theme
        ({"expertise_themes": "rule-of-law"}, "expertise_themes"),
        ({"roles": ["emperor"]}, "roles.0"),
        ({"roles": "writer"}, "roles"),
    ],
)
def test_me_patch_rejects_bad_input_with_a_field_error(api_client, user, payload, field):
    api_client.force_authenticate(user)

    response = api_client.patch("/api/v1/me/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_me_patch_cannot_grant_power_roles(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.patch("/api/v1/me/", {"roles": ["writer", "fund_manager"]}, format="json")

    assert response.status_code == 403
    assert "detail" in response.json()["errors"]
    assert not user.role_grants.filter(role="fund_manager").exists()


def test_public_user_profiles_never_show_email(api_client, user):
    body = api_client.get(f"/api/v1/users/{user.pk}/").json()

    assert "email" not in body
    assert user.email not in str(api_client.get("/api/v1/users/").json())


def test_unknown_user_id_is_404_with_the_error_body(api_client):
    response = api_client.get("/api/v1/users/999999/")

    assert response.status_code == 404
    assert response.json() == {"errors": {"detail": [response.json()["errors"]["detail"][0]]}}


# --- organisations ------------------------------------------------------------------------
def test_staff_create_organisations_others_cannot(api_client, user, staff):
    payload = {"kind": "university", "slug": "new-uni", "name_zh": "新大学"}

    api_client.force_authenticate(user)
    assert api_client.post("/api/v1/organisations/", payload).status_code == 403

    api_client.force_authenticate(staff)
    response = api_client.post("/api/v1/organisations/", payload)
    assert response.status_code == 201
    assert response.json()["member_count"] == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"slug": "x", "name_zh": "名"}, "kind"),
        ({"kind": "castle", "slug": "x", "name_zh": "名"}, "kind"),
        ({"kind": "studio", "slug": "bad slug", "name_zh": "名"}, "slug"),
        ({"kind": "studio", "slug": "x", "name_zh": "名" * 101}, "name_zh"),
        ({"kind": "studio", "slug": "x", "name_zh": "名", "website": "not a url"}, "website"),
        ({"kind": "studio", "slug": "x"}, "name_zh"),
        ({"kind": "studio", "slug": ["x"], "name_zh": "名"}, "slug"),
    ],
)
def test_organisation_create_validates_every_field(api_client, staff, payload, field):
    api_client.force_authenticate(staff)

    response = api_client.post("/api/v1/organisations/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_duplicate_slug_is_a_field_error_not_a_500(api_client, staff):
    existing = OrganisationFactory()
    api_client.force_authenticate(staff)

    response = api_client.post(
        "/api/v1/organisations/", {"kind": "studio", "slug": existing.slug, "name_zh": "重复"}
    )

    assert response.status_code == 400
    assert "slug" in response.json()["errors"]


def test_admin_updates_own_organisation_not_others(api_client):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    api_client.force_authenticate(admin_of(mine))

    assert (
        api_client.patch(f"/api/v1/organisations/{mine.slug}/", {"city": "杭州"}).status_code == 200
    )
    assert (
        api_client.patch(f"/api/v1/organisations/{theirs.slug}/", {"city": "杭州"}).status_code
        == 403
    )
    assert Organisation.objects.get(pk=theirs.pk).city == ""


def test_unknown_organisation_is_404(api_client, staff):
    api_client.force_authenticate(staff)

    assert api_client.get("/api/v1/organisations/no-such-org/").status_code == 404
    assert api_client.patch("/api/v1/organisations/no-such-org/", {"city": "x"}).status_code == 404


def test_members_are_listed_publicly_and_managed_by_admins(api_client):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    member = member_of(organisation)
    membership = Membership.objects.get(user=member)

    listing = api_client.get(f"/api/v1/organisations/{organisation.slug}/members/").json()
    assert {m["user"]["id"] for m in listing["results"]} == {admin.pk, member.pk}

    api_client.force_authenticate(member)
    assert (
        api_client.patch(
            f"/api/v1/organisations/{organisation.slug}/members/{membership.pk}/", {"role": "admin"}
        ).status_code
        == 403
    )

    api_client.force_authenticate(admin)
    bad = api_client.patch(
        f"/api/v1/organisations/{organisation.slug}/members/{membership.pk}/", {"role": "king"}
    )
    assert bad.status_code == 400 and "role" in bad.json()["errors"]
    good = api_client.patch(
        f"/api/v1/organisations/{organisation.slug}/members/{membership.pk}/", {"role": "admin"}
    )
    assert good.status_code == 200 and good.json()["role"] == "admin"


def test_member_id_from_another_organisation_is_404(api_client):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    api_client.force_authenticate(admin_of(mine))
    their_membership = Membership.objects.get(user=member_of(theirs))

    response = api_client.delete(
        f"/api/v1/organisations/{mine.slug}/members/{their_membership.pk}/"
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=their_membership.pk).exists()


def test_last_admin_leaving_is_a_clear_400(api_client):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    api_client.force_authenticate(admin)
    membership = Membership.objects.get(user=admin)

    response = api_client.delete(
        f"/api/v1/organisations/{organisation.slug}/members/{membership.pk}/"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


def test_member_leaves_through_the_api(api_client):
    organisation = OrganisationFactory()
    admin_of(organisation)
    member = member_of(organisation)
    api_client.force_authenticate(member)
    membership = Membership.objects.get(user=member)

    assert (
        api_client.delete(
            f"/api/v1/organisations/{organisation.slug}/members/{membership.pk}/"
        ).status_code
        == 204
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_invitation_lifecycle_through_the_api(api_client):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    invitee = UserFactory()

    api_client.force_authenticate(admin)
    created = api_client.post(
        f"/api/v1/organisations/{organisation.slug}/invitations/",
        {"email": invitee.email, "role": "member"},
    )
    assert created.status_code == 201
    assert "token" not in created.json()
    listing = api_client.get(f"/api/v1/organisations/{organisation.slug}/invitations/").json()
    assert [i["email"] for i in listing["results"]] == [invitee.email]

    api_client.force_authenticate(invitee)
    mine = api_client.get("/api/v1/me/invitations/").json()["results"]
    assert len(mine) == 1
    answer = api_client.post(
        f"/api/v1/invitations/{mine[0]['token']}/answer/", {"answer": "accept"}
    )
    assert answer.status_code == 200
    assert Membership.objects.filter(organisation=organisation, user=invitee).exists()


def test_invitation_create_rejects_bad_input(api_client):
    organisation = OrganisationFactory()
    api_client.force_authenticate(admin_of(organisation))
    url = f"/api/v1/organisations/{organisation.slug}/invitations/"

    assert "email" in api_client.post(url, {"email": "x" * 250 + "@e.com"}).json()["errors"]
    assert "email" in api_client.post(url, {}).json()["errors"]
    assert "role" in api_client.post(url, {"email": "a@example.com", "role": 3}).json()["errors"]


def test_outsiders_cannot_see_or_revoke_invitations(api_client):
    organisation = OrganisationFactory()
    invitation = invitation_create(
        actor=admin_of(organisation), organisation=organisation, email="a@example.com"
    )
    api_client.force_authenticate(UserFactory())

    assert (
        api_client.get(f"/api/v1/organisations/{organisation.slug}/invitations/").status_code == 403
    )
    assert (
        api_client.delete(
            f"/api/v1/organisations/{organisation.slug}/invitations/{invitation.pk}/"
        ).status_code
        == 403
    )
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


def test_answering_someone_elses_invitation_is_refused(api_client):
    organisation = OrganisationFactory()
    invitation = invitation_create(
        actor=admin_of(organisation), organisation=organisation, email="a@example.com"
    )
    api_client.force_authenticate(UserFactory())

    response = api_client.post(
        f"/api/v1/invitations/{invitation.token}/answer/", {"answer": "accept"}
    )

    assert response.status_code == 403


def test_answer_must_be_accept_or_decline(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/invitations/whatever/answer/", {"answer": "maybe"})

    assert response.status_code == 400
    assert "answer" in response.json()["errors"]


def test_password_login_still_works_alongside_tokens(client, user):
    assert client.login(username=user.email, password=PASSWORD)


def test_staff_set_roles_through_the_api_others_cannot(api_client, user, staff):
    target = UserFactory()

    api_client.force_authenticate(user)
    assert (
        api_client.put(
            f"/api/v1/users/{target.pk}/roles/", {"roles": ["scout"]}, format="json"
        ).status_code
        == 403
    )

    api_client.force_authenticate(staff)
    response = api_client.put(
        f"/api/v1/users/{target.pk}/roles/", {"roles": ["writer", "scout"]}, format="json"
    )
    assert response.status_code == 200
    assert sorted(response.json()["roles"]) == ["scout", "writer"]
    assert (
        api_client.put("/api/v1/users/999999/roles/", {"roles": []}, format="json").status_code
        == 404
    )
    bad = api_client.put(f"/api/v1/users/{target.pk}/roles/", {"roles": ["king"]}, format="json")
    assert bad.status_code == 400 and "roles.0" in bad.json()["errors"]


def test_staff_change_the_roles_of_a_deactivated_account_without_a_server_error(api_client, staff):
    target = UserFactory(is_active=False, roles=["writer", "scout"])
    api_client.force_authenticate(staff)
    url = f"/api/v1/users/{target.pk}/roles/"

    removed = api_client.put(url, {"roles": ["writer"]}, format="json")
    added = api_client.put(url, {"roles": ["writer", "staff"]}, format="json")

    assert removed.status_code == 200 and removed.json()["roles"] == ["writer"]
    assert added.status_code == 400 and "roles" in added.json()["errors"]
    target.refresh_from_db()
    assert not target.is_staff
