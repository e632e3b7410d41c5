"""The fund's lists: the query count must not grow with calls, applications or invitations.

The manager's list of a call's applications is the one the issue sizes at 2,000
applications; here it is measured at n and 2n with co-applicants and budget lines on
every row, so that a missing prefetch or a budget total summed per row shows.
"""

import pytest

from incubator.services.applications import budget_line_add
from incubator.services.coapplicants import coapplicant_answer, coapplicant_invite
from tests.incubator.support import make_application, make_call, make_fund, submitted
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _calls(k, **kwargs):
    fund, manager = make_fund()
    for _ in range(k):
        call = make_call(fund, manager, **kwargs)
        from incubator.services.calls import priorities_set
        from taxonomy.models import Term

        priorities_set(actor=manager, call=call, priorities=[
            (term, 1) for term in Term.objects.filter(kind="theme").order_by("slug")[:2]
        ])  # fmt: skip


@pytest.mark.measures("fund:call_list", "api-fund-calls", "api-fund-open-calls")
def test_the_public_call_lists(client, api_client):
    assert_constant_queries(_calls, lambda: client.get("/fund/"), expected=4)
    assert_constant_queries(_calls, lambda: api_client.get("/api/v1/fund/calls/"), expected=3)
    assert_constant_queries(_calls, lambda: api_client.get("/api/v1/fund/open-calls/"), expected=3)


def _with_coapplicant(call):
    application = make_application(call, cowriters=1)
    person = application.cowriters[0]
    invitation = coapplicant_invite(actor=application.lead, application=application, user=person)
    coapplicant_answer(actor=person, coapplicant=invitation, accept=True)
    return application


@pytest.mark.measures("fund:call_applications", "api-fund-call-applications")
def test_the_managers_list_of_a_calls_applications(client, api_client):
    from incubator.services.applications import application_submit
    from tests.incubator.support import complete

    call = make_call()
    client.force_login(call.manager)
    api_client.force_authenticate(call.manager)

    def more(k):
        for _ in range(k):
            application = complete(_with_coapplicant(call))
            budget_line_add(
                actor=application.lead, application=application, category="post",
                description="后期", amount="1000.00",
            )  # fmt: skip
            application_submit(actor=application.lead, application=application)
            make_application(call)  # a draft, which the fund never sees

    assert_constant_queries(
        more,
        lambda: client.get(f"/fund/manage/calls/{call.slug}/applications/"),
        expected=8,
        rows=lambda response: len(response.context["page"].object_list),
    )
    assert_constant_queries(
        more,
        lambda: api_client.get(f"/api/v1/fund/calls/{call.slug}/applications/"),
        expected=5,
    )


@pytest.mark.measures("fund:my_applications", "api-fund-applications")
def test_a_writers_applications(client, api_client):
    from tests.support.factories import UserFactory

    writer = UserFactory()
    client.force_login(writer)
    api_client.force_authenticate(writer)

    def more(k):
        for _ in range(k):
            make_application(owner=writer)
            submitted(owner=writer)

    assert_constant_queries(
        more,
        lambda: client.get("/fund/applications/"),
        expected=6,
        rows=lambda response: len(response.context["page"].object_list),
    )
    assert_constant_queries(more, lambda: api_client.get("/api/v1/fund/applications/"), expected=2)


@pytest.mark.measures("api-fund-invitations")
def test_invitations_to_apply_together(api_client):
    from tests.support.factories import UserFactory

    person = UserFactory()
    api_client.force_authenticate(person)

    def more(k):
        from scripts_app.models import Collaborator

        for _ in range(k):
            application = make_application()
            Collaborator.objects.create(
                series=application.series, user=person, role="cowriter",
                added_by=application.lead,
            )  # fmt: skip
            coapplicant_invite(actor=application.lead, application=application, user=person)

    assert_constant_queries(more, lambda: api_client.get("/api/v1/fund/invitations/"), expected=2)


@pytest.mark.measures("fund:manage", "fund:fund_manage")
def test_a_managers_funds_and_a_funds_calls(client):
    fund, manager = make_fund(budget=10**9)
    client.force_login(manager)

    def more_funds(k):
        for _ in range(k):
            make_fund(body=fund.body)

    assert_constant_queries(
        more_funds,
        lambda: client.get("/fund/manage/"),
        expected=5,
        rows=lambda response: len(response.context["funds"]),
    )

    def more_calls(k):
        for _ in range(k):
            call = make_call(fund, manager)
            submitted(call)

    assert_constant_queries(
        more_calls,
        lambda: client.get(f"/fund/manage/funds/{fund.slug}/"),
        expected=10,
        rows=lambda response: len(response.context["page"].object_list),
    )


@pytest.mark.measures("fund:project_detail", "fund:fund_ledger", "fund:awards")
def test_a_projects_page_the_funds_ledger_and_the_public_awards(client):
    from datetime import timedelta

    from django.utils import timezone

    from incubator.services.awards import (
        disbursement_cancel,
        disbursement_schedule,
        project_set_public,
        report_schedule,
    )
    from tests.incubator.test_awards import running

    project, manager, _, (_, second) = running(amount="150000")
    disbursement_cancel(actor=manager, tranche=second)  # room for the tranches added below
    soon = timezone.localdate() + timedelta(days=10)
    projects = [project]

    def more(k):
        for _ in range(k):
            disbursement_schedule(actor=manager, project=project, amount="1", scheduled_on=soon)
            report_schedule(actor=manager, project=project, due_on=soon)
            other, other_manager, _, _ = running(amount="1000")
            project_set_public(actor=other.application.lead, project=other, public=True)
            projects.append(other)

    client.force_login(manager)
    assert_constant_queries(
        more,
        lambda: client.get(project.get_absolute_url()),
        expected=13,
        rows=lambda response: len(response.context["tranches"]) + len(response.context["reports"]),
    )
    fund = project.application.call.fund
    assert_constant_queries(
        lambda k: [
            disbursement_schedule(actor=manager, project=project, amount="1", scheduled_on=soon)
            for _ in range(k)
        ],
        lambda: client.get(f"/fund/manage/funds/{fund.slug}/ledger/"),
        expected=10,
        rows=lambda response: len(response.context["page"]),
    )
    client.logout()
    assert_constant_queries(
        more,
        lambda: client.get("/fund/awards/"),
        expected=2,
        rows=lambda response: len(response.context["page"]),
    )


@pytest.mark.measures("api-fund-tranches", "api-fund-reports", "api-fund-awards")
def test_a_projects_tranches_and_reports_and_the_public_awards_in_the_api(api_client):
    from datetime import timedelta

    from django.utils import timezone

    from incubator.services.awards import (
        disbursement_cancel,
        disbursement_schedule,
        project_set_public,
        report_schedule,
    )
    from tests.incubator.test_awards import running

    project, manager, _, (_, second) = running(amount="150000")
    disbursement_cancel(actor=manager, tranche=second)
    soon = timezone.localdate() + timedelta(days=10)

    def more(k):
        for _ in range(k):
            disbursement_schedule(actor=manager, project=project, amount="1", scheduled_on=soon)
            report_schedule(actor=manager, project=project, due_on=soon)
            other = running(amount="1000")[0]
            project_set_public(actor=other.application.lead, project=other, public=True)

    api_client.force_authenticate(manager)
    base = f"/api/v1/fund/projects/{project.pk}/"
    count = lambda response: response.json()["count"]  # noqa: E731
    assert_constant_queries(
        more, lambda: api_client.get(f"{base}tranches/"), expected=6, rows=count
    )
    assert_constant_queries(more, lambda: api_client.get(f"{base}reports/"), expected=6, rows=count)
    api_client.force_authenticate(None)
    assert_constant_queries(more, lambda: api_client.get("/api/v1/fund/awards/"), expected=2,
                            rows=count)  # fmt: skip


# --- the panel stage ----------------------------------------------------------------------


def _panel_world():
    from tests.incubator.panel_support import mentor, seat

    call = make_call(panel_size=2)
    people = [mentor(), mentor()]
    seat(call, people)
    return call, people


def _reviewed(call, k):
    """k more applications under panel review, each with two submitted reviews and one of
    them on a rule-of-law series (a fact-check is needed)."""
    from incubator.models import PanelReview
    from incubator.services.panels import panel_assign, panel_review_save
    from tests.incubator.panel_support import in_panel_review

    for i in range(k):
        in_panel_review(call, themes=["rule-of-law", "cultural-tourism"] if i == 0 else [])
    panel_assign(actor=call.manager, call=call)
    criteria = list(call.rubric_version.criteria.all())
    for review in PanelReview.objects.filter(application__call=call, status="assigned"):
        panel_review_save(
            actor=review.reviewer, review=review,
            scores={c.key: {"score": 6} for c in criteria}, recommendation="maybe",
            comment="可以", submit=True,
        )  # fmt: skip


@pytest.mark.measures(
    "fund:call_ranking", "api-fund-ranking", "fund:ranking_export", "fund:call_applications"
)
def test_the_ranking_and_its_exports(client, api_client):
    call, _people = _panel_world()
    client.force_login(call.manager)
    api_client.force_authenticate(call.manager)
    more = lambda k: _reviewed(call, k)  # noqa: E731
    assert_constant_queries(
        more, lambda: client.get(f"/fund/manage/calls/{call.slug}/ranking/"), expected=13,
        rows=lambda response: len(response.context["page"].object_list),
    )  # fmt: skip
    assert_constant_queries(
        more, lambda: api_client.get(f"/api/v1/fund/calls/{call.slug}/ranking/"), expected=10
    )
    assert_constant_queries(
        more, lambda: client.get(f"/fund/manage/calls/{call.slug}/ranking.csv"), expected=13
    )
    # The manager's application list once the panel has worked (no per-row panel reads).
    assert_constant_queries(
        more, lambda: client.get(f"/fund/manage/calls/{call.slug}/applications/"), expected=8,
        rows=lambda response: len(response.context["page"].object_list),
    )  # fmt: skip


@pytest.mark.measures("fund:panel_manage", "api-fund-panel")
def test_the_panel_members(client, api_client):
    from tests.incubator.panel_support import mentor, seat

    call = make_call()
    client.force_login(call.manager)
    api_client.force_authenticate(call.manager)
    more = lambda k: seat(call, [mentor() for _ in range(k)])  # noqa: E731
    assert_constant_queries(
        more, lambda: client.get(f"/fund/manage/calls/{call.slug}/panel/"), expected=7,
        rows=lambda response: len(response.context["page"].object_list),
    )  # fmt: skip
    assert_constant_queries(
        more, lambda: api_client.get(f"/api/v1/fund/calls/{call.slug}/panel/"), expected=4
    )


@pytest.mark.measures("fund:panel_dashboard", "api-fund-panel-reviews")
def test_the_reviewers_dashboard(client, api_client):
    call, people = _panel_world()
    reviewer = people[0]
    client.force_login(reviewer)
    api_client.force_authenticate(reviewer)
    more = lambda k: _reviewed(call, k)  # noqa: E731
    assert_constant_queries(
        more, lambda: client.get("/fund/panel/"), expected=6,
        rows=lambda response: len(response.context["page"].object_list),
    )  # fmt: skip
    assert_constant_queries(more, lambda: api_client.get("/api/v1/fund/panel/reviews/"), expected=2)


@pytest.mark.measures("api-fund-expertise")
def test_a_persons_expertise(api_client):
    from incubator.services.factcheck import expertise_declare
    from tests.support.factories import UserFactory

    person = UserFactory()
    api_client.force_authenticate(person)
    areas = iter(["law", "heritage", "medicine"])
    more = lambda k: [expertise_declare(actor=person, area=next(areas)) for _ in range(k)]  # noqa: E731
    assert_constant_queries(
        more, lambda: api_client.get("/api/v1/fund/expertise/"), expected=2, n=1
    )
