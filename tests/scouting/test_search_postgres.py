"""The PostgreSQL search path (services tier): English full-text search and pg_trgm for
Chinese, through the indexes migration 0002 makes. Run with DATABASE_URL=postgres://…"""

import pytest
from django.db import connection

from scouting.models import Listing
from scouting.search import query_terms
from scouting.selectors import SearchParams, _text_match, listing_search
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


def test_the_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'scouting_listing'"
        )
        indexes = dict(cursor.fetchall())

    assert (
        "to_tsvector('english'::regconfig, search_document)" in indexes["scouting_listing_english"]
    )
    assert "gin_trgm_ops" in indexes["scouting_listing_trgm"]


def test_trigrams_are_made_of_chinese_under_this_ctype():
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm('非遗传承')")
        trigrams = cursor.fetchone()[0]

    # "  非", " 非遗", "非遗传", "遗传承", "传承 " (multibyte trigrams are shown hashed):
    # with a ctype that did not count ideographs as word characters there would be none.
    assert len(trigrams) == 5


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


def test_the_planner_can_use_the_indexes():
    # The selector's match expressions are the indexed ones (with one row the planner
    # would rather scan, so scans are turned off for this transaction).
    listed(heritage_series())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    english = _text_match(Listing.objects.all(), query_terms("heritage"))
    chinese = _text_match(Listing.objects.all(), query_terms("非遗传承"))

    assert "scouting_listing_english" in english.explain()
    assert "scouting_listing_trgm" in chinese.explain()
