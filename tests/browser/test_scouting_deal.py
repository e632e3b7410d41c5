"""From discovery to a deal in a real browser: a studio's scout searches in Chinese,
shortlists a series and asks to read it; the writer accepts under the standard NDA; the
scout accepts the NDA and downloads a PDF watermarked for him; he makes an offer, the writer
counters, and the scout accepts the writer's terms, which makes a deal.

Forms are found by their action and fields by name, so the journey holds in either
language; the pages are checked for accessibility and CSP violations on the way."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from scouting.models import Deal, Offer, ReadEvent, ReadRequest, ReadStatus, ShortlistEntry
from scouting.services.listings import ListingChoices, listing_create
from scripts_app.models import Series
from tests.browser.test_scouting import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page, action_suffix: str) -> None:
    page.locator(f"main form[action$='{action_suffix}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_scout_reads_under_nda_and_an_offer_is_countered_into_a_deal(
    page, shoot, assert_accessible
):
    call_command("seed_demo", verbosity=0)
    secret = Series.objects.get(title="窗口的秘密")
    listing = listing_create(
        actor=secret.owner, series=secret,
        choices=ListingChoices(show_synopsis=True, sample_episodes=1),
    )  # fmt: skip

    # The scout searches in Chinese, opens the series and shortlists it.
    _log_in(page, "scout.zhao")
    page.goto("/scouting/?q=秘密")
    result = page.locator(f"li.card h3 a[href='/scouting/listings/{listing.pk}/']")
    result.click()
    page.wait_for_url(f"**/scouting/listings/{listing.pk}/")
    assert_accessible("a listed series as scouts see it")
    shoot("82-scouting-listing")
    _submit(page, "/scouting/shortlists/add/")
    assert ShortlistEntry.objects.filter(listing=listing).exists()

    # ... and asks to read the whole script.
    page.goto(f"/scouting/listings/{listing.pk}/read/")
    page.locator("textarea[name=message]").fill("想读全本，评估改编可能。")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    read = ReadRequest.objects.get(listing=listing)

    # The writer accepts under the platform's standard NDA, for 14 days.
    _log_in(page, "writer.gao")
    page.goto(f"/scouting/reads/{read.pk}/")
    page.locator("input[name=window_days]").fill("14")
    page.locator("input[name=nda_kind][value=standard]").check()
    page.locator("main form button[name=answer][value=accept]").click()
    page.wait_for_load_state()
    read.refresh_from_db()
    assert read.status == ReadStatus.ACCEPTED and read.nda_text

    # The scout accepts the NDA and downloads the copy watermarked for him.
    _log_in(page, "scout.zhao")
    page.goto(f"/scouting/reads/{read.pk}/")
    assert_accessible("a read waiting for the NDA")
    page.locator("input[name=agree]").check()
    _submit(page, f"/scouting/reads/{read.pk}/nda/")
    read.refresh_from_db()
    assert read.status == ReadStatus.OPEN
    with page.expect_download() as download:
        page.locator(f"a[href='/scouting/reads/{read.pk}/pdf/']").click()
    pdf = Path(download.value.path()).read_bytes()
    code = ReadEvent.objects.get(read=read, kind="download").code
    assert pdf.startswith(b"%PDF") and code.encode() in pdf  # the code in its metadata
    assert re.fullmatch(
        r"read-\d+-RD-[0-9A-F]{5}-[0-9A-F]{5}\.pdf", download.value.suggested_filename
    )

    # He makes an option offer from the series' page.
    page.goto(f"/scouting/listings/{listing.pk}/")
    page.locator(f"a[href='/scouting/listings/{listing.pk}/offer/']").click()
    page.wait_for_url("**/offer/")
    page.locator("select[name=kind]").select_option("option")
    page.locator("input[name=amount]").fill("30000")
    page.locator("input[name=option_months]").fill("12")
    page.locator("input[name=feedback_days]").fill("7")
    page.locator("textarea[name=message]").fill("先谈一年期独家选择权。")
    assert_accessible("making an offer")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/scouting/offers/\d+/$"))
    offer = Offer.objects.get(series=secret)

    # The writer counters: a higher price, with a revenue share.
    _log_in(page, "writer.gao")
    page.goto(f"/scouting/offers/{offer.pk}/")
    counter = page.locator(f"main form[action$='/scouting/offers/{offer.pk}/counter/']")
    counter.locator("input[name=amount]").fill("42000")
    counter.locator("input[name=revenue_share_percent]").fill("5")
    counter.locator("select[name=revenue_share_cycle]").select_option("quarterly")
    counter.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert offer.versions.count() == 2

    # The scout sees the writer's terms against his own and accepts them: a deal.
    _log_in(page, "scout.zhao")
    page.goto(f"/scouting/offers/{offer.pk}/")
    assert (
        page.locator("main")
        .get_by_text("42000")
        .or_(page.locator("main").get_by_text("42,000"))
        .first.is_visible()
    )
    assert_accessible("an offer's thread, latest terms against the previous")
    shoot("83-scouting-offer-countered")
    _submit(page, f"/scouting/offers/{offer.pk}/accept/")
    deal = Deal.objects.get(offer=offer)
    assert deal.terms.version == 2 and deal.terms.amount == 42000
    page.wait_for_url(re.compile(r".*/scouting/(deals|offers)/\d+/$"))
    shoot("84-scouting-deal")
