"""Messages say how much they matter: information, done, warning and error look different
and say their level in words, so colour is never the only sign."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.shortcuts import render
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def _page_with(*added: tuple[int, str]) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    for level, text in added:
        messages.add_message(request, level, text)
    return render(request, "landing.html").content.decode()


def test_each_level_has_its_own_look_and_names_itself():
    html = _page_with(
        (messages.INFO, "converted"),
        (messages.SUCCESS, "saved"),
        (messages.WARNING, "check"),
        (messages.ERROR, "refused"),
    )

    items = re.findall(
        r'<li class="message ([^"]*)">\s*<span class="message-level">([^<]*)</span>\s*(\w+)', html
    )
    assert items == [
        ("message-info", "提示：", "converted"),
        ("message-success", "完成：", "saved"),
        ("message-warning", "注意：", "check"),
        ("message-error", "出错：", "refused"),
    ]


def test_the_stylesheet_does_not_colour_information_as_an_error():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/site.css").read_text()
    rules = dict(re.findall(r"^(\.message[\w-]*) \{([^}]*)\}", css, re.M))
    assert "--accent" not in rules[".message"]  # the base (information) look
    assert "--accent" in rules[".message-error"]
    assert (
        len({rules[name] for name in (".message-success", ".message-warning", ".message-error")})
        == 3
    )
