"""Reading the registry. Later apps (fund applications, scouting reads) attach a
registered revision through `registered_entry_for` and `registered_revisions_of`."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from core.types import Actor
from registry.chain import GENESIS_HASH, Break, first_break
from registry.models import (
    ConsentStatus,
    Fingerprint,
    HeadSnapshot,
    OriginalityReport,
    RecordExport,
    Registration,
    RegistrationAuthor,
    RegistrationStatus,
    RegistryEntry,
)
from registry.originality.align import source_lines
from scripts_app.models import Revision, Series
from scripts_app.permissions import WRITERS, can_read_series, series_role
from scripts_app.selectors import revision_texts

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
    """Walk the whole chain (or up to `through`) and return its first broken link, then
    check every kept head snapshot against it.

    The walk alone cannot see a chain emptied, or rewritten whole with fresh hashes: every
    link of a forged chain holds. A published head can: the entry with its number must
    still have its hash.
    """
    broken = first_break(chain_entries(through=through))
    if broken is not None:
        return broken
    return head_mismatch(through=through)


def head_mismatch(*, through: int | None = None) -> Break | None:
    """The lowest-numbered kept head that the chain no longer has, or None."""
    heads = HeadSnapshot.objects.order_by("number").values_list("number", "entry_hash")
    if through is not None:
        heads = heads.filter(number__lte=through)
    published = dict(heads.distinct())
    if not published:
        return None
    held = dict(
        RegistryEntry.objects.filter(number__in=list(published)).values_list("number", "entry_hash")
    )
    for number in sorted(published):
        if held.get(number) != published[number]:
            return Break(number=number, reason="head")
    return None


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


# --- Originality reports ---------------------------------------------------------------


@dataclass(frozen=True)
class OtherSide:
    """Where the passage is in the other work, and its text: all None unless the viewer
    may read that work."""

    episode: int | None
    line_from: int | None
    line_to: int | None
    text: str | None


@dataclass(frozen=True)
class ReportPassage:
    ours: dict[str, Any]
    theirs: OtherSide
    shingles: int


@dataclass(frozen=True)
class ReportMatch:
    """One matched work as this viewer may see it: the other work's title, link and
    text only when they may read its series; otherwise its registry entry (if any)."""

    readable: bool
    title: str | None
    series_id: int | None
    revision_number: int | None
    entry_number: int | None
    registered_at: datetime | None
    fingerprinted_at: datetime | None
    estimated: float
    exact: float
    shared: float
    passages: list[ReportPassage]


def originality_report_view(report: OriginalityReport, viewer: Actor) -> list[ReportMatch]:
    """The report's matches for this viewer. A fixed number of queries for any report
    (matches are at most MAX_MATCHES): series, entries and fingerprints in one query each,
    the readable texts in one, and a role check per other series."""
    matches = report.results or []
    if not matches:
        return []
    revision_ids = [match["revision_id"] for match in matches]
    revisions = {
        revision.pk: revision
        for revision in Revision.objects.filter(pk__in=revision_ids).select_related("series")
    }
    entries: dict[int, RegistryEntry] = {}
    for entry in RegistryEntry.objects.filter(revision_id__in=revision_ids).order_by("-number"):
        entries[entry.revision_id] = entry
    fingerprinted = dict(
        Fingerprint.objects.filter(revision_id__in=revision_ids).values_list(
            "revision_id", "created_at"
        )
    )
    readable = {
        pk for pk, revision in revisions.items() if can_read_series(viewer, revision.series)
    }
    texts = revision_texts([revisions[pk] for pk in readable])
    shown: list[ReportMatch] = []
    for match in matches:
        pk = match["revision_id"]
        revision = revisions.get(pk)
        found_entry = entries.get(pk)
        can_read = pk in readable
        passages = [
            ReportPassage(
                ours=passage["ours"],
                theirs=OtherSide(
                    episode=passage["theirs"]["episode"],
                    line_from=passage["theirs"]["line_from"],
                    line_to=passage["theirs"]["line_to"],
                    text=source_lines(
                        texts[pk], passage["theirs"]["line_from"], passage["theirs"]["line_to"]
                    ),
                )
                if can_read
                else OtherSide(episode=None, line_from=None, line_to=None, text=None),
                shingles=passage["shingles"],
            )
            for passage in match["passages"]
        ]
        shown.append(
            ReportMatch(
                readable=can_read,
                title=revision.series.title if can_read and revision else None,
                series_id=revision.series_id if can_read and revision else None,
                revision_number=revision.number if can_read and revision else None,
                entry_number=found_entry.number if found_entry else None,
                registered_at=found_entry.recorded_at if found_entry else None,
                fingerprinted_at=fingerprinted.get(pk),
                estimated=match["estimated"],
                exact=match["exact"],
                shared=match["shared"],
                passages=passages,
            )
        )
    return shown


def originality_reports_of(revision: Revision, viewer: Actor) -> QuerySet[OriginalityReport]:
    """The reports on a revision this viewer may open: all of them for the series'
    writers, their own for anyone else."""
    reports = OriginalityReport.objects.filter(revision=revision).select_related("requested_by")
    if series_role(viewer, revision.series) not in WRITERS:
        reports = reports.filter(requested_by_id=viewer.pk)
    return reports.order_by("-created_at", "-pk")
