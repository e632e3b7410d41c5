"""The site runs clean under its Content-Security-Policy (the page fixture fails on any violation)."""

import json

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.support.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_violation_is_caught(page, csp_violations):
    """The check itself: an inline style attribute added to a page is reported."""
    page.goto("/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')"
    )
    page.wait_for_timeout(200)

    assert any("style-src" in violation for violation in csp_violations), csp_violations
    csp_violations.clear()


def test_the_api_docs_page_works_under_the_policy(page, shoot):
    schema = Client().get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    last_path = sorted(json.loads(schema.content)["paths"])[-1]

    page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()
    shoot("api-docs")
    # Swagger UI renders only the operations near the viewport: scrolling to the end of
    # the list shows that every operation of the schema loaded and renders.
    last_operation = page.locator(f'.opblock-summary-path[data-path="{last_path}"]').first
    for _ in range(100):
        if last_operation.count():
            break
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(50)
    last_operation.scroll_into_view_if_needed()
    assert last_operation.is_visible()


def test_staff_reach_the_admin_through_the_site_sign_in(page, shoot):
    staff = UserFactory(staff=True, is_superuser=True)

    page.goto("/admin/")
    assert "/accounts/login/" in page.url
    page.locator("#id_login").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: url.endswith("/admin/"))

    assert page.locator("#site-name").is_visible()
    page.goto("/admin/accounts/user/")
    assert page.locator("#result_list").is_visible()
    shoot("admin-users")
    # Every list page of the admin, an add page and a change page, under the same policy.
    for model in admin.site._registry:
        page.goto(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    page.goto(reverse("admin:accounts_organisation_add"))
    page.goto(reverse("admin:accounts_user_change", args=[staff.pk]))
    assert page.locator("#user_form, form").first.is_visible()


def test_the_browsable_api_works_under_the_policy(page):
    user = UserFactory()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)

    page.goto("/api/v1/terms/")

    assert page.locator(".response-info").is_visible()
