"""How a deal ends: an option lapses after its last day, or the studio holding it
exercises it by buying the series."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from scouting.models import Deal, DealEnd, DealStatus, Listing, OfferKind, OfferStatus
from scouting.services.offers import (
    deal_agreement_accept,
    deal_status_label,
    deals_lapse_due,
    offer_accept,
    option_exercise,
)
from tests.scouting.offers_support import a_studio, an_active_deal, option_terms
from tests.scouting.support import studio_scout
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def _purchase_terms(**overrides):
    return option_terms(option_months=None, amount="300000.00", **overrides)


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _past_its_last_day(deal):
    Deal.objects.filter(pk=deal.pk).update(option_ends_on=timezone.localdate() - timedelta(1))


def test_an_option_lapses_the_day_after_its_last_day_and_both_sides_are_told(run_on_commit):
    over, running = an_active_deal(), an_active_deal()
    _past_its_last_day(over)

    with run_on_commit():
        assert deals_lapse_due() == 1
    over.refresh_from_db()
    assert over.status == DealStatus.ENDED and over.end_reason == DealEnd.LAPSED
    assert over.ended_on == timezone.localdate()
    assert "scouting_option_lapsed" in _kinds(over.series.owner)
    assert "scouting_option_lapsed" in _kinds(over.offer.made_by)
    assert AuditEntry.objects.filter(action="scouting.deal.lapse").count() == 1
    running.refresh_from_db()
    assert running.status == DealStatus.ACTIVE  # its last day is ahead
    assert deals_lapse_due() == 0  # and an ended option ends once


def test_a_purchase_or_commission_never_lapses():
    sold = an_active_deal(kind="purchase", **{"option_months": None})
    assert deals_lapse_due() == 0
    sold.refresh_from_db()
    assert sold.status == DealStatus.ACTIVE


def test_the_studio_exercises_its_option_by_buying_the_series(run_on_commit):
    option = an_active_deal()
    scout, owner = option.offer.made_by, option.series.owner
    listing = Listing.objects.get(series=option.series)
    assert listing.is_hidden  # the exclusive option keeps other studios away

    with run_on_commit():
        offer = option_exercise(actor=scout, deal=option, terms=_purchase_terms())
    assert offer.kind == OfferKind.PURCHASE and offer.status == OfferStatus.OPEN
    assert offer.studio_id == option.studio_id and offer.series_id == option.series_id
    assert "scouting_offer_made" in _kinds(owner)

    purchase = offer_accept(actor=owner, offer=offer, seen_version=1)
    deal_agreement_accept(actor=owner, deal=purchase, sha256=purchase.agreement_sha256)
    with run_on_commit():
        purchase = deal_agreement_accept(
            actor=scout, deal=purchase, sha256=purchase.agreement_sha256
        )
    assert purchase.status == DealStatus.ACTIVE and deal_status_label(purchase)
    option.refresh_from_db()
    assert option.status == DealStatus.ENDED and option.end_reason == DealEnd.EXERCISED
    assert "scouting_option_exercised" in _kinds(owner)
    audit = AuditEntry.objects.get(action="scouting.deal.exercise")
    assert audit.data["purchase"] == purchase.pk


def test_only_the_holder_exercises_and_only_an_option_in_force():
    option = an_active_deal()
    other = studio_scout(a_studio(name_zh="另一家", name_en="Another", slug="another"))
    for outsider in (other, option.series.owner, UserFactory()):
        with pytest.raises(PermissionDenied):
            option_exercise(actor=outsider, deal=option, terms=_purchase_terms())

    sold = an_active_deal(kind="purchase", **{"option_months": None})
    with pytest.raises(Conflict):
        option_exercise(actor=sold.offer.made_by, deal=sold, terms=_purchase_terms())
    _past_its_last_day(option)
    option.refresh_from_db()
    with pytest.raises(Conflict):
        option_exercise(actor=option.offer.made_by, deal=option, terms=_purchase_terms())


def test_another_studios_exclusive_option_still_blocks_a_purchase():
    from scouting.services.offers import _check_rights_free

    option = an_active_deal()
    other = a_studio(name_zh="另一家", name_en="Another", slug="another")
    offer = option.offer
    offer.studio = other  # the same series, seen from another studio
    with pytest.raises(Conflict, match=option.option_ends_on.isoformat()):
        _check_rights_free(offer, option.terms)


def test_the_deal_page_offers_the_holder_to_exercise(client):
    option = an_active_deal()
    scout, owner = option.offer.made_by, option.series.owner
    exercise = f"/scouting/deals/{option.pk}/exercise/"

    client.force_login(owner)
    assert exercise not in client.get(f"/scouting/deals/{option.pk}/").content.decode()
    assert client.get(exercise).status_code == 404

    client.force_login(scout)
    assert exercise in client.get(f"/scouting/deals/{option.pk}/").content.decode()
    assert client.get(exercise).status_code == 200
    refused = client.post(exercise, {"amount": "-1", "feedback_days": "7", "message": "想买"})
    assert refused.status_code == 422 and "想买" in refused.content.decode()
    sent = client.post(
        exercise,
        {"amount": "300000", "feedback_days": "7", "overseas_rights": "excluded",
         "exclusive": "on", "message": "想买"},
    )  # fmt: skip
    assert sent.status_code == 302
    offer = option.studio.scouting_offers.get(kind=OfferKind.PURCHASE)
    assert sent["Location"] == f"/scouting/offers/{offer.pk}/"


def test_the_api_exercises_and_shows_how_a_deal_ended(api_client):
    option = an_active_deal()
    url = f"/api/v1/scouting/deals/{option.pk}/exercise/"
    body = {"amount": "300000", "feedback_days": 7}

    api_client.force_authenticate(option.series.owner)
    assert api_client.post(url, body, format="json").status_code == 404
    api_client.force_authenticate(UserFactory())
    assert api_client.post(url, body, format="json").status_code == 404

    api_client.force_authenticate(option.offer.made_by)
    assert api_client.post(url, {"feedback_days": 7}, format="json").status_code == 400
    made = api_client.post(url, body, format="json")
    assert made.status_code == 201 and made.json()["kind"] == "purchase"
    assert api_client.post(url, body, format="json").status_code == 409  # one open offer

    _past_its_last_day(option)
    deals_lapse_due()
    shown = api_client.get(f"/api/v1/scouting/deals/{option.pk}/").json()
    assert shown["status"] == "ended" and shown["end_reason"] == "lapsed"
    assert shown["ended_on"] == timezone.localdate().isoformat()


def test_the_beat_schedules_the_lapse():
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "scouting.tasks.lapse_options" in tasks
