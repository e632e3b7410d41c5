"""The admin has no sign-in form of its own: it goes through the site's, which is rate-limited."""

import pytest

from accounts.models import User
from tests.support.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_login_sends_to_the_site_sign_in_with_next(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Faccounts%2Fuser%2F"


def test_the_admin_index_leads_to_the_site_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert response.status_code == 200


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/x", "//evil.example/x", "/\\evil.example", "javascript:x"]
)
def test_an_off_site_next_is_replaced_by_the_admin_index(client, next_url):
    response = client.get("/admin/login/", {"next": next_url})

    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_posting_a_password_to_the_admin_login_signs_no_one_in(client):
    staff = UserFactory(staff=True, is_superuser=True)

    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_locks_after_repeated_wrong_passwords(client):
    staff = UserFactory(staff=True, is_superuser=True)
    login_url = client.get("/admin/login/?next=/admin/")["Location"]

    for n in range(25):
        client.post(
            login_url,
            {"login": staff.email, "password": f"wrong-{n}"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    refused = client.post(
        login_url, {"login": staff.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in refused.content.decode()


def test_staff_sign_in_through_the_site_lands_in_the_admin(client):
    staff = UserFactory(staff=True, is_superuser=True)
    login_url = client.get("/admin/login/?next=/admin/")["Location"]

    response = client.post(login_url, {"login": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_signed_in_staff_at_admin_login_go_on_to_next(client):
    client.force_login(UserFactory(staff=True))

    response = client.get("/admin/login/?next=/admin/core/auditentry/")

    assert response["Location"] == "/admin/core/auditentry/"


def test_signed_in_non_staff_are_refused_without_a_redirect_loop(client):
    client.force_login(UserFactory())

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


def test_createsuperuser_accounts_can_sign_in_through_the_site(client):
    User.objects.create_superuser("root@example.com", "a-long-pass-phrase")

    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": "root@example.com", "password": "a-long-pass-phrase"},
    )

    assert response["Location"] == "/admin/"
