"""The scouts' search page and endpoint: the query count does not grow with listings."""

import pytest
from django.core.cache import cache

from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import add_collaborator, admin_of
from tests.support.queries import assert_constant_queries, capture_queries

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

    def uncached(request):
        # Measured as the first scout to ask: what the search found is cached (below).
        def ask():
            cache.clear()
            return request()

        return ask

    assert_constant_queries(
        _listings,
        uncached(lambda: client.get("/scouting/", {"q": "非遗"})),
        # The page, the shortlists offered and the listings version; the terms read once
        # for the filter form and the facets' names, the studios scouted for once; the
        # matches' ids, then the facets of (a sample of) them.
        expected=12,
        rows=lambda response: response.context["page"].paginator.count,
    )
    assert_constant_queries(
        _listings,
        uncached(lambda: api_client.get("/api/v1/scouting/search/", {"q": "外卖"})),
        expected=6,
    )


@pytest.mark.parametrize("query", [{"q": "非遗"}, {"theme": "intangible-heritage"}, {}])
def test_a_search_asked_again_reads_neither_the_matches_nor_the_facets(client, query):
    """The ids (or count) and the facets come from the cache the second time: the queries
    that read them are not made again (two: the ids or the count, and the facets), the
    same page."""
    scout = studio_scout()
    client.force_login(scout)
    _listings(3)
    client.get("/scouting/", query)  # sessions, content types
    cache.clear()
    with capture_queries() as first:
        answer = client.get("/scouting/", query)
    with capture_queries() as again:
        repeated = client.get("/scouting/", query)
    # Nor the page's rows and their terms (two more): the results' HTML is cached too.
    assert len(again) == len(first) - 2 - 2
    assert answer.context["page"].paginator.count == 3
    assert repeated.context["result"].facets == answer.context["result"].facets
    assert repeated.context["results_html"] == answer.context["results_html"]
    assert {"3 series found", "找到 3 部剧"} & {
        line.strip() for line in str(repeated.context["results_html"]).replace(">", "<").split("<")
    }


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
        expected=7,  # 6, and the series' deal in force ("Optioned until DATE")
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


@pytest.mark.measures("scouting:shortlists", "api-scouting-shortlists")
def test_the_shortlists_page_and_endpoint_do_not_grow_with_shortlists(client, api_client):
    from scouting.services.shortlists import shortlist_create
    from tests.support.factories import OrganisationFactory

    studio = OrganisationFactory(kind="studio")
    scout = studio_scout(studio)
    client.force_login(scout)
    api_client.force_authenticate(scout)
    made = iter(range(1000))

    def shortlists(k):
        for _ in range(k):
            shortlist_create(actor=scout, studio=studio, name=f"片单 {next(made)}")

    assert_constant_queries(
        shortlists,
        lambda: client.get("/scouting/shortlists/"),
        expected=7,
        rows=lambda response: len(response.context["shortlists"]),
    )
    assert_constant_queries(
        shortlists, lambda: api_client.get("/api/v1/scouting/shortlists/"), expected=2
    )


@pytest.mark.measures("scouting:shortlist", "api-scouting-shortlist")
def test_a_shortlist_page_and_endpoint_do_not_grow_with_entries_and_notes(client, api_client):
    from scouting.services.listings import listing_unlist
    from scouting.services.shortlists import entry_add, note_add, shortlist_create
    from tests.support.factories import OrganisationFactory

    studio = OrganisationFactory(kind="studio")
    scout = studio_scout(studio)
    colleague = studio_scout(studio)
    shortlist = shortlist_create(actor=scout, studio=studio, name="片单")
    client.force_login(scout)
    api_client.force_authenticate(scout)

    def entries(k):
        for i in range(k):
            entry = entry_add(actor=scout, shortlist=shortlist, listing=listed(heritage_series()))
            note_add(actor=scout, entry=entry, body="**好**")
            note_add(actor=colleague, entry=entry, body="同意")
            if i == 0:  # one of them no longer listed
                listing_unlist(actor=entry.listing.series.owner, listing=entry.listing)

    assert_constant_queries(
        entries,
        lambda: client.get(f"/scouting/shortlists/{shortlist.pk}/"),
        expected=8,  # with the paginator's count
        rows=lambda response: len(response.context["entries"]) + len(response.context["gone"]),
    )
    assert_constant_queries(
        entries,
        lambda: api_client.get(f"/api/v1/scouting/shortlists/{shortlist.pk}/"),
        expected=3,
        rows=lambda response: len(response.json()["entries"]),
    )


@pytest.mark.measures("scouting:saved_searches", "api-scouting-searches")
def test_the_saved_searches_page_and_endpoint_do_not_grow_with_searches(client, api_client):
    from scouting.services.saved_searches import saved_search_create

    scout = studio_scout()
    client.force_login(scout)
    api_client.force_authenticate(scout)

    def searches(k):
        for i in range(k):
            saved_search_create(actor=scout, name=f"搜索 {i}", query=f"q=非遗&episodes_min={i}")

    assert_constant_queries(
        searches,
        lambda: client.get("/scouting/searches/"),
        expected=5,
        rows=lambda response: len(response.context["searches"]),
    )
    assert_constant_queries(
        searches, lambda: api_client.get("/api/v1/scouting/searches/"), expected=2
    )


@pytest.mark.measures("scouting:writer", "api-scouting-writer")
def test_a_public_portfolio_does_not_grow_with_listed_series(client, api_client):
    from scouting.services.portfolios import portfolio_update
    from tests.support.factories import UserFactory

    writer = UserFactory()
    portfolio_update(actor=writer, is_public=True, bio="**编剧**")

    def series(k):
        for _ in range(k):
            listed(heritage_series(owner=writer), show_score=True, show_registry=True)

    assert_constant_queries(
        series,
        lambda: client.get(f"/scouting/writers/{writer.pk}/"),
        expected=5,
        rows=lambda response: len(response.context["page"].listings),
    )
    assert_constant_queries(
        series,
        lambda: api_client.get(f"/api/v1/scouting/writers/{writer.pk}/"),
        expected=5,
        rows=lambda response: len(response.json()["series"]),
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
        expected=6,
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


@pytest.mark.measures("scouting:terms_register", "api-scouting-terms")
def test_the_terms_register_does_not_grow_with_deals(client, api_client):
    from taxonomy.models import Term
    from tests.scouting.deals_support import deal, studios

    genre = Term.objects.create(kind="genre", slug="register-genre", name_zh="类型", name_en="G")
    pool = studios(3)

    def deals(k):
        for i in range(k):
            deal(pool[i % 3], terms=[genre], kept_days=[3, 5])

    assert_constant_queries(
        deals,
        lambda: client.get("/scouting/terms/"),
        expected=4,
        rows=lambda response: response.context["register"].sections[0].deals or 0,
    )
    assert_constant_queries(
        deals,
        lambda: api_client.get("/api/v1/scouting/terms/"),
        expected=4,
        rows=lambda response: response.json()["sections"][0]["deals"] or 0,
    )


@pytest.mark.measures("scouting:studio_record", "api-scouting-studio-record")
def test_a_studios_record_does_not_grow_with_deals(client, api_client):
    from tests.scouting.deals_support import deal, studios

    (studio,) = studios(1)
    admin = admin_of(studio)
    client.force_login(admin)
    api_client.force_authenticate(admin)

    def deals(k):
        for _ in range(k):
            deal(studio, kept_days=[2, 4])

    assert_constant_queries(
        deals,
        lambda: client.get(f"/scouting/studios/{studio.slug}/record/"),
        expected=6,
        rows=lambda response: len(response.context["record"].lines),
    )
    assert_constant_queries(
        deals,
        lambda: api_client.get(f"/api/v1/scouting/studios/{studio.slug}/record/"),
        expected=3,
        rows=lambda response: len(response.json()["deals"]),
    )


@pytest.mark.measures("scouting:listing_page")
def test_a_listing_as_scouts_see_it_does_not_grow_with_shortlists_and_reads(client):
    from scouting.services.shortlists import entry_add, shortlist_create

    listing = listed(heritage_series(), show_synopsis=True, sample_episodes=2)
    scout = studio_scout()
    studio = scout.memberships.get().organisation
    client.force_login(scout)

    made = []

    def shortlisted(k):
        for _ in range(k):
            made.append(shortlist_create(actor=scout, studio=studio, name=f"list {len(made)}"))
            entry_add(actor=scout, shortlist=made[-1], listing=listing)

    assert_constant_queries(
        shortlisted,
        lambda: client.get(f"/scouting/listings/{listing.pk}/"),
        expected=10,  # with the studio's offers on the series
        rows=lambda response: len(response.context["entries"]),
    )


# Briefs and pitches ----------------------------------------------------------------------


def _page_rows(response):
    return response.context["page"].paginator.count


@pytest.mark.measures("scouting:briefs", "api-scouting-briefs")
def test_the_brief_lists_do_not_grow_with_briefs(client, api_client):
    from tests.scouting.briefs_support import a_brief, a_pitch

    scout = studio_scout()

    def briefs(k):
        for _ in range(k):
            brief = a_brief(scout=scout)  # the scout's own: with their pitch counts
            a_pitch(brief=brief)
            a_brief(publish=False, title_zh="别家的草稿")  # another studio's draft: not shown

    client.force_login(scout)
    api_client.force_authenticate(scout)
    assert_constant_queries(
        briefs, lambda: client.get("/scouting/briefs/"), expected=QC["briefs"], rows=_page_rows
    )
    assert_constant_queries(
        briefs, lambda: api_client.get("/api/v1/scouting/briefs/"), expected=QC["api_briefs"]
    )


@pytest.mark.measures("scouting:brief_pitches", "api-scouting-brief-pitches")
def test_a_briefs_pitches_do_not_grow_with_pitches(client, api_client):
    from tests.scouting.briefs_support import a_brief, a_pitch, scout_of

    brief = a_brief()

    def pitches(k):
        for _ in range(k):
            a_pitch(brief=brief, sample_episodes=1)

    client.force_login(scout_of(brief))
    api_client.force_authenticate(scout_of(brief))
    assert_constant_queries(
        pitches,
        lambda: client.get(f"/scouting/briefs/{brief.pk}/pitches/"),
        expected=QC["brief_pitches"],
        rows=_page_rows,
    )
    assert_constant_queries(
        pitches,
        lambda: api_client.get(f"/api/v1/scouting/briefs/{brief.pk}/pitches/"),
        expected=QC["api_brief_pitches"],
    )


@pytest.mark.measures("scouting:my_pitches", "api-scouting-my-pitches")
def test_my_pitches_do_not_grow_with_pitches(client, api_client):
    from tests.scouting.briefs_support import a_brief, a_pitch
    from tests.support.factories import UserFactory

    writer = UserFactory()

    def pitches(k):
        for _ in range(k):
            a_pitch(brief=a_brief(), series=heritage_series(owner=writer))

    client.force_login(writer)
    api_client.force_authenticate(writer)
    assert_constant_queries(
        pitches, lambda: client.get("/scouting/pitches/"), expected=QC["my_pitches"],
        rows=_page_rows,
    )  # fmt: skip
    assert_constant_queries(
        pitches, lambda: api_client.get("/api/v1/scouting/pitches/"),
        expected=QC["api_my_pitches"],
    )  # fmt: skip


# Pages: the session and the user (2), the list's count and page (2), and: the brief list
# whether the person scouts (1) and the messages' session (1); the pitches the brief (1) and
# the messages (1); my pitches the messages (1). Endpoints: the count and page (2), and the
# briefs' terms (1) or the brief (1).
QC = {
    "briefs": 6,
    "api_briefs": 3,
    "brief_pitches": 7,
    "api_brief_pitches": 3,
    "my_pitches": 5,
    "api_my_pitches": 2,
}


# Offers and deals ------------------------------------------------------------------------


@pytest.mark.measures("scouting:offers", "api-scouting-offers")
def test_the_offers_page_and_endpoint_do_not_grow_with_offers(client, api_client):
    from tests.scouting.offers_support import a_studio, an_offer

    scout = studio_scout(a_studio())
    client.force_login(scout)
    api_client.force_authenticate(scout)

    def offers(k):
        for _ in range(k):
            an_offer(scout=scout)

    assert_constant_queries(
        offers,
        lambda: client.get("/scouting/offers/"),
        expected=7,
        rows=lambda response: len(response.context["offers"]),
    )
    assert_constant_queries(offers, lambda: api_client.get("/api/v1/scouting/offers/"), expected=3)


@pytest.mark.measures(
    "scouting:offer_detail", "scouting:deal_detail", "api-scouting-deal-deliveries"
)
def test_an_offers_thread_and_a_deals_deliveries_do_not_grow(client, api_client):
    from decimal import Decimal

    from scouting.models import DealDelivery
    from scouting.services.offers import offer_counter
    from tests.scouting.offers_support import an_active_deal, an_offer, option_terms

    offer = an_offer()
    client.force_login(offer.made_by)

    def counters(k):
        # Two versions a row, so that the offer waits for the same side in both
        # measurements (whose turn it is decides which checks the page makes).
        for _ in range(2 * k):
            latest = offer.versions.order_by("-version").first()
            side = offer.series.owner if latest.proposed_by_side == "studio" else offer.made_by
            offer.refresh_from_db()
            offer_counter(actor=side, offer=offer, seen_version=latest.version,
                          terms=option_terms(amount=Decimal(latest.version * 1000)))  # fmt: skip

    assert_constant_queries(
        counters,
        lambda: client.get(f"/scouting/offers/{offer.pk}/"),
        expected=8,
        rows=lambda response: len(response.context["versions"]),
    )

    deal = an_active_deal()
    client.force_login(deal.series.owner)
    api_client.force_authenticate(deal.series.owner)

    def deliveries(k):
        for _ in range(k):
            DealDelivery.objects.create(deal=deal, label="稿", delivered_by=deal.series.owner)

    assert_constant_queries(
        deliveries,
        lambda: client.get(f"/scouting/deals/{deal.pk}/"),
        expected=6,
        rows=lambda response: len(response.context["deliveries"]),
    )
    assert_constant_queries(
        deliveries, lambda: api_client.get(f"/api/v1/scouting/deals/{deal.pk}/deliveries/"),
        expected=3,
    )  # fmt: skip


@pytest.mark.parametrize("query", [{}, {"sort": "score"}, {"language": "zh-hans"}])
def test_a_search_without_words_reads_one_page_of_rows(client, query):
    """Without words the page's rows come from an ordered queryset behind the cached count:
    every read of the listings is bounded (a paginator once asked it for its truth, which
    read all 100,000 rows)."""
    scout = studio_scout()
    client.force_login(scout)
    _listings(3)
    with capture_queries() as queries:
        response = client.get("/scouting/", query)
    assert response.status_code == 200
    rows = [
        q["sql"] for q in queries.captured_queries
        if q["sql"].startswith('SELECT "scouting_listing"."id"')
    ]  # fmt: skip
    assert rows and all(" LIMIT " in sql for sql in rows), rows


@pytest.mark.measures("api-scouting-scouts")
def test_the_scouts_endpoint(api_client):
    from scouting.services.scouts import scout_add
    from tests.support.factories import OrganisationFactory, admin_of, member_of

    studio = OrganisationFactory(kind="studio")
    admin = admin_of(studio)
    api_client.force_authenticate(admin)

    def more_scouts(k):
        for _ in range(k):
            scout_add(actor=admin, studio=studio, user=member_of(studio))

    assert_constant_queries(
        more_scouts,
        lambda: api_client.get(f"/api/v1/scouting/studios/{studio.slug}/scouts/"),
        # The studio (among those the caller administers), the count, the page of scouts
        # with their people.
        expected=3,
    )
