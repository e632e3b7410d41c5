"""Oversized requests are refused before their body is read, with a clear answer."""

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from scripts_app.models import Series
from tests.support.factories import make_series

pytestmark = pytest.mark.django_db

BOUNDARY = "BoUnDaRyStRiNg"
MB = 1024 * 1024


class UnreadBody:
    """A request body that records whether anyone read it."""

    def __init__(self) -> None:
        self.reads = 0

    def read(self, *args) -> bytes:
        self.reads += 1
        return b""

    readline = read


def claim(size: int, body: UnreadBody, content_type: str) -> dict:
    # (Django's client sets CONTENT_TYPE only with data; DRF's from content_type.)
    return {
        "CONTENT_LENGTH": str(size), "CONTENT_TYPE": content_type, "content_type": content_type,
        "wsgi.input": body,
    }  # fmt: skip


def test_a_150_mb_api_upload_is_refused_by_its_length_unread(api_client, user):
    api_client.force_authenticate(user)
    body = UnreadBody()

    response = api_client.generic(
        "POST", "/api/v1/series/import/",
        **claim(150 * MB, body, f"multipart/form-data; boundary={BOUNDARY}"),
    )  # fmt: skip

    assert response.status_code == 413
    assert response.json() == {"errors": {"file": ["文件超过 10 MB。"]}}
    assert body.reads == 0 and not Series.objects.exists()


def test_a_150_mb_upload_to_the_import_page_gets_a_clear_page(client, user):
    client.force_login(user)
    body = UnreadBody()

    response = client.generic(
        "POST", "/scripts/import/",
        **claim(150 * MB, body, f"multipart/form-data; boundary={BOUNDARY}"),
    )  # fmt: skip

    assert response.status_code == 413
    assert "文件超过 10 MB。" in response.content.decode()
    assert body.reads == 0


@override_settings(FILE_UPLOAD_MAX_BYTES=MB)  # the same code path as 10 MB, ten times faster
def test_a_file_over_the_limit_is_stopped_while_it_streams_in(api_client, client, user):
    # Within the Content-Length allowance (the file plus room for fields), over the file limit.
    big = SimpleUploadedFile("big.txt", b"a" * (settings.FILE_UPLOAD_MAX_BYTES + 512 * 1024))
    api_client.force_authenticate(user)
    client.force_login(user)

    api = api_client.post("/api/v1/series/import/", {"file": big}, format="multipart")
    big.seek(0)
    page = client.post("/scripts/import/", {"file": big})

    assert api.status_code == 413 and api.json()["errors"]["file"]
    assert page.status_code == 413
    assert not Series.objects.exists()


def test_an_oversized_json_body_is_refused_unread_with_the_error_body(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)
    body = UnreadBody()

    response = api_client.generic(
        "POST", f"/api/v1/series/{series.pk}/preview/",
        **claim(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1, body, "application/json"),
    )  # fmt: skip

    assert response.status_code == 413 and response.json()["errors"]["detail"]
    assert body.reads == 0


def test_requests_within_the_limits_are_untouched(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)
    text = "△林晚走进来。\n" * 1000

    response = api_client.post(
        f"/api/v1/series/{series.pk}/preview/", json.dumps({"text": text}),
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code == 200
