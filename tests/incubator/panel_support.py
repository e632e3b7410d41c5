"""A call with applications under panel review and a seated panel, for the panel's tests."""

from accounts.models import Role, RoleGrant
from incubator.models import PanelRole
from incubator.services.panels import panel_member_add
from incubator.services.screening import screening_confirm
from taxonomy.models import Term
from tests.incubator.support import make_call, submitted
from tests.support.factories import UserFactory


def mentor(**fields):
    user = UserFactory(**fields)
    RoleGrant.objects.create(user=user, role=Role.MENTOR)
    return user


def in_panel_review(call, owner=None, *, themes=()):
    application = submitted(call, owner)
    if themes:
        application.series.themes.add(*Term.objects.filter(kind="theme", slug__in=themes))
    screening_confirm(actor=call.manager, application=application)
    application.refresh_from_db()
    return application


def seat(call, people, role=PanelRole.MENTOR):
    return [
        panel_member_add(actor=call.manager, call=call, email=person.email, role=role)
        for person in people
    ]


def panel_call(*, applications=2, reviewers=3, panel_size=2, **fields):
    call = make_call(panel_size=panel_size, **fields)
    apps = [in_panel_review(call) for _ in range(applications)]
    people = [mentor() for _ in range(reviewers)]
    seat(call, people)
    return call, apps, people
