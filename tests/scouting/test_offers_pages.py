"""The offer pages: make (bad input keeps what was typed, 422), the thread with the latest
terms against the previous ones, counter, accept, decline, withdraw; the deal page with
the agreement (PDF and DOCX) and deliveries; the series' status line."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation

from scouting.models import DealStatus, Offer, OfferStatus
from scouting.services.offers import offer_counter
from scripts_app.extensions import series_actions
from tests.scouting.offers_support import a_deal, a_studio, an_active_deal, an_offer, option_terms
from tests.scouting.support import heritage_series, listed, studio_scout

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "kind": "option",
        "amount": "50000",
        "option_months": "12",
        "revenue_share_percent": "",
        "revenue_share_cycle": "",
        "overseas_rights": "excluded",
        "feedback_days": "10",
        "exclusive": "on",
        "credit_wording": "原著：某某",
        "message": "我们很喜欢这个故事",
    }
    data.update(overrides)
    return data


def test_making_an_offer_from_the_page(client):
    listing = listed(heritage_series())
    scout = studio_scout(a_studio())
    client.force_login(scout)
    studio = scout.memberships.get().organisation
    response = client.post(
        f"/scouting/listings/{listing.pk}/offer/", _form(studio=studio.pk), follow=True
    )
    offer = Offer.objects.get()
    assert response.redirect_chain[-1][0] == f"/scouting/offers/{offer.pk}/"
    assert offer.versions.get().amount == Decimal("50000")


def test_bad_input_keeps_what_was_typed(client):
    listing = listed(heritage_series())
    scout = studio_scout(a_studio())
    client.force_login(scout)
    studio = scout.memberships.get().organisation
    with translation.override("en"):
        response = client.post(
            f"/scouting/listings/{listing.pk}/offer/",
            _form(
                studio=studio.pk,
                option_months="",
                revenue_share_percent="5",
                HTTP_ACCEPT_LANGUAGE="en",
            ),  # fmt: skip
        )
    assert response.status_code == 422
    form = response.context["form"]
    assert "option_months" in form.errors and "revenue_share_cycle" in form.errors
    assert "原著：某某" in response.content.decode()
    assert "我们很喜欢这个故事" in response.content.decode()
    assert not Offer.objects.exists()


def test_the_thread_shows_the_latest_terms_against_the_previous(client):
    offer = an_offer()
    offer_counter(actor=offer.series.owner, offer=offer, seen_version=1,
                  terms=option_terms(amount=Decimal("88000")))  # fmt: skip
    client.force_login(offer.made_by)
    response = client.get(f"/scouting/offers/{offer.pk}/")
    rows = {str(row["label"]): row for row in response.context["rows"]}
    changed = [label for label, row in rows.items() if row["changed"]]
    assert len(changed) == 1 and rows[changed[0]]["latest"] == "88000.00"
    assert rows[changed[0]]["previous"] == "50000.00"
    assert response.context["can_answer"] and response.context["can_withdraw"]
    # The counter form is filled with the latest terms.
    assert response.context["counter_form"].initial["amount"] == Decimal("88000.00")
    assert response.context["counter_form"].initial["seen_version"] == 2
    client.force_login(offer.series.owner)
    assert not client.get(f"/scouting/offers/{offer.pk}/").context["can_answer"]


def test_counter_accept_decline_withdraw_from_the_pages(client):
    offer = an_offer()
    client.force_login(offer.series.owner)
    bad = client.post(f"/scouting/offers/{offer.pk}/counter/",
                      {**_form(amount="-3"), "seen_version": 1})  # fmt: skip
    assert bad.status_code == 422 and "原著：某某" in bad.content.decode()
    client.post(f"/scouting/offers/{offer.pk}/counter/", {**_form(amount="60000"),
                                                          "seen_version": 1})  # fmt: skip
    assert offer.versions.count() == 2
    client.force_login(offer.made_by)
    stale = client.post(f"/scouting/offers/{offer.pk}/accept/", {"seen_version": 1}, follow=True)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN and stale.status_code == 200
    done = client.post(f"/scouting/offers/{offer.pk}/accept/", {"seen_version": 2})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert done.url == f"/scouting/deals/{offer.deal.pk}/"

    other = an_offer()
    client.force_login(other.made_by)
    client.post(f"/scouting/offers/{other.pk}/withdraw/")
    other.refresh_from_db()
    assert other.status == OfferStatus.WITHDRAWN
    third = an_offer()
    client.force_login(third.series.owner)
    client.post(f"/scouting/offers/{third.pk}/decline/")
    third.refresh_from_db()
    assert third.status == OfferStatus.DECLINED


def test_the_deal_page_accepts_the_agreement_and_serves_pdf_and_docx(client):
    deal = a_deal()
    client.force_login(deal.series.owner)
    page = client.get(f"/scouting/deals/{deal.pk}/")
    assert page.context["can_accept"]
    assert deal.agreement_sha256 in page.content.decode()
    client.post(f"/scouting/deals/{deal.pk}/accept/", {"sha256": deal.agreement_sha256})
    client.force_login(deal.offer.made_by)
    client.post(f"/scouting/deals/{deal.pk}/accept/", {"sha256": deal.agreement_sha256})
    deal.refresh_from_db()
    assert deal.status == DealStatus.ACTIVE

    pdf = client.get(f"/scouting/deals/{deal.pk}/agreement.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/scouting/deals/{deal.pk}/agreement.docx")
    assert docx.status_code == 200
    document = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "Galaxy Shorts" in document and deal.agreement_sha256 in document
    assert client.get(f"/scouting/deals/{deal.pk}/agreement.txt").status_code == 404


def test_deliveries_and_feedback_from_the_deal_page(client):
    deal = an_active_deal()
    client.force_login(deal.series.owner)
    bad = client.post(f"/scouting/deals/{deal.pk}/deliveries/", {"label": ""})
    assert bad.status_code == 422
    client.post(f"/scouting/deals/{deal.pk}/deliveries/", {"label": "第1-5集"})
    delivery = deal.deliveries.get()
    client.force_login(deal.offer.made_by)
    client.post(f"/scouting/deals/{deal.pk}/deliveries/{delivery.pk}/feedback/", {"note": "好"})
    delivery.refresh_from_db()
    assert delivery.feedback_at is not None and delivery.feedback_note == "好"


def test_the_series_shows_its_deal_status(client):
    with translation.override("en"):
        deal = an_active_deal()
        labels = [action.label for action in series_actions(deal.series, deal.series.owner)]
        assert f"Optioned until {deal.option_ends_on.isoformat()}" in labels
        assert not [
            a for a in series_actions(deal.series, deal.offer.made_by) if "Optioned" in a.label
        ]
    client.force_login(deal.series.owner)
    page = client.get(f"/scouting/series/{deal.series.pk}/")
    assert page.context["deal_status"] and page.context["active_deal"] == deal


def test_an_offer_on_a_pitch_from_its_page_and_only_by_the_briefs_studio(client):
    from tests.scouting.briefs_support import a_pitch, scout_of

    pitch = a_pitch()
    scout = scout_of(pitch.brief)
    url = f"/scouting/studio-pitches/{pitch.pk}/offer/"
    for outsider in (pitch.author, studio_scout(a_studio())):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, _form(kind="commission")).status_code == 404
    assert not Offer.objects.exists()

    client.force_login(scout)
    assert f'href="{url}"' in client.get(f"/scouting/studio-pitches/{pitch.pk}/").content.decode()
    response = client.post(
        url,
        _form(
            studio=pitch.brief.studio_id, kind="commission", option_months="",
            final_delivery_on="2027-06-30",
        ),
        follow=True,
    )  # fmt: skip
    offer = Offer.objects.get()
    assert response.redirect_chain[-1][0] == f"/scouting/offers/{offer.pk}/"
    assert (offer.pitch, offer.studio_id, offer.kind) == (
        pitch,
        pitch.brief.studio_id,
        "commission",
    )


def test_the_listing_page_offers_an_offer_and_shows_the_studios_own(client):
    listing = listed(heritage_series())
    offer = an_offer(listing=listing)
    scout = offer.made_by
    client.force_login(scout)
    html = client.get(f"/scouting/listings/{listing.pk}/").content.decode()
    assert f"/scouting/listings/{listing.pk}/offer/" in html
    assert f"/scouting/offers/{offer.pk}/" in html

    client.force_login(studio_scout(a_studio()))
    html = client.get(f"/scouting/listings/{listing.pk}/").content.decode()
    assert f"/scouting/offers/{offer.pk}/" not in html
