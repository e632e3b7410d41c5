"""The scouts' search page and endpoint: the query count does not grow with listings."""

import pytest

from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import add_collaborator
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _listings(k):
    for _ in range(k):
        series = heritage_series()
        add_collaborator(series)  # consent rows, which search must not read
        listing = listed(series, show_synopsis=True, sample_episodes=2)
        from scouting.services.listings import consent_give

        consent_give(actor=series.collaborators.get().user, listing=listing)


@pytest.mark.measures("scouting:search", "api-scouting-search")
def test_the_search_page_and_endpoint(client, api_client):
    scout = studio_scout()
    client.force_login(scout)
    api_client.force_authenticate(scout)

    assert_constant_queries(
        _listings,
        lambda: client.get("/scouting/", {"q": "非遗"}),
        expected=13,
        rows=lambda response: response.context["page"].paginator.count,
    )
    assert_constant_queries(
        _listings, lambda: api_client.get("/api/v1/scouting/search/", {"q": "外卖"}), expected=6
    )


@pytest.mark.measures("scouting:listing")
def test_the_discovery_section_does_not_grow_with_cowriters(client):
    from scouting.services.listings import ListingChoices, listing_update

    series = heritage_series()
    listing = listed(series)
    client.force_login(series.owner)

    def cowriters(k):
        for _ in range(k):
            add_collaborator(series)
        listing_update(actor=series.owner, listing=listing, choices=ListingChoices())

    assert_constant_queries(
        cowriters,
        lambda: client.get(f"/scouting/series/{series.pk}/"),
        expected=6,
        rows=lambda response: len(response.context["consents"]),
    )


@pytest.mark.measures("scouting:scouts")
def test_a_studios_scouts_page_does_not_grow_with_scouts(client):
    from scouting.services.scouts import scout_add
    from tests.support.factories import OrganisationFactory, admin_of, member_of

    studio = OrganisationFactory(kind="studio")
    admin = admin_of(studio)
    client.force_login(admin)

    def scouts(k):
        for _ in range(k):
            scout_add(actor=admin, studio=studio, user=member_of(studio))

    assert_constant_queries(
        scouts,
        lambda: client.get(f"/scouting/studios/{studio.slug}/scouts/"),
        expected=5,
        rows=lambda response: len(response.context["scouts"]),
    )


# Reads ----------------------------------------------------------------------------------


def _reads_for(scout):
    """k more reads of the scout's studio (each of another listed series), each open."""
    from tests.scouting.reads_support import an_open_read
    from tests.scouting.support import listed as listed_series

    def make(k):
        for _ in range(k):
            an_open_read(scout=scout, listing=listed_series(heritage_series()))

    return make


@pytest.mark.measures("scouting:reads", "api-scouting-reads")
def test_a_studios_reads_do_not_grow_the_queries(client, api_client):
    scout = studio_scout()
    client.force_login(scout)
    api_client.force_authenticate(scout)
    make = _reads_for(scout)
    assert_constant_queries(
        make,
        lambda: client.get("/scouting/reads/"),
        expected=5,
        rows=lambda response: len(response.context["reads"]),
    )
    assert_constant_queries(make, lambda: api_client.get("/api/v1/scouting/reads/"), expected=2)


@pytest.mark.measures(
    "scouting:series_reads", "api-scouting-series-reads", "api-scouting-series-trail"
)
def test_a_series_reads_and_trail_do_not_grow_the_queries(client, api_client):
    from scouting.services.reads import read_view_record
    from tests.scouting.reads_support import an_open_read

    series = heritage_series()
    listing = listed(series)
    owner = series.owner

    def reads_and_views(k):
        for _ in range(k):
            read = an_open_read(listing=listing)
            read_view_record(actor=read.requested_by, read=read)
            read_view_record(actor=read.requested_by, read=read)

    client.force_login(owner)
    api_client.force_authenticate(owner)
    assert_constant_queries(
        reads_and_views,
        lambda: client.get(f"/scouting/series/{series.pk}/reads/"),
        expected=7,
        rows=lambda response: len(response.context["trail"]) + len(response.context["reads"]),
    )
    assert_constant_queries(
        reads_and_views,
        lambda: api_client.get(f"/api/v1/scouting/series/{series.pk}/reads/"),
        expected=3,
    )
    assert_constant_queries(
        reads_and_views,
        lambda: api_client.get(f"/api/v1/scouting/series/{series.pk}/trail/"),
        expected=3,
    )
