"""The writers' listing API (every answer validated against the OpenAPI schema)."""

import pytest

from scouting.models import ListingStatus
from tests.scouting.support import heritage_series, listed
from tests.support.factories import UserFactory, add_collaborator

pytestmark = pytest.mark.django_db


def _url(series, tail=""):
    return f"/api/v1/scouting/series/{series.pk}/listing/{tail}"


def test_a_writer_lists_and_a_cowriter_consents_then_withdraws(api_client):
    series = heritage_series()
    cowriter = add_collaborator(series)
    api_client.force_authenticate(series.owner)

    created = api_client.post(_url(series), {"show_synopsis": True, "sample_episodes": 2})
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == ListingStatus.PENDING and body["sample_episodes"] == 2
    assert {c["user_id"]: c["consent"] for c in body["consents"]} == {
        series.owner.pk: "given",
        cowriter.pk: "pending",
    }

    api_client.force_authenticate(cowriter)
    assert api_client.post(_url(series, "consent/"), {"consent": True}).json()["status"] == "listed"
    assert (
        api_client.post(_url(series, "consent/"), {"consent": False}).json()["status"] == "pending"
    )


def test_update_unlist_and_a_second_unlist_is_409(api_client):
    listing = listed(heritage_series())
    series = listing.series
    api_client.force_authenticate(series.owner)

    updated = api_client.put(_url(series), {"show_logline": False, "show_score": False})
    assert updated.status_code == 200 and updated.json()["show_logline"] is False
    assert api_client.post(_url(series, "unlist/")).json()["status"] == "unlisted"
    assert api_client.post(_url(series, "unlist/")).status_code == 409


def test_listing_twice_and_a_sample_out_of_range_are_400(api_client):
    listing = listed(heritage_series())
    api_client.force_authenticate(listing.series.owner)

    assert api_client.post(_url(listing.series), {}).status_code == 400
    refused = api_client.put(_url(listing.series), {"sample_episodes": 11})
    assert refused.status_code == 400 and "sample_episodes" in refused.json()["errors"]


def test_a_series_never_listed_is_404(api_client):
    series = heritage_series()
    api_client.force_authenticate(series.owner)

    assert api_client.get(_url(series)).status_code == 404


def test_strangers_get_404_readers_403_and_anonymous_401(api_client):
    listing = listed(heritage_series())
    series = listing.series
    reader = add_collaborator(series, role="reader")

    assert api_client.get(_url(series)).status_code == 401
    api_client.force_authenticate(UserFactory())
    assert api_client.get(_url(series)).status_code == 404
    assert api_client.post(_url(series, "unlist/")).status_code == 404
    api_client.force_authenticate(reader)
    assert api_client.get(_url(series)).status_code == 403
    assert api_client.post(_url(series, "consent/"), {"consent": False}).status_code == 403
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LISTED
