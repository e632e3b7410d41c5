"""The review app adds "Ask for review" to the series page through the workspace's registry."""

import pytest

from tests.support.factories import add_collaborator, make_series

pytestmark = pytest.mark.django_db


def test_writers_are_offered_a_review_and_readers_are_not(client):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    link = f'href="/reviews/series/{series.pk}/request/"'

    client.force_login(series.owner)
    assert link in client.get(f"/scripts/{series.pk}/").content.decode()
    client.force_login(reader)
    assert link not in client.get(f"/scripts/{series.pk}/").content.decode()
