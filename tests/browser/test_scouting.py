"""Studio scouting in a real browser: a writer lists a private series for discovery, and
a studio's scout finds it from the desk, searching in Chinese and refining by theme."""

import pytest
from django.core.management import call_command

from scouting.models import Listing, ListingStatus
from scripts_app.models import Series
from seeds.world.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, local: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(f"{local}@demo.microdrama.cn")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def test_a_writer_lists_a_series_and_a_scout_finds_it_in_chinese(page, shoot, assert_accessible):
    call_command("seed_demo", verbosity=0)
    secret = Series.objects.get(title="窗口的秘密")

    _log_in(page, "writer.gao")
    page.goto(secret.get_absolute_url())
    page.get_by_role("link", name="发掘展示").first.click()
    page.get_by_role("heading", level=1, name="发掘展示").wait_for()
    assert_accessible("the writer's discovery section")
    page.get_by_role("button", name="开放这部剧").click()
    page.get_by_text("星探可以找到这部剧（").wait_for()
    assert Listing.objects.get(series=secret).status == ListingStatus.LISTED
    shoot("80-scouting-listed")

    _log_in(page, "scout.zhao")
    page.get_by_role("link", name="发掘剧本").click()
    page.get_by_role("searchbox").or_(page.locator("#id_q")).first.fill("窗口")
    page.get_by_role("button", name="搜索", exact=True).click()
    results = page.locator("section[aria-labelledby=results-heading] li.card")
    results.first.wait_for()
    titles = results.locator("h3").all_inner_texts()
    assert {"三号窗口", "窗口的秘密"} <= set(titles), titles
    assert page.locator("li.card mark", has_text="窗口").count() >= 2
    shoot("81-scouting-search")
    assert_accessible("the scouts' search")

    # Refining by one of the facet's themes keeps the words and narrows the list.
    page.locator("aside a").first.click()
    page.wait_for_load_state()
    assert "q=" in page.url and ("theme=" in page.url or "genre=" in page.url)
    assert 1 <= results.count() <= len(titles)
