"""Who sees and reads what of a read. Nobody without an open read, named in it, sees more
than the listing's sample: not a colleague who was not named, not another studio, not
after revocation or expiry, not anonymously; a writer never reads through a studio's read
(they have the workspace), a reader of the series never sees its reads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership
from scouting.models import ReadRequest
from scouting.services.reads import read_revoke
from tests.scouting.reads_support import a_request, an_open_read
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import UserFactory, add_collaborator, member_of

pytestmark = pytest.mark.django_db

# Episode 1 is the listing's sample; episode 2 is only in the read.
SAMPLE = "阿竹把竹篾一根根理顺"
BEYOND_THE_SAMPLE = "白天送外卖，晚上学竹编"


def _urls(read):
    return {
        "detail": f"/scouting/reads/{read.pk}/",
        "script": f"/scouting/reads/{read.pk}/script/",
        "pdf": f"/scouting/reads/{read.pk}/pdf/",
        "api_detail": f"/api/v1/scouting/reads/{read.pk}/",
        "api_content": f"/api/v1/scouting/reads/{read.pk}/content/",
    }


def _answers(client, api_client, read, person):
    if person is not None:
        client.force_login(person)
        api_client.force_authenticate(person)
    answers = {}
    for name, url in _urls(read).items():
        response = (api_client if name.startswith("api") else client).get(url)
        answers[name] = response.status_code
        if response.status_code != 200 and not response.streaming:
            assert BEYOND_THE_SAMPLE.encode() not in response.content
    return answers


READS = {"detail": 200, "script": 200, "pdf": 200, "api_detail": 200, "api_content": 200}
SEES_NOT_READS = {"detail": 200, "script": 403, "pdf": 403, "api_detail": 200, "api_content": 403}
NOTHING = {"detail": 404, "script": 404, "pdf": 404, "api_detail": 404, "api_content": 404}


def test_the_access_matrix(client, api_client):
    read = a_request()
    studio = read.studio
    named_member = member_of(studio)
    listing = read.listing
    ReadRequest.objects.filter(pk=read.pk).delete()
    read = an_open_read(scout=read.requested_by, listing=listing, readers=[named_member])
    scout = read.requested_by
    read.readers.add(scout)
    colleague = studio_scout(studio)  # scouts for the same studio, not named
    other_studio_scout = studio_scout()
    series_reader = add_collaborator(read.series, role="reader")
    cowriter = add_collaborator(read.series)

    assert _answers(client, api_client, read, scout) == READS
    assert _answers(client, api_client, read, named_member) == READS
    assert _answers(client, api_client, read, colleague) == SEES_NOT_READS
    assert _answers(client, api_client, read, read.series.owner) == SEES_NOT_READS
    assert _answers(client, api_client, read, cowriter) == SEES_NOT_READS
    assert _answers(client, api_client, read, other_studio_scout) == NOTHING
    assert _answers(client, api_client, read, series_reader) == NOTHING
    assert _answers(client, api_client, read, UserFactory()) == NOTHING
    assert _answers(client, api_client, read, UserFactory(is_staff=True)) == NOTHING


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_refuses(client, api_client):
    read = an_open_read()
    for name, url in _urls(read).items():
        response = (api_client if name.startswith("api") else client).get(url)
        if name.startswith("api"):
            assert response.status_code in (401, 403)
        else:
            assert response.status_code == 302 and "/accounts/login/" in response.url
        assert BEYOND_THE_SAMPLE.encode() not in response.content


def test_after_revocation_the_reader_sees_the_read_but_not_the_script(client, api_client):
    read = an_open_read()
    read_revoke(actor=read.series.owner, read=read)
    assert _answers(client, api_client, read, read.requested_by) == SEES_NOT_READS


def test_after_the_window_the_reader_sees_the_read_but_not_the_script(client, api_client):
    read = an_open_read()
    ReadRequest.objects.filter(pk=read.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    assert _answers(client, api_client, read, read.requested_by) == SEES_NOT_READS
    api_client.force_authenticate(read.requested_by)
    assert api_client.get(f"/api/v1/scouting/reads/{read.pk}/").json()["status"] == "expired"


def test_before_it_opens_nobody_reads(client, api_client):
    read = a_request()
    assert _answers(client, api_client, read, read.requested_by) == SEES_NOT_READS


def test_a_named_reader_who_left_the_studio_reads_no_more(client, api_client):
    read = a_request()
    member = member_of(read.studio)
    listing = read.listing
    ReadRequest.objects.filter(pk=read.pk).delete()
    read = an_open_read(scout=read.requested_by, listing=listing, readers=[member])
    assert _answers(client, api_client, read, member) == READS
    Membership.objects.filter(organisation=read.studio, user=member).delete()
    assert _answers(client, api_client, read, member) == SEES_NOT_READS


def test_a_scout_sees_only_the_sample_in_search(client):
    read = an_open_read()
    colleague = studio_scout(read.studio)
    client.force_login(colleague)
    page = client.get("/scouting/", {"q": "竹编"}).content.decode()
    assert SAMPLE in page and BEYOND_THE_SAMPLE not in page


def test_lists_show_only_ones_own_reads(client, api_client):
    read = an_open_read()
    other = an_open_read(listing=listed(heritage_series()))
    api_client.force_authenticate(read.requested_by)
    ids = [row["id"] for row in api_client.get("/api/v1/scouting/reads/").json()["results"]]
    assert ids == [read.pk]
    api_client.force_authenticate(other.series.owner)
    ids = [
        row["id"]
        for row in api_client.get(f"/api/v1/scouting/series/{other.series.pk}/reads/").json()[
            "results"
        ]
    ]
    assert ids == [other.pk]
    for stranger in (read.requested_by, UserFactory()):
        api_client.force_authenticate(stranger)
        assert (
            api_client.get(f"/api/v1/scouting/series/{other.series.pk}/reads/").status_code == 404
        )
        assert (
            api_client.get(f"/api/v1/scouting/series/{other.series.pk}/trail/").status_code == 404
        )
