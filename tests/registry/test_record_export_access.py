"""Only its owner sees, follows or downloads a record export: pages and API (IDOR)."""

import zipfile
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from registry.models import RecordExport, RecordExportStatus
from registry.services.record import record_export_request
from tests.support.factories import UserFactory, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(run_on_commit):
    owner = make_series().owner
    with run_on_commit():
        export = record_export_request(actor=owner)
    export.refresh_from_db()
    assert export.status == RecordExportStatus.DONE
    return export


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_owner_starts_follows_and_downloads_on_the_page(client, run_on_commit):
    owner = make_series().owner
    client.force_login(owner)

    with run_on_commit():
        response = client.post("/registry/record/")
    export = RecordExport.objects.get(requested_by=owner)
    assert (
        response.status_code == 302
        and response["Location"] == f"/registry/record/exports/{export.pk}/"
    )
    page = client.get(f"/registry/record/exports/{export.pk}/")
    assert b"/download/" in page.content
    download = client.get(f"/registry/record/exports/{export.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Cache-Control"] == "private, no-store"
    assert "manifest.json" in zipfile.ZipFile(BytesIO(_content(download))).namelist()


def test_progress_is_polled_while_the_export_runs(client, user):
    export = record_export_request(actor=user)
    client.force_login(user)

    partial = client.get(f"/registry/record/exports/{export.pk}/", HTTP_HX_REQUEST="true")

    assert b'hx-trigger="every 2s"' in partial.content and b"<html" not in partial.content


@pytest.mark.parametrize(
    "url",
    ["/registry/record/exports/{pk}/", "/registry/record/exports/{pk}/download/"],
)
def test_another_person_gets_404_on_the_pages(client, finished, url):
    client.force_login(UserFactory())

    assert client.get(url.format(pk=finished.pk)).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/api/v1/record/exports/{pk}/", "/api/v1/record/exports/{pk}/download/"],
)
def test_another_person_gets_404_in_the_api(api_client, finished, url):
    api_client.force_authenticate(UserFactory())

    assert api_client.get(url.format(pk=finished.pk)).status_code == 404


def test_staff_have_no_exception(api_client, finished, staff):
    api_client.force_authenticate(staff)

    assert api_client.get(f"/api/v1/record/exports/{finished.pk}/download/").status_code == 404


def test_others_exports_are_not_listed(api_client, finished):
    api_client.force_authenticate(UserFactory())

    assert api_client.get("/api/v1/record/exports/").json()["count"] == 0


def test_anonymous_visitors_are_refused(client, api_client, finished):
    assert client.get("/registry/record/").status_code == 302
    assert client.get(f"/registry/record/exports/{finished.pk}/download/").status_code == 302
    assert api_client.get(f"/api/v1/record/exports/{finished.pk}/").status_code in (401, 403)
    assert api_client.post("/api/v1/record/exports/").status_code in (401, 403)


def test_the_api_starts_reports_and_downloads(api_client, run_on_commit):
    owner = make_series().owner
    api_client.force_authenticate(owner)

    with run_on_commit():
        started = api_client.post("/api/v1/record/exports/")
    assert started.status_code == 202
    body = api_client.get(f"/api/v1/record/exports/{started.json()['id']}/").json()
    assert body["status"] == "done" and body["progress"] == 100
    assert body["download_url"] == f"/api/v1/record/exports/{body['id']}/download/"
    download = api_client.get(body["download_url"])
    assert download.status_code == 200
    listed = api_client.get("/api/v1/record/exports/").json()
    assert [item["id"] for item in listed["results"]] == [body["id"]]


def test_an_expired_export_is_no_longer_downloadable(client, finished):
    RecordExport.objects.filter(pk=finished.pk).update(expires_at=timezone.now() - timedelta(1))
    client.force_login(finished.requested_by)

    assert client.get(f"/registry/record/exports/{finished.pk}/download/").status_code == 404
    assert b"/download/" not in client.get(f"/registry/record/exports/{finished.pk}/").content


def test_the_desk_and_the_registry_link_to_the_record(client, user):
    client.force_login(user)

    assert b"/registry/record/" in client.get("/").content
    assert b"/registry/record/" in client.get("/registry/").content
