"""Saving, naming and restoring revisions. Nothing a writer saved is ever lost."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.text import check_single_line
from core.workflows import workflow_move
from scripts_app import permissions
from scripts_app.analysis import summarise
from scripts_app.document import parse
from scripts_app.merging import merge_texts, resolve
from scripts_app.models import (
    MergeConflict,
    Revision,
    RevisionColor,
    RevisionKind,
    ScriptChunk,
    Series,
)
from scripts_app.models.revisions import MergeConflictStatus
from scripts_app.selectors import revision_text, revision_texts, series_people
from scripts_app.text import (
    MAX_SCRIPT_CHARS,
    MAX_SCRIPT_LINES,
    normalise_text,
    sha256_text,
    split_chunks,
    too_many_lines,
)
from scripts_app.workflows import CONFLICT_FLOW


@dataclass(slots=True)
class SaveResult:
    """What a save did.

    status: "saved" (a new head), "unchanged" (the text equals the head),
    "merged" (a co-writer saved first; both edits are in the new head) or
    "conflict" (overlapping edits; `own` holds the writer's text, `conflict` says
    what to choose).
    """

    status: str
    head: Revision
    own: Revision | None = None
    conflict: MergeConflict | None = None
    text: str | None = None  # the new head's text when it differs from what was sent


@dataclass(frozen=True, slots=True)
class RevisionContent:
    """What a revision stores about its text: computed once, by the parser.

    chunks: the text cut as `split_chunks` cuts it (pre-matter, then one per episode);
    hashes: their SHA-256, in the same order; sha256: the whole text's; stats: the
    parsed summary (`summarise`) that lists, the outline and the series counters read.
    """

    chunks: list[str]
    hashes: list[str]
    sha256: str
    stats: dict[str, Any]


def revision_content(text: str, fmt: str) -> RevisionContent:
    """Parse `text` (already normalised) and compute everything its revision row stores.

    Pure: no database. `revision_save` stores every revision through this, and bulk
    loaders (seeds.scale) call it too, so their rows are exactly what a save writes.
    """
    doc = parse(text, fmt)
    chunks = split_chunks(text, doc)
    return RevisionContent(
        chunks=chunks,
        hashes=[sha256_text(chunk) for chunk in chunks],
        sha256=sha256_text(text),
        stats=summarise(doc),
    )


def chunks_ensure(texts: Mapping[str, str]) -> dict[str, int]:
    """Store the chunks not stored yet; returns the primary key of every given hash.

    Args:
        texts: chunk text by its SHA-256 (content addressing: a chunk stored once is
            shared by every revision and series that contains the same text).
    """
    known = dict(ScriptChunk.objects.filter(sha256__in=list(texts)).values_list("sha256", "pk"))
    missing = {h: c for h, c in texts.items() if h not in known}
    if missing:
        # Another save may store the same chunk at the same moment: ignore the clash
        # and read both back.
        ScriptChunk.objects.bulk_create(
            [ScriptChunk(sha256=h, text=c) for h, c in missing.items()], ignore_conflicts=True
        )
        known.update(
            ScriptChunk.objects.filter(sha256__in=list(missing)).values_list("sha256", "pk")
        )
    return known


def head_counters(stats: dict[str, Any]) -> dict[str, int]:
    """The series' copies of its head revision's numbers, so lists need no parsing."""
    return {
        "episodes_written": stats.get("episodes", 0),
        "scene_count": stats.get("scenes", 0),
        "word_count": stats.get("words", 0),
        "char_count": stats.get("chars", 0),
        "runtime_seconds": stats.get("runtime_seconds", 0),
    }


def _store_revision(
    *,
    series: Series,
    text: str,
    author: User,
    kind: str,
    parent: Revision | None,
    merge_parent: Revision | None = None,
    note: str = "",
) -> Revision:
    content = revision_content(text, series.format)
    known = chunks_ensure(dict(zip(content.hashes, content.chunks, strict=True)))
    number = (Revision.objects.filter(series=series).aggregate(n=Max("number"))["n"] or 0) + 1
    return Revision.objects.create(
        series=series,
        number=number,
        parent=parent,
        merge_parent=merge_parent,
        author=author,
        kind=kind,
        format=series.format,
        sha256=content.sha256,
        chunk_ids=[known[h] for h in content.hashes],
        stats=content.stats,
        note=note,
    )


def _make_head(series: Series, revision: Revision) -> None:
    series.head = revision
    counters = head_counters(revision.stats)
    for field, value in counters.items():
        setattr(series, field, value)
    series.save(update_fields=["head", *counters, "updated_at"])


def episode_replace(text: str, fmt: str, number: int, episode_text: str) -> str:
    """The full text with episode `number`'s chunk replaced (or appended if new)."""
    doc = parse(text, fmt)
    chunks = split_chunks(text, doc)
    offset = len(chunks) - len(doc.episodes)  # the pre-matter chunk, if any
    for index, episode in enumerate(doc.episodes):
        if episode.number == number and 0 <= offset + index < len(chunks):
            if not episode_text.endswith("\n") and offset + index < len(chunks) - 1:
                episode_text += "\n"
            chunks[offset + index] = episode_text
            return "".join(chunks)
    separator = "" if not text or text.endswith("\n") else "\n"
    return text + separator + episode_text


def episode_replace_in_revision(revision: Revision, number: int, episode_text: str) -> str:
    """Like episode_replace, but from the revision's stored chunks and outline: no parsing.

    The editor's episode mode saves through here, so an edit to episode 57 of a
    100-episode series costs one parse (of the saved result), not two.
    """
    texts = dict(ScriptChunk.objects.filter(pk__in=revision.chunk_ids).values_list("pk", "text"))
    chunks = [texts[pk] for pk in revision.chunk_ids]
    outline = revision.stats.get("outline", [])
    offset = len(chunks) - len(outline)
    for index, episode in enumerate(outline):
        if episode["number"] == number and 0 <= offset + index < len(chunks):
            if not episode_text.endswith("\n") and offset + index < len(chunks) - 1:
                episode_text += "\n"
            chunks[offset + index] = episode_text
            return "".join(chunks)
    text = "".join(chunks)
    separator = "" if not text or text.endswith("\n") else "\n"
    return text + separator + episode_text


def episode_text(text: str, fmt: str, number: int) -> str | None:
    doc = parse(text, fmt)
    chunks = split_chunks(text, doc)
    offset = len(chunks) - len(doc.episodes)
    for index, episode in enumerate(doc.episodes):
        if episode.number == number and offset + index >= 0:
            return chunks[offset + index]
    return None


@transaction.atomic
def revision_save(
    *,
    actor: User,
    series: Series,
    text: str,
    base: Revision | None,
    kind: str = RevisionKind.SAVE,
    note: str = "",
) -> SaveResult:
    """Save the writer's text as a revision of the series.

    Saves from co-writers are serialised by a row lock on the series. When the
    writer's `base` is no longer the head, their text is first kept as a revision of
    its own (parent: base), then merged three-way with the head: edits to different
    lines give a merged head; overlapping edits leave the head alone and open a
    MergeConflict that holds both versions.

    While that conflict is open, the writer's editor keeps its own text and saves
    against its own revision; such a save is merged from the base the conflict was
    found on, so the writer's side of the overlap is never merged away. A later save
    that no longer overlaps resolves the conflict; one that still does updates it:
    one overlap, one conflict record.

    Raises:
        PermissionDenied: the actor may not edit the series.
        ValidationError: the text is too long, or `base` belongs to another series.
    """
    if not permissions.can_edit_series(actor, series):
        raise PermissionDenied
    text = normalise_text(text)
    if len(text) > MAX_SCRIPT_CHARS:
        raise ValidationError(
            {
                "text": [
                    _("A series may hold at most %(count)s characters.")
                    % {"count": MAX_SCRIPT_CHARS}
                ]
            }
        )
    if too_many_lines(text):
        raise ValidationError(
            {
                "text": [
                    _("A series may hold at most %(count)s lines.") % {"count": MAX_SCRIPT_LINES}
                ]
            }
        )
    if base is not None and base.series_id != series.pk:
        raise ValidationError({"base": [_("That revision belongs to another series.")]})

    series = Series.objects.select_for_update().get(pk=series.pk)
    # A new series has no head yet: pk=None matches no row (Django asks IS NULL), which
    # django-stubs' lookup check does not know.
    head = Revision.objects.filter(pk=series.head_id).first()  # type: ignore[misc]
    pending = _pending_conflict(series, base)
    if head is not None and head.sha256 == sha256_text(text):
        if pending is not None:
            # The writer took the co-writer's version by hand: nothing overlaps any more.
            _conflict_close(pending, actor=actor, resolution=head)
        return SaveResult(status="unchanged", head=head, conflict=pending)

    if pending is None and (head is None or base is None or base.pk == head.pk):
        revision = _store_revision(
            series=series, text=text, author=actor, kind=kind, parent=head, note=note
        )
        _make_head(series, revision)
        return SaveResult(status="saved", head=revision)

    # Someone saved since this writer's base: keep their text first, then merge.
    own = _store_revision(series=series, text=text, author=actor, kind=kind, parent=base, note=note)
    assert head is not None and base is not None
    return _merge_into_head(
        series=series,
        actor=actor,
        merge_base=(pending.writer_base or pending.base) if pending else base,
        own=own,
        own_text=text,
        head=head,
        conflict=pending,
        writer_side=True,
    )


def _pending_conflict(series: Series, base: Revision | None) -> MergeConflict | None:
    """The open conflict whose writer's side `base` is, locked; else None."""
    if base is None:
        return None
    for conflict in MergeConflict.objects.select_for_update().filter(
        series=series, status=MergeConflictStatus.OPEN
    ):
        if base.pk == conflict.ours_id or base.pk in (conflict.writer_revision_ids or []):
            return conflict
    return None


def _merge_into_head(
    *,
    series: Series,
    actor: User,
    merge_base: Revision,
    own: Revision,
    own_text: str,
    head: Revision,
    conflict: MergeConflict | None,
    writer_side: bool,
) -> SaveResult:
    """Merge `own` (grown from `merge_base`) into the head, or keep both in a conflict.

    `conflict`, when given, is the open conflict this text answers: it is updated
    (still overlapping) or closed (merged), never doubled. `writer_side` says the text
    comes from the conflicted writer's editor rather than from a resolution.
    """
    texts = revision_texts([merge_base, head])
    result = merge_texts(texts[merge_base.pk], own_text, texts[head.pk])
    if result.conflicts:
        if conflict is None:
            conflict = MergeConflict.objects.create(
                series=series,
                base=merge_base,
                ours=own,
                theirs=head,
                created_by=actor,
                writer_base=merge_base,
                writer_revision_ids=[own.pk],
            )
            audit_record(
                actor=actor,
                action="series.conflict_opened",
                target=series,
                data={"conflict": conflict.pk, "ours": own.number, "theirs": head.number},
            )
            _conflict_announce(conflict, actor=actor)
        else:
            conflict.base, conflict.ours, conflict.theirs = merge_base, own, head
            if writer_side:
                conflict.writer_revision_ids = [*(conflict.writer_revision_ids or []), own.pk]
            conflict.save(update_fields=["base", "ours", "theirs", "writer_revision_ids"])
        return SaveResult(status="conflict", head=head, own=own, conflict=conflict)
    merged_text = result.text
    new_head = head
    if sha256_text(merged_text) != head.sha256:
        new_head = _store_revision(
            series=series,
            text=merged_text,
            author=actor,
            kind=RevisionKind.MERGE,
            parent=head,
            merge_parent=own,
        )
        _make_head(series, new_head)
    if conflict is not None:
        _conflict_close(conflict, actor=actor, resolution=new_head)
    return SaveResult(status="merged", head=new_head, own=own, conflict=conflict, text=merged_text)


def _conflict_announce(conflict: MergeConflict, *, actor: User) -> None:
    """Both sides of an overlap hear of it: the writer whose save found it, and the
    co-writer whose saved text it overlaps."""
    series = conflict.series
    url = reverse("scripts:conflict_detail", args=[series.pk, conflict.pk])
    notification_send(
        recipient=actor, kind="series_conflict", params={"series": series.title}, url=url
    )
    other = conflict.theirs.author
    if other is not None and other.pk != actor.pk:
        notification_send(
            recipient=other,
            kind="series_conflict_theirs",
            actor=actor,
            params={"actor": actor.name_pair, "series": series.title},
            url=url,
        )


def _conflict_close(conflict: MergeConflict, *, actor: User, resolution: Revision) -> None:
    workflow_move(
        CONFLICT_FLOW,
        conflict,
        "resolve",
        actor=actor,
        changes={"resolution": resolution, "resolved_at": timezone.now()},
        data={"conflict": conflict.pk, "revision": resolution.number},
    )
    writer = conflict.created_by
    if writer is not None and writer.pk != actor.pk:
        notification_send(
            recipient=writer,
            kind="series_conflict_resolved",
            actor=actor,
            params={"actor": actor.name_pair, "series": conflict.series.title},
            url=reverse("scripts:revision_detail", args=[conflict.series_id, resolution.number]),
        )


@transaction.atomic
def conflict_resolve(
    *,
    actor: User,
    conflict: MergeConflict,
    choices: list[str],
    seen: tuple[int, int] | None = None,
) -> SaveResult:
    """Build the text from one choice per overlapping change and make it the head.

    The result is saved on top of the co-writer's version the conflict was found
    against. If someone saved again meanwhile, that save is merged in; if it overlaps
    the resolution, the same conflict stays open with the resolution as the writer's
    side, so nothing chosen is lost and the conflict is never silently doubled.

    Args:
        seen: the (ours, theirs) revision numbers the chooser was shown; when the
            conflict has moved on since (the writer saved again), the choices are refused.

    Raises:
        PermissionDenied: the actor may not edit the series.
        ValidationError: the conflict is resolved or changed, or a choice is missing.
    """
    if not permissions.can_edit_series(actor, conflict.series):
        raise PermissionDenied
    # Lock the series before the conflict, in the same order as revision_save.
    series = Series.objects.select_for_update().get(pk=conflict.series_id)
    conflict = (
        MergeConflict.objects.select_for_update()
        .select_related("base", "ours", "theirs")
        .get(pk=conflict.pk)
    )
    if conflict.status != MergeConflictStatus.OPEN:
        raise ValidationError(_("This conflict was already resolved."))
    if seen is not None and seen != (conflict.ours.number, conflict.theirs.number):
        raise ValidationError(
            _("The versions changed while you were choosing. Look at them again and choose.")
        )
    texts = revision_texts([conflict.base, conflict.ours, conflict.theirs])
    merge = merge_texts(texts[conflict.base_id], texts[conflict.ours_id], texts[conflict.theirs_id])
    if any(choice not in ("ours", "theirs", "both") for choice in choices) or len(choices) != len(
        merge.conflicts
    ):
        raise ValidationError(_("Choose a version for every change."))
    text = resolve(merge, choices)
    assert series.head_id is not None  # a conflict is only found against a head
    head = Revision.objects.get(pk=series.head_id)
    if head.sha256 == sha256_text(text):
        _conflict_close(conflict, actor=actor, resolution=head)
        return SaveResult(status="unchanged", head=head, conflict=conflict)
    resolution = _store_revision(
        series=series,
        text=text,
        author=actor,
        kind=RevisionKind.CONFLICT,
        parent=conflict.theirs,
        merge_parent=conflict.ours,
    )
    if head.pk == conflict.theirs_id:
        _make_head(series, resolution)
        _conflict_close(conflict, actor=actor, resolution=resolution)
        return SaveResult(status="saved", head=resolution, conflict=conflict)
    return _merge_into_head(
        series=series,
        actor=actor,
        merge_base=conflict.theirs,
        own=resolution,
        own_text=text,
        head=head,
        conflict=conflict,
        writer_side=False,
    )


@transaction.atomic
def revision_restore(*, actor: User, revision: Revision) -> SaveResult:
    """Make an old revision's text the newest revision (history is kept, not rewound)."""
    series = revision.series
    result = revision_save(
        actor=actor,
        series=series,
        text=revision_text(revision),
        base=series.head,
        kind=RevisionKind.RESTORE,
        note=_("Restored from #%(number)s") % {"number": revision.number},
    )
    audit_record(
        actor=actor,
        action="series.revision_restored",
        target=series,
        data={"from": revision.number, "to": result.head.number},
    )
    return result


@transaction.atomic
def revision_name(*, actor: User, revision: Revision, name: str, color: str = "") -> Revision:
    """Name a milestone ("Draft 2") and give it a production revision colour.

    Only the label changes: the text and its hash never do.
    """
    series = revision.series
    if not permissions.can_edit_series(actor, series):
        raise PermissionDenied
    name = name.strip()
    check_single_line(name=name)
    if not name and not revision.name:
        raise ValidationError({"name": [_("Give the milestone a name.")]})
    if len(name) > 80:
        raise ValidationError({"name": [_("At most 80 characters.")]})
    if color and color not in RevisionColor.values:
        raise ValidationError({"color": [_("Choose one of the revision colours.")]})
    revision.name, revision.color = name, color
    revision.save(update_fields=["name", "color"])
    audit_record(
        actor=actor,
        action="series.milestone_named",
        target=series,
        data={"revision": revision.number, "name": name, "color": color},
    )
    if name:
        for person in series_people(series):
            if person.pk != actor.pk:
                notification_send(
                    recipient=person,
                    kind="series_milestone",
                    actor=actor,
                    params={"actor": actor.name_pair, "series": series.title, "name": name},
                    url=reverse("scripts:revision_detail", args=[series.pk, revision.number]),
                )
    return revision
