"""Registering authorship: a writer asks, every co-writer named consents, and the entry
is appended to the chain. Entries are never changed; a registration that is declined
or withdrawn leaves no entry.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.types import Actor
from core.workflows import workflow_move
from registry import permissions
from registry.canonical import canonical_sha256
from registry.chain import GENESIS_HASH, entry_hash
from registry.models import (
    ConsentStatus,
    FingerprintReason,
    HeadSnapshot,
    Registration,
    RegistrationAuthor,
    RegistrationStatus,
    RegistryEntry,
    RightsBasis,
)
from registry.selectors import chain_verify
from registry.workflows import REGISTRATION_FLOW
from scripts_app.models import Collaborator, CollaboratorRole, Revision, Series
from scripts_app.selectors import revision_text

# Taken by every append on PostgreSQL, so two appends never read the same head.
_CHAIN_LOCK = 0x7265_6769  # "regi"


@dataclass(frozen=True)
class AuthorChoice:
    """One author as the registering writer names them."""

    user: User
    name_zh: str = ""
    name_en: str = ""
    show_publicly: bool = False


def series_writers(series: Series) -> list[User]:
    """The people who may be named as authors: the owner, then the co-writers (as users, in
    one query; `scripts_app.selectors.writer_ids` gives the ids)."""
    cowriters = User.objects.filter(
        pk__in=Collaborator.objects.filter(series=series, role=CollaboratorRole.COWRITER).values(
            "user_id"
        )
    ).order_by("pk")
    return [series.owner, *cowriters]


def registration_request(
    *,
    actor: User,
    series: Series,
    revision: Revision,
    authors: Sequence[AuthorChoice],
    rights_basis: str = RightsBasis.ORIGINAL,
    source_work: str = "",
    licensor: str = "",
) -> Registration:
    """Ask to register `revision` with these authors.

    The asking writer consents by asking. When no one else is named, the entry is
    chained at once; otherwise the registration waits for each of them.

    Raises:
        PermissionDenied: the actor is not the owner or a co-writer of the series.
        ValidationError: the revision is not the series', an author is not one of its
            writers, the rights basis lacks its details, or the revision is already
            registered or waiting.
    """
    if not permissions.can_register_series(actor, series):
        raise PermissionDenied
    if revision.series_id != series.pk:
        raise ValidationError(_("That revision belongs to another series."))
    if rights_basis not in RightsBasis.values:
        raise ValidationError({"rights_basis": _("Choose original work or licensed adaptation.")})
    source_work, licensor = source_work.strip(), licensor.strip()
    if rights_basis == RightsBasis.LICENSED and not (source_work and licensor):
        raise ValidationError(_("A licensed adaptation names the source work and who licensed it."))
    allowed = {writer.pk for writer in series_writers(series)}
    chosen: dict[int, AuthorChoice] = {}
    for choice in authors:
        if choice.user.pk not in allowed:
            raise ValidationError(
                _("%(name)s is not a writer of this series.") % {"name": choice.user}
            )
        chosen.setdefault(choice.user.pk, choice)
    if actor.pk not in chosen:
        chosen = {actor.pk: AuthorChoice(user=actor), **chosen}

    with transaction.atomic():
        already = Registration.objects.filter(
            revision=revision,
            status__in=[RegistrationStatus.PENDING, RegistrationStatus.REGISTERED],
        ).first()
        if already is not None:
            raise ValidationError(_("This revision is already registered or waiting for consent."))
        registration = Registration.objects.create(
            series=series,
            revision=revision,
            requested_by=actor,
            rights_basis=rights_basis,
            source_work=source_work,
            licensor=licensor,
        )
        now = timezone.now()
        RegistrationAuthor.objects.bulk_create(
            RegistrationAuthor(
                registration=registration,
                user=choice.user,
                name_zh=(choice.name_zh or choice.user.name_pair["zh"]).strip()[:100],
                name_en=(choice.name_en or choice.user.name_pair["en"]).strip()[:100],
                show_publicly=choice.show_publicly,
                consent=ConsentStatus.GIVEN
                if choice.user.pk == actor.pk
                else ConsentStatus.PENDING,
                answered_at=now if choice.user.pk == actor.pk else None,
                position=position,
            )
            for position, choice in enumerate(chosen.values())
        )
        audit_record(
            actor=actor,
            action="registry.requested",
            target=series,
            data={"registration": registration.pk, "revision": revision.number},
        )
        others = [choice.user for choice in chosen.values() if choice.user.pk != actor.pk]
        for person in others:
            notification_send(
                recipient=person,
                kind="registry_consent_requested",
                actor=actor,
                params=_params(registration, actor),
                url=reverse("registry:registration", args=[registration.pk]),
            )
        if not others:
            _register(registration)
    return registration


def registration_answer(
    *,
    actor: User,
    registration: Registration,
    consent: bool,
    name_zh: str | None = None,
    name_en: str | None = None,
    show_publicly: bool | None = None,
) -> Registration:
    """A named author consents (saying, if they like, the name to record and whether it
    shows publicly) or declines. One decline ends the registration (the others are
    told); the last consent chains the entry."""
    if not consent:

        def tell_the_others(locked: Registration) -> None:
            _answer(locked, actor, ConsentStatus.DECLINED)
            _tell_the_other_authors(locked, actor, "registry_declined")

        return workflow_move(
            REGISTRATION_FLOW,
            registration,
            "decline",
            actor=actor,
            changes={"decided_at": timezone.now()},
            effects=[tell_the_others],
        )
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if not permissions.can_answer_registration(actor, locked):
            if locked.status != RegistrationStatus.PENDING:
                raise ValidationError(_("This registration is no longer waiting for answers."))
            raise PermissionDenied
        own = {
            key: value.strip()[:100] if isinstance(value, str) else value
            for key, value in (
                ("name_zh", name_zh),
                ("name_en", name_en),
                ("show_publicly", show_publicly),
            )
            if value is not None
        }
        RegistrationAuthor.objects.filter(registration=locked, user_id=actor.pk).update(**own)
        _answer(locked, actor, ConsentStatus.GIVEN)
        audit_record(
            actor=actor,
            action="registry.consented",
            target=locked.series,
            data={"registration": locked.pk},
        )
        if not locked.authors.exclude(consent=ConsentStatus.GIVEN).exists():
            _register(locked)
    registration.refresh_from_db()
    return registration


def registration_withdraw(*, actor: User, registration: Registration) -> Registration:
    return workflow_move(
        REGISTRATION_FLOW,
        registration,
        "withdraw",
        actor=actor,
        changes={"decided_at": timezone.now()},
        effects=[lambda locked: _tell_the_other_authors(locked, actor, "registry_withdrawn")],
    )


def _tell_the_other_authors(registration: Registration, actor: User, kind: str) -> None:
    for author in registration.authors.exclude(user=actor).select_related("user"):
        notification_send(
            recipient=author.user,
            kind=kind,
            actor=actor,
            params=_params(registration, actor),
            url=reverse("registry:registration", args=[registration.pk]),
        )


def author_name_visibility_set(*, actor: Actor, author: RegistrationAuthor, public: bool) -> None:
    """Show or hide one's own name on the public pages of an entry (not in its hash)."""
    if not permissions.can_change_name_visibility(actor, author):
        raise PermissionDenied
    RegistrationAuthor.objects.filter(pk=author.pk).update(show_publicly=public)
    author.show_publicly = public


def head_snapshot_take() -> HeadSnapshot | None:
    """Keep today's head, after walking the whole chain under it (the beat task calls this
    daily); None while the chain is empty. A broken chain is recorded as such, and the
    audit log says where it broke."""
    head = RegistryEntry.objects.order_by("-number").values("number", "entry_hash").first()
    if head is None:
        return None
    broken = chain_verify(through=head["number"])
    if broken is not None:
        audit_record(
            actor=None,
            action="registry.chain_broken",
            data={"number": broken.number, "reason": broken.reason},
        )
    return HeadSnapshot.objects.create(
        number=head["number"], entry_hash=head["entry_hash"], chain_verified=broken is None
    )


def _answer(registration: Registration, actor: User, consent: str) -> None:
    RegistrationAuthor.objects.filter(registration=registration, user_id=actor.pk).update(
        consent=consent, answered_at=timezone.now()
    )


def _params(registration: Registration, actor: User | None) -> dict[str, object]:
    params: dict[str, object] = {
        "series": registration.series.title,
        "revision": registration.revision.number,
    }
    if actor is not None:
        params["actor"] = actor.name_pair
    return params


def _register(registration: Registration) -> RegistryEntry:
    """Chain the entry and mark the registration registered, in the caller's transaction.
    The registered revision is fingerprinted for the originality index once it commits."""
    from registry.services.originality import fingerprint_enqueue

    entry = entry_append(registration)
    fingerprint_enqueue(revision=registration.revision, reason=FingerprintReason.REGISTERED)

    def tell_everyone(locked: Registration) -> None:
        for author in locked.authors.select_related("user"):
            notification_send(
                recipient=author.user,
                kind="registry_registered",
                params={**_params(locked, None), "number": entry.number},
                url=reverse("registry:entry", args=[entry.number]),
            )

    workflow_move(
        REGISTRATION_FLOW,
        registration,
        "register",
        actor=None,
        changes={"decided_at": entry.recorded_at},
        data={"entry": entry.number},
        effects=[tell_everyone],
    )
    return entry


def entry_append(registration: Registration, *, attempts: int = 5) -> RegistryEntry:
    """Append the registration's entry after the current head.

    The head is the highest number (a unique index), so appending costs the same at any
    chain length. On PostgreSQL an advisory lock orders concurrent appends; elsewhere a
    clash on the unique number is retried.
    """
    revision = registration.revision
    text = revision_text(revision)
    authors = [
        {"account": row["user_id"], "name_zh": row["name_zh"], "name_en": row["name_en"]}
        for row in registration.authors.values("user_id", "name_zh", "name_en")
    ]
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
                head = (
                    RegistryEntry.objects.order_by("-number").values("number", "entry_hash").first()
                )
                entry = RegistryEntry(
                    number=(head["number"] + 1) if head else 1,
                    registration=registration,
                    series_id=registration.series_id,
                    revision=revision,
                    content_sha256=canonical_sha256(text),
                    title=registration.series.title,
                    episode_count=int(revision.stats.get("episodes", 0)),
                    authors=authors,
                    rights_basis=registration.rights_basis,
                    source_work=registration.source_work,
                    licensor=registration.licensor,
                    # Whole microseconds, as the canonical form writes them.
                    recorded_at=timezone.now(),
                    previous_hash=head["entry_hash"] if head else GENESIS_HASH,
                )
                entry.entry_hash = entry_hash(entry)
                entry.save()
                return entry
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")
