"""Review records are never lost: a reviewed series (or a reviewer's account) is not deleted.

`DELETE /api/v1/series/{id}/` on a series that review requests refer to raised
ProtectedError (a 500). The service now refuses, the page says why, the API answers 409.
"""

import pytest
from django.db.models import ProtectedError

from core.models import AuditEntry
from reviews.models import ReviewAssignment, ReviewRequest
from scripts_app.models import Series
from tests.support.factories import make_series, peers, review_request

pytestmark = pytest.mark.django_db


def _reviewed_series():
    peers(3)
    request = review_request()
    return request.series, request


def test_deleting_a_reviewed_series_through_the_api_is_refused_with_409(api_client):
    series, request = _reviewed_series()
    api_client.force_authenticate(series.owner)

    response = api_client.delete(f"/api/v1/series/{series.pk}/")

    assert response.status_code == 409
    [message] = response.json()["errors"]["non_field_errors"]
    assert "私密" in message  # tells the owner what to do instead
    assert Series.objects.filter(pk=series.pk).exists()
    assert ReviewRequest.objects.filter(pk=request.pk).exists()
    assert not AuditEntry.objects.filter(action="series.deleted").exists()


def test_deleting_a_reviewed_series_from_the_page_is_refused_with_a_message(client):
    series, _request = _reviewed_series()
    client.force_login(series.owner)

    response = client.post(
        f"/scripts/{series.pk}/delete/", {"confirm_title": series.title}, follow=True
    )

    assert response.status_code == 200
    assert Series.objects.filter(pk=series.pk).exists()
    assert "不能删除" in response.content.decode()


def test_a_series_nobody_reviewed_is_still_deleted(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)

    assert api_client.delete(f"/api/v1/series/{series.pk}/").status_code == 204
    assert not Series.objects.exists()


def test_accounts_with_review_records_are_protected_from_deletion():
    series, request = _reviewed_series()
    reviewer = ReviewAssignment.objects.filter(request=request).first().reviewer

    with pytest.raises(ProtectedError):
        series.owner.delete()
    with pytest.raises(ProtectedError):
        reviewer.delete()
