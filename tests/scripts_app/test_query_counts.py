"""Workspace lists: the query count must not grow with series, revisions or comments."""

import pytest

from scripts_app.models import Collaborator
from scripts_app.services.comments import comment_create
from scripts_app.services.revisions import revision_save
from scripts_app.services.transfer import export_request
from taxonomy.models import Term
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("scripts:series_list", "api-series-list")
def test_series_list_page_and_endpoint(client):
    writer = UserFactory()
    client.force_login(writer)
    theme, genre = Term.objects.themes().first(), Term.objects.genres().first()

    def add_series(k):
        for _ in range(k):
            series = make_series(owner=writer)
            series.themes.add(theme)
            series.genres.add(genre)
            add_collaborator(series)
            other = make_series()
            Collaborator.objects.create(series=other, user=writer, role="reader")

    # The page count (the desk is paginated) as two index counts in one query, and the
    # page's ids on narrow rows before its full rows (core.pagination.NarrowFirst): own
    # and shared series ids two index reads in one query; the page's themes, genres and
    # audiences one query (the API lists no collaborators).
    assert_constant_queries(add_series, lambda: client.get("/scripts/"), expected=8)
    assert_constant_queries(add_series, lambda: client.get("/api/v1/series/"), expected=6)


@pytest.mark.measures("scripts:revision_list", "api-series-revisions", "scripts:series_detail")
def test_revision_list_page_and_endpoint(client):
    series = make_series()
    client.force_login(series.owner)
    counter = iter(range(10_000))

    def save(k):
        for _ in range(k):
            series.refresh_from_db()
            revision_save(
                actor=series.owner,
                series=series,
                text=ZH_TWO_EPISODES + str(next(counter)),
                base=series.head,
            )

    assert_constant_queries(
        # One query for the registry's "Registered: entry No. N" links of the whole page.
        save,
        lambda: client.get(f"/scripts/{series.pk}/revisions/"),
        expected=7,
    )
    assert_constant_queries(
        save, lambda: client.get(f"/api/v1/series/{series.pk}/revisions/"), expected=5
    )
    # The overview shows the five latest revisions and the milestones: a bounded extract.
    # 12: scouting's series action reads the deal in force ("Optioned until …"), one query.
    assert_constant_queries(
        save, lambda: client.get(f"/scripts/{series.pk}/"), bounded=True, expected=12
    )


@pytest.mark.measures("scripts:series_read", "api-series-comments")
def test_comments_on_the_read_page_and_endpoint(client):
    series = make_series()
    client.force_login(series.owner)

    def comment(k):
        for _ in range(k):
            comment_create(
                actor=add_collaborator(series, role="reader"),
                revision=series.head,
                line=7,
                body="嗯",
            )

    # The text is read only for a screenplay not cached yet, or for comments made on an
    # earlier revision (these are on the current one): 5 and 4.
    assert_constant_queries(comment, lambda: client.get(f"/scripts/{series.pk}/read/"), expected=5)
    assert_constant_queries(
        comment, lambda: client.get(f"/api/v1/series/{series.pk}/comments/"), expected=4
    )


@pytest.mark.measures("scripts:collaborators", "api-series-collaborators")
def test_collaborator_pages_and_endpoint(client):
    series = make_series()
    client.force_login(series.owner)

    def collaborate(k):
        for _ in range(k):
            add_collaborator(series)

    assert_constant_queries(
        collaborate, lambda: client.get(f"/scripts/{series.pk}/people/"), expected=5
    )
    assert_constant_queries(
        collaborate, lambda: client.get(f"/api/v1/series/{series.pk}/collaborators/"), expected=5
    )


@pytest.mark.measures("scripts:export", "api-series-exports")
def test_export_page_and_endpoint_do_not_grow_with_exports(client):
    series = make_series()
    client.force_login(series.owner)
    formats = iter(["fountain", "pdf", "docx", "fdx"] * 100)

    def export(k):
        for _ in range(k):
            # Queued only: the file is made by a task after the commit, which never comes here.
            export_request(
                actor=series.owner, series=series, revision=series.head, format=next(formats)
            )

    # The page shows your ten latest exports; 3 and then 6 fit.
    assert_constant_queries(export, lambda: client.get(f"/scripts/{series.pk}/export/"), expected=5)
    assert_constant_queries(
        export, lambda: client.get(f"/api/v1/series/{series.pk}/exports/"), expected=5
    )


@pytest.mark.measures("api-series-conflicts")
def test_open_conflicts_endpoint_does_not_grow_with_conflicts(client):
    series = make_series()
    base = series.head
    revision_save(
        actor=add_collaborator(series),
        series=series,
        text=ZH_TWO_EPISODES.replace("林晚：能。", "林晚：一定能。"),
        base=base,
    )
    client.force_login(series.owner)
    counter = iter(range(10_000))

    def overlap(k):
        for _ in range(k):
            # Another co-writer edited the same line from the same revision: a new conflict.
            series.refresh_from_db()
            result = revision_save(
                actor=add_collaborator(series),
                series=series,
                text=ZH_TWO_EPISODES.replace("林晚：能。", f"林晚：难说{next(counter)}。"),
                base=base,
            )
            assert result.status == "conflict"

    assert_constant_queries(
        overlap, lambda: client.get(f"/api/v1/series/{series.pk}/conflicts/"), expected=4
    )
