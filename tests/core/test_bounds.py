"""Numbers beyond what the database holds are refused as input (400), never a 500.

On SQLite a 20-digit id raised OverflowError inside the query; on PostgreSQL an
out-of-range value fails the INSERT. Every integer the API and the forms accept has
bounds (core.limits), and the schema publishes them.
"""

import pytest
from django.db.models import ProtectedError
from rest_framework.test import APIRequestFactory

from core.api.exceptions import exception_handler
from core.limits import DB_INT_MAX, MAX_EPISODES, parse_bounded_int
from core.models import Notification
from reviews.forms import LineNoteForm
from reviews.models import ReviewRequest
from tests.support.factories import NotificationFactory, make_series, peers
from tests.support.openapi import _schema

HUGE = 99999999999999999999

pytestmark = pytest.mark.django_db


def test_marking_a_huge_notification_id_read_is_refused(api_client, user):
    NotificationFactory(recipient=user)
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/notifications/read/", {"ids": [HUGE]}, format="json")

    assert response.status_code == 400
    assert "ids.0" in response.json()["errors"]
    assert Notification.objects.get().read_at is None


def test_a_review_request_with_a_huge_episode_is_refused(api_client):
    series = make_series()
    peers(3)
    api_client.force_authenticate(series.owner)
    url = f"/api/v1/series/{series.pk}/review-requests/"

    for field, value in (
        ("episode_to", HUGE),
        ("episode_to", MAX_EPISODES + 1),
        ("revision", HUGE),
    ):
        response = api_client.post(url, {"kind": "peer", field: value}, format="json")
        assert response.status_code == 400, (field, value)
        assert field in response.json()["errors"]
    assert not ReviewRequest.objects.exists()


def test_comment_and_save_numbers_are_bounded(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)

    comment = api_client.post(
        f"/api/v1/series/{series.pk}/comments/", {"line": HUGE, "body": "?"}, format="json"
    )
    save = api_client.post(
        f"/api/v1/series/{series.pk}/revisions/", {"text": "x", "base": HUGE}, format="json"
    )

    assert comment.status_code == 400 and "line" in comment.json()["errors"]
    assert save.status_code == 400 and "base" in save.json()["errors"]


def test_forms_bound_their_numbers():
    form = LineNoteForm(data={"line": str(HUGE), "body": "x"})
    assert not form.is_valid() and "line" in form.errors


def test_query_string_numbers_are_parsed_within_bounds():
    assert parse_bounded_int("12") == 12
    assert parse_bounded_int(str(HUGE)) is None
    assert parse_bounded_int(str(DB_INT_MAX + 1)) is None
    assert parse_bounded_int("٣") is None  # a non-ASCII digit
    assert parse_bounded_int("0") is None and parse_bounded_int("") is None


def test_the_schema_publishes_a_maximum_for_every_integer_input():
    components, _routes = _schema()
    unbounded = []
    for name, schema in components["schemas"].items():
        if not name.endswith("Request"):
            continue
        for field, prop in schema.get("properties", {}).items():
            items = prop.get("items", prop)
            if items.get("type") == "integer" and "maximum" not in items:
                unbounded.append(f"{name}.{field}")
    assert unbounded == []


# --- the error handler's defensive mappings -----------------------------------------------
def _handle(exc):
    request = APIRequestFactory().get("/api/v1/x/")
    return exception_handler(exc, {"request": request, "view": None})


def test_leftover_overflow_protected_and_missing_object_errors_get_the_error_body():
    overflow = _handle(OverflowError("Python int too large to convert to SQLite INTEGER"))
    protected = _handle(ProtectedError("protected", set()))
    missing = _handle(Notification.DoesNotExist())

    assert overflow.status_code == 400 and "non_field_errors" in overflow.data["errors"]
    assert protected.status_code == 409 and "detail" in protected.data["errors"]
    assert missing.status_code == 404 and "detail" in missing.data["errors"]
