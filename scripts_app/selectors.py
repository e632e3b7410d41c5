import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts.models import User
from core import sql
from core.limits import parse_bounded_int
from core.memberships import members_of
from core.permissions import is_signed_in
from core.selectors import user_counts
from core.types import Actor
from scripts_app.diffing import RevisionDiff, diff_texts
from scripts_app.models import (
    Collaborator,
    CollaboratorRole,
    MergeConflict,
    Revision,
    ScriptChunk,
    Series,
)
from scripts_app.models.revisions import MergeConflictStatus
from scripts_app.permissions import (
    series_ids_of,
    series_row_visible,
    series_visible_count,
    series_visible_to,
)
from taxonomy.models import Term


def series_list_for(user: Actor, *, scope: str = "mine") -> QuerySet[Series]:
    """The writer's desk: series they own or collaborate on ("mine"), or all they may read,
    the latest edited first, with their owners and heads.

    Lists find and count their series here; a page's full rows, with their terms and
    collaborators, come from `series_rows_for` (with core.pagination.NarrowFirst).
    """
    if not is_signed_in(user):
        return Series.objects.none()
    if scope == "mine":
        series = Series.objects.filter(pk__in=series_ids_of(user))
    else:
        series = series_visible_to(user)
    return _series_columns(series, user).order_by("-updated_at")


def _series_columns(
    series: QuerySet[Series], user: Actor, *, heads: bool = True
) -> QuerySet[Series]:
    series = series.annotate(
        viewer_is_owner=ExpressionWrapper(Q(owner_id=user.pk), output_field=BooleanField())
    )
    if not heads:
        return series.select_related("owner")
    # A list shows the head's number and date, never its chunk list or parsed summary.
    return series.select_related("owner", "head").defer("head__chunk_ids", "head__stats")


def series_rows_for(
    user: Actor,
    *,
    scope: str = "mine",
    heads: bool = True,
    terms: bool = True,
    collaborators: bool = True,
) -> Callable[[list[int]], list[Series]]:
    """How to load the full rows of some series of `series_list_for(user, scope=scope)`
    from their ids (a page's, for core.pagination.NarrowFirst): with owners and (unless
    not `heads`) head revisions, and as lists on each series their terms (`theme_list`,
    `genre_list`, `audience_list`, see `series_terms_attach`) and collaborators with their
    names (`collaborator_list`). A list asks only for what it shows.

    The rows are checked against the list's rule row by row (`series_row_visible`):
    re-filtering them by the list's set made PostgreSQL build a busy writer's whole set
    of 1,100 series again for the page's 24.
    """

    def rows(ids: list[int]) -> list[Series]:
        if not is_signed_in(user):
            return []
        series = _series_columns(
            Series.objects.filter(pk__in=ids).filter(
                series_row_visible(user, mine_only=scope == "mine")
            ),
            user,
            heads=heads,
        )
        if collaborators:
            # As lists on each series: prefetching into the related managers builds a
            # manager and a filtered queryset per series, which cost more than the query.
            series = series.prefetch_related(
                Prefetch(
                    "collaborators",
                    queryset=Collaborator.objects.select_related("user").only(
                        "series", "user", "user__display_name_zh", "user__display_name_en"
                    ),
                    to_attr="collaborator_list",
                )
            )
        found = list(series)
        if terms:
            series_terms_attach(found)
        return found

    return rows


# Each relation of a series to its terms, and the list it is attached as.
_TERM_LISTS = (("themes", "theme_list"), ("genres", "genre_list"), ("audiences", "audience_list"))
# The terms' own order (Term.Meta.ordering), which prefetching them kept.
_TERM_ORDER = ("kind", "position", "slug")
# The columns of a term that lists show (in the model's field order, for Term.from_db).
_TERM_COLUMNS = ("id", "kind", "slug", "name_zh", "name_en", "position")


def series_terms_attach(series: list[Series]) -> None:
    """Attach each series' themes, genres and audiences as lists (`theme_list`,
    `genre_list`, `audience_list`), each in the terms' own order, read in one query for
    all the series: a UNION ALL of the three relations' tables, joined to the terms (three
    prefetches were three queries, 2.8 ms of CPU for a page of 24; as one ORM union of
    three joins 1.9 ms to build; written out, 0.3 ms). The terms hold the columns lists
    show; any other is read when asked for, as with `.only()`."""
    for one in series:
        for _relation, attr in _TERM_LISTS:
            setattr(one, attr, [])
    if not series:
        return
    by_pk = {one.pk: one for one in series}
    ids = list(by_pk)
    with connection.cursor() as cursor:
        cursor.execute(_terms_sql(len(ids)), ids * len(_TERM_LISTS))
        found = cursor.fetchall()
    made: dict[int, Term] = {}
    for index, series_id, *values in found:
        term = made.get(values[0])
        if term is None:
            term = made[values[0]] = Term.from_db(Term.objects.db, _TERM_COLUMNS, values)
        getattr(by_pk[series_id], _TERM_LISTS[index][1]).append(term)


def _terms_sql(count: int) -> str:
    """`series_terms_attach`'s query for `count` series (core.sql: names from the models,
    the ids as parameters)."""
    marks = ", ".join(["%s"] * count)
    sides = []
    for index, (relation, _attr) in enumerate(_TERM_LISTS):
        through = getattr(Series, relation).through
        series_id = sql.column(through, "series", qualified=False)
        term_id = sql.column(through, "term", qualified=False)
        sides.append(
            f"SELECT {index} AS relation, {series_id} AS series_id, {term_id} AS term_id "  # noqa: S608 - see core.sql
            f"FROM {sql.table(through)} WHERE {series_id} IN ({marks})"
        )
    columns = ", ".join(sql.column(Term, name) for name in _TERM_COLUMNS)
    order = ", ".join(sql.column(Term, name) for name in _TERM_ORDER)
    return (
        f"SELECT linked.relation, linked.series_id, {columns} "  # noqa: S608 - see core.sql
        f"FROM ({' UNION ALL '.join(sides)}) linked "
        f"JOIN {sql.table(Term)} ON {sql.column(Term, 'id')} = linked.term_id ORDER BY {order}"
    )


# The series fields of each term kind (a Term is a theme, a genre or an audience).
_TERM_FIELDS = {"theme": "themes", "genre": "genres", "audience": "audiences"}


def series_on_term(user: Actor, term: Any) -> QuerySet[Series]:
    """Series tagged with `term` that `user` may read, the latest edited first, with their
    owners (one query a page; the list never needs the revisions' text)."""
    field = _TERM_FIELDS.get(term.kind)
    if field is None:
        return Series.objects.none()
    return (
        series_visible_to(user)
        .filter(**{field: term})
        .select_related("owner")
        .only(
            "pk",
            "title",
            "logline",
            "format",
            "episodes_written",
            "planned_episodes",
            "updated_at",
            "owner__display_name_zh",
            "owner__display_name_en",
        )  # fmt: skip
        .order_by("-updated_at", "-pk")
    )


def series_ids_recent_first(
    user: Actor, *, scope: str = "mine"
) -> Callable[[int, int], list[int]] | None:
    """How to find the ids of rows start to stop of `series_list_for(user, scope=scope)`
    cheaper than off that list's filter (for core.pagination.NarrowFirst), or None where
    the list's own filter is cheapest.

    "mine": the writer's first `stop` own series off the (owner, updated_at, id) index
    and their first `stop` shared ones (not their own), merged by date in one query;
    `pk IN (their ids) ORDER BY updated_at` walked the series index comparing each row with
    every id (8 ms for a writer with 1,100 series). "all" is cut off the updated_at index
    directly (most series there are open to members).
    """
    if scope != "mine" or not is_signed_in(user):
        return None

    def ids(start: int, stop: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                _recent_ids_sql(), [user.pk, stop, user.pk, user.pk, stop, stop - start, start]
            )
            return [pk for (pk,) in cursor.fetchall()]

    return ids


@functools.cache
def _recent_ids_sql() -> str:
    """`series_ids_recent_first`'s query (core.sql: names from the models, values as
    parameters): each side's newest `stop` off its own index, then merged. Written out:
    Django refuses a UNION of sides cut and sorted, on PostgreSQL, and as two ORM queries
    it cost 1.2 ms of CPU to build; without the cuts SQLite would read every row."""
    s, c = Series, Collaborator
    table, col = sql.table, sql.column
    newest = f"ORDER BY {col(s, 'updated_at')} DESC, {col(s, 'id')} DESC LIMIT %s"
    return (
        f"SELECT id FROM ("  # noqa: S608 - see core.sql
        f"SELECT id, updated_at FROM (SELECT {col(s, 'id')} AS id, {col(s, 'updated_at')} "
        f"AS updated_at FROM {table(s)} WHERE {col(s, 'owner')} = %s {newest}) owned "
        f"UNION ALL "
        f"SELECT id, updated_at FROM (SELECT {col(s, 'id')} AS id, {col(s, 'updated_at')} "
        f"AS updated_at FROM {table(s)} JOIN {table(c)} ON {col(c, 'series')} = {col(s, 'id')} "
        f"WHERE {col(c, 'user')} = %s AND {col(s, 'owner')} <> %s {newest}) shared"
        f") mine ORDER BY updated_at DESC, id DESC LIMIT %s OFFSET %s"
    )


def series_count_for(user: Actor, *, scope: str = "mine") -> int:
    """How many series `series_list_for` holds, without a scan of every series."""
    if not is_signed_in(user):
        return 0
    if scope == "mine":
        # Two index counts in one query: an owner is never also a collaborator of their
        # own series (series services refuse it), so the two sets do not overlap.
        counts = user_counts(
            user,
            owned=Series.objects.filter(owner_id=OuterRef("pk")),
            shared=Collaborator.objects.filter(user_id=OuterRef("pk")).exclude(
                series__owner_id=OuterRef("pk")
            ),
        )
        return counts["owned"] + counts["shared"]
    return series_visible_count(user)


def series_collaborators(series: Series) -> QuerySet[Collaborator]:
    """Co-writers and readers with their accounts, by role: one query."""
    return members_of(Collaborator, series)


def series_people(series: Series) -> list[User]:
    """The owner and every collaborator: who hears about milestones and comments."""
    return [series.owner, *(collaborator.user for collaborator in series_collaborators(series))]


def open_conflicts(series: Series) -> QuerySet[MergeConflict]:
    """The series' unresolved overlaps, oldest first, with what their pages show."""
    return (
        MergeConflict.objects.filter(series=series, status=MergeConflictStatus.OPEN)
        .select_related("created_by", "ours", "theirs")
        .order_by("created_at", "pk")
    )


def open_conflicts_summary(series: Series, viewer: Actor) -> list[dict[str, Any]]:
    """Open conflicts as the editor's banners and the API show them."""
    return [
        {
            "id": conflict.pk,
            "url": reverse("scripts:conflict_detail", args=[series.pk, conflict.pk]),
            "mine": conflict.created_by_id == viewer.pk,
            "by": conflict.created_by.display_name if conflict.created_by else "",
            "ours": conflict.ours.number,
            "theirs": conflict.theirs.number,
        }
        for conflict in open_conflicts(series)
    ]


def revision_requested(series: Series, number: str) -> Revision | None:
    """The revision a page was asked for with ?revision=N (404 if there is none), else the head."""
    parsed = parse_bounded_int(number)
    return get_revision(series, parsed) if parsed is not None else series.head


# The counters of a revision's parsed summary that lists show (its outline is not one).
STAT_COUNTERS = ("episodes", "scenes", "words", "chars", "runtime_seconds")


def revisions_of(series: Series) -> QuerySet[Revision]:
    """A series' revisions, newest first, as narrow rows for lists.

    The summary's counters come out of the database as `counters` (a small JSON object
    built in SQL); the summary itself, with the outline of every episode, and the chunk
    list stay there. The parent's number is `parent_number`.
    """
    return (
        Revision.objects.filter(series=series)
        .select_related("author")
        .defer("stats", "chunk_ids")
        .annotate(
            counters=JSONObject(**{name: KeyTransform(name, "stats") for name in STAT_COUNTERS}),
            parent_number=F("parent__number"),
        )
        .order_by("-number")
    )


def revision_text(revision: Revision) -> str:
    return revision_texts([revision])[revision.pk]


def revision_texts(revisions: Iterable[Revision]) -> dict[int, str]:
    """Texts of several revisions with one query for all their chunks."""
    revisions = list(revisions)
    wanted = {chunk_id for revision in revisions for chunk_id in revision.chunk_ids}
    texts = dict(ScriptChunk.objects.filter(pk__in=wanted).values_list("pk", "text"))
    return {r.pk: "".join(texts[chunk_id] for chunk_id in r.chunk_ids) for r in revisions}


def get_revision(series: Series, number: int) -> Revision:

    return get_object_or_404(
        Revision.objects.select_related("author"), series=series, number=number
    )


# Diffs are kept a day: two revisions never change, and people compare the same pair
# again and again while they work on it.
DIFF_CACHE_SECONDS = 24 * 3600


def revisions_diff(old: Revision, new: Revision, fmt: str) -> RevisionDiff:
    """The diff between two revisions of a series, computed once per pair and kept.

    Revisions are immutable and named by the hash of their text, so the pair of hashes
    (and the format) names the diff: it can never go stale.
    """
    # The version names the shape of the cached objects: bump it when RevisionDiff changes.
    key = f"diff:v2:{fmt}:{old.sha256}:{new.sha256}"
    diff = cache.get(key)
    if diff is None:
        texts = revision_texts([old, new])
        diff = diff_texts(texts[old.pk], texts[new.pk], fmt)
        cache.set(key, diff, DIFF_CACHE_SECONDS)
    return diff


def writer_ids(series: Any) -> set[int]:
    """The owner and the co-writers of a series (one query): who writes it, for the apps
    that name authors (registry), hide them (blind review) or count them (course groups)."""
    cowriters = Collaborator.objects.filter(series=series, role=CollaboratorRole.COWRITER)
    return {series.owner_id, *cowriters.values_list("user_id", flat=True)}
