"""Funds, calls and applications for tests, made through the services as the app makes them."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role
from incubator.models import Call
from incubator.services.applications import (
    application_field_save,
    application_start,
    budget_line_add,
)
from incubator.services.calls import call_create, call_publish
from incubator.services.funds import fund_create
from registry.services.registration import AuthorChoice, registration_answer, registration_request
from reviews.models import Rubric
from scripts_app.models import Collaborator, CollaboratorRole
from tests.support.factories import OrganisationFactory, UserFactory, admin_of, make_series

_counter = iter(range(1, 1_000_000))


def make_fund(*, budget=Decimal("5000000.00"), body=None):
    """A fund of a new fund body, with the body's admin (a fund manager)."""
    body = body or OrganisationFactory(kind="fund_body")
    admin = body.memberships.filter(role="admin").first()
    manager = admin.user if admin else admin_of(body, roles=[Role.FUND_MANAGER])
    n = next(_counter)
    fund = fund_create(
        actor=manager, body=body, slug=f"fund-{n}", budget=budget,
        name_zh=f"精品微短剧扶持基金{n}", name_en=f"Boutique Fund {n}",
    )  # fmt: skip
    return fund, manager


def make_call(
    fund=None,
    manager=None,
    *,
    publish=True,
    opens_in=timedelta(days=-1),
    closes_in=timedelta(days=30),
    **fields,
) -> Call:
    if fund is None:
        fund, manager = make_fund()
    n = next(_counter)
    now = timezone.now()
    fields.setdefault("title_zh", f"非遗与文旅专项{n}")
    fields.setdefault("title_en", f"Heritage and Travel {n}")
    fields.setdefault("awards_count", 3)
    fields.setdefault("award_max", Decimal("200000.00"))
    fields.setdefault("budget", Decimal("600000.00"))
    call = call_create(
        actor=manager, fund=fund, slug=fields.pop("slug", f"call-{n}"),
        rubric=Rubric.objects.get(is_default=True), opens_at=now + opens_in,
        closes_at=now + closes_in, **fields,
    )  # fmt: skip
    if publish:
        call_publish(actor=manager, call=call)
    call.manager = manager  # type: ignore[attr-defined]
    return call


def registered_series(owner=None, *, cowriters=0, **fields):
    """A series with its head revision registered (co-writers named and consenting)."""
    owner = owner or UserFactory()
    series = make_series(owner=owner, **fields)
    people = []
    for _ in range(cowriters):
        person = UserFactory()
        Collaborator.objects.create(
            series=series, user=person, role=CollaboratorRole.COWRITER, added_by=owner
        )
        people.append(person)
    registration = registration_request(
        actor=owner, series=series, revision=series.head,
        authors=[AuthorChoice(user=person) for person in people],
    )  # fmt: skip
    for person in people:
        registration_answer(actor=person, registration=registration, consent=True)
    registration.refresh_from_db()
    series.refresh_from_db()
    return series, registration.entry, people


def make_application(call=None, owner=None, *, cowriters=0):
    call = call or make_call()
    series, entry, people = registered_series(owner, cowriters=cowriters)
    application = application_start(actor=series.owner, call=call, series=series, entry=entry)
    application.cowriters = people  # type: ignore[attr-defined]
    return application


def complete(application, *, amount="150000.00"):
    """Fill in everything a single-stage call with no questions asks for."""
    lead = application.lead
    for field, value in (
        ("episodes_from", 1), ("episodes_to", application.entry.episode_count),
        ("plan_episodes", 40), ("plan_minutes", 80), ("plan_shooting_days", 12),
        ("plan_team", "导演：待定；制片：星河短剧工作室。"),
    ):  # fmt: skip
        application_field_save(actor=lead, application=application, field=field, value=value)
    budget_line_add(
        actor=lead, application=application, category="cast", description="演员片酬",
        amount=amount,
    )  # fmt: skip
    return application


def submitted(call=None, owner=None):
    from incubator.services.applications import application_submit

    application = complete(make_application(call, owner))
    application_submit(actor=application.lead, application=application)
    return application
