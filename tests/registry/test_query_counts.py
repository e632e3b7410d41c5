"""Registry lists: the query count must not grow with entries, registrations or authors."""

import pytest

from registry.models import OriginalityReport, RecordExport
from registry.services.registration import (
    AuthorChoice,
    head_snapshot_take,
    registration_request,
    registration_withdraw,
)
from scripts_app.services.revisions import revision_save
from tests.support.factories import ZH_TWO_EPISODES, add_collaborator, make_series
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("api-registry-registrations", "registry:register")
def test_a_writers_registrations(client, api_client):
    series = make_series()
    client.force_login(series.owner)
    api_client.force_authenticate(series.owner)
    counter = iter(range(10_000))

    def register(k):
        for _ in range(k):
            series.refresh_from_db()
            revision = revision_save(
                actor=series.owner,
                series=series,
                text=ZH_TWO_EPISODES + str(next(counter)),
                base=series.head,
            ).head
            cowriter = add_collaborator(series)
            registration_request(
                actor=series.owner,
                series=series,
                revision=revision,
                authors=[AuthorChoice(user=cowriter)],
            )

    assert_constant_queries(
        register, lambda: api_client.get("/api/v1/registry/registrations/"), expected=3
    )
    assert_constant_queries(
        register,
        lambda: client.get(f"/registry/series/{series.pk}/register/"),
        expected=9,
        rows=lambda response: len(response.context["registrations"]),
    )


@pytest.mark.measures("registry:registration")
def test_a_registrations_authors(client):
    series = make_series()
    client.force_login(series.owner)
    cowriters = []
    latest = []

    def name_more(k):
        # A registration's authors are fixed when it is asked for: ask again, naming more.
        cowriters.extend(add_collaborator(series) for _ in range(k))
        if latest:
            registration_withdraw(actor=series.owner, registration=latest[-1])
        latest.append(
            registration_request(
                actor=series.owner,
                series=series,
                revision=series.head,
                authors=[AuthorChoice(user=person) for person in cowriters],
            )
        )

    assert_constant_queries(
        name_more,
        lambda: client.get(f"/registry/registrations/{latest[-1].pk}/"),
        expected=7,
        rows=lambda response: len(response.context["authors"]),
    )


@pytest.mark.measures("registry:home", "api-registry-head")
def test_the_registry_home_and_head(client, api_client):
    def snapshots(k):
        for _ in range(k):
            series = make_series()
            registration_request(
                actor=series.owner, series=series, revision=series.head, authors=[]
            )
            head_snapshot_take()

    assert_constant_queries(
        snapshots,
        lambda: client.get("/registry/"),
        expected=2,
        rows=lambda response: len(response.context["snapshots"]),
    )
    assert_constant_queries(
        snapshots,
        lambda: api_client.get("/api/v1/registry/head/"),
        expected=2,
        rows=lambda response: len(response.json()["snapshots"]),
    )


@pytest.mark.measures("registry:record", "api-record-exports")
def test_record_page_and_endpoint_do_not_grow_with_exports(client, api_client, user):
    client.force_login(user)
    api_client.force_authenticate(user)

    def more(k):
        RecordExport.objects.bulk_create(RecordExport(requested_by=user) for _ in range(k))

    assert_constant_queries(more, lambda: client.get("/registry/record/"), expected=4)
    assert_constant_queries(more, lambda: api_client.get("/api/v1/record/exports/"), expected=2)


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
        expected=5,  # the revision and its series in one query, no role lookup for the owner
    )
