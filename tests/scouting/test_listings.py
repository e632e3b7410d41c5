"""Listing a series: opt in, every co-writer consents, unlisting hides at once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import Conflict
from scouting.models import ListingConsentStatus, ListingStatus
from scouting.selectors import SearchParams, listing_search
from scouting.services.listings import (
    ListingChoices,
    consent_give,
    consent_withdraw,
    listing_create,
    listing_unlist,
    listing_update,
)
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import UserFactory, add_collaborator

pytestmark = pytest.mark.django_db


def _found(scout, q=""):
    return list(listing_search(scout, SearchParams(q=q)).listings)


def test_a_series_is_private_until_its_writer_lists_it():
    series = heritage_series()
    scout = studio_scout()

    assert _found(scout) == []
    listing = listed(series)

    assert listing.status == ListingStatus.LISTED
    assert _found(scout) == [listing]


def test_a_listing_waits_for_every_cowriter_and_the_last_consent_lists_it():
    series = heritage_series()
    first, second = add_collaborator(series), add_collaborator(series)
    add_collaborator(series, role="reader")  # readers have no say
    scout = studio_scout()

    listing = listed(series)
    assert listing.status == ListingStatus.PENDING
    assert set(listing.consents.values_list("user_id", "consent")) == {
        (series.owner.pk, ListingConsentStatus.GIVEN),
        (first.pk, ListingConsentStatus.PENDING),
        (second.pk, ListingConsentStatus.PENDING),
    }
    consent_give(actor=first, listing=listing)
    assert _found(scout) == []
    listing = consent_give(actor=second, listing=listing)

    assert listing.status == ListingStatus.LISTED
    assert _found(scout) == [listing]


def test_a_cowriters_withdrawn_consent_unlists_at_once():
    series = heritage_series()
    cowriter = add_collaborator(series)
    scout = studio_scout()
    listing = listed(series)
    consent_give(actor=cowriter, listing=listing)
    assert _found(scout, "非遗") == [listing]

    listing = consent_withdraw(actor=cowriter, listing=listing)

    assert listing.status == ListingStatus.PENDING
    assert _found(scout) == []
    assert _found(scout, "非遗") == []
    # Consenting again lists it again.
    assert consent_give(actor=cowriter, listing=listing).status == ListingStatus.LISTED


def test_unlisting_hides_at_once_and_listing_again_asks_everyone_again():
    series = heritage_series()
    cowriter = add_collaborator(series)
    scout = studio_scout()
    listing = listed(series)
    consent_give(actor=cowriter, listing=listing)

    listing_unlist(actor=cowriter, listing=listing)

    assert _found(scout, "外卖") == []
    again = listing_create(actor=series.owner, series=series, choices=ListingChoices())
    assert again.pk == listing.pk and again.status == ListingStatus.PENDING
    assert _found(scout) == []


def test_unlisting_twice_is_refused():
    listing = listed(heritage_series())
    listing_unlist(actor=listing.series.owner, listing=listing)

    with pytest.raises(Conflict):
        listing_unlist(actor=listing.series.owner, listing=listing)


def test_showing_more_asks_the_cowriters_again_and_showing_less_does_not():
    series = heritage_series()
    cowriter = add_collaborator(series)
    listing = listed(series, show_synopsis=False)
    listing = consent_give(actor=cowriter, listing=listing)

    listing = listing_update(
        actor=series.owner, listing=listing, choices=ListingChoices(show_logline=False)
    )
    assert listing.status == ListingStatus.LISTED and listing.logline == ""

    listing = listing_update(
        actor=series.owner, listing=listing, choices=ListingChoices(show_synopsis=True)
    )
    assert listing.status == ListingStatus.PENDING
    assert listing.consents.get(user=cowriter).consent == ListingConsentStatus.PENDING


def test_only_the_series_writers_list_and_only_the_asked_answer():
    series = heritage_series()
    reader = add_collaborator(series, role="reader")
    stranger = UserFactory()

    for person in (reader, stranger):
        with pytest.raises(PermissionDenied):
            listing_create(actor=person, series=series, choices=ListingChoices())
    listing = listed(series)
    with pytest.raises(PermissionDenied):
        consent_withdraw(actor=stranger, listing=listing)
    with pytest.raises(PermissionDenied):
        listing_unlist(actor=reader, listing=listing)


def test_a_second_listing_and_a_sample_out_of_range_are_refused():
    series = heritage_series()
    listed(series)

    with pytest.raises(ValidationError):
        listing_create(actor=series.owner, series=series, choices=ListingChoices())
    with pytest.raises(ValidationError) as refused:
        listing_update(
            actor=series.owner, listing=series.discovery_listing,
            choices=ListingChoices(sample_episodes=11),
        )  # fmt: skip
    assert "sample_episodes" in refused.value.message_dict


def test_the_snapshot_holds_only_what_the_writer_shows():
    series = heritage_series(synopsis="秘密的梗概")
    listing = listed(
        series, show_logline=False, show_synopsis=False, show_terms=False, show_episodes=False,
        sample_episodes=1,
    )  # fmt: skip

    assert listing.logline == "" and listing.synopsis == ""
    assert listing.episodes_written is None and listing.planned_episodes is None
    assert list(listing.terms.all()) == []
    assert listing.sample_text.startswith("第1集 竹编") and "第2集" not in listing.sample_text
    assert "秘密" not in listing.search_document


def test_a_sample_of_zero_episodes_shows_no_text():
    listing = listed(heritage_series(), sample_episodes=0)

    assert listing.sample_text == ""


# --- Writers who join or leave a listed series --------------------------------------------


def _consents(listing):
    return dict(listing.consents.values_list("user_id", "consent"))


def test_a_cowriter_added_after_listing_is_asked_and_the_series_waits_for_them(run_on_commit):
    from core.models import AuditEntry, Notification
    from scripts_app.services.series import collaborator_add

    series = heritage_series()
    scout = studio_scout()
    listing = listed(series)
    newcomer = UserFactory()

    with run_on_commit():
        collaborator_add(actor=series.owner, series=series, email=newcomer.email, role="cowriter")

    listing.refresh_from_db()
    assert listing.status == ListingStatus.PENDING
    assert _found(scout) == []
    assert _consents(listing)[newcomer.pk] == ListingConsentStatus.PENDING
    assert Notification.objects.filter(
        recipient=newcomer, kind="scouting_consent_requested"
    ).exists()
    assert AuditEntry.objects.filter(action="scouting.listing_writers_changed").exists()

    consent_give(actor=newcomer, listing=listing)
    assert listing.status == ListingStatus.LISTED
    assert _found(scout) == [listing]


def test_a_reader_added_changes_nothing_and_one_made_cowriter_is_asked():
    from scripts_app.models import Collaborator
    from scripts_app.services.series import collaborator_add, collaborator_change_role

    series = heritage_series()
    listing = listed(series)
    reader = UserFactory()
    collaborator_add(actor=series.owner, series=series, email=reader.email, role="reader")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LISTED and reader.pk not in _consents(listing)

    collaborator_change_role(
        actor=series.owner,
        collaborator=Collaborator.objects.get(series=series, user=reader),
        role="cowriter",
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PENDING
    assert _consents(listing)[reader.pk] == ListingConsentStatus.PENDING


@pytest.mark.parametrize("how", ["removed", "made_reader"])
def test_a_former_cowriters_consent_no_longer_counts(how):
    from scripts_app.models import Collaborator
    from scripts_app.services.series import collaborator_change_role, collaborator_remove

    series = heritage_series()
    cowriter = add_collaborator(series)
    listing = listed(series)
    consent_give(actor=cowriter, listing=listing)
    consent_withdraw(actor=cowriter, listing=listing)
    assert listing.status == ListingStatus.PENDING

    collaborator = Collaborator.objects.get(series=series, user=cowriter)
    if how == "removed":
        collaborator_remove(actor=series.owner, collaborator=collaborator)
    else:
        collaborator_change_role(actor=series.owner, collaborator=collaborator, role="reader")

    listing.refresh_from_db()
    # Every writer left has consented: the series is shown again, and the former
    # co-writer can no longer take it down by withdrawing.
    assert listing.status == ListingStatus.LISTED
    assert cowriter.pk not in _consents(listing)
    with pytest.raises(PermissionDenied):
        consent_withdraw(actor=cowriter, listing=listing)


def test_an_unlisted_series_asks_a_new_cowriter_when_listed_again():
    from scripts_app.services.series import collaborator_add

    series = heritage_series()
    listing = listed(series)
    listing_unlist(actor=series.owner, listing=listing)
    newcomer = UserFactory()
    collaborator_add(actor=series.owner, series=series, email=newcomer.email, role="cowriter")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.UNLISTED and newcomer.pk not in _consents(listing)

    again = listing_create(actor=series.owner, series=series, choices=ListingChoices())
    assert again.status == ListingStatus.PENDING
    assert _consents(again)[newcomer.pk] == ListingConsentStatus.PENDING
