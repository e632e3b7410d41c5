"""The editor with the keyboard alone: skip links, and an outline that is one tab stop.

Runs axe-core on the page it visits and leaves screenshots in artifacts/screenshots/ (37-, 38-).
"""

import pytest
from django.core.management import call_command

from scripts_app.models import Series
from scripts_app.selectors import revision_text
from seeds.world.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(page):
    call_command("seed_demo", verbosity=0)
    return page


def _log_in(page, local: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(f"{local}@demo.microdrama.cn")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def _window_three() -> Series:
    return Series.objects.get(title="三号窗口")


def _focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.className + ' ' + (e.textContent || '').trim().slice(0, 30); }"
    )


def test_with_the_keyboard_alone_a_writer_reaches_the_text_in_five_tabs(
    demo, shoot, assert_accessible
):
    page = demo
    _log_in(page, "writer.chen")
    series = _window_three()
    page.goto(f"/scripts/{series.pk}/write/?episode=1")
    page.locator(".cm-content").wait_for()
    page.locator(".sd-nav-episodes .sd-nav-item").first.wait_for()

    tabs = 0
    while not page.evaluate("() => document.activeElement.classList.contains('cm-content')"):
        assert tabs < 5, f"not in the text after {tabs} Tab presses (at {_focused(page)!r})"
        page.keyboard.press("Tab")
        tabs += 1
        if page.evaluate("() => document.activeElement.getAttribute('href') === '#script-editor'"):
            assert page.locator("a.skip-link:focus").is_visible()
            shoot("37-keyboard-skip-link")
            page.keyboard.press("Enter")
    assert tabs <= 5

    page.keyboard.press("Control+End")
    page.keyboard.type("\n△许青禾把键盘推回原位。")
    page.wait_for_function(
        "() => document.querySelector('.sd-status-text').textContent.includes('已保存')",
        timeout=15_000,
    )
    series.refresh_from_db()
    assert "许青禾把键盘推回原位。" in revision_text(series.head)

    # The outline is one tab stop: Tab enters it once, arrows move, Tab leaves it.
    stops = page.evaluate(
        "() => [...document.querySelectorAll('.sd-nav summary, .sd-nav .sd-nav-item')]"
        ".filter((e) => e.tabIndex === 0).length"
    )
    assert stops == 1
    page.locator(".sd-nav summary").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert "sd-nav-item" in _focused(page)
    heading = page.evaluate("() => document.activeElement.textContent").strip()
    page.keyboard.press("Enter")  # follows the entry: the cursor goes to that scene
    assert page.evaluate("() => document.activeElement.classList.contains('cm-content')")
    assert heading in page.locator(".cm-activeLine").inner_text()
    page.locator(".sd-nav summary").first.focus()
    page.keyboard.press("Tab")
    assert not page.evaluate("() => document.activeElement.closest('.sd-nav') !== null"), (
        f"Tab stayed in the outline ({_focused(page)!r})"
    )
    shoot("38-keyboard-editor")
    assert_accessible("the editor after keyboard use")
