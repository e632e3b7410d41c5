"""Deals for the terms register's tests, written straight to the tables (the register
reads deals however they were made)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from scouting.models import Deal, DealDelivery, Offer, OfferKind, OfferStatus, OfferTerms
from tests.support.factories import OrganisationFactory, make_series


def studios(count: int) -> list:
    return [OrganisationFactory(kind="studio") for _ in range(count)]


def deal(
    studio,
    *,
    kind: str = OfferKind.OPTION,
    guarantee: str | None = "50000",
    share: str | None = "10",
    feedback_days: int = 7,
    episodes: int | None = 60,
    terms=(),
    kept_days: list[float] = (),
) -> Deal:
    series = make_series()
    offer = Offer.objects.create(
        studio=studio,
        series=series,
        kind=kind,
        status=OfferStatus.ACCEPTED,
        expires_at=timezone.now() + timedelta(days=7),
    )
    accepted = OfferTerms.objects.create(
        offer=offer,
        version=1,
        proposed_by_side="studio",
        amount=Decimal("100000"),
        option_months=12 if kind == OfferKind.OPTION else None,
        minimum_guarantee=None if guarantee is None else Decimal(guarantee),
        revenue_share_percent=None if share is None else Decimal(share),
        revenue_share_cycle="quarterly" if share is not None else "",
        feedback_days=feedback_days,
    )
    made = Deal.objects.create(
        offer=offer,
        terms=accepted,
        studio=studio,
        series=series,
        kind=kind,
        episode_count=episodes,
        starts_on=timezone.localdate(),
    )
    made.terms_list.set(terms)
    now = timezone.now()
    for days in kept_days:
        DealDelivery.objects.create(
            deal=made,
            label="draft",
            delivered_at=now - timedelta(days=40),
            feedback_at=now - timedelta(days=40) + timedelta(days=days),
        )
    return made
