"""What a newcomer reads on signing up is in their language: the form's refusals, the
verification e-mail, and the language menu names each language in its own words."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

# English words of four letters or more, outside addresses and links.
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
LINK = re.compile(r"https?://\S+|\S+@\S+")


def _english_words(text: str) -> list[str]:
    return ENGLISH_WORD.findall(LINK.sub(" ", text))


def test_a_short_password_is_refused_in_chinese(client):
    answer = client.post(
        "/accounts/signup/",
        {"email": "new@example.cn", "password1": "12", "password2": "12", "display_name": "甲"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    errors = " ".join(answer.context["form"].errors.get("password1", []))
    assert errors and "密码太短" in errors
    assert not _english_words(errors)


def test_the_verification_email_is_in_chinese(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.cn",
            "password1": "a-long-passphrase-29",
            "password2": "a-long-passphrase-29",
            "display_name": "甲",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    [message] = mail.outbox
    body = LINK.sub(" ", message.body).replace("testserver", " ")
    assert "您好" in body
    assert not _english_words(body), _english_words(body)


def test_the_language_menu_names_each_language_in_its_own_words(client):
    for language, other, name in (("zh-hans", "en", "English"), ("en", "zh-hans", "简体中文")):
        page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        switch = re.search(
            rf'<button[^>]* value="{other}" lang="{other}"[^>]*>([^<]*)</button>', page
        )
        assert switch is not None and switch.group(1) == name
        assert "英语" not in page
