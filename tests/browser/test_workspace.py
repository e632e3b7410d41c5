"""A writer's session in the script workspace, in a real browser."""

import pytest
from django.core.management import call_command

from scripts_app.models import Series
from scripts_app.selectors import revision_text
from seeds.world.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def writer_page(page):
    call_command("seed_demo", verbosity=0)
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("writer.chen@demo.microdrama.cn")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    return page


def _series() -> Series:
    return Series.objects.get(title="三号窗口")


def _status(page):
    return page.locator(".sd-status-text")


def test_the_editor_autosaves_survives_going_offline_and_keeps_everything(
    writer_page, shoot, assert_accessible
):
    page = writer_page
    series = _series()
    page.goto(f"/scripts/{series.pk}/write/?episode=1")
    editor = page.locator(".cm-content")
    editor.wait_for()
    page.locator(".sd-preview-body .screenplay").wait_for()
    shoot("10-editor-episode-1")
    assert_accessible("the editor")

    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n△许青禾把考勤表复印了一份。")
    page.wait_for_function(
        "() => document.querySelector('.sd-status-text').textContent.includes('已保存')",
        timeout=15_000,
    )
    series.refresh_from_db()
    assert "许青禾把考勤表复印了一份。" in revision_text(series.head)

    page.context.set_offline(True)
    page.keyboard.type("\n△窗外开始下雨。")
    page.wait_for_function(
        "() => document.querySelector('.sd-status-text').textContent.includes('离线')",
        timeout=15_000,
    )
    shoot("11-editor-offline")
    page.context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelector('.sd-status-text').textContent.includes('已保存')",
        timeout=30_000,
    )
    series.refresh_from_db()
    text = revision_text(series.head)
    assert "许青禾把考勤表复印了一份。" in text and "窗外开始下雨。" in text

    page.reload()
    page.locator(".cm-content").click()
    page.keyboard.press("Control+End")  # CodeMirror draws only the lines in view
    assert "窗外开始下雨。" in page.locator(".cm-content").inner_text()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("12-series-list", "/scripts/"),
        ("13-series-overview", "/scripts/{pk}/"),
        ("14-read-and-comment", "/scripts/{pk}/read/"),
        ("15-analysis", "/scripts/{pk}/analysis/"),
        ("16-compare", "/scripts/{pk}/compare/?a=1&b=3"),
        ("17-revisions", "/scripts/{pk}/revisions/"),
    ],
)
def test_workspace_pages_render_and_are_accessible(
    writer_page, shoot, assert_accessible, name, path
):
    writer_page.goto(path.format(pk=_series().pk))
    shoot(name)
    assert_accessible(path)
