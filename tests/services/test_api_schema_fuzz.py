"""A bounded schemathesis pass over the whole API, as a writer and as platform staff.

Cases are generated from the published OpenAPI schema (a few per operation, derandomized
so a run is repeatable) and sent to the WSGI app in-process, on the services tier's
PostgreSQL database. A run fails on any server error, on an undocumented status or
content type, and on a response that contradicts its schema: the schema is the truth.

Identifiers in paths are pointed at real objects half of the time (the demo-like data
below), so operations are exercised beyond their 404s.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import Organisation
from config.wsgi import application
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    add_collaborator,
    admin_of,
    make_series,
    peers,
    review_request,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# CI's bounded pass; a deeper local run: API_FUZZ_EXAMPLES=50 API_FUZZ_COVERAGE=1.
EXAMPLES_PER_OPERATION = int(os.environ.get("API_FUZZ_EXAMPLES", "3"))


# Built from the code at collection (a second or so), exactly as /api/schema/ serves it.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# The schema's own examples and random (derandomized) generation; the exhaustive boundary
# "coverage" phase would multiply the run time several-fold.
schema.config.phases.coverage.enabled = os.environ.get("API_FUZZ_COVERAGE") == "1"


@pytest.fixture
def _keep_test_connection():
    # As Django's test client does: the in-process requests must not close the connection
    # that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, _keep_test_connection):
    """One of each thing the API's paths name, owned by `writer`."""
    writer = UserFactory(roles=["writer"])
    series = make_series(owner=writer)
    add_collaborator(series)
    peers(3)
    request = review_request(series)
    organisation = OrganisationFactory()
    admin_of(organisation)
    organisation.memberships.create(user=writer, role="admin")
    staff = UserFactory(staff=True)
    return {
        "writer": writer,
        "staff": staff,
        "ids": {"id": series.pk, "number": 1, "slug": organisation.slug, "request": request.pk},
    }


def _point_at_real_objects(case, ids) -> None:
    for name, value in list((case.path_parameters or {}).items()):
        if name in ("id", "number") and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = ids[name]
        elif name == "slug" and len(str(value)) % 2 == 0 and Organisation.objects.exists():
            case.path_parameters[name] = ids["slug"]


def _call_as(case, world, who: str) -> None:
    # The token is re-made before each call: the fuzzer may well sign itself out.
    token, _created = Token.objects.get_or_create(user=world[who])
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_schema_as_a_writer_and_as_staff(case, world):
    # One world and one generated case for both roles: half the set-up and generation time.
    _point_at_real_objects(case, world["ids"])
    _call_as(case, world, "writer")
    _call_as(case, world, "staff")
