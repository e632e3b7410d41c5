"""Query counts of the registry's lists (tests/support/queries.py, STYLE.md #12)."""

import pytest

from registry.models import RecordExport
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("registry:record", "api-record-exports")
def test_record_page_and_endpoint_do_not_grow_with_exports(client, api_client, user):
    client.force_login(user)
    api_client.force_authenticate(user)

    def more(k):
        RecordExport.objects.bulk_create(RecordExport(requested_by=user) for _ in range(k))

    assert_constant_queries(more, lambda: client.get("/registry/record/"), expected=4)
    assert_constant_queries(more, lambda: api_client.get("/api/v1/record/exports/"), expected=2)
