import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.models import RegistrationStatus
from registry.services.registration import head_snapshot_take, registration_request
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


def register(series):
    return registration_request(actor=series.owner, series=series, revision=series.head, authors=[])


def test_the_head_is_public_and_shows_the_latest_entry_and_snapshots(plain_api_client):
    assert plain_api_client.get("/api/v1/registry/head/").json()["number"] is None
    register(make_series())
    last = register(make_series()).entry
    head_snapshot_take()

    body = plain_api_client.get("/api/v1/registry/head/").json()

    assert (body["number"], body["entry_hash"]) == (2, last.entry_hash)
    assert body["snapshots"][0]["number"] == 2 and body["snapshots"][0]["chain_verified"]


def test_an_entry_is_public_and_hides_private_names(plain_api_client):
    entry = register(make_series()).entry

    body = plain_api_client.get(f"/api/v1/registry/entries/{entry.number}/").json()

    assert body["entry_hash"] == entry.entry_hash and body["chain_holds"]
    assert body["authors"] == [{"shown": False, "name_zh": "", "name_en": ""}]
    missing = plain_api_client.get("/api/v1/registry/entries/99/")
    assert missing.status_code == 404


def test_checking_text_or_a_file_names_the_entry(plain_api_client):
    entry = register(make_series()).entry

    by_text = plain_api_client.post(
        "/api/v1/registry/check/", {"text": ZH_TWO_EPISODES}, format="json"
    ).json()
    by_file = plain_api_client.post(
        "/api/v1/registry/check/",
        {"file": SimpleUploadedFile("a.txt", ZH_TWO_EPISODES.encode())},
        format="multipart",
    ).json()
    nothing = plain_api_client.post("/api/v1/registry/check/", {"text": ""}, format="json")

    assert [m["number"] for m in by_text["matches"]] == [entry.number]
    assert [m["number"] for m in by_file["matches"]] == [entry.number]
    assert nothing.status_code == 400


def test_a_writer_registers_and_a_co_writer_answers_through_the_api(api_client):
    series = make_series()
    cowriter = add_collaborator(series)
    api_client.force_authenticate(series.owner)

    created = api_client.post(
        f"/api/v1/series/{series.pk}/registrations/",
        {"revision": series.head.number, "authors": [{"user": cowriter.pk}]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == RegistrationStatus.PENDING

    api_client.force_authenticate(cowriter)
    answered = api_client.post(
        f"/api/v1/registry/registrations/{pk}/answer/",
        {"consent": True, "name_en": "Zhou Min", "show_publicly": True},
        format="json",
    )
    assert answered.json()["status"] == RegistrationStatus.REGISTERED
    assert answered.json()["entry"] == 1
    mine = api_client.get("/api/v1/registry/registrations/").json()
    assert [r["id"] for r in mine["results"]] == [pk]
    again = api_client.post(
        f"/api/v1/registry/registrations/{pk}/answer/", {"consent": False}, format="json"
    )
    assert again.status_code == 409


def test_strangers_and_readers_cannot_register_or_see_registrations(api_client):
    series = make_series()
    registration = register(series)
    reader = add_collaborator(series, role="reader")

    for person, code in ((UserFactory(), 404), (reader, 403)):
        api_client.force_authenticate(person)
        response = api_client.post(
            f"/api/v1/series/{series.pk}/registrations/",
            {"revision": series.head.number},
            format="json",
        )
        assert response.status_code == code
        detail = api_client.get(f"/api/v1/registry/registrations/{registration.pk}/")
        assert detail.status_code == 404
        assert api_client.get("/api/v1/registry/registrations/").json()["count"] == 0


def test_bad_input_gets_clear_errors(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)
    url = f"/api/v1/series/{series.pk}/registrations/"

    assert api_client.post(url, {"revision": 99}, format="json").status_code == 404
    unknown = api_client.post(
        url, {"revision": series.head.number, "authors": [{"user": 999_999}]}, format="json"
    )
    assert unknown.status_code == 400 and "authors" in unknown.json()["errors"]
    licensed = api_client.post(
        url, {"revision": series.head.number, "rights_basis": "licensed"}, format="json"
    )
    assert licensed.status_code == 400
