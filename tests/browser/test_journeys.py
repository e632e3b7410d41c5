"""The first journey every user makes, in a real browser."""

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-2026"


def _confirmation_path() -> str:
    match = re.search(r"/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def test_sign_up_verify_log_in_switch_language(page, shoot, assert_accessible):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    shoot("01-landing-zh")
    assert_accessible("the landing page")

    page.get_by_role("link", name="注册", exact=True).first.click()
    page.locator("#id_email").fill("browser.writer@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_display_name").fill("林小满")
    shoot("02-signup-zh")
    assert_accessible("the sign-up page")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/accounts/confirm-email/")
    shoot("03-verification-sent")

    page.goto(_confirmation_path())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "confirm-email" not in url)
    assert User.objects.get(email="browser.writer@example.com").emailaddress_set.get().verified
    assert page.get_by_role("heading", level=1).inner_text() == "欢迎回来，林小满"
    shoot("04-dashboard-zh")
    assert_accessible("the dashboard")

    page.locator(".account-menu > summary").click()
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_load_state()
    if "/accounts/logout/" in page.url:  # allauth asks to confirm a GET logout
        page.locator("main form button[type=submit]").click()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("browser.writer@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    assert "林小满" in page.locator(".account-menu > summary").inner_text()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Organisations", exact=True).is_visible()
    shoot("05-dashboard-en")
    assert User.objects.get(email="browser.writer@example.com").language == "en"

    page.get_by_role("button", name="Large text").click()
    page.wait_for_load_state()
    assert "text-large" in (page.locator("html").get_attribute("class") or "")
    shoot("06-dashboard-en-large-text")
    assert_accessible("the dashboard in large text")


@pytest.mark.parametrize("path", ["/themes/", "/orgs/", "/people/", "/accounts/login/"])
def test_public_pages_are_accessible(page, shoot, assert_accessible, path):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    page.goto(path)
    shoot("public" + path.replace("/", "-").rstrip("-"))
    assert_accessible(path)
