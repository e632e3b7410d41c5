"""Listing a series for discovery, with every writer's consent.

As registering authorship does (registry.services.registration): the writer who lists
consents by listing; every other writer of the series (the owner and each co-writer) is
asked, and the listing is shown to scouts only once all of them consent. A writer who
withdraws consent takes it out of search at once; so does unlisting. A change that shows
more than the writers agreed to (a field turned on, a longer sample) asks the others
again; showing less does not.

Each service takes the series' or listing's row lock (through `_locked`), so two writers
acting at once are applied one after the other.
"""

from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move
from scouting.models import (
    Listing,
    ListingConsent,
    ListingConsentStatus,
    ListingStatus,
)
from scouting.models.listings import MAX_SAMPLE_EPISODES
from scouting.permissions import can_answer_consent, can_manage_listing
from scouting.services.snapshot import snapshot_take, with_stale_facts
from scouting.workflows import LISTING_FLOW
from scripts_app.models import Series
from scripts_app.selectors import writer_ids

SHOW_FLAGS = (
    "show_logline",
    "show_synopsis",
    "show_terms",
    "show_episodes",
    "show_score",
    "show_registry",
    "show_awards",
    "show_certificates",
)


@dataclass(frozen=True)
class ListingChoices:
    """What scouts may see without asking. The title is always shown."""

    show_logline: bool = True
    show_synopsis: bool = False
    show_terms: bool = True
    show_episodes: bool = True
    sample_episodes: int = 0
    show_score: bool = False
    show_registry: bool = False
    show_awards: bool = False
    show_certificates: bool = False

    @classmethod
    def of(cls, listing: Listing) -> "ListingChoices":
        return cls(
            **{flag: getattr(listing, flag) for flag in SHOW_FLAGS},
            sample_episodes=listing.sample_episodes,
        )

    def shows_more_than(self, other: "ListingChoices") -> bool:
        return self.sample_episodes > other.sample_episodes or any(
            getattr(self, flag) and not getattr(other, flag) for flag in SHOW_FLAGS
        )


def _check_choices(choices: ListingChoices) -> None:
    if not 0 <= choices.sample_episodes <= MAX_SAMPLE_EPISODES:
        raise ValidationError(
            {
                "sample_episodes": _("Choose between 0 and %(max)s episodes.")
                % {"max": MAX_SAMPLE_EPISODES}
            }
        )


def _apply(listing: Listing, choices: ListingChoices) -> None:
    for key, value in asdict(choices).items():
        setattr(listing, key, value)


def _params(listing: Listing, actor: User) -> dict[str, object]:
    return {"series": listing.series.title, "actor": actor.name_pair}


def _tell_writers(user_ids: Any, kind: str, listing: Listing, actor: User) -> None:
    """Notify these writers (ids, or a query of them) about the listing, leading to its
    Discovery section."""
    for person in User.objects.filter(pk__in=user_ids).order_by("pk"):
        notification_send(
            recipient=person,
            kind=kind,
            actor=actor,
            params=_params(listing, actor),
            url=reverse("scouting:listing", args=[listing.series_id]),
        )


def _ask_everyone_else(listing: Listing, actor: User) -> None:
    """Every writer but the actor is asked again; the actor consents by acting. Writers
    who joined since are added, people no longer writers are dropped."""
    writers = writer_ids(listing.series)
    listing.consents.exclude(user_id__in=writers).delete()
    have = set(listing.consents.values_list("user_id", flat=True))
    ListingConsent.objects.bulk_create(
        ListingConsent(listing=listing, user_id=user_id) for user_id in sorted(writers - have)
    )
    now = timezone.now()
    listing.consents.filter(user_id=actor.pk).update(
        consent=ListingConsentStatus.GIVEN, answered_at=now
    )
    others = listing.consents.exclude(user_id=actor.pk)
    others.update(consent=ListingConsentStatus.PENDING, answered_at=None)
    _tell_writers(others.values("user_id"), "scouting_consent_requested", listing, actor)


def _publish_if_agreed(listing: Listing) -> None:
    """Show the listing once every writer of the series has consented."""
    if listing.status != ListingStatus.PENDING:
        return
    writers = writer_ids(listing.series)
    given = set(
        listing.consents.filter(consent=ListingConsentStatus.GIVEN).values_list(
            "user_id", flat=True
        )
    )
    if writers <= given:
        workflow_move(
            LISTING_FLOW, listing, "publish", actor=None, changes={"listed_at": timezone.now()}
        )


def _locked(listing: Listing) -> Listing:
    locked = (
        Listing.objects.select_for_update(of=("self",))
        .select_related("series__head")
        .get(pk=listing.pk)
    )
    return locked


def listing_create(*, actor: User, series: Series, choices: ListingChoices) -> Listing:
    """List a series for discovery (or list it again after it was unlisted).

    The actor consents by listing; every other writer is asked. With no other writer the
    listing is shown to scouts at once.

    Returns:
        The listing (pending or listed).

    Raises:
        PermissionDenied: the actor is not a writer of the series.
        ValidationError: the choices are out of range, or the series is already listed
            or waiting for consent.
    """
    if not can_manage_listing(actor, series):
        raise PermissionDenied
    _check_choices(choices)
    with transaction.atomic():
        list(Series.objects.select_for_update().filter(pk=series.pk).values_list("pk"))
        listing = Listing.objects.filter(series=series).first()
        if listing is not None and listing.status != ListingStatus.UNLISTED:
            raise ValidationError(_("This series is already listed or waiting for consent."))
        if listing is None:
            listing = Listing(series=series, created_by=actor)
            _apply(listing, choices)
            snapshot_take(listing)
            audit_record(
                actor=actor,
                action="scouting.listing_created",
                target=series,
                data={"listing": listing.pk, **asdict(choices)},
            )
        else:
            listing = _locked(listing)
            _apply(listing, choices)
            snapshot_take(listing)
            workflow_move(LISTING_FLOW, listing, "relist", actor=actor, data=asdict(choices))
        _ask_everyone_else(listing, actor)
        _publish_if_agreed(listing)
    return listing


def listing_update(*, actor: User, listing: Listing, choices: ListingChoices) -> Listing:
    """Change what a listing shows, and take a fresh snapshot (new text, scores, awards).

    Showing more than before asks the other writers again, and takes the listing out of
    search until they consent; showing less, or the same, keeps their consent.

    Raises:
        PermissionDenied: the actor is not a writer of the series.
        ValidationError: the choices are out of range, or the listing is unlisted (list it
            again instead).
    """
    if not can_manage_listing(actor, listing.series):
        raise PermissionDenied
    _check_choices(choices)
    with transaction.atomic():
        locked = _locked(listing)
        if locked.status == ListingStatus.UNLISTED:
            raise ValidationError(_("This series is not listed. List it again instead."))
        before = ListingChoices.of(locked)
        _apply(locked, choices)
        snapshot_take(locked)
        audit_record(
            actor=actor,
            action="scouting.listing_updated",
            target=locked.series,
            data={"listing": locked.pk, **asdict(choices)},
        )
        writers_changed = writer_ids(locked.series) != set(
            locked.consents.values_list("user_id", flat=True)
        )
        if choices.shows_more_than(before) or writers_changed:
            if locked.status == ListingStatus.LISTED:
                workflow_move(LISTING_FLOW, locked, "hold", actor=None)
            _ask_everyone_else(locked, actor)
            _publish_if_agreed(locked)
    listing.refresh_from_db()
    return listing


def listing_unlist(*, actor: User, listing: Listing) -> Listing:
    """Take a listing down: it leaves search at once.

    Raises:
        PermissionDenied: the actor is not a writer of the series.
        Conflict: it is already unlisted.
    """
    return workflow_move(LISTING_FLOW, listing, "unlist", actor=actor)


def consent_give(*, actor: User, listing: Listing) -> Listing:
    """A writer consents to the listing as it stands; the last consent lists it.

    Raises:
        PermissionDenied: the actor was not asked (not a writer of the series).
    """
    if not can_answer_consent(actor, listing):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(listing)
        locked.consents.filter(user_id=actor.pk).update(
            consent=ListingConsentStatus.GIVEN, answered_at=timezone.now()
        )
        audit_record(
            actor=actor, action="scouting.consent_given", target=locked.series,
            data={"listing": locked.pk},
        )  # fmt: skip
        _publish_if_agreed(locked)
    listing.refresh_from_db()
    return listing


def consent_withdraw(*, actor: User, listing: Listing) -> Listing:
    """A writer withdraws consent: a listed listing leaves search at once and waits until
    they consent again (the other writers are told).

    Raises:
        PermissionDenied: the actor was not asked (not a writer of the series).
    """
    if not can_answer_consent(actor, listing):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(listing)
        locked.consents.filter(user_id=actor.pk).update(
            consent=ListingConsentStatus.WITHDRAWN, answered_at=timezone.now()
        )
        audit_record(
            actor=actor, action="scouting.consent_withdrawn", target=locked.series,
            data={"listing": locked.pk},
        )  # fmt: skip
        if locked.status == ListingStatus.LISTED:
            workflow_move(LISTING_FLOW, locked, "hold", actor=None)
            others = locked.consents.exclude(user_id=actor.pk).values("user_id")
            _tell_writers(others, "scouting_consent_withdrawn", locked, actor)
    listing.refresh_from_db()
    return listing


def listing_writers_follow(series: Series, actor: User) -> None:
    """Someone became or stopped being a writer of the series (scripts_app's
    `writers_changed`, from the collaborator services). A listing is shown only with
    every writer's consent, so a new co-writer is asked, and a listed series waits for
    their answer out of search; a former writer's consent, given or withdrawn, no longer
    counts, and a listing that waited only for them is shown. An unlisted series asks
    everyone when it is listed again."""
    listing = Listing.objects.filter(series=series).first()
    if listing is None or listing.status == ListingStatus.UNLISTED:
        return
    with transaction.atomic():
        _follow_writers(_locked(listing), series, actor)


def _follow_writers(locked: Listing, series: Series, actor: User) -> None:
    writers = writer_ids(series)
    asked = set(locked.consents.values_list("user_id", flat=True))
    joined, left = sorted(writers - asked), sorted(asked - writers)
    if not joined and not left:
        return
    locked.consents.filter(user_id__in=left).delete()
    ListingConsent.objects.bulk_create(
        ListingConsent(listing=locked, user_id=user_id) for user_id in joined
    )
    if joined and locked.status == ListingStatus.LISTED:
        workflow_move(LISTING_FLOW, locked, "hold", actor=None)
    audit_record(
        actor=actor, action="scouting.listing_writers_changed", target=series,
        data={"listing": locked.pk, "asked": joined, "dropped": left},
    )  # fmt: skip
    _tell_writers(joined, "scouting_consent_requested", locked, actor)
    _publish_if_agreed(locked)


STALE_SNAPSHOTS_PER_RUN = 500


def snapshots_refresh_stale(*, limit: int = STALE_SNAPSHOTS_PER_RUN) -> int:
    """Take again the snapshot of every listed series whose head revision is newer than
    its snapshot, or whose registry entry, award or certificate has changed since
    (`with_stale_facts`), in the hourly task: the sample scouts read, the counts, the
    search text and the filters follow the writers' work without their saving the
    listing again, under the choices everyone consented to. The oldest snapshots first,
    at most `limit` a run (the next run takes the rest); each in its own transaction, the
    listing locked as the writers' saves lock it. Returns how many were taken."""
    listed = Listing.objects.filter(status=ListingStatus.LISTED)
    stale = list(
        listed.filter(
            Q(series__head__created_at__gt=F("refreshed_at"))
            | Q(pk__in=with_stale_facts(listed).values("pk"))
        )
        .order_by("refreshed_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in stale:
        with transaction.atomic():
            snapshot_take(_locked(Listing(pk=pk)))
    return len(stale)
