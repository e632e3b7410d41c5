"""Reads for scouting: the writer's view of a listing, and search.

Search reads the listing table alone (its snapshot and search text, kept by the listing
services), through `listings_visible_to`: an unlisted or waiting listing is never found,
and nothing the writers kept back can be matched, filtered on or shown.

Matching, per database (docs/scouting.md):

- PostgreSQL: English words through full-text search,
  ``search_english @@ to_tsquery('english', 'word:*')``; a Chinese term of two characters
  through its bigram, of three or more through its character trigrams
  (``search_bigrams @@ '法院走 & 院走廊'``, scouting.search.cjk_tokens); one character
  by substring. ``search_english`` and ``search_bigrams`` are stored generated columns
  with GIN indexes (migration 0005, scouting/search_indexes.py).
- SQLite: FTS5 over ``search_tokens`` (Chinese as character bigrams and trigrams, a
  Chinese term by the same tokens, words as prefixes); a one-character Chinese term by
  substring. Without FTS5 (a SQLite built without it), every term by substring: slower,
  no stemming for English, and a long Chinese term only where it occurs whole.

Relevance is the same on both: where each term is found, a match in the title counting
most, then the logline, then the synopsis. Transparent, and the same answer on either
database.
"""

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache as memoise
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.types import Actor
from courses.models import CertificateStatus
from courses.selectors import certificates_held_by
from incubator.selectors import public_projects
from scouting.models import (
    Brief,
    BriefStatus,
    DealDelivery,
    Listing,
    ListingConsent,
    ListingStatus,
    ListingsVersion,
    Offer,
    OfferTerms,
    Pitch,
    PitchStatus,
    Portfolio,
    ReadEvent,
    ReadRequest,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    ShortlistNote,
)
from scouting.models.listings import not_hidden
from scouting.permissions import (
    briefs_visible_to,
    listings_visible_to,
    offers_visible_to,
    saved_searches_visible_to,
    scouting_studio_ids,
    shortlists_visible_to,
)
from scouting.search import Term, cjk_tokens, fts5_query, query_terms, term_token
from scouting.search_indexes import FTS_TABLE
from scripts_app.models import Series
from scripts_app.permissions import written_series_ids
from taxonomy.models import Term as TaxonomyTerm

TITLE_WEIGHT = 5
FACET_BASE_LIMIT = 10_000_000
# A search by words or terms that finds more listings than this counts its facets on an
# even sample of this many of them, in rank order, and scales the counts up: counting
# every match's terms was the largest part of a common word's search (a third of 80 ms
# for 11,800 matches at 100,000 listings), and the counts guide a scout to narrow the
# search, not to tally. The sample's error is about 1.5 % of the matches at most.
FACET_SAMPLE = 1_000
LOGLINE_WEIGHT = 3
# The listing's text as the indexes read it: never shown, and a few kilobytes a row.
SEARCH_TEXT_FIELDS = ("search_document", "search_tokens")
FTS_SELECT = "SELECT rowid FROM scouting_listing_fts WHERE scouting_listing_fts MATCH %s"


class Sort:
    RELEVANCE = "relevance"
    SCORE = "score"
    NEWEST = "newest"
    # The rise of the median score between the last two reviewed revisions (only listings
    # that show their score have one; the others follow, newest first).
    IMPROVED = "improved"
    CHOICES = (RELEVANCE, SCORE, NEWEST, IMPROVED)


@dataclass(frozen=True)
class SearchParams:
    """A scout's search: the text, filters and order (all optional)."""

    q: str = ""
    themes: Sequence[str] = ()  # slugs
    genres: Sequence[str] = ()
    audiences: Sequence[str] = ()
    language: str = ""
    episodes_min: int | None = None
    episodes_max: int | None = None
    episode_seconds_max: int | None = None
    min_score: float | None = None
    registered: bool = False
    awarded: bool = False
    certified: bool = False
    updated_since: datetime | None = None
    sort: str = Sort.RELEVANCE


@dataclass
class SearchResult:
    # What the page shows, in order: sliced by a paginator (count() and [a:b]).
    listings: "RankedListings | CountedListings"
    terms: list[Term]
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Names what was found under the listings version and the day (None when not cached):
    # what is drawn from it alone (the search page's results) may be cached under it.
    cache_key: str | None = None
    # The facet counts are estimates from an even sample of the matches (a search that
    # found more than FACET_SAMPLE listings); the count of listings found is exact.
    facets_approximate: bool = False


class RankedListings:
    """The listings a search found, ranked once: their ids in order, read in one pass over
    the matches (which the count and the facets then reuse), and each page's rows fetched
    by id with their terms. A paginator slices it like a queryset."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list[Listing]:
        if not isinstance(index, slice):
            raise TypeError("slice the ranked listings, as a paginator does")
        page_ids = self.ids[index]
        rows = (
            Listing.objects.filter(pk__in=page_ids)
            .defer(*SEARCH_TEXT_FIELDS)
            .prefetch_related("terms")
            .in_bulk()
        )
        return [rows[pk] for pk in page_ids if pk in rows]

    def __iter__(self) -> Iterator[Listing]:
        return iter(self[:])


@memoise
def _has_fts5_table(alias: str = "default") -> bool:
    # Asked once per process: the table exists when migration 0002 found FTS5.
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE]
        )
        return cursor.fetchone() is not None


def _substring(term: Term) -> Q:
    return Q(search_document__icontains=term.text)


def _text_match(listings: QuerySet[Listing], terms: list[Term]) -> QuerySet[Listing]:
    if not terms:
        return listings
    if connection.vendor == "postgresql":
        words = [t.text for t in terms if not t.cjk]
        if words:
            tsquery = " & ".join(f"{word}:*" for word in words)
            listings = listings.filter(
                RawSQL(
                    "(numnode(to_tsquery('english'::regconfig, %s)) = 0 OR "
                    "search_english @@ to_tsquery('english'::regconfig, %s))",
                    [tsquery, tsquery],
                    output_field=BooleanField(),
                )
            )
        for term in terms:
            if term.cjk and len(term.text) >= 2:
                # Its bigram, or its trigrams: the index answers it alone.
                listings = listings.filter(
                    RawSQL(
                        "search_bigrams @@ to_tsquery('simple'::regconfig, %s)",
                        [" & ".join(cjk_tokens(term.text))],
                        output_field=BooleanField(),
                    )
                )
            elif term.cjk:
                # One character: by substring (no index helps; few scouts search so).
                listings = listings.filter(search_document__contains=term.text)
        return listings
    if _has_fts5_table():
        match = fts5_query(terms)
        if match:
            listings = listings.filter(
                # The match text is a bound parameter; the table name is a constant.
                pk__in=RawSQL(FTS_SELECT, [match])  # noqa: S611
            )
        for term in terms:
            if term.cjk and len(term.text) < 2:
                listings = listings.filter(_substring(term))
        return listings
    for term in terms:
        listings = listings.filter(_substring(term))
    return listings


def _relevance(terms: list[Term]) -> Any:
    """Where each term is found: in the title (TITLE_WEIGHT), the logline (LOGLINE_WEIGHT),
    the synopsis (1); every listing found matches each term somewhere, the sample at
    least. Only the short fields are read, so ranking thousands of matches stays cheap
    (counting occurrences over whole documents took 0.8 s for 10,000 matches)."""
    total: Any = Value(0)
    for term in terms:
        # Chinese has no case: a plain `contains` spares upper-casing three fields of
        # every match (about a tenth of a two-term search's time at 9,000 matches).
        lookup = "contains" if term.cjk else "icontains"
        for field_name, weight in (("title", TITLE_WEIGHT), ("logline", LOGLINE_WEIGHT),
                                   ("synopsis", 1)):  # fmt: skip
            total = total + Case(
                When(**{f"{field_name}__{lookup}": term.text}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return total


class _Microseconds(Func):
    """A timestamp in microseconds since 1970, exactly (EXTRACT gives a numeric); 0 for
    none, which sorts last."""

    template = "COALESCE((EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint, 0)"
    output_field = BigIntegerField()


# Relevance counts above every listing time in microseconds (2**51 us is in 2041; the
# largest relevance, 9 for each of MAX_TERMS terms, keeps the key under 2**63).
_RELEVANCE_UNIT = 2**51


def _rank_key(terms: list[Term]) -> Any:
    """Relevance, then listing time, as one bigint: PostgreSQL sorts ten thousand matches
    by one integer in a third of the time it takes on a sum of cases, a nullable timestamp
    and the id (15 of 42 ms for 11,800 matches). The order is the same."""
    listed = _Microseconds(F("listed_at"))
    if not terms:
        return listed
    return ExpressionWrapper(
        _relevance(terms) * Value(_RELEVANCE_UNIT) + listed, output_field=BigIntegerField()
    )


def _term_filter(params: SearchParams, listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """Any of the chosen themes, and any of the chosen genres, and any of the audiences.

    The listing's terms ride in its token text (scouting.search.term_token), so where a
    token index exists the filter is a lookup in it, combined with the words' (a join
    through the terms table made PostgreSQL walk a common theme's twelve thousand
    listings in order, reading each one's text: a quarter of a second at 100,000)."""
    chosen = [(kind, list(slugs)) for slugs, kind in ((params.themes, "theme"),
              (params.genres, "genre"), (params.audiences, "audience")) if slugs]  # fmt: skip
    if not chosen:
        return listings
    if connection.vendor != "postgresql" and not _has_fts5_table():
        for kind, slugs in chosen:
            listings = listings.filter(
                pk__in=Listing.terms.through.objects.filter(
                    term__kind=kind, term__slug__in=slugs
                ).values("listing_id")
            )
        return listings
    wanted = Q()
    for kind, slugs in chosen:
        wanted |= Q(kind=kind, slug__in=slugs)
    ids: dict[str, list[int]] = {kind: [] for kind, _ in chosen}
    for kind, pk in TaxonomyTerm.objects.filter(wanted).values_list("kind", "pk"):
        ids[kind].append(pk)
    if not all(ids.values()):
        return listings.none()  # a kind none of whose chosen terms exists
    groups = [[term_token(pk) for pk in sorted(pks)] for pks in ids.values()]
    if connection.vendor == "postgresql":
        tsquery = " & ".join("(" + " | ".join(group) + ")" for group in groups)
        return listings.filter(
            RawSQL(
                "search_bigrams @@ to_tsquery('simple'::regconfig, %s)",
                [tsquery],
                output_field=BooleanField(),
            )
        )
    match = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    # The match text is built of term tokens (letters and digits); the table is a constant.
    return listings.filter(pk__in=RawSQL(FTS_SELECT, [match]))  # noqa: S611


def _filtered(params: SearchParams, listings: QuerySet[Listing]) -> QuerySet[Listing]:
    listings = _term_filter(params, listings)
    if params.language:
        listings = listings.filter(language=params.language)
    if params.episodes_min is not None:
        listings = listings.filter(episodes_written__gte=params.episodes_min)
    if params.episodes_max is not None:
        listings = listings.filter(episodes_written__lte=params.episodes_max)
    if params.episode_seconds_max is not None:
        listings = listings.filter(target_episode_seconds__lte=params.episode_seconds_max)
    if params.min_score is not None:
        listings = listings.filter(score__gte=params.min_score)
    if params.registered:
        listings = listings.filter(registry_number__isnull=False)
    if params.awarded:
        listings = listings.filter(awarded=True)
    if params.certified:
        listings = listings.filter(certificate_holder=True)
    if params.updated_since is not None:
        listings = listings.filter(refreshed_at__gte=params.updated_since)
    return listings


# The orders a search read whole sorts by one bigint (_rank_key) on PostgreSQL.
ONE_KEY_SORTS = (Sort.RELEVANCE, Sort.NEWEST)


def _ordered(
    listings: QuerySet[Listing], params: SearchParams, terms: list[Term], *, ranked: bool = False
) -> QuerySet[Listing]:
    """The matches in the search's order. `ranked`: read whole to rank them (not paged
    through an index), so on PostgreSQL relevance and newest sort by one key."""
    if ranked and connection.vendor == "postgresql" and params.sort in ONE_KEY_SORTS:
        by_relevance = terms if params.sort == Sort.RELEVANCE else []
        return listings.annotate(rank_key=_rank_key(by_relevance)).order_by("-rank_key", "-pk")
    newest: list[Any] = [F("listed_at").desc(nulls_last=True), "-pk"]
    if params.sort == Sort.SCORE:
        return listings.order_by(F("score").desc(nulls_last=True), *newest)
    if params.sort == Sort.IMPROVED:
        return listings.order_by(F("improvement").desc(nulls_last=True), *newest)
    if params.sort == Sort.RELEVANCE and terms:
        return listings.annotate(relevance=_relevance(terms)).order_by("-relevance", *newest)
    return listings.order_by(*newest)


def listing_matches(user: Actor, params: SearchParams) -> QuerySet[Listing]:
    """Every listing the search finds for this person, unordered (saved searches compare
    it with what they sent)."""
    return _filtered(params, _text_match(listings_visible_to(user), query_terms(params.q)))


def listing_search(
    user: Actor,
    params: SearchParams,
    *,
    use_cache: bool = True,
    vocabulary: list[TaxonomyTerm] | None = None,
) -> SearchResult:
    """The listings a scout finds, ordered, a page at a time (a paginator slices
    `listings`: one query for the page's rows, one for their terms), and the facets.

    A search by words or terms reads its matches once: their ids in order
    (RankedListings), from which the count is taken and the facets grouped; matching a
    word reads each found listing's text, which three passes (rows, count, facets) did
    three times. Without words or terms the indexes order the listed rows and the count
    and facets are taken apart.

    What a search finds is the same for every scout (`listings_visible_to`), so the ids,
    the count and the facets are cached under the listings version (which changes with
    every write to a listing or its terms) and the day (an option's end shows a listing
    again with no write): the same search by many scouts, or page after page, costs one
    pass. `use_cache=False` always asks the database (the benchmarks); `vocabulary`
    (search_vocabulary) names the facets without reading the terms again."""
    terms = query_terms(params.q)
    visible = listings_visible_to(user)
    matching = _filtered(params, _text_match(visible, terms))
    narrowed = bool(terms or params.themes or params.genres or params.audiences)
    ordered = _ordered(matching, params, terms, ranked=narrowed)
    # Only a scout's searches are cached (anyone else finds nothing, and asks nothing).
    key = _cache_key(params) if use_cache and not visible.query.is_empty() else None
    found: dict[str, Any] | None = cache.get(key) if key else None
    if found is None:
        found = _found(params, matching, ordered, narrowed=narrowed)
        if key:
            cache.set(key, found, SEARCH_CACHE_SECONDS)
    listings: RankedListings | CountedListings
    if found["ids"] is not None:
        listings = RankedListings(found["ids"])
    else:
        listings = CountedListings(
            ordered.defer(*SEARCH_TEXT_FIELDS).prefetch_related("terms"), found["count"]
        )
    return SearchResult(
        listings=listings,
        terms=terms,
        facets=_named_facets(found["facets"], vocabulary),
        cache_key=key,
        facets_approximate=found.get("facets_approximate", False),
    )


SEARCH_CACHE_SECONDS = 15 * 60


def _cache_key(params: SearchParams) -> str:
    version = next(iter(ListingsVersion.objects.filter(pk=1).values_list("token", flat=True)), 0)
    fields = {
        name: sorted(value) if isinstance(value, (list, tuple)) else value
        for name, value in asdict(params).items()
    }
    digest = hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()[:32]
    return f"scouting:search:{version}:{timezone.localdate().isoformat()}:{digest}"


def _found(
    params: SearchParams,
    matching: QuerySet[Listing],
    ordered: QuerySet[Listing],
    *,
    narrowed: bool,
) -> dict[str, Any]:
    """What a search found, in plain data (cacheable): the ids in order for a narrowed
    search (None otherwise), the count, and (term id, count) per theme and genre."""
    if matching.query.is_empty():
        return {"ids": [] if narrowed else None, "count": 0, "facets": []}
    if narrowed:
        ids, facets, sampled = _ranked_ids_and_facets(ordered)
        if sampled < len(ids):
            facets = [(term_id, _estimate(n * len(ids) / sampled)) for term_id, n in facets]
        return {
            "ids": ids,
            "count": len(ids),
            "facets": facets,
            "facets_approximate": sampled < len(ids),
        }
    if params == SearchParams(sort=params.sort):
        # The landing page: every findable listing.
        return {"ids": None, "count": matching.count(), "facets": _facet_counts_of_everything()}
    return {"ids": None, "count": matching.count(), "facets": _facet_counts(matching)}


class CountedListings:
    """An ordered queryset of listings whose count is known already: a paginator slices
    it like the queryset and takes the count from here."""

    def __init__(self, ordered: QuerySet[Listing], count: int) -> None:
        # Not `self.ordered`: Paginator reads an `ordered` attribute as a queryset's flag,
        # and asking a queryset for its truth reads every row.
        self._listings = ordered
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> list[Listing]:
        if not isinstance(index, slice):
            raise TypeError("slice the listings, as a paginator does")
        return list(self._listings[index])

    def __iter__(self) -> Iterator[Listing]:
        return iter(self._listings)


def _facet_counts(listings: QuerySet[Listing]) -> list[tuple[int, int]]:
    """How many of the matching listings carry each term: one query."""
    # The LIMIT (above any catalogue's size) keeps the matching listings a subquery of
    # their own: flattened into the join, PostgreSQL misjudged how many match a common
    # word and re-ran the text match for every listing of every theme (9 s at 100,000
    # listings; 0.13 s so).
    try:
        sql, params = listings.order_by().values("pk")[:FACET_BASE_LIMIT].query.sql_with_params()
    except EmptyResultSet:  # a search that can find nothing (not a scout, an unknown term)
        return []
    return _facet_counts_of(f"listing_id IN ({sql})", list(params))


def _sample_step(found: int) -> int:
    """Every how many matches (in rank order) the facets are counted on."""
    return max(1, -(-found // FACET_SAMPLE))


def _estimate(count: float) -> int:
    """A scaled-up count, to two significant digits (it claims no more)."""
    rounded = int(round(count, 2 - len(str(int(count))))) if count >= 100 else round(count)
    return max(1, rounded)


def _ranked_ids_and_facets(
    ordered: QuerySet[Listing],
) -> tuple[list[int], list[tuple[int, int]], int]:
    """The ids of the matches in order; how many of the sampled ones carry each term; and
    how many were sampled (every match when there are FACET_SAMPLE or fewer). Two
    queries: the ids alone, then the sample's terms by id (counting from the rows the
    ids were read from, in one statement, took longer for ten thousand matches)."""
    ids = list(ordered.values_list("pk", flat=True))
    sample = ids[:: _sample_step(len(ids))]
    return ids, _facet_counts_of_ids(sample), len(sample)


def _facet_counts_of_ids(ids: list[int]) -> list[tuple[int, int]]:
    if not ids:
        return []
    if connection.vendor == "postgresql":
        return _facet_counts_of("listing_id = ANY(%s)", [ids])
    # One parameter whatever the number of ids (SQLite allows 32,766 at most).
    return _facet_counts_of("listing_id IN (SELECT value FROM json_each(%s))", [json.dumps(ids)])


# The matching listings' terms counted by id (the names come from the vocabulary:
# counting through the join to the terms took twice as long, 29 against 12 ms for 10,000
# matches). `found` is a condition on scouting_listing_terms.listing_id.
FACET_COUNTS_SQL = """
    SELECT term_id, COUNT(*) AS n FROM scouting_listing_terms WHERE {found} GROUP BY term_id
"""


def _facet_counts_of_everything() -> list[tuple[int, int]]:
    """The facets of every listing a scout may find (a search by nothing): the whole terms
    table counted, leaving out the few listings nobody finds (not listed, or hidden by an
    exclusive option today); asking which listings are found would read all of them
    (154 against 35 ms at 100,000 listings)."""
    not_listed = [ListingStatus.PENDING, ListingStatus.UNLISTED]
    found = (
        "listing_id NOT IN (SELECT id FROM scouting_listing WHERE status IN (%s, %s) "
        "UNION ALL SELECT id FROM scouting_listing WHERE status = %s AND hidden_until >= %s)"
    )
    return _facet_counts_of(found, [*not_listed, ListingStatus.LISTED, timezone.localdate()])


def _facet_counts_of(found: str, params: list[Any]) -> list[tuple[int, int]]:
    with connection.cursor() as cursor:
        # `found` is built here from a constant or Django's own compiled SQL; values are
        # bound parameters.
        cursor.execute(FACET_COUNTS_SQL.format(found=found), params)
        return [(term_id, count) for term_id, count in cursor.fetchall()]


FACET_KINDS = ("theme", "genre")
VOCABULARY_KINDS = ("theme", "genre", "audience")


def search_vocabulary() -> list[TaxonomyTerm]:
    """The terms a search filters by and counts (the active themes, genres and audiences),
    read once for a page's filter form and its facets."""
    return list(
        TaxonomyTerm.objects.filter(kind__in=VOCABULARY_KINDS, is_active=True).only(
            "kind", "slug", "name_zh", "name_en"
        )
    )


def _named_facets(
    counts: list[tuple[int, int]], vocabulary: list[TaxonomyTerm] | None
) -> dict[str, list[dict[str, Any]]]:
    """The theme and genre counts with the terms' names (read each time: a renamed term
    shows its new name in a cached search), most frequent first. A retired term is not
    offered as a facet, as the filter form does not offer it."""
    facets: dict[str, list[dict[str, Any]]] = {kind: [] for kind in FACET_KINDS}
    if not counts:
        return facets
    count_of = dict(counts)
    terms = search_vocabulary() if vocabulary is None else vocabulary
    named = [term for term in terms if term.kind in FACET_KINDS and term.pk in count_of]
    for term in sorted(named, key=lambda t: (-count_of[t.pk], t.slug)):
        facets[term.kind].append({"slug": term.slug, "name": term.name, "count": count_of[term.pk]})
    return facets


# --- The writer's side ----------------------------------------------------------------


def listing_of(series: Series) -> Listing | None:
    return Listing.objects.filter(series=series).first()


def listing_consents(listing: Listing) -> QuerySet[ListingConsent]:
    return listing.consents.select_related("user").order_by("pk")


# --- Shortlists and saved searches --------------------------------------------------------


def shortlists_of(user: Actor) -> QuerySet[Shortlist]:
    """The shortlists of the studios the user scouts for, with their entry counts."""
    return (
        shortlists_visible_to(user)
        .select_related("studio")
        .annotate(entry_count=Count("entries"))
        .order_by("studio__slug", "name", "pk")
    )


def shortlist_entries(shortlist: Shortlist, *, status: str = "") -> QuerySet[ShortlistEntry]:
    """A shortlist's entries (newest first), with their listing, who added them, and
    their notes and authors prefetched: three queries whatever the number. Whether an
    entry's listing is still listed is the caller's to show (`entry.listing.status`)."""
    entries = (
        shortlist.entries.select_related("listing", "added_by")
        # The page shows a listing's title, logline and score: not its sample or the
        # search text (about 8 KB a listing, most of it read from TOAST).
        .defer(*(f"listing__{name}" for name in ("sample_text", *SEARCH_TEXT_FIELDS)))
        .prefetch_related(
            Prefetch("notes", queryset=ShortlistNote.objects.select_related("author"))
        )
    )
    if status:
        entries = entries.filter(status=status)
    return entries.order_by("-added_at", "-pk")


def saved_searches_of(user: Actor) -> QuerySet[SavedSearch]:
    return saved_searches_visible_to(user).order_by("name", "pk")


# --- Public writer portfolios -------------------------------------------------------------

# "Boutique recommended": two or more completed reviews whose median overall score is at
# least 8 on the Boutique Standard's 1–10 scale (reviews.boutique_standard.SCALE; the
# overall is the weighted mean of the criterion scores, reviews.scoring.overall). Read from
# the listing's snapshot (score and review count), so a writer who hides the score shows
# no badge either.
BOUTIQUE_MIN_REVIEWS = 2
BOUTIQUE_MIN_SCORE = 8.0
PORTFOLIO_ITEMS_SHOWN = 100


def is_boutique_recommended(listing: Listing) -> bool:
    return (
        listing.score is not None
        and (listing.review_count or 0) >= BOUTIQUE_MIN_REVIEWS
        and listing.score >= BOUTIQUE_MIN_SCORE
    )


@dataclass
class PortfolioPage:
    portfolio: Portfolio
    listings: list[Listing]
    certificates: list[Any]
    awards: list[Any]


def portfolio_page(portfolio: Portfolio) -> PortfolioPage:
    """What a public portfolio shows: the snapshots of the writer's listed series (owner or
    co-writer; a waiting or unlisted listing never), their valid certificates and the fund
    awards shown publicly where they lead. Four queries whatever the numbers."""
    writer_id = portfolio.user_id
    listings = list(
        Listing.objects.filter(
            not_hidden(),
            status=ListingStatus.LISTED,
            series_id__in=written_series_ids(portfolio.user),
        )
        .prefetch_related("terms")
        .order_by(F("listed_at").desc(nulls_last=True), "-pk")[:PORTFOLIO_ITEMS_SHOWN]
    )
    for listing in listings:
        listing.boutique_recommended = is_boutique_recommended(listing)  # type: ignore[attr-defined]
    certificates = list(
        certificates_held_by(portfolio.user).filter(status=CertificateStatus.ISSUED)[
            :PORTFOLIO_ITEMS_SHOWN
        ]
    )
    awards = list(public_projects().filter(application__lead_id=writer_id)[:PORTFOLIO_ITEMS_SHOWN])
    return PortfolioPage(
        portfolio=portfolio, listings=listings, certificates=certificates, awards=awards
    )


def portfolio_of(user: Actor) -> Portfolio | None:
    if user.pk is None:
        return None
    return Portfolio.objects.filter(user_id=user.pk).first()


# Reads ---------------------------------------------------------------------------------


def studio_reads(user: Any) -> QuerySet[ReadRequest]:
    """The reads of the studios this person scouts for and those naming them as a reader,
    newest first (their list)."""
    named = ReadRequest.readers.through.objects.filter(user_id=user.pk).values("readrequest_id")
    return (
        ReadRequest.objects.filter(Q(studio_id__in=scouting_studio_ids(user)) | Q(pk__in=named))
        .select_related("series", "studio", "requested_by")
        .order_by("-created_at", "-pk")
    )


def series_reads(series: Any) -> QuerySet[ReadRequest]:
    """A series' reads, newest first (for its writers)."""
    return (
        ReadRequest.objects.filter(series=series)
        .select_related("series", "studio", "requested_by")
        .order_by("-created_at", "-pk")
    )


def series_trail(series: Any) -> QuerySet[ReadEvent]:
    """Every view and download of a series' reads, newest first."""
    return (
        ReadEvent.objects.filter(read__series=series)
        .select_related("user", "read__studio")
        .order_by("-created_at", "-pk")
    )


def read_trail(read: Any) -> QuerySet[ReadEvent]:
    return ReadEvent.objects.filter(read=read).select_related("user", "read__studio")


# --- A listing as a scout sees it ------------------------------------------------------

LISTING_READS_SHOWN = 20


def listing_shortlist_entries(user: Actor, listing: Listing) -> QuerySet[ShortlistEntry]:
    """Where this listing stands on the shortlists of the studios the user scouts for."""
    return (
        ShortlistEntry.objects.filter(listing=listing, shortlist__in=shortlists_visible_to(user))
        .select_related("shortlist__studio")
        .order_by("shortlist__studio__slug", "shortlist__name", "pk")
    )


def listing_offers(user: Actor, listing: Listing) -> QuerySet[Offer]:
    """The offers the studios the user scouts for made on this listing's series."""
    return (
        Offer.objects.filter(series_id=listing.series_id, studio_id__in=scouting_studio_ids(user))
        .select_related("studio")
        .order_by("-created_at", "-pk")
    )


def listing_reads(user: Actor, listing: Listing) -> QuerySet[ReadRequest]:
    """The reads of this listing asked by the studios the user scouts for (newest first)."""
    return (
        ReadRequest.objects.filter(listing=listing, studio_id__in=scouting_studio_ids(user))
        .select_related("studio")
        .order_by("-created_at", "-pk")
    )


# Offers and deals ----------------------------------------------------------------------


def offers_of(user: Any) -> QuerySet[Offer]:
    """The offers this person sees (their studios', on their series and pitches), newest
    first, with the studio, series, pitch, deal and versions: three queries."""
    return (
        offers_visible_to(user)
        .select_related("studio", "series", "pitch", "deal")
        .prefetch_related(Prefetch("versions", queryset=OfferTerms.objects.order_by("-version")))
        .order_by("-created_at", "-pk")
    )


# Briefs and pitches ----------------------------------------------------------------------


def briefs_list(user: Actor) -> QuerySet[Brief]:
    """The briefs a person sees in the list: open ones whose deadline is ahead, and every
    brief of the studios they scout for (drafts and closed ones too), soonest deadline
    first, each with its studio and how many pitches it received (drafts not counted)."""
    visible = briefs_visible_to(user).filter(
        ~Q(status=BriefStatus.OPEN) | Q(deadline__gt=timezone.now())
    )
    return (
        visible.select_related("studio")
        .annotate(pitch_count=Count("pitches", filter=~Q(pitches__status=PitchStatus.DRAFT)))
        .order_by("deadline", "pk")
    )


def brief_pitches(brief: Brief, status: str = "") -> QuerySet[Pitch]:
    """The pitches the brief's studio sees (never drafts), newest first."""
    pitches = Pitch.objects.filter(brief=brief).exclude(status=PitchStatus.DRAFT)
    if status:
        pitches = pitches.filter(status=status)
    return pitches.select_related("author", "series").order_by("-submitted_at", "-pk")


def my_pitches(user: Actor) -> QuerySet[Pitch]:
    """A writer's own pitches, newest first, with their brief and its studio."""
    return (
        Pitch.objects.filter(author_id=user.pk)
        .select_related("brief__studio", "series")
        .order_by("-created_at", "-pk")
    )


def offer_versions(offer: Any) -> list[OfferTerms]:
    """An offer's versions, newest first, with who proposed each."""
    return list(offer.versions.select_related("proposed_by").order_by("-version"))


def deal_deliveries(deal: Any) -> QuerySet[DealDelivery]:
    return deal.deliveries.select_related("delivered_by", "feedback_by").order_by(
        "delivered_at", "pk"
    )


def offers_of_one(pk: int) -> Offer:
    """One offer (already checked by permissions.get_offer_for) with its versions."""
    return (
        Offer.objects.select_related("studio", "series", "pitch", "deal")
        .prefetch_related(Prefetch("versions", queryset=OfferTerms.objects.order_by("-version")))
        .get(pk=pk)
    )
