"""Search: Chinese and English, filters, facets, order, highlighting (on the database the
suite runs on; test_search_postgres.py holds the PostgreSQL path to its indexes)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scouting.models import Listing
from scouting.search import cjk_tokens, excerpt, highlight, query_terms, search_tokens
from scouting.selectors import SearchParams, Sort, listing_matches, listing_search
from tests.scouting.support import (
    english_series,
    genres,
    heritage_series,
    listed,
    studio_scout,
    themes,
)
from tests.support.factories import make_series

pytestmark = pytest.mark.django_db


def _titles(scout, **params):
    return [listing.title for listing in listing_search(scout, SearchParams(**params)).listings]


@pytest.fixture
def scout():
    return studio_scout()


@pytest.fixture
def world():
    """A Chinese heritage series, an English one, and a rule-of-law series."""
    heritage = listed(heritage_series(), show_synopsis=True, sample_episodes=2)
    english = listed(english_series(), sample_episodes=1)
    law = listed(
        make_series(title="法槌之下", logline="法律援助律师为农民工讨薪。",
                    genres=genres("suspense")),
    )  # fmt: skip
    return heritage, english, law


def test_search_in_chinese_finds_words_in_logline_synopsis_and_sample(scout, world):
    assert _titles(scout, q="非遗") == ["竹编少年"]
    assert _titles(scout, q="外卖") == ["竹编少年"]
    assert _titles(scout, q="传承") == ["竹编少年"]  # the synopsis
    assert _titles(scout, q="竹篾") == ["竹编少年"]  # the sample's first episode
    assert _titles(scout, q="讨薪") == ["法槌之下"]
    assert _titles(scout, q="非遗 讨薪") == []  # every term must match


def test_search_in_english_is_case_blind_and_matches_word_forms(scout, world):
    assert _titles(scout, q="Heritage") == ["The Lighthouse Keeper"]
    assert _titles(scout, q="lighthouse keeper") == ["The Lighthouse Keeper"]
    assert _titles(scout, q="lantern") == ["The Lighthouse Keeper"]  # the sample
    assert _titles(scout, q="submarine") == []


def test_a_single_chinese_character_matches_too(scout, world):
    assert _titles(scout, q="槌") == ["法槌之下"]


def test_search_never_matches_what_the_writer_did_not_show(scout):
    listed(heritage_series(synopsis="秘密梗概"), show_synopsis=False, sample_episodes=0)

    assert _titles(scout, q="秘密") == []
    assert _titles(scout, q="竹篾") == []  # in the text, not in a sample


def test_filters_narrow_the_results(scout, world):
    heritage, english, law = world

    assert _titles(scout, themes=["intangible-heritage"]) == ["竹编少年"]
    assert sorted(_titles(scout, genres=["suspense"])) == ["The Lighthouse Keeper", "法槌之下"]
    assert _titles(scout, language="en") == ["The Lighthouse Keeper"]
    assert _titles(scout, episodes_min=3) == ["竹编少年"]
    assert sorted(_titles(scout, episodes_max=2)) == ["The Lighthouse Keeper", "法槌之下"]
    assert _titles(scout, registered=True) == []
    assert _titles(scout, awarded=True) == []
    assert _titles(scout, certified=True) == []
    assert len(_titles(scout, updated_since=timezone.now() - timedelta(days=1))) == 3
    assert _titles(scout, updated_since=timezone.now() + timedelta(days=1)) == []


def test_a_hidden_field_cannot_be_filtered_on(scout):
    listed(heritage_series(), show_terms=False, show_episodes=False)

    assert _titles(scout, themes=["intangible-heritage"]) == []
    assert _titles(scout, episodes_min=1) == []


def test_minimum_score_and_the_score_order(scout):
    # Scores set directly to order three listings; test_snapshot.py takes them from real
    # reviews.
    low, high, hidden = (listed(heritage_series(title=t)) for t in ("低分", "高分", "不显示"))
    Listing.objects.filter(pk=low.pk).update(score=6.0, review_count=3)
    Listing.objects.filter(pk=high.pk).update(score=8.5, review_count=3)

    assert _titles(scout, min_score=7) == ["高分"]
    assert _titles(scout, sort=Sort.SCORE) == ["高分", "低分", "不显示"]
    assert hidden.score is None


def test_relevance_puts_title_matches_and_more_matches_first(scout):
    listed(heritage_series(title="老街故事", logline="外卖小哥送外卖。"))
    listed(heritage_series(title="外卖江湖", logline="一个外卖故事。"))

    assert _titles(scout, q="外卖", sort=Sort.RELEVANCE)[0] == "外卖江湖"


def test_newest_first(scout):
    listed(heritage_series(title="先"))
    listed(heritage_series(title="后"))

    assert _titles(scout, sort=Sort.NEWEST) == ["后", "先"]


def test_facets_count_the_matching_listings_per_theme_and_genre(scout, world):
    listed(heritage_series(title="第二部"))

    facets = listing_search(scout, SearchParams()).facets
    themes = {f["slug"]: f["count"] for f in facets["theme"]}
    genre_counts = {f["slug"]: f["count"] for f in facets["genre"]}

    assert themes == {"intangible-heritage": 2, "cultural-tourism": 1}
    assert genre_counts == {"urban": 2, "suspense": 2}
    narrowed = listing_search(scout, SearchParams(q="外卖")).facets
    assert {f["slug"]: f["count"] for f in narrowed["genre"]} == {"urban": 2}


@pytest.mark.parametrize(
    "params",
    [SearchParams(q="外卖"), SearchParams(q="非遗 外卖", sort=Sort.SCORE),
     SearchParams(themes=["intangible-heritage"]), SearchParams(q="keeper"),
     SearchParams(q="无此词")],
)  # fmt: skip
def test_a_narrowed_search_counts_its_facets_from_its_rows_as_the_terms_table_does(
    scout, world, params
):
    """The facets of a search by words or terms come from the matches' term_ids (one pass
    on PostgreSQL); the terms table, counted the long way, must agree."""
    from scouting.selectors import _facet_counts, _named_facets

    listed(heritage_series(title="第二部"))
    found = listing_search(scout, params, use_cache=False)
    long_way = _named_facets(_facet_counts(listing_matches(scout, params)), vocabulary=None)
    assert found.facets == long_way
    assert found.listings.count() == listing_matches(scout, params).count()


def test_the_migration_fills_term_ids_from_the_terms_table(world):
    """Migration 0012's statement, on the database the suite runs on."""
    import importlib

    from django.db import connection

    fill = importlib.import_module("scouting.migrations.0012_listing_term_ids").FILL
    expected = {listing.pk: listing.term_ids for listing in Listing.objects.all()}
    assert any(expected.values())
    Listing.objects.update(term_ids=None)
    with connection.cursor() as cursor:
        cursor.execute(fill[connection.vendor])
    assert {listing.pk: listing.term_ids for listing in Listing.objects.all()} == expected


def test_the_migration_gives_every_listing_its_trigrams(world):
    """Migration 0014 retokenises every listing, on the database the suite runs on: a
    listing still indexed the old way (bigrams only) is found by a three-character term
    afterwards."""
    import importlib

    from django.apps import apps

    retokenise = importlib.import_module(
        "scouting.migrations.0014_listing_trigram_tokens"
    ).retokenise
    heritage = world[0]
    expected = Listing.objects.get(pk=heritage.pk).search_tokens
    bigrams_only = " ".join(t for t in expected.split() if len(t) != 3 or t.isascii())
    Listing.objects.filter(pk=heritage.pk).update(search_tokens=bigrams_only)

    retokenise(apps, None)

    assert Listing.objects.get(pk=heritage.pk).search_tokens == expected
    assert "送外卖" in expected.split()


def test_a_three_character_term_matches_only_where_it_occurs_whole(scout):
    listed(make_series(title="风雨桥", logline="侗寨的风雨桥下，一场婚礼。"))
    listed(make_series(title="过桥", logline="风雨交加的夜里，他走过雨桥村。"))

    assert _titles(scout, q="风雨桥") == ["风雨桥"]
    assert sorted(_titles(scout, q="风雨")) == ["过桥", "风雨桥"]


def test_a_longer_term_matches_where_it_occurs(scout):
    listed(make_series(title="诊室", logline="社区医院诊室里，一位老医生的最后一天。"))
    listed(make_series(title="医院", logline="她在社区医院做护士。"))

    assert _titles(scout, q="社区医院诊室") == ["诊室"]
    assert sorted(_titles(scout, q="社区医院")) == ["医院", "诊室"]


def test_a_search_with_more_matches_than_the_sample_estimates_its_facets(scout, world, monkeypatch):
    """Above FACET_SAMPLE matches the facets are counted on an even sample, in rank order,
    and scaled up; the count of listings found stays exact, and so do the facets of a
    search within the sample."""
    from scouting import selectors

    for number in range(4):
        listed(heritage_series(title=f"竹编少年{number}"))
    exact = listing_search(scout, SearchParams(q="外卖"), use_cache=False)
    assert exact.facets_approximate is False
    assert {f["slug"]: f["count"] for f in exact.facets["theme"]} == {"intangible-heritage": 5}

    monkeypatch.setattr(selectors, "FACET_SAMPLE", 2)
    sampled = listing_search(scout, SearchParams(q="外卖"), use_cache=False)

    assert sampled.facets_approximate is True
    assert sampled.listings.count() == 5
    # Every match carries the theme: the sample's share (all of it) scales to all five.
    assert {f["slug"]: f["count"] for f in sampled.facets["theme"]} == {"intangible-heritage": 5}
    assert {f["slug"]: f["count"] for f in sampled.facets["genre"]} == {"urban": 5}


@pytest.mark.parametrize("sort", [Sort.RELEVANCE, Sort.NEWEST])
def test_the_one_key_ranking_orders_as_the_plain_order_does(scout, sort):
    """On PostgreSQL a search read whole sorts by one bigint (relevance, then the listing
    time in microseconds); the order must be the one the plain sort gives, ties and
    listings with no listing time included."""
    from scouting.permissions import listings_visible_to
    from scouting.selectors import _ordered, _text_match

    now = timezone.now()
    titles = ["外卖", "外卖小哥", "别的", "再一个", "外卖故事"]
    loglines = ["外卖", "没有", "外卖外卖", "外卖在这里", "外卖"]
    for index, (title, logline) in enumerate(zip(titles, loglines, strict=True)):
        listing = listed(make_series(title=title, logline=logline))
        # Two share a listing time to the microsecond; one has none.
        listed_at = None if index == 2 else now - timedelta(microseconds=index // 2)
        Listing.objects.filter(pk=listing.pk).update(listed_at=listed_at)
    terms = query_terms("外卖")
    params = SearchParams(q="外卖", sort=sort)
    matches = _text_match(listings_visible_to(scout), terms)

    plain = list(_ordered(matches, params, terms).values_list("pk", flat=True))
    one_key = list(_ordered(matches, params, terms, ranked=True).values_list("pk", flat=True))

    assert len(plain) == 5 and one_key == plain


def test_an_estimated_count_claims_two_significant_digits():
    from scouting.selectors import _estimate, _sample_step

    assert [_estimate(n) for n in (0.4, 57.5, 345.5, 3417.3, 12_345)] == [1, 58, 350, 3400, 12000]
    assert [_sample_step(n) for n in (0, 1, 1000, 1001, 11_797)] == [1, 1, 1, 2, 12]


def test_a_person_who_is_not_a_scout_finds_nothing(world):
    from tests.support.factories import UserFactory

    assert _titles(UserFactory()) == []


# --- The text helpers -----------------------------------------------------------------


def test_a_query_splits_into_chinese_runs_and_words():
    terms = query_terms("非遗 Heritage 外卖小哥, heritage")

    assert [(t.text, t.cjk) for t in terms] == [
        ("非遗", True), ("heritage", False), ("外卖小哥", True),
    ]  # fmt: skip


def test_chinese_is_indexed_as_bigrams_and_trigrams():
    assert search_tokens("非遗传承 The Keeper") == "非遗 遗传 传承 非遗传 遗传承 the keeper"
    assert search_tokens("非遗") == "非遗"


def test_a_chinese_term_is_looked_up_by_its_bigram_or_its_trigrams():
    assert cjk_tokens("非遗") == ["非遗"]
    assert cjk_tokens("风雨桥") == ["风雨桥"]
    assert cjk_tokens("社区医院诊室") == ["社区医", "区医院", "医院诊", "院诊室"]


def test_highlight_escapes_first_then_marks():
    terms = query_terms("script 外卖")
    text = '<script>alert("x")</script> 外卖 & script'

    html = highlight(text, terms)

    assert "<script>" not in html
    assert html == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; "
        "<mark>外卖</mark> &amp; <mark>script</mark>"
    )


@pytest.mark.parametrize("word", ["amp", "quot", "lt", "gt", "x27"])
def test_a_term_never_matches_inside_an_entity_the_escaping_made(word):
    text = f'Tom & "Jerry" <3 it\'s {word}'

    html = highlight(text, query_terms(word))

    assert html == ("Tom &amp; &quot;Jerry&quot; &lt;3 it&#x27;s " + f"<mark>{word}</mark>")


def test_an_excerpt_is_cut_around_the_first_match_and_escaped():
    text = "<b>" + "前" * 300 + "非遗" + "后" * 300

    html = excerpt(text, query_terms("非遗"), width=60)

    assert html.startswith("…") and html.endswith("…")
    assert "<mark>非遗</mark>" in html and "<b>" not in html


def test_the_degraded_path_without_fts5_gives_the_same_chinese_answers(scout, world, monkeypatch):
    # On SQLite this is the substring fallback; on PostgreSQL (which never uses FTS5) the
    # same answers from its own path.
    from scouting import selectors

    monkeypatch.setattr(selectors, "_has_fts5_table", lambda: False)

    assert _titles(scout, q="非遗") == ["竹编少年"]
    assert _titles(scout, q="外卖小哥") == ["竹编少年"]
    assert _titles(scout, q="LIGHTHOUSE") == ["The Lighthouse Keeper"]
    assert _titles(scout, q="非遗 讨薪") == []


def test_the_text_index_follows_updates_and_deletes(scout):
    from django.db import connection

    from scouting.services.listings import ListingChoices, listing_update

    listing = listed(heritage_series())
    assert _titles(scout, q="外卖") == ["竹编少年"]

    listing_update(
        actor=listing.series.owner, listing=listing, choices=ListingChoices(show_logline=False)
    )
    assert _titles(scout, q="外卖") == []
    listing.series.delete()
    assert _titles(scout, q="非遗") == []
    if connection.vendor == "sqlite":  # the FTS5 triggers removed its row too
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM scouting_listing_fts WHERE scouting_listing_fts MATCH %s",
                ['"非遗"'],
            )
            assert cursor.fetchone()[0] == 0


def test_term_filters_any_within_a_kind_every_kind_and_with_words(scout, world, monkeypatch):
    heritage, english, law = world
    from scouting import selectors

    def check():
        assert sorted(_titles(scout, genres=["suspense", "no-such-genre"])) == [
            "The Lighthouse Keeper",
            "法槌之下",
        ]
        assert _titles(scout, genres=["suspense"], themes=["intangible-heritage"]) == []
        assert _titles(scout, q="讨薪", genres=["suspense"]) == ["法槌之下"]
        assert _titles(scout, q="非遗", genres=["suspense"]) == []
        assert _titles(scout, themes=["no-such-theme"]) == []

    check()
    # The same answers where there is no token index (a SQLite built without FTS5).
    monkeypatch.setattr(selectors, "_has_fts5_table", lambda alias="default": False)
    check()


def test_a_listing_carries_one_token_per_term_it_shows(scout):
    from scouting.search import term_token
    from scouting.services.listings import ListingChoices, listing_update

    series = heritage_series()
    listing = listed(series)
    shown = {term_token(pk) for pk in listing.terms.values_list("pk", flat=True)}
    assert shown and shown <= set(listing.search_tokens.split())
    assert listing.term_ids == sorted(listing.terms.values_list("pk", flat=True))

    listing_update(actor=series.owner, listing=listing, choices=ListingChoices(show_terms=False))
    listing.refresh_from_db()
    assert not shown & set(listing.search_tokens.split())
    assert listing.term_ids == []
    assert _titles(scout, themes=["intangible-heritage"]) == []


def test_the_landing_facets_count_every_findable_listing_and_nothing_else(scout, world):
    from scouting.models import ListingStatus
    from scouting.selectors import _facet_counts, _named_facets

    heritage, english, law = world
    hidden = listed(heritage_series(title="选择权中"))
    Listing.objects.filter(pk=hidden.pk).update(hidden_until=timezone.localdate())
    waiting = listed(heritage_series(title="等待同意"))
    Listing.objects.filter(pk=waiting.pk).update(status=ListingStatus.PENDING)
    assert {ListingStatus.PENDING, ListingStatus.UNLISTED} == set(ListingStatus.values) - {
        ListingStatus.LISTED
    }

    landing = listing_search(scout, SearchParams()).facets
    counted_the_long_way = _named_facets(
        _facet_counts(listing_matches(scout, SearchParams())), vocabulary=None
    )
    assert landing == counted_the_long_way
    themes = {f["slug"]: f["count"] for f in landing["theme"]}
    assert themes["intangible-heritage"] == 1  # neither the hidden nor the waiting one


def _version():
    from scouting.models import ListingsVersion

    return ListingsVersion.objects.get(pk=1).token


def test_every_write_to_a_listing_or_its_terms_changes_the_listings_version(world):
    """The triggers of migration 0011, on the database the suite runs on: whatever writes
    (a service, a queryset update, the terms table, a delete), the token changes."""
    heritage, english, law = world
    seen = {_version()}
    Listing.objects.filter(pk=law.pk).update(score=7.5)
    seen.add(_version())
    law.terms.add(*themes("rule-of-law"))
    assert law.terms.filter(slug="rule-of-law").exists()
    seen.add(_version())
    law.terms.clear()
    seen.add(_version())
    Listing.objects.filter(pk=english.pk).delete()
    seen.add(_version())
    assert len(seen) == 5, seen


def test_a_cached_search_sees_every_change_at_once(scout, world):
    from scouting.services.listings import listing_unlist

    heritage, english, law = world
    assert _titles(scout, q="非遗") == ["竹编少年"]
    assert listing_search(scout, SearchParams()).listings.count() == 3
    before = listing_search(scout, SearchParams()).facets
    listing_unlist(actor=heritage.series.owner, listing=heritage)
    assert _titles(scout, q="非遗") == []
    assert listing_search(scout, SearchParams()).listings.count() == 2
    assert listing_search(scout, SearchParams()).facets != before

    Listing.objects.filter(pk=law.pk).update(hidden_until=timezone.localdate())
    assert _titles(scout, q="讨薪") == []


def test_a_cached_search_shows_a_listing_again_the_day_after_its_option_ends(
    scout, world, monkeypatch
):
    heritage, english, law = world
    today = timezone.localdate()
    Listing.objects.filter(pk=law.pk).update(hidden_until=today)
    assert _titles(scout, q="讨薪") == []
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    assert _titles(scout, q="讨薪") == ["法槌之下"]  # no write in between: the day is in the key


def test_a_renamed_term_shows_its_new_name_in_a_cached_search(scout, world):
    from taxonomy.models import Term

    facets = listing_search(scout, SearchParams(q="非遗")).facets
    slug = facets["theme"][0]["slug"]
    Term.objects.filter(kind="theme", slug=slug).update(name_zh="新名字", name_en="New name")
    again = listing_search(scout, SearchParams(q="非遗")).facets
    assert again["theme"][0]["name"] in {"新名字", "New name"}
