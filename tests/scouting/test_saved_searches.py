"""Saved searches: a scout saves a search and gets a daily digest of its new matches."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from config.celery import app
from core.models import Notification
from scouting.models import SavedSearch
from scouting.services.listings import ListingChoices, listing_unlist, listing_update
from scouting.services.saved_searches import (
    saved_search_create,
    saved_search_delete,
    saved_search_digest,
    saved_searches_digest,
    search_normalise,
)
from scouting.tasks import send_saved_search_digests
from tests.scouting.support import english_series, heritage_series, listed, studio_scout
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def later(hours=1):
    return timezone.now() + timedelta(hours=hours)


def digests(user):
    return Notification.objects.filter(recipient=user, kind="scouting_saved_search_digest")


# --- Normalising ------------------------------------------------------------------------------


def test_a_search_is_normalised_by_the_search_form():
    query, params = search_normalise(
        "?sort=&page=3&genre=urban&q=非遗&theme=intangible-heritage&registered=on&min_score=7.0"
    )

    assert query == (
        "q=%E9%9D%9E%E9%81%97&theme=intangible-heritage&genre=urban&min_score=7&registered=on"
    )
    assert params.q == "非遗" and params.themes == ("intangible-heritage",)
    assert params.genres == ("urban",) and params.min_score == 7.0
    assert search_normalise(query)[0] == query  # stable


@pytest.mark.parametrize(
    "query", ["episodes_min=-1", "min_score=11", "sort=random", "theme=no-such-theme"]
)
def test_a_search_the_form_refuses_cannot_be_saved(query):
    with pytest.raises(ValidationError) as error:
        saved_search_create(actor=studio_scout(), name="x", query=query)
    assert "query" in error.value.message_dict


def test_only_a_scout_saves_a_search_and_only_its_owner_deletes_it():
    with pytest.raises(PermissionDenied):
        saved_search_create(actor=UserFactory(), name="x", query="q=非遗")
    saved = saved_search_create(actor=studio_scout(), name="x", query="q=非遗")
    with pytest.raises(PermissionDenied):
        saved_search_delete(actor=studio_scout(), saved=saved)
    saved_search_delete(actor=saved.owner, saved=saved)
    assert not SavedSearch.objects.exists()


# --- The digest -------------------------------------------------------------------------------


def test_the_digest_names_series_listed_since_and_nothing_twice(run_on_commit):
    listed(heritage_series(title="旧的非遗"))  # matched when the search was saved: not news
    scout = studio_scout()
    scout.language = "en"
    scout.save()
    saved = saved_search_create(actor=scout, name="非遗", query="q=非遗")
    listed(heritage_series(title="新的非遗"))
    listed(english_series())  # does not match

    with run_on_commit():
        assert saved_search_digest(saved=saved, now=later()) == 1

    notice = digests(scout).get()
    assert "新的非遗" in notice.message and "旧的非遗" not in notice.message
    assert notice.url == "/scouting/?q=%E9%9D%9E%E9%81%97"
    assert len(mail.outbox) == 1 and "新的非遗" in mail.outbox[0].body
    with run_on_commit():
        assert saved_search_digest(saved=saved, now=later(2)) == 0
    assert digests(scout).count() == 1


def test_nothing_is_sent_when_nothing_is_new(run_on_commit):
    scout = studio_scout()
    saved_search_create(actor=scout, name="非遗", query="q=非遗")
    listed(english_series())

    with run_on_commit():
        assert saved_searches_digest(now=later()) == 0

    assert not digests(scout).exists() and not mail.outbox
    assert SavedSearch.objects.get().last_run_at > timezone.now()


def test_a_new_score_makes_a_series_news_again(run_on_commit, monkeypatch):
    scout = studio_scout()
    series = heritage_series()
    listing = listed(series, show_score=True)
    saved = saved_search_create(actor=scout, name="非遗", query="q=非遗")
    from reviews.selectors import RevisionScores

    monkeypatch.setattr(
        "scouting.services.snapshot.review_scores_by_revision",
        lambda *a, **k: {series.pk: RevisionScores({1: [8.5, 8.5, 8.5]})},
    )
    listing_update(actor=series.owner, listing=listing, choices=ListingChoices(show_score=True))

    with run_on_commit():
        assert saved_search_digest(saved=saved, now=later()) == 1
        # Saved again with the same score: not news.
        listing_update(actor=series.owner, listing=listing, choices=ListingChoices(show_score=True))
        assert saved_search_digest(saved=saved, now=later(2)) == 0


def test_a_person_who_no_longer_scouts_gets_nothing(run_on_commit):
    scout = studio_scout()
    saved = saved_search_create(actor=scout, name="非遗", query="q=非遗")
    scout.memberships.all().delete()
    listed(heritage_series())

    with run_on_commit():
        assert saved_search_digest(saved=saved, now=later()) == 0
    assert not digests(scout).exists()


def test_an_unlisted_series_is_not_news(run_on_commit):
    scout = studio_scout()
    saved = saved_search_create(actor=scout, name="非遗", query="q=非遗")
    listing = listed(heritage_series())
    listing_unlist(actor=listing.series.owner, listing=listing)

    with run_on_commit():
        assert saved_search_digest(saved=saved, now=later()) == 0


def test_the_daily_task_runs_the_digests_and_is_in_the_beat_schedule(run_on_commit):
    scout = studio_scout()
    saved_search_create(actor=scout, name="非遗", query="q=非遗")
    SavedSearch.objects.update(last_run_at=timezone.now() - timedelta(days=1))
    listed(heritage_series())

    with run_on_commit():
        assert send_saved_search_digests() == 1
    assert digests(scout).count() == 1
    entry = app.conf.beat_schedule["scouting-saved-search-digests"]
    assert entry["task"] == "scouting.tasks.send_saved_search_digests"


# --- Pages ------------------------------------------------------------------------------------


def test_a_scout_saves_the_search_from_the_search_page_and_deletes_it(client):
    scout = studio_scout()
    client.force_login(scout)

    page = client.get("/scouting/", {"q": "非遗", "sort": "newest"}).content.decode()
    assert 'action="/scouting/searches/save/"' in page

    saved = client.post("/scouting/searches/save/", {"name": "非遗", "query": "q=非遗&sort=newest"})
    assert saved.status_code == 302
    search = SavedSearch.objects.get()
    assert search.owner == scout and search.query == "q=%E9%9D%9E%E9%81%97&sort=newest"
    listing = client.get("/scouting/searches/")
    assert "非遗" in listing.content.decode() and "/scouting/?q=" in listing.content.decode()

    assert client.post(f"/scouting/searches/{search.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.exists()


def test_a_bad_name_or_search_is_shown_beside_the_field_keeping_what_was_typed(client):
    client.force_login(studio_scout())

    refused = client.post("/scouting/searches/save/", {"name": "我的搜索", "query": "min_score=11"})

    assert refused.status_code == 422
    assert refused.context["form"].errors["query"]
    assert 'value="我的搜索"' in refused.content.decode()
    no_name = client.post("/scouting/searches/save/", {"name": "", "query": "q=x"})
    assert no_name.status_code == 422 and no_name.context["form"].errors["name"]


@pytest.mark.parametrize("who, code", [("another scout", 404), ("writer", 404)])
def test_someone_elses_saved_search_is_404(client, who, code):
    saved = saved_search_create(actor=studio_scout(), name="x", query="q=非遗")
    client.force_login(studio_scout() if who == "another scout" else UserFactory())

    assert client.post(f"/scouting/searches/{saved.pk}/delete/").status_code == code
    assert SavedSearch.objects.exists()


def test_a_writer_is_refused_the_saved_searches_page(client):
    client.force_login(UserFactory())
    assert client.get("/scouting/searches/").status_code == 403
    assert client.post("/scouting/searches/save/", {"name": "x"}).status_code == 403


# --- API --------------------------------------------------------------------------------------


def test_the_api_saves_lists_and_deletes(api_client):
    scout = studio_scout()
    api_client.force_authenticate(scout)

    created = api_client.post(
        "/api/v1/scouting/searches/", {"name": "非遗", "query": "genre=urban&q=非遗"}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["query"] == "q=%E9%9D%9E%E9%81%97&genre=urban"
    assert api_client.get("/api/v1/scouting/searches/").json()["count"] == 1
    bad = api_client.post(
        "/api/v1/scouting/searches/", {"name": "x", "query": "episodes_min=-1"}, format="json"
    )
    assert bad.status_code == 400 and "query" in bad.json()["errors"]

    api_client.force_authenticate(studio_scout())
    assert (
        api_client.delete(f"/api/v1/scouting/searches/{created.json()['id']}/").status_code == 404
    )
    assert api_client.get("/api/v1/scouting/searches/").json()["count"] == 0
    api_client.force_authenticate(scout)
    assert (
        api_client.delete(f"/api/v1/scouting/searches/{created.json()['id']}/").status_code == 204
    )


def test_the_api_refuses_non_scouts(api_client):
    assert api_client.get("/api/v1/scouting/searches/").status_code == 401
    api_client.force_authenticate(UserFactory())
    assert api_client.get("/api/v1/scouting/searches/").status_code == 403
