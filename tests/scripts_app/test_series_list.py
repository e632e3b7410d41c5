"""The writer's desk shows a page of series at a time, and keeps its filter across pages."""

import pytest

from scripts_app.views.series import SERIES_PER_PAGE
from tests.support.factories import UserFactory, make_series

pytestmark = pytest.mark.django_db


def test_the_desk_is_paginated_and_keeps_the_scope(client):
    writer = UserFactory()
    for number in range(SERIES_PER_PAGE + 3):
        make_series(owner=writer, title=f"第{number}部")
    client.force_login(writer)

    first = client.get("/scripts/?scope=all")
    second = client.get("/scripts/?scope=all&page=2")

    assert first.context["page"].paginator.count == SERIES_PER_PAGE + 3
    assert len(first.context["page"]) == SERIES_PER_PAGE
    assert len(second.context["page"]) == 3
    assert "?scope=all&amp;page=2" in first.content.decode()
    shown = {s.pk for s in first.context["page"]} | {s.pk for s in second.context["page"]}
    assert len(shown) == SERIES_PER_PAGE + 3


def test_a_page_past_the_end_shows_the_last_page(client):
    writer = UserFactory()
    make_series(owner=writer)
    client.force_login(writer)

    answer = client.get("/scripts/?page=99")

    assert answer.status_code == 200 and len(answer.context["page"]) == 1


def test_the_cheap_counts_agree_with_the_lists_they_count():
    from scripts_app import selectors
    from scripts_app.models import Visibility

    reader = UserFactory()
    mine = [make_series(owner=reader) for _ in range(2)]
    mine[1].visibility = Visibility.PLATFORM
    mine[1].save(update_fields=["visibility"])
    shared = make_series()
    shared.collaborators.create(user=reader, role="reader", added_by=shared.owner)
    open_one = make_series(visibility=Visibility.PLATFORM)
    shared_and_open = make_series(visibility=Visibility.PLATFORM)
    shared_and_open.collaborators.create(
        user=reader, role="cowriter", added_by=shared_and_open.owner
    )
    make_series()  # someone else's private series

    for scope, expected in [
        ("mine", {mine[0].pk, mine[1].pk, shared.pk, shared_and_open.pk}),
        ("all", {mine[0].pk, mine[1].pk, shared.pk, shared_and_open.pk, open_one.pk}),
    ]:
        listed = {s.pk for s in selectors.series_list_for(reader, scope=scope)}
        assert listed == expected
        assert selectors.series_count_for(reader, scope=scope) == len(expected)


def test_the_cheap_ids_come_in_the_lists_order():
    """selectors.series_ids_recent_first finds a page's ids apart from the list; they are
    the list's, in its order, for every page."""
    from datetime import timedelta

    from django.utils import timezone

    from scripts_app import selectors
    from scripts_app.models import Series

    reader = UserFactory()
    made = [make_series(owner=reader) for _ in range(4)]
    for _ in range(3):
        shared = make_series()
        shared.collaborators.create(user=reader, role="reader", added_by=shared.owner)
        made.append(shared)
    make_series()  # someone else's
    now = timezone.now()
    for age, series in zip([5, 1, 7, 3, 2, 6, 4], made, strict=True):
        Series.objects.filter(pk=series.pk).update(updated_at=now - timedelta(hours=age))

    expected = list(selectors.series_list_for(reader).values_list("pk", flat=True))
    ids = selectors.series_ids_recent_first(reader)
    assert ids is not None and len(expected) == 7
    for start, stop in [(0, 3), (3, 6), (6, 9), (0, 24)]:
        assert ids(start, stop) == expected[start:stop]
    assert selectors.series_ids_recent_first(reader, scope="all") is None


def test_a_pages_rows_are_checked_one_by_one_against_the_lists_own_rule():
    """selectors.series_rows_for loads a page's rows by id and checks each against the
    list's rule (scripts_app.permissions.series_row_visible): the same series as the
    list's set, never one the user may not read, whatever ids it is given."""
    from scripts_app import selectors
    from scripts_app.models import Series, Visibility

    reader = UserFactory()
    make_series(owner=reader)
    shared = make_series()
    shared.collaborators.create(user=reader, role="reader", added_by=shared.owner)
    make_series(visibility=Visibility.PLATFORM)
    make_series()  # someone else's private series
    every_id = list(Series.objects.values_list("pk", flat=True))

    for scope in ("mine", "all"):
        listed = {s.pk for s in selectors.series_list_for(reader, scope=scope)}
        loaded = selectors.series_rows_for(reader, scope=scope)(every_id)
        assert {s.pk for s in loaded} == listed and len(listed) == (2 if scope == "mine" else 3)
    assert selectors.series_rows_for(UserFactory(), scope="mine")(every_id) == []


def test_a_pages_terms_come_in_one_query_as_prefetching_gave_them(django_assert_num_queries):
    from django.db.models import Prefetch

    from scripts_app import selectors
    from scripts_app.models import Series
    from taxonomy.models import Term

    writer = UserFactory()
    first, second = make_series(owner=writer), make_series(owner=writer)
    themes = list(Term.objects.filter(kind="theme"))[:3]
    Term.objects.filter(pk=themes[0].pk).update(position=99)  # the terms' own order counts
    first.themes.set(themes)
    first.genres.set(Term.objects.filter(kind="genre")[:2])
    second.audiences.set(Term.objects.filter(kind="audience")[:2])
    second.themes.set(themes[:1])
    series = list(Series.objects.filter(owner=writer))

    with django_assert_num_queries(1):
        selectors.series_terms_attach(series)

    prefetched = Series.objects.filter(owner=writer).prefetch_related(
        *(Prefetch(name, to_attr=f"expected_{name}") for name in ("themes", "genres", "audiences"))
    )
    by_pk = {s.pk: s for s in series}
    for expected in prefetched:
        one = by_pk[expected.pk]
        for name, attr in (
            ("themes", "theme_list"),
            ("genres", "genre_list"),
            ("audiences", "audience_list"),
        ):
            got = [(t.pk, t.slug, t.name) for t in getattr(one, attr)]
            assert got == [(t.pk, t.slug, t.name) for t in getattr(expected, f"expected_{name}")]
    assert (
        len(by_pk[first.pk].theme_list) == 3 and by_pk[first.pk].theme_list[-1].pk == themes[0].pk
    )
    assert (
        by_pk[first.pk].theme_list[0].is_encouraged
        == Term.objects.get(pk=by_pk[first.pk].theme_list[0].pk).is_encouraged
    )  # a column not loaded is read when asked for
