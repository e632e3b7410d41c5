"""Offers and deals: making, countering, accepting (never stale terms), declining,
withdrawing, expiry, the deal and its agreement, deliveries, and the listing an exclusive
option hides."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from scouting.models import (
    Deal,
    DealStatus,
    Listing,
    Offer,
    OfferSide,
    OfferStatus,
    ShortlistEntryStatus,
)
from scouting.permissions import listings_visible_to
from scouting.selectors import SearchParams, listing_matches, portfolio_page
from scouting.services.offers import (
    add_months,
    agreement_sha256,
    deal_agreement_accept,
    deal_delivery_record,
    deal_feedback_record,
    deal_status_label,
    offer_accept,
    offer_counter,
    offer_decline,
    offer_make,
    offer_withdraw,
    offers_expire_due,
    terms_clean,
)
from scouting.services.portfolios import portfolio_update
from scouting.services.shortlists import entry_add, shortlist_create
from tests.scouting.offers_support import (
    a_deal,
    a_studio,
    an_active_deal,
    an_offer,
    option_terms,
)
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import UserFactory, add_collaborator

pytestmark = pytest.mark.django_db


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _actions():
    return list(
        AuditEntry.objects.filter(action__startswith="scouting.offer")
        .order_by("pk")
        .values_list("action", flat=True)
    )


# Making ----------------------------------------------------------------------------------


def test_a_scout_offers_and_every_writer_is_told(run_on_commit):
    series = heritage_series()
    cowriter = add_collaborator(series)
    listing = listed(series, actor=series.owner)
    from scouting.services.listings import consent_give

    consent_give(actor=cowriter, listing=listing)
    with run_on_commit():
        offer = an_offer(listing=listing)
    assert offer.status == OfferStatus.OPEN and offer.awaiting == OfferSide.WRITERS
    terms = offer.versions.get()
    assert terms.version == 1 and terms.proposed_by_side == OfferSide.STUDIO
    assert terms.amount == Decimal("50000.00") and isinstance(terms.amount, Decimal)
    assert "scouting_offer_made" in _kinds(series.owner)
    assert "scouting_offer_made" in _kinds(cowriter)
    assert _actions() == ["scouting.offer.make"]
    assert timezone.now() + timedelta(days=13) < offer.expires_at


def test_making_an_offer_marks_the_studios_shortlist_entries():
    scout = studio_scout(a_studio())
    listing = listed(heritage_series())
    shortlist = shortlist_create(actor=scout, studio=scout.memberships.get().organisation,
                                 name="非遗")  # fmt: skip
    entry = entry_add(actor=scout, shortlist=shortlist, listing=listing)
    an_offer(scout=scout, listing=listing)
    entry.refresh_from_db()
    assert entry.status == ShortlistEntryStatus.OFFER_MADE


def test_only_a_scout_offers_and_only_on_a_findable_listing():
    listing = listed(heritage_series())
    with pytest.raises(PermissionDenied):
        offer_make(actor=UserFactory(), listing=listing, kind="option", terms=option_terms())
    with pytest.raises(PermissionDenied):
        offer_make(actor=listing.series.owner, listing=listing, kind="option",
                   terms=option_terms())  # fmt: skip


def test_one_open_offer_per_studio_and_series():
    offer = an_offer()
    with pytest.raises(Conflict):
        an_offer(scout=offer.made_by, listing=Listing.objects.get(series=offer.series))


@pytest.mark.parametrize(
    ("kind", "overrides", "field", "message"),
    [
        ("option", {"option_months": None}, "option_months", "An option needs its term"),
        ("option", {"revenue_share_cycle": ""}, "revenue_share_cycle", "how often"),
        ("option", {"revenue_share_percent": None}, "revenue_share_percent", "no payment cycle"),
        ("option", {"overseas_rights": "separate"}, "overseas_fee", "need their fee"),
        ("option", {"overseas_fee": Decimal("10")}, "overseas_fee", "only for overseas"),
        (
            "option",
            {"final_delivery_on": timezone.localdate()},
            "final_delivery_on",
            "before the first",
        ),
        (
            "commission",
            {"final_delivery_on": None, "first_delivery_on": None},
            "final_delivery_on",
            "final draft is due",
        ),  # fmt: skip
        ("option", {"amount": None}, "amount", "Give the amount"),
        ("option", {"amount": Decimal("-1")}, "amount", ""),
        ("option", {"revenue_share_percent": Decimal("101")}, "revenue_share_percent", ""),
        ("option", {"feedback_days": 0}, "feedback_days", ""),
        ("option", {"option_months": 61}, "option_months", ""),
    ],
)
def test_terms_are_checked_by_field(kind, overrides, field, message):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        terms_clean(kind, option_terms(**overrides))
    assert field in caught.value.message_dict
    assert message in " ".join(caught.value.message_dict[field])


def test_a_purchase_has_no_option_term_and_amounts_stay_decimal():
    values = terms_clean("purchase", option_terms(amount="120000.50"))
    assert values["option_months"] is None
    assert values["amount"] == Decimal("120000.50")


@pytest.mark.parametrize("days", [0, 61])
def test_an_offer_is_open_for_1_to_60_days(days):
    with pytest.raises(ValidationError) as caught:
        offer_make(actor=studio_scout(a_studio()), listing=listed(heritage_series()),
                   kind="option", terms=option_terms(), expires_in_days=days)  # fmt: skip
    assert "expires_in_days" in caught.value.message_dict


# Negotiating -----------------------------------------------------------------------------


def test_the_sides_take_turns_and_every_move_is_audited(run_on_commit):
    offer = an_offer()
    owner, scout = offer.series.owner, offer.made_by
    with pytest.raises(PermissionDenied):  # not the studio's turn
        offer_counter(actor=scout, offer=offer, seen_version=1, terms=option_terms())
    with run_on_commit():
        v2 = offer_counter(actor=owner, offer=offer, seen_version=1,
                           terms=option_terms(amount=Decimal("80000")), message="再加一点")  # fmt: skip
    assert v2.version == 2 and v2.proposed_by_side == OfferSide.WRITERS
    offer.refresh_from_db()
    assert offer.awaiting == OfferSide.STUDIO
    assert "scouting_offer_countered" in _kinds(scout)
    with pytest.raises(PermissionDenied):  # not the writers' turn any more
        offer_counter(actor=owner, offer=offer, seen_version=2, terms=option_terms())
    v3 = offer_counter(actor=scout, offer=offer, seen_version=2,
                       terms=option_terms(amount=Decimal("65000")))  # fmt: skip
    assert v3.version == 3
    assert _actions() == ["scouting.offer.make", "scouting.offer.counter", "scouting.offer.counter"]


def test_a_cowriter_answers_for_the_writers():
    series = heritage_series()
    cowriter = add_collaborator(series)
    offer = an_offer(listing=Listing.objects.create(series=series, status="listed", title="x",
                                                    language="zh"))  # fmt: skip
    offer_counter(actor=cowriter, offer=offer, seen_version=1, terms=option_terms())
    reader = add_collaborator(series, role="reader")
    offer.refresh_from_db()
    offer_counter(actor=offer.made_by, offer=offer, seen_version=2, terms=option_terms())
    with pytest.raises(PermissionDenied):
        offer_decline(actor=reader, offer=offer)


def test_accepting_stale_terms_is_refused():
    offer = an_offer()
    owner, scout = offer.series.owner, offer.made_by
    offer_counter(actor=owner, offer=offer, seen_version=1, terms=option_terms(amount=90000))
    # The scout read version 1 only; accepting it now would accept terms they never saw.
    with pytest.raises(Conflict):
        offer_accept(actor=scout, offer=offer, seen_version=1)
    with pytest.raises(Conflict):  # a counter to old terms too
        offer_counter(actor=scout, offer=offer, seen_version=1, terms=option_terms())
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN and offer.versions.count() == 2
    deal = offer_accept(actor=scout, offer=offer, seen_version=2)
    assert deal.terms.version == 2 and deal.terms.amount == Decimal("90000.00")


def test_declining_and_withdrawing(run_on_commit):
    offer = an_offer()
    with pytest.raises(PermissionDenied):
        offer_withdraw(actor=offer.series.owner, offer=offer)
    with run_on_commit():
        offer_decline(actor=offer.series.owner, offer=offer)
    assert offer.status == OfferStatus.DECLINED
    assert "scouting_offer_declined" in _kinds(offer.made_by)
    with pytest.raises(Conflict):
        offer_withdraw(actor=offer.made_by, offer=offer)
    other = an_offer()
    offer_withdraw(actor=other.made_by, offer=other)
    assert other.status == OfferStatus.WITHDRAWN and other.closed_by == other.made_by


def test_an_offer_past_its_date_cannot_be_answered_and_the_task_marks_it():
    offer = an_offer()
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    offer.refresh_from_db()
    assert not offer.is_open and offer.shown_status == str(OfferStatus.EXPIRED.label)
    with pytest.raises(Conflict):
        offer_accept(actor=offer.series.owner, offer=offer, seen_version=1)
    fresh = an_offer()
    assert offers_expire_due() == 1
    offer.refresh_from_db()
    fresh.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and fresh.status == OfferStatus.OPEN
    assert AuditEntry.objects.filter(action="scouting.offer.expire").count() == 1


def test_the_beat_schedules_the_expiry():
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "scouting.tasks.expire_offers" in tasks


# Deals -----------------------------------------------------------------------------------


def test_an_accepted_offer_becomes_a_deal_with_a_bilingual_agreement(run_on_commit):
    with run_on_commit():
        deal = a_deal()
    offer = deal.offer
    assert offer.status == OfferStatus.ACCEPTED and deal.status == DealStatus.AGREEMENT
    assert deal.revision == offer.series.head and deal.kind == "option"
    assert deal.starts_on == timezone.localdate()
    assert deal.option_ends_on == add_months(timezone.localdate(), 12)
    text = deal.agreement_text
    for part in ("影视改编权选择权协议", "Option agreement", "星河短剧工作室", "Galaxy Shorts",
                 offer.series.owner.display_name, "¥50,000.00", "5.50%", "按季度", "quarterly",
                 "10", "未登记 / Not registered"):  # fmt: skip
        assert part in text
    assert deal.agreement_sha256 == agreement_sha256(text)
    assert "scouting_offer_accepted" in _kinds(offer.made_by)


def test_the_agreement_is_accepted_against_its_hash_by_both_parties():
    deal = a_deal()
    owner, scout = deal.series.owner, deal.offer.made_by
    with pytest.raises(ValidationError):
        deal_agreement_accept(actor=owner, deal=deal, sha256="0" * 64)
    with pytest.raises(PermissionDenied):
        deal_agreement_accept(actor=UserFactory(), deal=deal, sha256=deal.agreement_sha256)
    deal_agreement_accept(actor=owner, deal=deal, sha256=deal.agreement_sha256)
    assert deal.status == DealStatus.AGREEMENT
    with pytest.raises(Conflict):
        deal_agreement_accept(actor=owner, deal=deal, sha256=deal.agreement_sha256)
    deal_agreement_accept(actor=scout, deal=deal, sha256=deal.agreement_sha256)
    deal.refresh_from_db()
    assert deal.status == DealStatus.ACTIVE
    assert deal.writers_accepted_by == owner and deal.studio_accepted_by == scout
    assert AuditEntry.objects.filter(action="scouting.deal.activate").count() == 1


def test_deliveries_and_the_studios_turnaround():
    deal = an_active_deal()
    owner, scout = deal.series.owner, deal.offer.made_by
    with pytest.raises(ValidationError):
        deal_delivery_record(actor=owner, deal=deal, label=" ")
    with pytest.raises(PermissionDenied):
        deal_delivery_record(actor=scout, deal=deal, label="第1-5集")
    delivery = deal_delivery_record(actor=owner, deal=deal, label="第1-5集")
    with pytest.raises(PermissionDenied):
        deal_feedback_record(actor=owner, delivery=delivery)
    type(delivery).objects.filter(pk=delivery.pk).update(
        delivered_at=timezone.now() - timedelta(days=12)
    )
    delivery.refresh_from_db()
    answered = deal_feedback_record(actor=scout, delivery=delivery, note="第3集节奏慢")
    assert answered.turnaround_days == 12
    with pytest.raises(Conflict):
        deal_feedback_record(actor=scout, delivery=delivery)


def test_no_delivery_before_the_agreement_is_in_force():
    deal = a_deal()
    with pytest.raises(Conflict):
        deal_delivery_record(actor=deal.series.owner, deal=deal, label="初稿")


def test_the_series_status_line():
    with translation.override("en"):
        deal = an_active_deal()
        assert deal_status_label(deal) == f"Optioned until {deal.option_ends_on.isoformat()}"
        sold = an_active_deal(kind="purchase")
        assert deal_status_label(sold) == "Sold"
        Deal.objects.filter(pk=deal.pk).update(option_ends_on=timezone.localdate() - timedelta(1))
        deal.refresh_from_db()
        assert deal_status_label(deal) == ""


# Hiding under an exclusive option --------------------------------------------------------


def test_an_exclusive_option_in_force_hides_the_listing_from_every_studio():
    deal = an_active_deal()
    listing = Listing.objects.get(series=deal.series)
    assert listing.hidden_until == deal.option_ends_on and listing.is_hidden
    other_scout = studio_scout(a_studio(name_zh="另一家", name_en="Another", slug="another"))
    assert not listings_visible_to(other_scout).filter(pk=listing.pk).exists()
    assert not listing_matches(other_scout, SearchParams(q="竹编")).exists()
    with pytest.raises(PermissionDenied):
        an_offer(scout=other_scout, listing=listing)
    portfolio_update(actor=deal.series.owner, is_public=True, bio="")
    portfolio = deal.series.owner.scouting_portfolio
    assert listing not in portfolio_page(portfolio).listings


def test_the_listing_is_found_again_once_the_option_ends():
    deal = an_active_deal()
    Listing.objects.filter(series=deal.series).update(
        hidden_until=timezone.localdate() - timedelta(days=1)
    )
    scout = studio_scout(a_studio(name_zh="另一家", name_en="Another", slug="another"))
    assert listing_matches(scout, SearchParams(q="竹编")).filter(series=deal.series)


def test_a_non_exclusive_option_or_a_deal_not_yet_in_force_hides_nothing():
    deal = a_deal()
    assert Listing.objects.get(series=deal.series).hidden_until is None
    open_option = an_active_deal(exclusive=False)
    assert Listing.objects.get(series=open_option.series).hidden_until is None


def test_saving_the_listing_again_keeps_it_hidden():
    from scouting.services.listings import ListingChoices, listing_update

    deal = an_active_deal()
    listing = Listing.objects.get(series=deal.series)
    stale = Listing.objects.get(pk=listing.pk)
    stale.hidden_until = None  # as a copy read before the deal would hold it
    listing_update(actor=deal.series.owner, listing=stale, choices=ListingChoices())
    listing.refresh_from_db()
    assert listing.hidden_until == deal.option_ends_on


# Offers on pitches -------------------------------------------------------------------------


def _pitch(studio, *, series=None, status="submitted"):
    from scouting.models import Brief, Pitch

    brief = Brief.objects.create(
        studio=studio, title_zh="非遗短剧", description_zh="找非遗题材", episodes=60,
        budget_tier="small", deadline=timezone.now() + timedelta(days=30), status="open",
    )  # fmt: skip
    author = series.owner if series is not None else UserFactory()
    return Pitch.objects.create(
        brief=brief, author=author, logline="竹编少年的逆袭", series=series,
        revision=series.head if series is not None else None, status=status,
        submitted_at=timezone.now(),
    )  # fmt: skip


def test_an_offer_on_a_pitch_without_a_series_is_answered_by_its_author(run_on_commit):
    studio = a_studio()
    scout = studio_scout(studio)
    pitch = _pitch(studio)
    with run_on_commit():
        offer = offer_make(actor=scout, pitch=pitch, kind="commission",
                           terms=option_terms(option_months=None))  # fmt: skip
    assert offer.series is None and offer.pitch == pitch
    assert "scouting_offer_made" in _kinds(pitch.author)
    with pytest.raises(PermissionDenied):
        offer_decline(actor=UserFactory(), offer=offer)
    deal = offer_accept(actor=pitch.author, offer=offer, seen_version=1)
    assert deal.series is None and deal.kind == "commission" and deal.option_ends_on is None
    assert pitch.logline in deal.agreement_text and "委托创作协议" in deal.agreement_text
    deal_agreement_accept(actor=pitch.author, deal=deal, sha256=deal.agreement_sha256)
    deal_agreement_accept(actor=scout, deal=deal, sha256=deal.agreement_sha256)
    deal.refresh_from_db()
    assert deal.status == DealStatus.ACTIVE


def test_a_pitched_series_offer_freezes_the_pitched_revision_and_its_writers_answer():
    studio = a_studio()
    series = heritage_series()
    cowriter = add_collaborator(series)
    pitch = _pitch(studio, series=series)
    offer = offer_make(actor=studio_scout(studio), pitch=pitch, kind="option",
                       terms=option_terms())  # fmt: skip
    deal = offer_accept(actor=cowriter, offer=offer, seen_version=1)
    assert deal.series == series and deal.revision == series.head


def test_only_a_pitch_to_the_studios_own_brief_that_is_submitted_or_shortlisted():
    studio = a_studio()
    scout = studio_scout(studio)
    theirs = _pitch(a_studio(name_zh="别家", slug="other"))
    with pytest.raises(PermissionDenied):
        offer_make(actor=scout, pitch=theirs, kind="commission", terms=option_terms())
    draft = _pitch(studio, status="draft")
    with pytest.raises(Conflict):
        offer_make(actor=scout, pitch=draft, kind="commission", terms=option_terms())


def test_a_counter_from_a_stale_copy_of_the_offer_is_refused():
    offer = an_offer()
    stale = Offer.objects.get(pk=offer.pk)  # read while the writers were to answer
    offer_counter(actor=offer.series.owner, offer=offer, seen_version=1, terms=option_terms())
    # The scout now has the turn; a copy that says otherwise must not pass it back wrongly.
    with pytest.raises(Conflict):
        offer_counter(actor=offer.made_by, offer=stale, seen_version=1, terms=option_terms())
    v3 = offer_counter(actor=offer.made_by, offer=stale, seen_version=2, terms=option_terms())
    assert v3.proposed_by_side == OfferSide.STUDIO
    offer.refresh_from_db()
    assert offer.awaiting == OfferSide.WRITERS


def test_a_hidden_listing_is_in_no_saved_search_digest():
    from scouting.models import SavedSearch
    from scouting.services.saved_searches import saved_search_digest

    scout = studio_scout(a_studio(name_zh="另一家", name_en="Another", slug="another"))
    saved = SavedSearch.objects.create(
        owner=scout, name="竹编", query="q=竹编", last_run_at=timezone.now() - timedelta(days=1)
    )
    deal = an_active_deal()
    assert saved_search_digest(saved=saved) == 0
    # Once the option ends, the series is news again.
    Listing.objects.filter(series=deal.series).update(hidden_until=None)
    SavedSearch.objects.filter(pk=saved.pk).update(last_run_at=timezone.now() - timedelta(days=1))
    assert saved_search_digest(saved=saved) == 1


def test_an_offer_made_before_an_exclusive_option_cannot_be_accepted_while_it_holds():
    listing = listed(heritage_series())
    other = studio_scout(a_studio(name_zh="另一家", name_en="Another", slug="another"))
    earlier = an_offer(scout=other, listing=listing)  # made while the series was free
    held = an_active_deal(offer=an_offer(listing=listing))

    with pytest.raises(Conflict, match=held.option_ends_on.isoformat()):
        offer_accept(actor=listing.series.owner, offer=earlier, seen_version=1)
    earlier.refresh_from_db()
    assert earlier.status == OfferStatus.OPEN and not hasattr(earlier, "deal")
    # Once the option has ended, the same offer can be accepted.
    Listing.objects.filter(pk=listing.pk).update(hidden_until=None)
    Deal.objects.filter(pk=held.pk).update(option_ends_on=timezone.localdate() - timedelta(days=1))
    assert offer_accept(actor=listing.series.owner, offer=earlier, seen_version=1)
