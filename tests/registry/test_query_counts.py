"""Registry lists: the query count must not grow with the reports on a revision."""

import pytest

from registry.models import OriginalityReport
from tests.support.factories import make_series
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("registry:originality")
def test_the_reports_on_a_revision_do_not_grow_the_page(client):
    series = make_series()
    client.force_login(series.owner)

    def add_reports(k):
        OriginalityReport.objects.bulk_create(
            OriginalityReport(revision=series.head, series=series, requested_by=series.owner)
            for _ in range(k)
        )

    assert_constant_queries(
        add_reports,
        lambda: client.get(
            f"/registry/series/{series.pk}/revisions/{series.head.number}/originality/"
        ),
        expected=7,
    )
