"""A studio's shortlists: its scouts create, rename and delete them, add listed series,
move each through their review (new → reading → discussing → passed / offer made), and
write notes private to the studio. Every change is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.services.audit import audit_record
from core.workflows import workflow_move
from scouting.models import Listing, Shortlist, ShortlistEntry, ShortlistNote
from scouting.models.shortlists import NOTE_MAX_LENGTH
from scouting.permissions import (
    can_delete_note,
    can_work_on_shortlist,
    listings_visible_to,
    scouting_studio_ids,
)
from scouting.workflows import ENTRY_FLOW


def _clean_name(studio: Organisation, name: str, *, exclude: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the shortlist a name.")]})
    if len(name) > 120:
        raise ValidationError({"name": [_("A name of at most 120 characters, please.")]})
    taken = Shortlist.objects.filter(studio=studio, name=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"name": [_("The studio already has a shortlist of this name.")]})
    return name


def shortlist_create(*, actor: User, studio: Organisation, name: str) -> Shortlist:
    """A new, empty shortlist of the studio.

    Raises:
        PermissionDenied: the actor does not scout for the studio.
        ValidationError: the name is empty, too long or already used in the studio.
    """
    if studio.pk not in scouting_studio_ids(actor):
        raise PermissionDenied
    with transaction.atomic():
        shortlist = Shortlist.objects.create(
            studio=studio, name=_clean_name(studio, name), created_by=actor
        )
        audit_record(
            actor=actor, action="scouting.shortlist_created", target=shortlist,
            data={"studio": studio.pk, "name": shortlist.name},
        )  # fmt: skip
    return shortlist


def shortlist_rename(*, actor: User, shortlist: Shortlist, name: str) -> Shortlist:
    """Raises: PermissionDenied (not a scout of its studio); ValidationError (name)."""
    if not can_work_on_shortlist(actor, shortlist):
        raise PermissionDenied
    with transaction.atomic():
        locked = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
        before = locked.name
        locked.name = _clean_name(locked.studio, name, exclude=locked.pk)
        locked.save(update_fields=["name"])
        audit_record(
            actor=actor, action="scouting.shortlist_renamed", target=locked,
            data={"from": before, "to": locked.name},
        )  # fmt: skip
    shortlist.name = locked.name
    return shortlist


def shortlist_delete(*, actor: User, shortlist: Shortlist) -> None:
    """Delete a shortlist with its entries and notes.

    Raises:
        PermissionDenied: the actor does not scout for its studio.
    """
    if not can_work_on_shortlist(actor, shortlist):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor, action="scouting.shortlist_deleted", target=shortlist.studio,
            data={"shortlist": shortlist.pk, "name": shortlist.name},
        )  # fmt: skip
        shortlist.delete()


def entry_add(*, actor: User, shortlist: Shortlist, listing: Listing) -> ShortlistEntry:
    """Put a listed series on the shortlist (status "new").

    Raises:
        PermissionDenied: the actor does not scout for the shortlist's studio.
        ValidationError: the series is not listed (the actor cannot find it in search),
            or it is already on the shortlist.
    """
    if not can_work_on_shortlist(actor, shortlist):
        raise PermissionDenied
    if not listings_visible_to(actor).filter(pk=listing.pk).exists():
        raise ValidationError({"listing": [_("This series is not listed.")]})
    already = _("This series is already on the shortlist.")
    if ShortlistEntry.objects.filter(shortlist=shortlist, listing=listing).exists():
        raise ValidationError({"listing": [already]})
    try:
        with transaction.atomic():
            entry = ShortlistEntry.objects.create(
                shortlist=shortlist, listing=listing, added_by=actor
            )
            audit_record(
                actor=actor, action="scouting.shortlist_entry_added", target=shortlist,
                data={"entry": entry.pk, "listing": listing.pk},
            )  # fmt: skip
    except IntegrityError:  # a colleague added it at the same moment
        raise ValidationError({"listing": [already]}) from None
    return entry


def entry_status_set(*, actor: User, entry: ShortlistEntry, status: str) -> ShortlistEntry:
    """Move an entry to another status (scouting.workflows.ENTRY_FLOW), audited.

    Raises:
        ValidationError: an unknown status.
        Conflict: the entry already has it.
        PermissionDenied: the actor does not scout for the shortlist's studio.
    """
    if status not in {move.name for move in ENTRY_FLOW.moves}:
        raise ValidationError({"status": [_("Choose one of the statuses offered.")]})
    return workflow_move(
        ENTRY_FLOW, entry, status, actor=actor, data={"shortlist": entry.shortlist_id}
    )


def entry_remove(*, actor: User, entry: ShortlistEntry) -> None:
    """Take a series (and its notes) off the shortlist.

    Raises:
        PermissionDenied: the actor does not scout for the shortlist's studio.
    """
    if not can_work_on_shortlist(actor, entry.shortlist):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor, action="scouting.shortlist_entry_removed", target=entry.shortlist,
            data={"entry": entry.pk, "listing": entry.listing_id},
        )  # fmt: skip
        entry.delete()


def note_add(*, actor: User, entry: ShortlistEntry, body: str) -> ShortlistNote:
    """A note on an entry, for the studio's scouts only (Markdown, rendered sanitised).

    Raises:
        PermissionDenied: the actor does not scout for the shortlist's studio.
        ValidationError: an empty or too long note.
    """
    if not can_work_on_shortlist(actor, entry.shortlist):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write the note first.")]})
    if len(body) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "body": [
                    _("A note of at most %(max)s characters, please.") % {"max": NOTE_MAX_LENGTH}
                ]
            }
        )
    with transaction.atomic():
        note = ShortlistNote.objects.create(entry=entry, author=actor, body=body)
        audit_record(
            actor=actor, action="scouting.shortlist_note_added", target=entry.shortlist,
            data={"entry": entry.pk, "note": note.pk},
        )  # fmt: skip
    return note


def note_delete(*, actor: User, note: ShortlistNote) -> None:
    """Delete a note (its author only).

    Raises:
        PermissionDenied: the actor did not write it, or no longer scouts for the studio.
    """
    shortlist = note.entry.shortlist
    if not can_delete_note(actor, note) or not can_work_on_shortlist(actor, shortlist):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor, action="scouting.shortlist_note_deleted", target=shortlist,
            data={"entry": note.entry_id, "note": note.pk},
        )  # fmt: skip
        note.delete()
