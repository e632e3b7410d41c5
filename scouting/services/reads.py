"""Read requests: a studio asks to read a listed series (or one pitched to its brief); the writers answer; the named
readers read while the window is open; every view and download is on the trail.

Every change of state is a move of `scouting.workflows.READ_FLOW`, performed by
`core.workflows.workflow_move` (row lock, audit row on the series, effects on commit).
Notifications: the writers hear of a request, an accepted NDA and of reading (once per
read per day: the first view or download of the day; every one is on the trail); the
requesting scout hears the writers' answer; the other named readers hear that the read is
open; the readers hear of a revocation.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move, workflow_move_all
from scouting.episodes import range_text
from scouting.models import (
    Listing,
    NdaKind,
    Pitch,
    ReadEvent,
    ReadEventKind,
    ReadRequest,
    ReadStatus,
)
from scouting.models.reads import MAX_WINDOW_DAYS, MIN_WINDOW_DAYS
from scouting.permissions import (
    can_read_now,
    can_request_pitch_read,
    can_request_read,
    scouting_studios,
)
from scouting.workflows import READ_FLOW
from scripts_app.document import parse
from scripts_app.formats.exporters import export_pdf
from scripts_app.models import Series
from scripts_app.selectors import revision_text, writer_ids

MAX_NDA_CHARS = 20000
# Requests still waiting or open: a studio asks once per listing until it is answered.
ACTIVE = (ReadStatus.REQUESTED, ReadStatus.ACCEPTED)


def nda_sha256(text: str) -> str:
    """The hash of the exact NDA text a scout accepts (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _studio_name(read: ReadRequest) -> dict[str, str]:
    studio = read.studio
    return {"zh": studio.name_zh, "en": studio.name_en or studio.name_zh}


def _params(read: ReadRequest, actor: User | None) -> dict[str, object]:
    params: dict[str, object] = {"series": read.series.title, "studio": _studio_name(read)}
    if actor is not None:
        params["actor"] = actor.name_pair
    return params


def _url(read: ReadRequest) -> str:
    return reverse("scouting:read_detail", args=[read.pk])


def _notify(people, kind: str, read: ReadRequest, actor: User | None) -> None:  # type: ignore[no-untyped-def]
    for person in people:
        notification_send(
            recipient=person, kind=kind, actor=actor, params=_params(read, actor), url=_url(read)
        )


def _writers(read: ReadRequest) -> list[User]:
    return list(User.objects.filter(pk__in=writer_ids(read.series)).order_by("pk"))


def _check_range(series: Series, first: int | None, last: int | None) -> None:
    if first is None and last is None:
        return
    if first is None or last is None:
        raise ValidationError(
            {"episodes_to": _("Give both the first and the last episode, or neither.")}
        )
    if first < 1 or last < first:
        raise ValidationError(
            {"episodes_to": _("The last episode must not come before the first.")}
        )
    written = series.episodes_written
    if written and first > written:
        raise ValidationError(
            {"episodes_from": _("The series has %(count)s episodes.") % {"count": written}}
        )


def read_request(
    *,
    actor: User,
    listing: Listing,
    studio_id: int | None = None,
    reader_ids: list[int] | None = None,
    message: str,
    episodes_from: int | None = None,
    episodes_to: int | None = None,
) -> ReadRequest:
    """A scout asks to read a listed series for their studio.

    Args:
        studio_id: the studio asking (one the actor scouts for; their only one if None).
        reader_ids: members of that studio who may read (default: the actor).
        episodes_from, episodes_to: a range of episodes, or neither for the whole script.

    Raises:
        PermissionDenied: the actor is not a scout or the listing is not listed.
        ValidationError: a bad studio, reader, range or message (by field), or the studio
            already has a request waiting for this series.
    """
    if not can_request_read(actor, listing):
        raise PermissionDenied
    studios = list(scouting_studios(actor).order_by("pk"))
    if studio_id is None and len(studios) == 1:
        studio_id = studios[0].pk
    studio = next((s for s in studios if s.pk == studio_id), None)
    if studio is None:
        raise ValidationError({"studio": _("Choose a studio you scout for.")})
    return _request(
        actor, studio, listing.series, reader_ids, message, episodes_from, episodes_to,
        listing=listing,
    )  # fmt: skip


def read_request_pitch(
    *,
    actor: User,
    pitch: Pitch,
    reader_ids: list[int] | None = None,
    message: str,
    episodes_from: int | None = None,
    episodes_to: int | None = None,
) -> ReadRequest:
    """A scout of a brief's studio asks to read the series pitched to it (for that
    studio), as for a listed series: the writers answer, and the read opens the same way.

    Raises:
        PermissionDenied: not a scout of the brief's studio, or the pitch has no series or
            no longer stands (withdrawn, declined).
        ValidationError: a bad reader, range or message (by field), or a request of the
            studio for this pitch is already waiting.
    """
    if not can_request_pitch_read(actor, pitch) or pitch.series is None:
        raise PermissionDenied
    return _request(
        actor, pitch.brief.studio, pitch.series, reader_ids, message, episodes_from,
        episodes_to, pitch=pitch,
    )  # fmt: skip


def _request(  # type: ignore[no-untyped-def]
    actor: User,
    studio,
    series: Series,
    reader_ids: list[int] | None,
    message: str,
    episodes_from: int | None,
    episodes_to: int | None,
    *,
    listing: Listing | None = None,
    pitch: Pitch | None = None,
) -> ReadRequest:
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Tell the writers why you would like to read it.")})
    _check_range(series, episodes_from, episodes_to)
    wanted = sorted(set(reader_ids or [actor.pk]))
    members = set(
        Membership.objects.filter(organisation=studio, user_id__in=wanted).values_list(
            "user_id", flat=True
        )
    )
    if set(wanted) - members:
        raise ValidationError({"readers": _("Every reader must be a member of the studio.")})
    with transaction.atomic():
        if listing is not None:
            Listing.objects.select_for_update().get(pk=listing.pk)
            waiting = ReadRequest.objects.filter(listing=listing, studio=studio)
        else:
            Pitch.objects.select_for_update().get(pk=pitch.pk)  # type: ignore[union-attr]
            waiting = ReadRequest.objects.filter(pitch=pitch, studio=studio)
        if waiting.filter(status__in=ACTIVE).exists():
            raise Conflict(_("Your studio already has a request for this series waiting."))
        read = ReadRequest.objects.create(
            listing=listing,
            pitch=pitch,
            series=series,
            studio=studio,
            requested_by=actor,
            message=message,
            episodes_from=episodes_from,
            episodes_to=episodes_to,
        )
        read.readers.set(wanted)
        audit_record(
            actor=actor,
            action="scouting.read.request",
            target=series,
            data={
                "read": read.pk,
                "studio": studio.pk,
                "readers": wanted,
                **({"pitch": pitch.pk} if pitch is not None else {}),
            },
        )
        _notify(_writers(read), "scouting_read_requested", read, actor)
    return read


def _standard_nda(read: ReadRequest, window_days: int) -> str:
    with translation.override("zh-hans"):
        read.window_days = window_days
        return (
            render_to_string(
                "scouting/nda.txt",
                {
                    "read": read,
                    "series": read.series,
                    "studio": read.studio,
                    "writers": _writers(read),
                },
            ).strip()
            + "\n"
        )


def read_accept(
    *,
    actor: User,
    read: ReadRequest,
    window_days: int,
    nda_kind: str = NdaKind.NONE,
    nda_text: str = "",
) -> ReadRequest:
    """A writer accepts: the read is frozen on the series' current revision and opens for
    `window_days` (1–90) at once, or once the scout accepts the NDA (standard or own).

    Raises:
        ValidationError: a bad window or NDA (by field); Conflict: no longer requested;
            PermissionDenied: not a writer of the series.
    """
    if not MIN_WINDOW_DAYS <= window_days <= MAX_WINDOW_DAYS:
        raise ValidationError(
            {
                "window_days": _("Choose between %(min)s and %(max)s days.")
                % {"min": MIN_WINDOW_DAYS, "max": MAX_WINDOW_DAYS}
            }
        )
    if nda_kind not in NdaKind.values:
        raise ValidationError({"nda_kind": _("Choose an NDA.")})
    nda_text = (nda_text or "").strip()
    if nda_kind == NdaKind.OWN and not nda_text:
        raise ValidationError({"nda_text": _("Write the NDA the studio must accept.")})
    if len(nda_text) > MAX_NDA_CHARS:
        raise ValidationError({"nda_text": _("The NDA is too long.")})
    revision = read.series.head
    if revision is None:
        raise ValidationError(_("The series has no saved text to read yet."))
    now = timezone.now()
    changes: dict[str, object] = {
        "answered_by": actor,
        "answered_at": now,
        "window_days": window_days,
        "nda_kind": nda_kind,
        "revision": revision,
    }
    if nda_kind == NdaKind.NONE:
        changes.update(opened_at=now, ends_at=now + timedelta(days=window_days))
        move = "accept_open"
    else:
        text = nda_text + "\n" if nda_kind == NdaKind.OWN else _standard_nda(read, window_days)
        changes.update(nda_text=text, nda_sha256=nda_sha256(text))
        move = "accept"
    return workflow_move(
        READ_FLOW,
        read,
        move,
        actor=actor,
        changes=changes,
        data={"read": read.pk, "window_days": window_days, "nda": nda_kind},
        effects=[
            lambda r: _notify([r.requested_by], "scouting_read_accepted", r, actor),
            _tell_readers_it_is_open,
        ],
    )


def _tell_readers_it_is_open(read: ReadRequest) -> None:
    if read.status == ReadStatus.OPEN:
        readers = read.readers.exclude(pk=read.requested_by_id).order_by("pk")
        _notify(list(readers), "scouting_read_open", read, None)


def read_decline(*, actor: User, read: ReadRequest) -> ReadRequest:
    """A writer declines the request."""
    return workflow_move(
        READ_FLOW,
        read,
        "decline",
        actor=actor,
        changes={"answered_by": actor, "answered_at": timezone.now()},
        data={"read": read.pk},
        effects=[lambda r: _notify([r.requested_by], "scouting_read_declined", r, actor)],
    )


def read_nda_accept(*, actor: User, read: ReadRequest, sha256: str) -> ReadRequest:
    """A scout of the studio accepts the NDA: the hash sent from the page must be the hash
    of the text on record (a changed or stale text is refused). The window starts now.

    Raises:
        ValidationError (field "sha256"): the hash is not the text's.
    """
    if (sha256 or "").strip().lower() != read.nda_sha256:
        raise ValidationError(
            {"sha256": _("The NDA text is not the one on record: reload the page and read it.")}
        )
    now = timezone.now()
    return workflow_move(
        READ_FLOW,
        read,
        "sign",
        actor=actor,
        changes={
            "nda_accepted_by": actor,
            "nda_accepted_at": now,
            "nda_accepted_sha256": read.nda_sha256,
            "opened_at": now,
            "ends_at": now + timedelta(days=read.window_days or MIN_WINDOW_DAYS),
        },
        data={"read": read.pk, "sha256": read.nda_sha256},
        effects=[
            lambda r: _notify(_writers(r), "scouting_read_nda_accepted", r, actor),
            _tell_readers_it_is_open,
        ],
    )


def read_withdraw(*, actor: User, read: ReadRequest) -> ReadRequest:
    """A scout of the studio withdraws the request (before it opens)."""
    return workflow_move(
        READ_FLOW, read, "withdraw", actor=actor, changes={"closed_at": timezone.now()},
        data={"read": read.pk},
    )  # fmt: skip


def read_revoke(*, actor: User, read: ReadRequest) -> ReadRequest:
    """A writer ends access at once (accepted or open)."""
    return workflow_move(
        READ_FLOW,
        read,
        "revoke",
        actor=actor,
        changes={"closed_at": timezone.now()},
        data={"read": read.pk},
        effects=[lambda r: _notify(list(r.readers.all()), "scouting_read_revoked", r, actor)],
    )


def reads_expire_due() -> int:
    """Mark open reads whose window has ended as expired (for the lists; access is already
    computed from the window's end). Returns how many were marked."""
    now = timezone.now()
    due = ReadRequest.objects.filter(status=ReadStatus.OPEN, ends_at__lte=now)
    return len(workflow_move_all(READ_FLOW, due, "expire", actor=None, changes={"closed_at": now}))


# Reading -------------------------------------------------------------------------------


def read_source(read: ReadRequest) -> tuple[str, str]:
    """The text of the episodes in range of the frozen revision, and its format."""
    revision = read.revision
    if revision is None:
        return "", read.series.format
    text = range_text(
        revision_text(revision), revision.format, read.episodes_from, read.episodes_to
    )
    return text, revision.format


def _new_code() -> str:
    raw = secrets.token_hex(5).upper()
    return f"RD-{raw[:5]}-{raw[5:]}"


def _record(actor: User, read: ReadRequest, kind: str, code: str | None = None) -> ReadEvent:
    if not can_read_now(actor, read):
        raise PermissionDenied
    with transaction.atomic():
        locked = ReadRequest.objects.select_for_update().get(pk=read.pk)
        now = timezone.now()
        day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        first_today = not ReadEvent.objects.filter(read=locked, created_at__gte=day_start).exists()
        event = ReadEvent.objects.create(
            read=locked, user=actor, kind=kind, code=code, created_at=now
        )
        if first_today:
            _notify(_writers(read), "scouting_read_opened", read, actor)
    return event


def read_view_record(
    *, actor: User, read: ReadRequest, kind: str = ReadEventKind.VIEW
) -> ReadEvent:
    """Record that a named reader opened the read (the page or the API).

    Raises:
        PermissionDenied: the actor may not read it now (not named, not open, left the studio).
    """
    return _record(actor, read, kind)


@dataclass(frozen=True)
class WatermarkedCopy:
    content: bytes
    filename: str
    event: ReadEvent


def watermark_text(reader: User, read: ReadRequest, code: str, when) -> str:  # type: ignore[no-untyped-def]
    """What every page of a reader's copy carries: name, studio, date and code."""
    date = timezone.localtime(when).strftime("%Y-%m-%d")
    return f"{reader.display_name} · {read.studio.name} · {date} · {code}"


def read_download(*, actor: User, read: ReadRequest) -> WatermarkedCopy:
    """A PDF of the episodes in range, watermarked for this reader, with its own code
    (on every page and in the PDF's /Keywords and /Subject), recorded on the trail.

    Raises:
        PermissionDenied: the actor may not read it now.
    """
    code = _new_code()
    event = _record(actor, read, ReadEventKind.DOWNLOAD, code=code)
    text, fmt = read_source(read)
    content = export_pdf(
        parse(text, fmt),
        title=read.series.title,
        watermark=watermark_text(actor, read, code, event.created_at),
        subject=f"{read.studio.name} · {actor.display_name} · {code}",
        keywords=code,
    )
    return WatermarkedCopy(content=content, filename=f"read-{read.pk}-{code}.pdf", event=event)
