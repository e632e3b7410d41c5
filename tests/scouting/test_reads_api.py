"""The reads API: every answer validated against the OpenAPI schema (api_client)."""

import pytest

from scouting.models import ReadEvent, ReadStatus
from tests.scouting.reads_support import a_request, an_open_read
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import UserFactory, member_of
from tests.support.openapi import _schema

pytestmark = pytest.mark.django_db

API = "/api/v1/scouting"


def test_request_accept_with_the_nda_sign_read_and_trail(api_client, client, run_on_commit):
    listing = listed(heritage_series(), sample_episodes=1)
    scout = studio_scout()
    colleague = member_of(scout.memberships.get().organisation)
    api_client.force_authenticate(scout)
    with run_on_commit():
        created = api_client.post(
            f"{API}/listings/{listing.pk}/reads/",
            {"message": "想读前两集", "episodes_from": 1, "episodes_to": 2,
             "reader_ids": [scout.pk, colleague.pk]},
            format="json",
        )  # fmt: skip
    assert created.status_code == 201
    read = created.json()
    assert read["status"] == "requested"
    assert {r["id"] for r in read["readers"]} == {scout.pk, colleague.pk}

    owner = listing.series.owner
    api_client.force_authenticate(owner)
    answered = api_client.post(
        f"{API}/reads/{read['id']}/answer/",
        {"accept": True, "window_days": 10, "nda_kind": "standard"},
        format="json",
    )
    assert answered.status_code == 200
    body = answered.json()
    assert body["status"] == "accepted" and "保密协议" in body["nda_text"]

    api_client.force_authenticate(scout)
    stale = api_client.post(f"{API}/reads/{read['id']}/nda/", {"sha256": "a" * 64}, format="json")
    assert stale.status_code == 400 and "sha256" in stale.json()["errors"]
    signed = api_client.post(
        f"{API}/reads/{read['id']}/nda/", {"sha256": body["nda_sha256"]}, format="json"
    )
    assert signed.status_code == 200 and signed.json()["status"] == "open"
    assert signed.json()["nda_accepted_sha256"] == body["nda_sha256"]

    content = api_client.get(f"{API}/reads/{read['id']}/content/")
    assert content.status_code == 200
    episodes = content.json()["episodes"]
    assert [e["number"] for e in episodes] == [1, 2]
    assert "白天送外卖" in episodes[1]["text"]

    client.force_login(scout)
    client.get(f"/scouting/reads/{read['id']}/pdf/")
    code = ReadEvent.objects.get(kind="download").code

    api_client.force_authenticate(owner)
    trail = api_client.get(f"{API}/series/{listing.series.pk}/trail/").json()
    assert trail["count"] == 2
    assert {row["kind"] for row in trail["results"]} == {"api", "download"}
    assert all(row["reader"].endswith("…") for row in trail["results"])
    found = api_client.get(f"{API}/codes/{code}/")
    assert found.status_code == 200
    assert found.json()["reader_id"] == scout.pk and found.json()["episodes_to"] == 2

    api_client.force_authenticate(scout)
    assert api_client.get(f"{API}/codes/{code}/").status_code == 404

    api_client.force_authenticate(owner)
    revoked = api_client.post(f"{API}/reads/{read['id']}/revoke/")
    assert revoked.json()["status"] == "revoked"
    assert api_client.post(f"{API}/reads/{read['id']}/revoke/").status_code == 409
    api_client.force_authenticate(scout)
    assert api_client.get(f"{API}/reads/{read['id']}/content/").status_code == 403


def test_decline_and_withdraw(api_client):
    read = a_request()
    api_client.force_authenticate(read.series.owner)
    declined = api_client.post(f"{API}/reads/{read.pk}/answer/", {"accept": False}, format="json")
    assert declined.json()["status"] == ReadStatus.DECLINED
    api_client.force_authenticate(read.requested_by)
    assert api_client.post(f"{API}/reads/{read.pk}/withdraw/").status_code == 409

    second = a_request(scout=read.requested_by, listing=read.listing)
    withdrawn = api_client.post(f"{API}/reads/{second.pk}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"accept": True, "window_days": 0}, "window_days"),
        ({"accept": True, "window_days": 91}, "window_days"),
        ({"accept": True, "window_days": 99999999999999999999}, "window_days"),
        ({"accept": True, "nda_kind": "own", "nda_text": ""}, "nda_text"),
        ({"accept": True, "nda_kind": "secret"}, "nda_kind"),
        ({}, "accept"),
    ],
)
def test_a_bad_answer_is_400_with_the_field(api_client, body, field):
    read = a_request()
    api_client.force_authenticate(read.series.owner)
    response = api_client.post(f"{API}/reads/{read.pk}/answer/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": "hi", "episodes_from": 3, "episodes_to": 1}, "episodes_to"),
        ({"message": "hi", "episodes_from": 0, "episodes_to": 1}, "episodes_from"),
        ({"message": "hi", "reader_ids": [999999]}, "readers"),
        ({"message": "hi", "studio_id": 999999}, "studio"),
    ],
)
def test_a_bad_request_is_400_with_the_field(api_client, body, field):
    listing = listed(heritage_series())
    api_client.force_authenticate(studio_scout())
    response = api_client.post(f"{API}/listings/{listing.pk}/reads/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_second_request_while_one_waits_is_409(api_client):
    read = a_request()
    api_client.force_authenticate(read.requested_by)
    response = api_client.post(
        f"{API}/listings/{read.listing.pk}/reads/", {"message": "again"}, format="json"
    )
    assert response.status_code == 409


def test_only_scouts_ask_and_only_for_listed_series(api_client):
    listing = listed(heritage_series())
    api_client.force_authenticate(UserFactory())
    assert (
        api_client.post(f"{API}/listings/{listing.pk}/reads/", {"message": "x"}, format="json")
    ).status_code == 404
    api_client.force_authenticate(studio_scout())
    from scouting.services.listings import listing_unlist

    listing_unlist(actor=listing.series.owner, listing=listing)
    assert (
        api_client.post(f"{API}/listings/{listing.pk}/reads/", {"message": "x"}, format="json")
    ).status_code == 404


def test_a_scout_cannot_answer_and_a_writer_cannot_sign(api_client):
    read = a_request()
    api_client.force_authenticate(read.requested_by)
    response = api_client.post(
        f"{API}/reads/{read.pk}/answer/", {"accept": True, "window_days": 5}, format="json"
    )
    assert response.status_code == 403
    api_client.force_authenticate(read.series.owner)
    assert api_client.post(f"{API}/reads/{read.pk}/withdraw/").status_code == 403
    open_read = an_open_read()
    api_client.force_authenticate(open_read.requested_by)
    assert api_client.post(f"{API}/reads/{open_read.pk}/revoke/").status_code == 403


def test_the_schema_names_every_reads_operation_once():
    _components, routes = _schema()
    ids = [
        operation["operationId"]
        for _pattern, operations in routes
        for operation in operations.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    reads = {
        "scouting_read_request", "scouting_reads_list", "scouting_series_reads_list",
        "scouting_read_detail", "scouting_read_answer", "scouting_read_nda_accept",
        "scouting_read_revoke", "scouting_read_withdraw", "scouting_read_content",
        "scouting_series_trail", "scouting_code_lookup",
    }  # fmt: skip
    assert reads <= set(ids)
    assert len(ids) == len(set(ids))


def test_the_watermarked_copy_through_the_api_is_the_readers_alone_and_on_the_trail(
    api_client,
):
    from pypdf import PdfReader

    from scouting.services.reads import read_revoke
    from tests.scouting.reads_support import an_open_read, colleague

    read = an_open_read()
    url = f"{API}/reads/{read.pk}/pdf/"
    api_client.force_authenticate(read.requested_by)
    copy = api_client.get(url)
    assert copy.status_code == 200 and copy["Content-Type"] == "application/pdf"
    event = ReadEvent.objects.get(read=read, kind="download")
    assert event.code in copy["Content-Disposition"] and "no-store" in copy["Cache-Control"]
    assert event.code in (PdfReader(__import__("io").BytesIO(copy.content)).metadata.keywords or "")

    for outsider in (colleague(read), read.series.owner, UserFactory()):
        api_client.force_authenticate(outsider)
        assert api_client.get(url).status_code in (403, 404)
    read_revoke(actor=read.series.owner, read=read)
    api_client.force_authenticate(read.requested_by)
    assert api_client.get(url).status_code == 403
    assert ReadEvent.objects.filter(read=read, kind="download").count() == 1
