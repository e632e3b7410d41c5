"""The PostgreSQL search path (services tier): English full-text search and character
bigrams for Chinese, through the stored vectors and indexes of migration 0005. Run with
DATABASE_URL=postgres://…"""

import pytest
from django.db import connection

from scouting.models import Listing
from scouting.search import query_terms
from scouting.selectors import SearchParams, _term_filter, _text_match, listing_search
from tests.scouting.support import english_series, heritage_series, listed, studio_scout

pytestmark = [pytest.mark.services, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "POSTGRESQL SEARCH PATH NOT RUN: set DATABASE_URL=postgres://... (see docs/scouting.md)"
        )


def _titles(scout, **params):
    return [listing.title for listing in listing_search(scout, SearchParams(**params)).listings]


def test_the_search_vectors_are_stored_and_indexed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'scouting_listing'"
        )
        indexes = dict(cursor.fetchall())

    assert "gin (search_bigrams)" in indexes["scouting_listing_bigrams"]
    assert "gin (search_english)" in indexes["scouting_listing_english_vector"]
    # The expression and trigram indexes they replace are gone.
    assert "scouting_listing_english" not in indexes and "scouting_listing_trgm" not in indexes


def test_the_stored_vectors_follow_the_text():
    listing = listed(heritage_series())
    Listing.objects.filter(pk=listing.pk).update(
        search_tokens="法院 院走 走廊", search_document="Courtroom"
    )

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_bigrams::text, search_english::text FROM scouting_listing WHERE id = %s",
            [listing.pk],
        )
        bigrams, english = cursor.fetchone()

    # Ideographs are word characters under this ctype: each bigram is a lexeme.
    assert bigrams == "'法院':1 '走廊':3 '院走':2" and english == "'courtroom':1"


def test_chinese_and_english_search_on_postgresql():
    listed(heritage_series(), show_synopsis=True, sample_episodes=1)
    listed(english_series(), sample_episodes=1)
    scout = studio_scout()

    assert _titles(scout, q="非遗") == ["竹编少年"]
    assert _titles(scout, q="外卖小哥") == ["竹编少年"]
    assert _titles(scout, q="keepers") == ["The Lighthouse Keeper"]  # stemmed
    assert _titles(scout, q="Lighth") == ["The Lighthouse Keeper"]  # prefix
    assert len(_titles(scout, q="the")) == 2  # a stop word alone filters nothing
    assert _titles(scout, q="heritage 非遗") == []
    # Term filters go through the same bigram vector (one token per term).
    assert _titles(scout, themes=["intangible-heritage"]) == ["竹编少年"]
    assert _titles(scout, q="非遗", themes=["intangible-heritage"]) == ["竹编少年"]
    assert _titles(scout, q="keepers", themes=["intangible-heritage"]) == []
    assert _titles(scout, themes=["no-such-theme"]) == []


def test_the_planner_can_use_the_indexes():
    # The selector's match expressions are the indexed ones (with one row the planner
    # would rather scan, so scans are turned off for this transaction).
    listed(heritage_series())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    english = _text_match(Listing.objects.all(), query_terms("heritage"))
    chinese = _text_match(Listing.objects.all(), query_terms("非遗传承"))
    two_characters = _text_match(Listing.objects.all(), query_terms("非遗"))

    assert "scouting_listing_english_vector" in english.explain()
    # A Chinese term through its bigrams, the two-character ones (most Chinese search
    # words) included: a trigram index cannot serve those.
    assert "scouting_listing_bigrams" in chinese.explain()
    assert "scouting_listing_bigrams" in two_characters.explain()
    themed = _term_filter(SearchParams(themes=["intangible-heritage"]), Listing.objects.all())
    assert "scouting_listing_bigrams" in themed.explain()
