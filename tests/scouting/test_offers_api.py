"""The offers API: make, counter, accept (never stale terms), decline, withdraw, the deal,
its agreement and deliveries; answers checked against the OpenAPI schema (api_client)."""

from decimal import Decimal

import pytest

from scouting.models import Deal, DealStatus, Listing, Offer, OfferStatus
from tests.scouting.offers_support import a_deal, a_studio, an_offer
from tests.scouting.support import heritage_series, listed, studio_scout

pytestmark = pytest.mark.django_db

TERMS = {
    "amount": "50000.00",
    "option_months": 6,
    "revenue_share_percent": "3.5",
    "revenue_share_cycle": "yearly",
    "feedback_days": 7,
    "exclusive": True,
}


def test_a_scout_makes_an_offer_and_the_writers_counter(api_client):
    listing = listed(heritage_series())
    scout = studio_scout(a_studio())
    api_client.force_authenticate(scout)
    made = api_client.post(
        "/api/v1/scouting/offers/",
        {"listing_id": listing.pk, "kind": "option", "message": "想做成竖屏短剧", **TERMS},
        format="json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status"] == "open" and body["awaiting"] == "writers"
    assert body["latest"]["amount"] == "50000.00" and body["latest"]["version"] == 1
    offer = Offer.objects.get(pk=body["id"])
    assert offer.versions.get().amount == Decimal("50000.00")

    api_client.force_authenticate(listing.series.owner)
    countered = api_client.post(
        f"/api/v1/scouting/offers/{offer.pk}/counter/",
        {**TERMS, "amount": "70000", "seen_version": 1},
        format="json",
    )
    assert countered.status_code == 201, countered.content
    assert countered.json()["changed_fields"] == ["amount"]
    assert [v["version"] for v in countered.json()["versions"]] == [2, 1]

    api_client.force_authenticate(scout)
    stale = api_client.post(
        f"/api/v1/scouting/offers/{offer.pk}/accept/", {"seen_version": 1}, format="json"
    )
    assert stale.status_code == 409
    accepted = api_client.post(
        f"/api/v1/scouting/offers/{offer.pk}/accept/", {"seen_version": 2}, format="json"
    )
    assert accepted.status_code == 201, accepted.content
    deal = accepted.json()
    assert deal["status"] == "agreement" and deal["terms"]["amount"] == "70000.00"


def test_bad_terms_get_messages_by_field(api_client):
    listing = listed(heritage_series())
    api_client.force_authenticate(studio_scout(a_studio()))
    answer = api_client.post(
        "/api/v1/scouting/offers/",
        {
            "listing_id": listing.pk,
            "kind": "option",
            **{**TERMS, "option_months": None},
            "overseas_rights": "separate",
        },  # fmt: skip
        format="json",
    )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert "option_months" in errors and "overseas_fee" in errors
    both = api_client.post("/api/v1/scouting/offers/", {"kind": "option", **TERMS}, format="json")
    assert both.status_code == 400


def test_decline_and_withdraw(api_client):
    offer = an_offer()
    api_client.force_authenticate(offer.made_by)
    assert api_client.post(f"/api/v1/scouting/offers/{offer.pk}/decline/").status_code == 403
    answer = api_client.post(f"/api/v1/scouting/offers/{offer.pk}/withdraw/")
    assert answer.status_code == 200 and answer.json()["status"] == "withdrawn"
    again = api_client.post(f"/api/v1/scouting/offers/{offer.pk}/withdraw/")
    assert again.status_code == 409
    other = an_offer()
    api_client.force_authenticate(other.series.owner)
    answer = api_client.post(f"/api/v1/scouting/offers/{other.pk}/decline/")
    assert answer.status_code == 200 and answer.json()["status"] == "declined"


def test_the_agreement_is_accepted_by_both_sides_and_deliveries_follow(api_client):
    deal = a_deal()
    url = f"/api/v1/scouting/deals/{deal.pk}/"
    api_client.force_authenticate(deal.series.owner)
    wrong = api_client.post(url + "accept/", {"sha256": "a" * 64}, format="json")
    assert wrong.status_code == 400 and "sha256" in wrong.json()["errors"]
    early = api_client.post(url + "deliveries/", {"label": "初稿"}, format="json")
    assert early.status_code == 409
    ok = api_client.post(url + "accept/", {"sha256": deal.agreement_sha256}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "agreement"
    api_client.force_authenticate(deal.offer.made_by)
    ok = api_client.post(url + "accept/", {"sha256": deal.agreement_sha256}, format="json")
    assert ok.json()["status"] == "active" and ok.json()["status_label"]
    assert Listing.objects.get(series=deal.series).hidden_until == deal.option_ends_on

    api_client.force_authenticate(deal.series.owner)
    made = api_client.post(url + "deliveries/", {"label": "第1-3集"}, format="json")
    assert made.status_code == 201, made.content
    delivery = made.json()["id"]
    assert api_client.post(url + f"deliveries/{delivery}/feedback/").status_code == 403
    api_client.force_authenticate(deal.offer.made_by)
    fed = api_client.post(url + f"deliveries/{delivery}/feedback/", {"note": "好"}, format="json")
    assert fed.status_code == 200 and fed.json()["turnaround_days"] == 0
    listing = api_client.get(url + "deliveries/").json()
    assert listing["count"] == 1
    assert Deal.objects.get().status == DealStatus.ACTIVE


def test_an_offer_on_a_hidden_listing_is_404(api_client):
    deal = a_deal()
    Listing.objects.filter(series=deal.series).update(hidden_until=deal.starts_on)
    api_client.force_authenticate(studio_scout(a_studio(name_zh="别家", slug="other")))
    listing = Listing.objects.get(series=deal.series)
    answer = api_client.post(
        "/api/v1/scouting/offers/", {"listing_id": listing.pk, "kind": "option", **TERMS},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 404
    assert Offer.objects.filter(status=OfferStatus.OPEN).count() == 0


def test_an_offer_on_a_pitch_through_the_api(api_client):
    from tests.scouting.test_offers import _pitch

    studio = a_studio()
    scout = studio_scout(studio)
    pitch = _pitch(studio)
    theirs = _pitch(a_studio(name_zh="别家", slug="other"))
    api_client.force_authenticate(scout)
    terms = {**TERMS, "option_months": None, "final_delivery_on": "2030-01-01"}
    answer = api_client.post(
        "/api/v1/scouting/offers/", {"pitch_id": theirs.pk, "kind": "commission", **terms},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 404
    answer = api_client.post(
        "/api/v1/scouting/offers/", {"pitch_id": pitch.pk, "kind": "commission", **terms},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 201, answer.content
    assert answer.json()["pitch_id"] == pitch.pk and answer.json()["series_id"] is None
    api_client.force_authenticate(pitch.author)
    seen = api_client.get(f"/api/v1/scouting/offers/{answer.json()['id']}/")
    assert seen.status_code == 200


def test_the_agreement_downloads_through_the_api_for_the_two_parties_only(api_client):
    import io
    import zipfile

    from tests.support.factories import UserFactory

    deal = a_deal()
    base = f"/api/v1/scouting/deals/{deal.pk}/agreement"
    for party in (deal.series.owner, deal.offer.made_by):
        api_client.force_authenticate(party)
        pdf = api_client.get(f"{base}.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf["Content-Type"] == "application/pdf" and "no-store" in pdf["Cache-Control"]
        assert pdf["X-Content-Type-Options"] == "nosniff"
        docx = api_client.get(f"{base}.docx")
        assert docx.status_code == 200
        document = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
        assert deal.agreement_sha256 in document
    for outsider in (studio_scout(), UserFactory()):
        api_client.force_authenticate(outsider)
        assert api_client.get(f"{base}.pdf").status_code == 404
        assert api_client.get(f"{base}.docx").status_code == 404
