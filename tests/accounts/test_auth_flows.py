"""Sign up, verify, log in, reset a password, log out: allauth wired to our site."""

import re

import pytest
from django.core import mail

from accounts.models import Role, User
from tests.support.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _link_in_last_mail(pattern: str) -> str:
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def test_signup_verify_and_login(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "New.Writer@Example.com",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
            "display_name": "新编剧",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.writer@example.com")
    assert set(user.role_grants.values_list("role", flat=True)) == {Role.WRITER}

    # Cannot log in before verifying.
    client.post(
        "/accounts/login/", {"login": "new.writer@example.com", "password": "a-long-pass-phrase"}
    )
    assert "_auth_user_id" not in client.session

    link = _link_in_last_mail(r"http://[^\s]+/accounts/confirm-email/[^\s]+/")
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm = client.post(f"/{path}")
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified

    client.post("/accounts/logout/")
    login = client.post(
        "/accounts/login/", {"login": "new.writer@example.com", "password": "a-long-pass-phrase"}
    )
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_errors_keep_what_was_typed(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "kept@example.com", "password1": "short", "password2": "other"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="kept@example.com"' in html
    assert "errorlist" in html
    assert not User.objects.filter(email="kept@example.com").exists()


def test_first_verification_sends_a_welcome_notification(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "email": "w@example.com",
                "password1": "a-long-pass-phrase",
                "password2": "a-long-pass-phrase",
                "display_name": "新编剧",
            },
        )
        link = _link_in_last_mail(r"/accounts/confirm-email/[^\s]+/")
        client.post(link)

    user = User.objects.get(email="w@example.com")
    assert user.notifications.filter(kind="welcome").count() == 1


def test_password_reset_round_trip(client):
    user = UserFactory()

    client.post("/accounts/password/reset/", {"email": user.email})
    link = _link_in_last_mail(r"/accounts/password/reset/key/[^\s]+/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        set_password_url, {"password1": "brand-new-secret-9", "password2": "brand-new-secret-9"}
    )
    assert done.status_code == 302

    assert client.login(username=user.email, password="brand-new-secret-9")


def test_logout_ends_the_session(client):
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session

    client.post("/accounts/logout/")

    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_lock_the_account_for_a_while(client):
    user = UserFactory()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})

    # Even the right password is refused until the window passes.
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_language_choice_is_saved_on_the_account_and_follows_the_user(client):
    user = UserFactory(language="zh-hans")
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"

    other_device = type(client)()
    other_device.force_login(user)
    html = other_device.get("/").content.decode()
    assert '<html lang="en"' in html


def test_anonymous_language_choice_persists_in_a_cookie(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert '<html lang="en"' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert '<html lang="zh-Hans"' in client.get("/").content.decode()


def test_large_text_mode_is_remembered(client):
    user = UserFactory()
    client.force_login(user)

    client.post("/text-size/", {"size": "large", "next": "/"})

    user.refresh_from_db()
    assert user.large_text
    assert 'class="text-large"' in client.get("/").content.decode()


def test_text_size_switch_does_not_redirect_off_site(client):
    response = client.post("/text-size/", {"size": "large", "next": "https://evil.example/"})

    assert response["Location"] == "/"
