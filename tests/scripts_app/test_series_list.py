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
