"""Preview, parse, import and export have per-user rate limits, on the API and the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.throttling import SimpleRateThrottle

from tests.support.factories import ZH_TWO_EPISODES, UserFactory, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(monkeypatch):
    def set_limit(scope: str, rate: str = "2/min") -> None:
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, rate)

    return set_limit


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("a.txt", ZH_TWO_EPISODES.encode())


ENDPOINTS = {
    "script_preview": lambda s: (f"/api/v1/series/{s.pk}/preview/", {"text": "x"}, "json"),
    "script_parse": lambda s: ("/api/v1/parse/", {"text": "x", "format": "zh"}, "json"),
    "script_import": lambda s: ("/api/v1/series/import/", {"file": _upload()}, "multipart"),
    "script_export": lambda s: (f"/api/v1/series/{s.pk}/exports/", {"format": "fountain"}, "json"),
}


@pytest.mark.parametrize("scope", list(ENDPOINTS))
def test_the_third_request_in_a_minute_answers_429_with_the_error_body(
    api_client, limit, run_on_commit, scope
):
    limit(scope)
    series = make_series()
    api_client.force_authenticate(series.owner)

    def call():
        url, data, fmt = ENDPOINTS[scope](series)
        with run_on_commit():
            return api_client.post(url, data, format=fmt)

    statuses = [call().status_code for _ in range(2)]
    refused = call()

    assert all(code < 300 for code in statuses), statuses
    assert refused.status_code == 429
    assert refused.json()["errors"]["detail"] and int(refused["Retry-After"]) > 0


def test_the_limit_counts_each_user_separately(api_client, limit):
    limit("script_parse", "1/min")
    first, second = UserFactory(), UserFactory()

    api_client.force_authenticate(first)
    assert api_client.post("/api/v1/parse/", {"text": "x", "format": "zh"}).status_code == 200
    assert api_client.post("/api/v1/parse/", {"text": "x", "format": "zh"}).status_code == 429
    api_client.force_authenticate(second)
    assert api_client.post("/api/v1/parse/", {"text": "x", "format": "zh"}).status_code == 200


def test_listing_exports_does_not_use_up_the_export_limit(api_client, limit, run_on_commit):
    limit("script_export", "1/min")
    series = make_series()
    api_client.force_authenticate(series.owner)

    for _ in range(3):
        assert api_client.get(f"/api/v1/series/{series.pk}/exports/").status_code == 200
    with run_on_commit():
        made = api_client.post(f"/api/v1/series/{series.pk}/exports/", {"format": "fdx"})
    assert made.status_code == 202


def test_the_import_and_export_pages_share_the_api_limit(client, api_client, limit):
    limit("script_import", "1/min")
    limit("script_export", "1/min")
    series = make_series()
    client.force_login(series.owner)
    api_client.force_authenticate(series.owner)

    first = api_client.post("/api/v1/series/import/", {"file": _upload()}, format="multipart")
    page = client.post("/scripts/import/", {"file": _upload()})
    client.post(f"/scripts/{series.pk}/export/", {"format": "fountain"})
    export_page = client.post(f"/scripts/{series.pk}/export/", {"format": "fountain"})

    assert first.status_code == 201
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    assert export_page.status_code == 429
    assert "请求过于频繁" in page.content.decode()
