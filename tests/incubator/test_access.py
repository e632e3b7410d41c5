"""IDOR: every fund URL that names an object (pages and API, every method) is tried by
people who must not reach it. They get 404 (or 405 for a method the URL does not take),
never the object, and nothing changes. The walker reads the URL conf, so a new fund URL is
covered the day it is added; a parameter it cannot fill fails the test."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEntry
from incubator.models import Application
from incubator.services.applications import answer_save, budget_line_add
from incubator.services.calls import form_publish, rule_add
from incubator.services.coapplicants import coapplicant_answer, coapplicant_invite
from incubator.services.funds import fund_manager_add
from tests.incubator.support import make_application, make_call, make_fund, submitted
from tests.support.factories import UserFactory, member_of

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


def fund_routes() -> list[tuple[str, str]]:
    """(route template with {params}, URL name) of every fund page and API endpoint."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name.startswith(("fund:", "api-fund-")):
                    found.append((re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route), name))

    walk(get_resolver().url_patterns, "/", None)
    return found


@dataclass
class World:
    fund: object
    manager: object
    body_member: object
    other_manager: object
    draft_call: object
    open_call: object
    draft: Application
    submitted: Application
    invitation: object
    member: object
    project: object
    panel_review: object = None
    fact_check: object = None
    panel_member: object = None


def build_world() -> World:
    fund, manager = make_fund()
    body_member = member_of(fund.body)
    appointed = member_of(fund.body)
    member = fund_manager_add(actor=manager, fund=fund, user=appointed)
    _other_fund, other_manager = make_fund()
    open_call = make_call(fund, manager)
    draft_call = make_call(fund, manager, publish=False)
    rule_add(actor=manager, call=draft_call, kind="writer_role", params={})
    form_publish(
        actor=manager, call=open_call,
        questions=[{"key": "letter", "kind": "file", "label_zh": "意向书", "required": False}],
    )  # fmt: skip
    draft = make_application(open_call, cowriters=2)
    first, second = draft.cowriters
    accepted = coapplicant_invite(actor=draft.lead, application=draft, user=first)
    coapplicant_answer(actor=first, coapplicant=accepted, accept=True)
    invitation = coapplicant_invite(actor=draft.lead, application=draft, user=second)
    budget_line_add(
        actor=draft.lead, application=draft, category="cast", description="演员", amount="100"
    )
    answer_save(
        actor=draft.lead, application=draft, key="letter",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
    )  # fmt: skip
    world = World(
        fund, manager, body_member, other_manager, draft_call, open_call, draft,
        submitted(open_call), invitation, member, _funded_project(open_call, manager),
    )  # fmt: skip
    # The panel stage: a reviewer's review and a lawyer's fact-check of another application.
    from incubator.services.factcheck import fact_check_assign
    from incubator.services.panels import panel_assign
    from tests.incubator.panel_support import in_panel_review, mentor, seat
    from tests.incubator.test_determinations import lawyer

    panel_call = make_call(fund, manager)
    reviewed = in_panel_review(panel_call, themes=["rule-of-law"])
    world.panel_member = seat(panel_call, [mentor()])[0]
    panel_assign(actor=manager, call=panel_call)
    world.panel_review = reviewed.panel_reviews.get()
    world.fact_check = fact_check_assign(
        actor=manager, application=reviewed, area="law", checker=lawyer()
    )
    return world


def _funded_project(call, manager):
    """A project being contracted, with a milestone and a tranche, and the awarded
    application of another series waiting for its project."""
    from core.workflows import workflow_move
    from incubator.services.awards import (
        agreement_accept,
        agreement_issue,
        disbursement_schedule,
        milestone_add,
        project_create,
        report_schedule,
    )
    from incubator.workflows import APPLICATION_FLOW

    applications = [submitted(call), submitted(call)]
    for application in applications:
        for move in ("start_screening", "confirm_eligible", "to_determination", "award"):
            workflow_move(APPLICATION_FLOW, application, move, actor=manager)
    project = project_create(actor=manager, application=applications[0], amount="1000")
    milestone_add(actor=manager, project=project, title="修订稿", kind="revision",
                  due_on=timezone.localdate() + timedelta(days=9))  # fmt: skip
    disbursement_schedule(actor=manager, project=project, amount="500",
                          scheduled_on=timezone.localdate())  # fmt: skip
    project = agreement_issue(actor=manager, project=project)
    for side in (applications[0].lead, manager):
        agreement_accept(actor=side, project=project, agreement_hash=project.agreement_hash)
    report_schedule(actor=manager, project=project, due_on=timezone.localdate())
    project.awaiting = applications[1]  # type: ignore[attr-defined]
    return project


def fill(route: str, world: World, *, call) -> str:
    draft = world.draft
    values = {
        "slug": world.fund.slug if "manage/funds/" in route else call.slug,
        "fmt": "csv",
        "pk": (
            world.invitation.pk if "invitations/" in route
            else world.project.pk if "projects/" in route
            else world.project.awaiting.pk if re.search(r"/project/(new/)?$", route)
            else world.panel_review.pk if "panel/reviews/" in route
            else world.fact_check.pk if "fact-checks/" in route
            else world.panel_member.pk if "panel-members/" in route
            else world.submitted.pk if "screening" in route
            else draft.pk
        ),
        "key": "letter",
        "line_pk": draft.budget_lines.get().pk,
        "coapplicant_pk": draft.coapplicants.order_by("pk").first().pk,
        "member_pk": world.member.pk,
        "rule_pk": world.draft_call.rules.get().pk,
        "milestone_pk": world.project.milestones.get().pk,
        "tranche_pk": world.project.disbursements.get().pk,
        "report_pk": world.project.reports.get().pk,
    }  # fmt: skip
    for name in re.findall(r"\{(\w+)\}", route):
        assert name in values, f"The IDOR walker cannot fill {{{name}}} in {route}: teach fill()"
        route = route.replace("{" + name + "}", str(values[name]))
    return route


def _snapshot(world: World) -> tuple:
    rows = Application.objects.order_by("pk").values_list("status", "plan_team", "updated_at")
    return (AuditEntry.objects.count(), list(rows))


@pytest.mark.parametrize(
    "who", ["outsider", "other_fund_manager", "body_member", "manager_of_drafts"]
)
def test_no_one_reaches_a_fund_object_that_is_not_theirs(who):
    world = build_world()
    person = {
        "outsider": UserFactory(),
        "other_fund_manager": world.other_manager,
        "body_member": world.body_member,
        # The fund's own manager: drafts and invitations are the applicants' alone.
        "manager_of_drafts": world.manager,
    }[who]
    page, api = Client(), APIClient()
    page.force_login(person)
    api.force_authenticate(person)
    before = _snapshot(world)
    reached, tried = [], 0
    for route, name in fund_routes():
        if "{" not in route:
            continue  # lists and forms of one's own, tested elsewhere
        if who == "manager_of_drafts" and (
            "/manage/" in route
            or "/screening/" in route
            or "/calls/{slug}" in route
            or "project" in route
        ):
            continue  # theirs to manage
        url = fill(route, world, call=world.draft_call)
        client = api if name.startswith("api-") else page
        for method in METHODS:
            response = getattr(client, method)(url)
            tried += response.status_code == 404
            if response.status_code not in (404, 405):
                reached.append(f"{method.upper()} {url} ({name}): {response.status_code}")
    assert reached == []
    assert tried >= 25  # the walk really walked
    assert _snapshot(world) == before


def test_the_public_and_signed_out_people_reach_only_public_pages():
    world = build_world()
    page, api = Client(), APIClient()
    before = _snapshot(world)
    reached = []
    for route, name in fund_routes():
        url = fill(route, world, call=world.draft_call)
        client = api if name.startswith("api-") else page
        for method in METHODS:
            response = getattr(client, method)(url)
            login = response.status_code == 302 and "/accounts/login/" in response["Location"]
            if not (login or response.status_code in (401, 403, 404, 405)):
                reached.append(f"{method.upper()} {url} ({name}): {response.status_code}")
    public = {"GET /fund/ (fund:call_list): 200", "GET /api/v1/fund/calls/ (api-fund-calls): 200",
              "GET /fund/awards/ (fund:awards): 200",
              "GET /api/v1/fund/awards/ (api-fund-awards): 200",
              "GET /api/v1/fund/open-calls/ (api-fund-open-calls): 200"}  # fmt: skip
    assert set(reached) == public
    assert _snapshot(world) == before


def test_a_published_calls_management_is_refused_to_other_funds_managers():
    world = build_world()
    page, api = Client(), APIClient()
    page.force_login(world.other_manager)
    api.force_authenticate(world.other_manager)
    answers = {}
    for route, name in fund_routes():
        if "/manage/calls/" in route or name == "api-fund-call-applications":
            url = fill(route, world, call=world.open_call)
            client = api if name.startswith("api-") else page
            answers[name] = (client.get(url).status_code, client.post(url).status_code)
    assert len(answers) >= 9
    assert all(get in (403, 405) and post in (403, 405) for get, post in answers.values()), answers
    world.open_call.refresh_from_db()
    assert world.open_call.status == "published"


def test_the_rightful_people_do_reach_them():
    """The walker's fillers name real objects: their owners get in."""
    world = build_world()
    lead, manager = world.draft.lead, world.manager
    invited = world.invitation.user
    cases = [
        (lead, f"/fund/applications/{world.draft.pk}/"),
        (lead, f"/fund/applications/{world.draft.pk}/preview/"),
        (lead, f"/fund/applications/{world.draft.pk}/answers/letter/file/"),
        (world.draft.cowriters[0], f"/fund/applications/{world.draft.pk}/"),
        (invited, f"/fund/invitations/{world.invitation.pk}/"),
        (manager, f"/fund/manage/calls/{world.draft_call.slug}/"),
        (manager, f"/fund/calls/{world.draft_call.slug}/"),
        (manager, f"/fund/applications/{world.submitted.pk}/"),
        (world.member.user, f"/fund/manage/funds/{world.fund.slug}/"),
        (manager, f"/fund/projects/{world.project.pk}/"),
        (world.project.application.lead, f"/fund/projects/{world.project.pk}/"),
        (manager, f"/fund/applications/{world.project.awaiting.pk}/project/new/"),
        (manager, f"/fund/manage/funds/{world.fund.slug}/ledger/"),
    ]
    client = Client()
    for person, url in cases:
        client.force_login(person)
        assert client.get(url).status_code == 200, url


def test_a_manager_never_sees_a_draft_but_sees_it_once_submitted():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.manager)

    assert client.get(f"/api/v1/fund/applications/{world.draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/fund/applications/{world.submitted.pk}/").status_code == 200
    listed = client.get(f"/api/v1/fund/calls/{world.open_call.slug}/applications/").json()
    awarded = {world.project.application.pk, world.project.awaiting.pk}
    assert {row["id"] for row in listed["results"]} == {world.submitted.pk} | awarded
