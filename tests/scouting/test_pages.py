"""The writers' Discovery section and the scouts' search page, and who reaches them."""

import re

import pytest

from scouting.models import ListingStatus, StudioScout
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    add_collaborator,
    admin_of,
    member_of,
)

pytestmark = pytest.mark.django_db


# --- Who may search ---------------------------------------------------------------------


def test_a_scout_finds_the_way_into_discovery_on_the_desk_and_a_writer_does_not(client):
    scout = studio_scout()
    client.force_login(scout)
    desk = client.get("/").content.decode()
    assert 'href="/scouting/"' in desk
    assert scout.memberships.get().organisation.name in desk

    client.force_login(UserFactory())
    assert 'href="/scouting/"' not in client.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/scouting/?q=非遗")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "who",
    [
        "writer",
        "member of a studio without the scout role",
        "scout of a university",
        "former member with a scout row",
        "platform staff",
    ],
)
def test_people_who_do_not_scout_for_a_studio_are_refused(client, who):
    if who == "writer":
        person = UserFactory()
    elif who == "member of a studio without the scout role":
        person = member_of(OrganisationFactory(kind="studio"))
    elif who == "scout of a university":
        person = admin_of(OrganisationFactory(kind="university"))
    elif who == "former member with a scout row":
        person = studio_scout()
        person.memberships.all().delete()
        assert StudioScout.objects.filter(user=person).exists()
    else:
        person = UserFactory(staff=True)
    listed(heritage_series())
    client.force_login(person)

    response = client.get("/scouting/?q=非遗")

    assert response.status_code == 403
    assert "竹编少年" not in response.content.decode()


@pytest.mark.parametrize("who", ["scout", "studio admin"])
def test_a_studios_scouts_and_admins_search(client, who):
    person = studio_scout() if who == "scout" else admin_of(OrganisationFactory(kind="studio"))
    listed(heritage_series(), sample_episodes=1)
    client.force_login(person)

    response = client.get("/scouting/", {"q": "非遗"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "竹编少年" in page and "<mark>非遗</mark>" in page


def test_a_search_by_words_shows_the_synopsis_as_read_and_keeps_the_filters_folded(client):
    listed(heritage_series(), show_synopsis=True)
    client.force_login(studio_scout())

    page = client.get("/scouting/", {"q": "传承"}).content.decode()

    assert "一个关于<mark>传承</mark>的故事" in page and "**" not in page
    assert "<details open>" not in page
    filtered = client.get("/scouting/", {"q": "传承", "theme": "intangible-heritage"})
    assert "<details open>" in filtered.content.decode()


def test_the_page_escapes_a_logline_with_a_script(client):
    listed(heritage_series(logline='<script>alert("外卖")</script>'))
    client.force_login(studio_scout())

    page = client.get("/scouting/", {"q": "外卖"}).content.decode()

    assert '<script>alert("' not in page
    assert "&lt;script&gt;alert(&quot;<mark>外卖</mark>&quot;)&lt;/script&gt;" in page


def test_the_page_without_a_query_lists_everything_listed_and_shows_facets(client):
    listed(heritage_series())
    unlisted = listed(heritage_series(title="下架的"))
    from scouting.services.listings import listing_unlist

    listing_unlist(actor=unlisted.series.owner, listing=unlisted)
    client.force_login(studio_scout())

    response = client.get("/scouting/")

    page = response.content.decode()
    assert "竹编少年" in page and "下架的" not in page
    assert "theme=intangible-heritage" in page


def test_estimated_facet_counts_say_so(client, monkeypatch):
    from scouting import selectors

    for number in range(3):
        listed(heritage_series(title=f"竹编少年{number}"))
    scout = studio_scout()
    scout.language = "en"
    scout.save(update_fields=["language"])
    client.force_login(scout)
    exact = client.get("/scouting/", {"q": "外卖"}).content.decode()
    monkeypatch.setattr(selectors, "FACET_SAMPLE", 2)

    sampled = client.get("/scouting/", {"q": "外卖", "sort": "newest"}).content.decode()
    scout.language = "zh-hans"
    scout.save(update_fields=["language"])
    chinese = client.get("/scouting/", {"q": "外卖", "sort": "score"}).content.decode()

    assert "(3)" in exact and "about 3" not in exact and "estimated" not in exact
    assert "(about 3)" in sampled and "estimated from an even sample" in sampled
    assert "3 series found" in sampled
    assert "(约 3)" in chinese


# --- The results' HTML, cached (views/search.py) ---------------------------------------


def _results_of(response) -> str:
    return str(response.context["results_html"])


def test_the_results_drawn_once_serve_every_scout_with_nothing_of_the_first_reader(client):
    from scouting.services.shortlists import shortlist_create

    listed(heritage_series())
    first = studio_scout()
    shortlist_create(actor=first, studio=first.memberships.get().organisation, name="春季片单")
    client.force_login(first)
    theirs = client.get("/scouting/", {"q": "非遗"})
    assert 'form="shortlist-add"' in _results_of(theirs)

    # A scout of another studio, with no shortlist: the same results, without the buttons.
    other = studio_scout()
    client.force_login(other)
    mine = client.get("/scouting/", {"q": "非遗"})
    page = mine.content.decode()
    assert "竹编少年" in page and 'form="shortlist-add"' not in page
    assert "春季片单" not in page and 'id="shortlist-add"' not in page
    # Nothing of a reader is in the cached HTML: no token, no name.
    for response, person in ((theirs, first), (mine, other)):
        results = _results_of(response)
        assert "csrfmiddlewaretoken" not in results
        assert person.display_name and person.display_name not in results
        assert person.email not in results

    # And the first scout, asking again, still has the buttons and the one form they need.
    client.force_login(first)
    again = client.get("/scouting/", {"q": "非遗"})
    assert _results_of(again) == _results_of(theirs)
    assert 'id="shortlist-add"' in again.content.decode()


def test_cached_results_follow_the_listings_the_language_and_the_terms_names(client):
    from scouting.services.listings import listing_unlist
    from taxonomy.models import Term

    kept = listed(heritage_series())
    gone = listed(heritage_series(title="瓷都少女"))
    scout = studio_scout()
    client.force_login(scout)
    assert "瓷都少女" in client.get("/scouting/", {"q": "非遗"}).content.decode()

    listing_unlist(actor=gone.series.owner, listing=gone)
    page = client.get("/scouting/", {"q": "非遗"}).content.decode()
    assert "瓷都少女" not in page and kept.title in page

    Term.objects.filter(slug="intangible-heritage").update(
        name_zh="非遗新名", name_en="Heritage renamed"
    )
    page = client.get("/scouting/", {"q": "非遗"}).content.decode()
    # In the results (a tag and a facet) and in the filter form's choices.
    assert re.search(r'value="intangible-heritage"[^<]*>\s*非遗新名', page), page
    assert page.count("非遗新名") == 3

    scout.language = "en"
    scout.save(update_fields=["language"])
    english = client.get("/scouting/", {"q": "非遗"})
    scout.language = "zh-hans"
    scout.save(update_fields=["language"])
    chinese = client.get("/scouting/", {"q": "非遗"})
    assert "1 series found" in _results_of(english) and "Heritage renamed" in _results_of(english)
    assert "非遗新名" in _results_of(chinese) and "series found" not in _results_of(chinese)


def test_a_wrong_filter_is_drawn_with_its_error_every_time(client):
    client.force_login(studio_scout())
    for _ in range(2):
        response = client.get("/scouting/", {"q": "非遗", "min_score": "eleven"})
        assert response.status_code == 400
        assert 'value="eleven"' in response.content.decode()
        assert response.context["form"].errors["min_score"]
    good = client.get("/scouting/", {"q": "非遗", "min_score": "7"}).content.decode()
    assert 'value="7"' in good and 'value="eleven"' not in good


def test_bad_filters_keep_the_form_and_say_what_is_wrong(client):
    client.force_login(studio_scout())

    response = client.get("/scouting/", {"q": "非遗", "episodes_min": "-1"})

    assert response.status_code == 400
    assert 'value="非遗"' in response.content.decode()
    assert response.context["form"].errors["episodes_min"]


# --- The writers' Discovery section -------------------------------------------------------


def test_the_series_page_links_its_writers_to_discovery(client):
    series = heritage_series()
    reader = add_collaborator(series, role="reader")
    client.force_login(series.owner)

    assert (
        f"/scouting/series/{series.pk}/" in client.get(series.get_absolute_url()).content.decode()
    )
    client.force_login(reader)
    assert (
        f"/scouting/series/{series.pk}/"
        not in client.get(series.get_absolute_url()).content.decode()
    )


def test_a_writer_lists_a_series_from_its_discovery_section(client):
    series = heritage_series()
    client.force_login(series.owner)

    assert client.get(f"/scouting/series/{series.pk}/").status_code == 200
    response = client.post(
        f"/scouting/series/{series.pk}/",
        {"show_logline": "on", "show_terms": "on", "sample_episodes": "1"},
    )

    assert response.status_code == 302
    listing = series.discovery_listing
    assert listing.status == ListingStatus.LISTED and listing.sample_episodes == 1
    assert not listing.show_synopsis


def test_a_cowriter_consents_and_withdraws_from_the_page(client):
    series = heritage_series()
    cowriter = add_collaborator(series)
    listing = listed(series)
    client.force_login(cowriter)

    client.post(f"/scouting/series/{series.pk}/consent/", {"answer": "give"})
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LISTED
    client.post(f"/scouting/series/{series.pk}/consent/", {"answer": "withdraw"})
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PENDING


def test_a_writer_unlists_from_the_page(client):
    listing = listed(heritage_series())
    client.force_login(listing.series.owner)

    client.post(f"/scouting/series/{listing.series_id}/unlist/")

    listing.refresh_from_db()
    assert listing.status == ListingStatus.UNLISTED


def test_a_sample_out_of_range_is_a_form_error_that_keeps_the_input(client):
    series = heritage_series()
    client.force_login(series.owner)

    response = client.post(f"/scouting/series/{series.pk}/", {"sample_episodes": "99"})

    assert response.status_code == 422
    assert 'value="99"' in response.content.decode()


@pytest.mark.parametrize("path", ["", "unlist/", "consent/"])
def test_strangers_get_404_and_readers_403_on_the_discovery_section(client, path):
    series = heritage_series()
    listed(series)
    reader = add_collaborator(series, role="reader")

    client.force_login(UserFactory())
    stranger = client.post(f"/scouting/series/{series.pk}/{path}")
    client.force_login(reader)
    read_only = client.post(f"/scouting/series/{series.pk}/{path}")

    assert stranger.status_code == 404
    assert read_only.status_code == 403
    series.discovery_listing.refresh_from_db()
    assert series.discovery_listing.status == ListingStatus.LISTED
