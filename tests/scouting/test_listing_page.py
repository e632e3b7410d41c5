"""A listed series as scouts see it: the snapshot, never more, and only for scouts."""

import pytest

from scouting.services.listings import listing_unlist
from scouting.services.shortlists import entry_add, shortlist_create
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import UserFactory, add_collaborator

pytestmark = pytest.mark.django_db


def test_a_scout_sees_what_the_writers_chose_and_their_studios_shortlists(client):
    series = heritage_series(synopsis="一段**梗概**<script>alert(1)</script>")
    listing = listed(series, show_synopsis=True, sample_episodes=1)
    scout = studio_scout()
    studio = scout.memberships.get().organisation
    other_scout = studio_scout()
    shortlist = shortlist_create(actor=scout, studio=studio, name="本季")
    entry_add(actor=scout, shortlist=shortlist, listing=listing)

    client.force_login(scout)
    response = client.get(f"/scouting/listings/{listing.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>梗概</strong>" in html and "<script>alert(1)" not in html
    assert "竹篾" in html  # the sample's first episode
    assert "第2集" not in html  # past the sample
    assert "本季" in html

    client.force_login(other_scout)
    html = client.get(f"/scouting/listings/{listing.pk}/").content.decode()
    assert "本季" not in html  # another studio's shortlist


def test_only_scouts_see_a_listed_series_and_nobody_an_unlisted_one(client):
    series = heritage_series()
    listing = listed(series)
    add_collaborator(series)
    url = f"/scouting/listings/{listing.pk}/"
    for person in (series.owner, UserFactory(), UserFactory(is_staff=True)):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302

    scout = studio_scout()
    client.force_login(scout)
    assert client.get(url).status_code == 200
    listing_unlist(actor=series.owner, listing=listing)
    assert client.get(url).status_code == 404
