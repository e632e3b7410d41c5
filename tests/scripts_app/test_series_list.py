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
