"""Demo registrations: each original demo series' latest milestone is registered, with
its co-writers' consent recorded as they would give it on the registration page."""

from collections.abc import Callable

from accounts.models import User
from registry.models import Registration
from registry.services.registration import (
    AuthorChoice,
    registration_answer,
    registration_request,
)
from scripts_app.models import Series
from seeds.world.series import SERIES

# Who shows their name on the public entry (the others keep it private, to show both).
NAMES_SHOWN = {"writer.chen", "writer.yang", "writer.wang", "writer.emma", "writer.daniel"}
NOT_REGISTERED = {"window-secrets"}  # the planted copy is not registered


def load_registrations(log: Callable[[str], None], person: Callable[[str], User]) -> None:
    created = 0
    for data in SERIES:
        if data["slug"] in NOT_REGISTERED:
            continue
        owner = person(data["owner"])
        series = Series.objects.filter(owner=owner, title=data["title"]).first()
        if series is None or Registration.objects.filter(series=series).exists():
            continue
        milestone = series.revisions.exclude(name="").order_by("-number").first() or series.head
        cowriters = [person(name) for name in data["cowriters"]]
        registration = registration_request(
            actor=owner,
            series=series,
            revision=milestone,
            authors=[
                AuthorChoice(user=owner, show_publicly=data["owner"] in NAMES_SHOWN),
                *(AuthorChoice(user=user) for user in cowriters),
            ],
        )
        for name, user in zip(data["cowriters"], cowriters, strict=True):
            registration_answer(
                actor=user,
                registration=registration,
                consent=True,
                show_publicly=name in NAMES_SHOWN,
            )
        created += 1
    log(f"registrations: {created} registered")
