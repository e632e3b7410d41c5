"""Password guessing is limited per account and per client address, wherever it is tried.

The client address comes from X-Forwarded-For only as far as NUM_PROXIES says the
proxies in front are ours; every throttle and rate limit counts by that one address.
"""

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from core.middleware import ClientAddressMiddleware, forwarded_client_address
from tests.support.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def _guess(api_client, email: str, password: str = "wrong", **headers) -> int:
    return api_client.post(TOKEN_URL, {"email": email, "password": password}, **headers).status_code


def test_rotating_addresses_does_not_escape_the_per_account_limit(api_client):
    user = UserFactory()

    # Forty guesses, each from another address (real or spoofed in X-Forwarded-For).
    statuses = [
        _guess(
            api_client,
            user.email,
            REMOTE_ADDR=f"198.51.100.{n}",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
        for n in range(1, 41)
    ]

    assert statuses[:5] == [400] * 5
    assert set(statuses[5:]) == {429}
    # The right password from yet another address is refused too: no token.
    assert _guess(api_client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.99") == 429
    assert not Token.objects.filter(user=user).exists()


def test_spellings_of_an_address_share_its_allowance(api_client):
    user = UserFactory(email="writer.chen@example.com")
    spellings = [
        "writer.chen@example.com",
        "Writer.Chen@example.com",
        "WRITER.CHEN@EXAMPLE.COM",
        " writer.chen@example.com ",
        "writer.chen@EXAMPLE.com",
    ]
    for n, spelling in enumerate(spellings):
        _guess(api_client, spelling, REMOTE_ADDR=f"198.51.100.{n + 1}")

    assert _guess(api_client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.7") == 429


def test_the_sign_in_form_and_the_api_share_one_allowance(client, api_client):
    user = UserFactory()
    for n in range(3):
        client.post(
            "/accounts/login/",
            {"login": user.email, "password": "wrong"},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
    for n in range(2):
        _guess(api_client, user.email, REMOTE_ADDR=f"198.51.100.{n + 10}")

    assert _guess(api_client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.8") == 429
    login = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.9"
    )
    assert "_auth_user_id" not in client.session, login.status_code


def test_a_right_password_does_not_use_up_the_allowance(api_client):
    user = UserFactory()
    for _ in range(8):
        assert _guess(api_client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.10") == 200

    assert _guess(api_client, user.email, REMOTE_ADDR="192.0.2.11") == 400


def test_rotating_forwarded_for_does_not_escape_the_per_address_limit(api_client):
    # Different accounts each time, so only the address can be what is counted.
    statuses = [
        _guess(
            api_client,
            f"nobody{n}@example.com",
            REMOTE_ADDR="198.51.100.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
        for n in range(1, 13)
    ]

    assert statuses[:10] == [400] * 10
    assert set(statuses[10:]) == {429}
    # Another client is not affected.
    assert _guess(api_client, "nobody@example.com", REMOTE_ADDR="198.51.100.2") == 400


@override_settings(NUM_PROXIES=1)
def test_with_one_trusted_proxy_the_address_it_saw_is_counted(api_client):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    statuses = [
        _guess(
            api_client,
            f"nobody{n}@example.com",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",  # the left part is the client's own
            **proxy,
        )
        for n in range(1, 12)
    ]

    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    # Another client behind the same proxy still gets in.
    other = _guess(api_client, "someone@example.com", HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)
    assert other == 400


def test_password_reset_through_the_api_is_limited_per_address_like_the_reset_page(api_client):
    """allauth limits resets in its view, not its form: the API must count them too."""
    user = UserFactory()
    statuses = [
        api_client.post(
            "/api/v1/auth/password/reset/", {"email": user.email}, REMOTE_ADDR=f"198.51.100.{n}"
        ).status_code
        for n in range(1, 8)
    ]

    assert statuses[:5] == [202] * 5
    assert set(statuses[5:]) == {429}
    assert len([m for m in mail.outbox if user.email in m.to]) == 5


def test_api_sign_up_counts_against_the_sign_up_page_limit(api_client, client):
    payload = {
        "password1": "a-long-pass-phrase",
        "password2": "a-long-pass-phrase",
        "display_name": "新编剧",
    }
    limits = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    with override_settings(ACCOUNT_RATE_LIMITS=limits):
        client.post("/accounts/signup/", {"email": "page@example.com", **payload})
        first = api_client.post("/api/v1/auth/signup/", {"email": "a@example.com", **payload})
        second = api_client.post("/api/v1/auth/signup/", {"email": "b@example.com", **payload})

    assert first.status_code == 201
    assert second.status_code == 429


@pytest.mark.parametrize(
    ("xff", "proxies", "expected"),
    [
        ("203.0.113.7", 0, None),
        ("1.1.1.1, 203.0.113.7", 1, "203.0.113.7"),
        ("1.1.1.1, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"),
        ("203.0.113.7", 2, "203.0.113.7"),
        ("1.1.1.1, not-an-address", 1, None),
        ("", 1, None),
        ("2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_forwarded_client_address(xff, proxies, expected):
    assert forwarded_client_address(xff, proxies) == expected


def _api_view_classes(patterns=None):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _api_view_classes(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "cls", None)
            if view_class is not None and hasattr(view_class, "get_throttles"):
                yield view_class


@pytest.mark.parametrize("proxies", [0, 1])
def test_every_throttle_and_rate_limit_counts_the_same_client_address(proxies):
    """allauth's rate limits and every DRF throttle in the URL conf see one address."""
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.9"
    )
    with override_settings(NUM_PROXIES=proxies):
        ClientAddressMiddleware(lambda request: None)(request)
    expected = "203.0.113.9" if proxies else "10.0.0.1"

    assert get_adapter(request).get_client_ip(request) == expected
    throttles = {
        type(throttle): throttle
        for view_class in set(_api_view_classes())
        for throttle in view_class().get_throttles()
    }
    assert throttles, "no throttled API view found: the URL conf walk is broken"
    for throttle_class, throttle in throttles.items():
        assert throttle.get_ident(request) == expected, throttle_class
