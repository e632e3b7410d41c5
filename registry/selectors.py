"""Reading the registry. Later apps (fund applications, scouting reads) attach a
registered revision through `registered_entry_for` and `registered_revisions_of`."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from registry.chain import GENESIS_HASH, Break, first_break
from registry.models import (
    ConsentStatus,
    RecordExport,
    Registration,
    RegistrationAuthor,
    RegistrationStatus,
    RegistryEntry,
)
from scripts_app.models import Revision, Series

VERIFY_CHUNK = 5_000
_VERIFIED_KEY = "registry:verified-through:v1"
# A public page checks the chain at most this often; `registry_verify` always walks it all.
VERIFIED_FOR_SECONDS = 300


def chain_head() -> RegistryEntry | None:
    return (
        RegistryEntry.objects.order_by("-number")
        .only("number", "entry_hash", "recorded_at")
        .first()
    )


def entry_by_number(number: int) -> RegistryEntry | None:
    return RegistryEntry.objects.select_related("registration").filter(number=number).first()


def registered_entry_for(revision: Revision | int) -> RegistryEntry | None:
    """The registry entry of a revision, if it is registered."""
    revision_id = revision if isinstance(revision, int) else revision.pk
    return RegistryEntry.objects.filter(revision_id=revision_id).order_by("number").first()


def registered_revisions_of(series: Series) -> QuerySet[RegistryEntry]:
    """A series' entries, newest first, with their revisions."""
    return (
        RegistryEntry.objects.filter(series=series).select_related("revision").order_by("-number")
    )


def entries_matching_text_hash(content_sha256: str) -> QuerySet[RegistryEntry]:
    return RegistryEntry.objects.filter(content_sha256=content_sha256).order_by("number")


def registrations_of_series(series: Series) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(series=series)
        .select_related("revision", "entry", "requested_by")
        .prefetch_related("authors__user")
        .order_by("-created_at", "-pk")
    )


def registrations_waiting_for(user_id: int) -> QuerySet[Registration]:
    """Pending registrations where this person has yet to answer."""
    return (
        Registration.objects.filter(
            status=RegistrationStatus.PENDING,
            authors__user_id=user_id,
            authors__consent=ConsentStatus.PENDING,
        )
        .select_related("series", "revision", "requested_by")
        .order_by("-created_at")
    )


def entries_of_author(user_id: int, *, public_only: bool) -> QuerySet[RegistryEntry]:
    """Entries naming this person; `public_only` keeps those where they show their name."""
    names = RegistrationAuthor.objects.filter(user_id=user_id)
    if public_only:
        names = names.filter(show_publicly=True)
    return RegistryEntry.objects.filter(registration__in=names.values("registration_id")).order_by(
        "-number"
    )


@dataclass(frozen=True)
class PublicAuthor:
    name_zh: str
    name_en: str
    shown: bool


def public_authors(entry: RegistryEntry) -> list[PublicAuthor]:
    """The entry's authors as the public may see them: a name only where its owner
    chose to show it."""
    shown = set()
    if entry.registration_id:
        shown = set(
            RegistrationAuthor.objects.filter(
                registration_id=entry.registration_id, show_publicly=True
            ).values_list("user_id", flat=True)
        )
    return [
        PublicAuthor(
            name_zh=author.get("name_zh", "") if author["account"] in shown else "",
            name_en=author.get("name_en", "") if author["account"] in shown else "",
            shown=author["account"] in shown,
        )
        for author in entry.authors
    ]


class ChainRow(NamedTuple):
    """An entry's chained fields, as the walk reads them (no model instances: a tuple is
    several times cheaper to build, and the walk builds 100,000)."""

    number: int
    content_sha256: str
    title: str
    episode_count: int
    authors: list[dict[str, Any]]
    rights_basis: str
    source_work: str
    licensor: str
    recorded_at: datetime
    previous_hash: str
    entry_hash: str


def chain_entries(*, after: int = 0, through: int | None = None) -> Iterator[ChainRow]:
    """The chain's entries in order, read in chunks (100,000 entries in bounded memory)."""
    rows = RegistryEntry.objects.filter(number__gt=after).order_by("number")
    if through is not None:
        rows = rows.filter(number__lte=through)
    for row in rows.values_list(*ChainRow._fields).iterator(chunk_size=VERIFY_CHUNK):
        yield ChainRow._make(row)


def chain_verify(*, through: int | None = None) -> Break | None:
    """Walk the whole chain (or up to `through`) and return its first broken link."""
    return first_break(chain_entries(through=through))


@dataclass(frozen=True)
class ChainCheck:
    holds: bool
    through: int
    checked_at: datetime
    broken: Break | None = None


def chain_check_through(number: int) -> ChainCheck:
    """Whether the chain holds from entry 1 to `number`, for public pages.

    The last verified prefix (its number and hash) is cached for a few minutes and a
    request extends it from there, so a public page does not walk 100,000 entries each
    time; `registry_verify` and the daily snapshot walk everything.
    """
    known = cache.get(_VERIFIED_KEY)
    if known and known["through"] >= number:
        return ChainCheck(holds=True, through=number, checked_at=known["at"])
    start, previous = (known["through"], known["hash"]) if known else (0, GENESIS_HASH)
    last_hash = previous
    last_number = start

    def walked() -> Iterator[ChainRow]:
        nonlocal last_hash, last_number
        for entry in chain_entries(after=start, through=number):
            yield entry
            last_hash, last_number = entry.entry_hash, entry.number

    broken = first_break(walked(), previous_hash=previous, expect=start + 1)
    now = timezone.now()
    if broken is not None:
        cache.delete(_VERIFIED_KEY)
        return ChainCheck(holds=False, through=number, checked_at=now, broken=broken)
    if last_number < number:  # no such entry yet
        return ChainCheck(holds=False, through=number, checked_at=now)
    cache.set(
        _VERIFIED_KEY,
        {"through": last_number, "hash": last_hash, "at": known["at"] if known else now},
        VERIFIED_FOR_SECONDS,
    )
    return ChainCheck(holds=True, through=number, checked_at=now)


RECORD_EXPORTS_SHOWN = 10


def record_exports_of(user_id: int) -> QuerySet[RecordExport]:
    """A person's record exports, newest first (one query; the page shows the latest few)."""
    return RecordExport.objects.filter(requested_by_id=user_id).order_by("-created_at", "-pk")
