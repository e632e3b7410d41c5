"""A writer's session in the script workspace, in a real browser."""

import pytest
from django.core.management import call_command

from scripts_app.models import Series
from scripts_app.selectors import revision_text
from seeds.world.people import DEMO_PASSWORD
from tests.browser.conftest import SCREENSHOTS

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
        ("41-restore-asks-first", "/scripts/{pk}/revisions/1/restore/"),
        ("42-theme-with-its-series", "/themes/theme/rule-of-law/"),
    ],
)
def test_workspace_pages_render_and_are_accessible(
    writer_page, shoot, assert_accessible, name, path
):
    writer_page.goto(path.format(pk=_series().pk))
    shoot(name)
    assert_accessible(path)


def _sign_in(context, email: str):
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    return page


def _edit_first_line(page, words: str) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("End")
    page.keyboard.type(words)
    page.keyboard.press("Control+s")


def test_two_co_writers_changing_the_same_line_both_see_the_overlap_and_lose_nothing(
    browser, live_server
):
    call_command("seed_demo", verbosity=0)
    series = _series()
    contexts = [
        browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="zh-CN"
        )
        for _ in range(2)
    ]
    try:
        chen = _sign_in(contexts[0], "writer.chen@demo.microdrama.cn")
        yang = _sign_in(contexts[1], "writer.yang@demo.microdrama.cn")
        for page in (chen, yang):
            page.goto(f"/scripts/{series.pk}/write/")
            page.locator(".cm-content").wait_for()

        _edit_first_line(chen, "（陈改）")

        chen.wait_for_function(
            "() => document.querySelector('.sd-status-text').textContent.includes('已保存')",
            timeout=30_000,
        )
        _edit_first_line(yang, "（杨改）")

        # The writer whose save overlapped sees it at once, in the editor.
        yang.locator(".sd-banner-conflict a").wait_for(timeout=30_000)
        yang.screenshot(path=str(SCREENSHOTS / "18-editor-conflict-mine.png"), full_page=True)
        # The co-writer whose text it overlaps sees it too, without saving again.
        chen.locator(".sd-banner-cowriter-conflict").wait_for(timeout=25_000)
        assert "重叠" in chen.locator(".sd-banner-cowriter-conflict").inner_text()
        chen.screenshot(path=str(SCREENSHOTS / "19-editor-conflict-theirs.png"), full_page=True)

        yang.locator(".sd-banner-conflict a").click()
        yang.locator("input[value=both]").first.check()
        yang.locator("main form button[type=submit]").click()
        yang.wait_for_url(lambda url: "/conflicts/" not in url)

        series.refresh_from_db()
        first_lines = revision_text(series.head).splitlines()[:2]
        assert any("（陈改）" in line for line in first_lines)
        assert any("（杨改）" in line for line in first_lines)
        # Once resolved, chen's banner goes away by itself.
        chen.locator(".sd-banner-cowriter-conflict").wait_for(state="detached", timeout=25_000)
    finally:
        for context in contexts:
            context.close()


def test_compliance_notes_on_the_analysis_page_render_and_are_accessible(
    writer_page, shoot, assert_accessible
):
    from accounts.models import User
    from tests.support.factories import make_series

    owner = User.objects.get(email="writer.chen@demo.microdrama.cn")
    text = (
        "第1集 赌神归来\n1-1 夜 内 地下室\n人物：阿强、旁白\n△一片血腥，阿强在角落里吸毒。\n"
        "阿强：今晚去賭 博！\n旁白：想知道结局？充值解锁下一集！\n【卡点】门被踹开。\n"
    )
    series = make_series(owner=owner, text=text, title="震惊！！霸总归来")

    writer_page.goto(f"/scripts/{series.pk}/analysis/")

    section = writer_page.locator("section.compliance")
    assert section.locator("mark").count() >= 6
    assert section.locator("h3").first.inner_text() in ("标题", "Titles")
    shoot("15b-analysis-compliance")
    assert_accessible(f"/scripts/{series.pk}/analysis/")
