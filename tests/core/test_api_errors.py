"""The API's error statuses: each documented on every operation, each with the one body."""

import pytest
from django.db import DataError
from django.test import override_settings
from rest_framework.test import APIRequestFactory

from accounts.services.organisations import invitation_create
from core.api.exceptions import exception_handler
from tests.support.factories import OrganisationFactory, UserFactory, admin_of
from tests.support.openapi import _schema

pytestmark = pytest.mark.django_db


def test_answering_an_invitation_twice_is_a_conflict(api_client):
    organisation = OrganisationFactory()
    invitee = UserFactory()
    invitation = invitation_create(
        actor=admin_of(organisation), organisation=organisation, email=invitee.email
    )
    api_client.force_authenticate(invitee)
    url = f"/api/v1/invitations/{invitation.token}/answer/"

    assert api_client.post(url, {"answer": "decline"}, format="json").status_code == 200
    again = api_client.post(url, {"answer": "accept"}, format="json")

    assert again.status_code == 409
    assert again.json()["errors"]["non_field_errors"]


@override_settings(DEBUG=False)
def test_an_api_url_no_view_matches_answers_the_json_error_body(client):
    response = client.get("/api/v1/series/not-a-number/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()["errors"]
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")


def test_a_value_the_database_refuses_is_a_400_not_a_500():
    request = APIRequestFactory().get("/api/v1/users/")
    response = exception_handler(DataError("text fields cannot contain NUL"), {"request": request})

    assert response.status_code == 400 and "non_field_errors" in response.data["errors"]


def test_every_operation_documents_its_error_responses_as_json():
    components, routes = _schema()
    assert "Errors" in components["schemas"]
    for _pattern, operations in routes:
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            expected = {"400", "401", "403", "404", "429"}
            if method != "get":
                expected.add("409")
            if "requestBody" in operation:
                expected.add("415")
            responses = operation["responses"]
            assert expected <= set(responses), (method, operation.get("operationId"))
            for status in expected:
                assert set(responses[status]["content"]) == {"application/json"}
