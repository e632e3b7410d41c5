"""Offers test data, made through the services as the app makes it."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from scouting.services.offers import deal_agreement_accept, offer_accept, offer_make
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import OrganisationFactory


def option_terms(**overrides):
    terms = {
        "amount": Decimal("50000.00"),
        "option_months": 12,
        "minimum_guarantee": Decimal("20000.00"),
        "revenue_share_percent": Decimal("5.50"),
        "revenue_share_cycle": "quarterly",
        "credit_wording": "原著编剧",
        "exclusive": True,
        "territory": "中国大陆",
        "languages": "zh, en",
        "overseas_rights": "excluded",
        "overseas_fee": None,
        "first_delivery_on": timezone.localdate() + timedelta(days=30),
        "final_delivery_on": timezone.localdate() + timedelta(days=90),
        "feedback_days": 10,
    }
    terms.update(overrides)
    return terms


def a_studio(**fields):
    fields.setdefault("name_zh", "星河短剧工作室")
    fields.setdefault("name_en", "Galaxy Shorts")
    return OrganisationFactory(kind="studio", **fields)


def an_offer(*, scout=None, listing=None, kind="option", **terms):
    """A scout's option (by default) on a listed heritage series."""
    listing = listing or listed(heritage_series())
    scout = scout or studio_scout(a_studio())
    return offer_make(actor=scout, listing=listing, kind=kind, terms=option_terms(**terms))


def a_deal(*, offer=None, **fields):
    """An offer accepted by the series' owner (the deal waits for the agreement)."""
    offer = offer or an_offer(**fields)
    return offer_accept(actor=offer.series.owner, offer=offer, seen_version=1)


def an_active_deal(**fields):
    deal = a_deal(**fields)
    deal_agreement_accept(actor=deal.series.owner, deal=deal, sha256=deal.agreement_sha256)
    return deal_agreement_accept(actor=deal.offer.made_by, deal=deal, sha256=deal.agreement_sha256)
