"""Saving, naming and restoring revisions. Nothing a writer saved is ever lost."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.text import check_single_line
from scripts_app import permissions
from scripts_app.analysis import summarise
from scripts_app.document import parse
from scripts_app.merging import merge_texts
from scripts_app.models import (
    MergeConflict,
    Revision,
    RevisionColor,
    RevisionKind,
    ScriptChunk,
    Series,
)
from scripts_app.selectors import revision_text, revision_texts, series_people
from scripts_app.text import MAX_SCRIPT_CHARS, normalise_text, sha256_text, split_chunks


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


def _store_revision(
    *,
    series: Series,
    text: str,
    author: Any,
    kind: str,
    parent: Revision | None,
    merge_parent: Revision | None = None,
    note: str = "",
) -> Revision:
    doc = parse(text, series.format)
    chunks = split_chunks(text, doc)
    hashes = [sha256_text(chunk) for chunk in chunks]
    known = dict(ScriptChunk.objects.filter(sha256__in=hashes).values_list("sha256", "pk"))
    missing = {h: c for h, c in zip(hashes, chunks, strict=True) if h not in known}
    if missing:
        ScriptChunk.objects.bulk_create(
            [ScriptChunk(sha256=h, text=c) for h, c in missing.items()], ignore_conflicts=True
        )
        known.update(
            ScriptChunk.objects.filter(sha256__in=list(missing)).values_list("sha256", "pk")
        )
    number = (Revision.objects.filter(series=series).aggregate(n=Max("number"))["n"] or 0) + 1
    return Revision.objects.create(
        series=series,
        number=number,
        parent=parent,
        merge_parent=merge_parent,
        author=author,
        kind=kind,
        format=series.format,
        sha256=sha256_text(text),
        chunk_ids=[known[h] for h in hashes],
        stats=summarise(doc),
        note=note,
    )


def _make_head(series: Series, revision: Revision) -> None:
    stats = revision.stats
    series.head = revision
    series.episodes_written = stats.get("episodes", 0)
    series.scene_count = stats.get("scenes", 0)
    series.word_count = stats.get("words", 0)
    series.char_count = stats.get("chars", 0)
    series.runtime_seconds = stats.get("runtime_seconds", 0)
    series.save(
        update_fields=[
            "head", "episodes_written", "scene_count", "word_count", "char_count",
            "runtime_seconds", "updated_at",
        ]
    )  # fmt: skip


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
    actor: Any,
    series: Series,
    text: str,
    base: Revision | None,
    kind: str = RevisionKind.SAVE,
    note: str = "",
) -> SaveResult:
    """Save the writer's text as a revision of the series.

    Saves from two co-writers are serialised by a row lock on the series. When the
    writer's `base` is no longer the head, their text is first kept as a revision of
    its own (parent: base), then merged three-way with the head: edits to different
    lines give a merged head; overlapping edits leave the head alone and open a
    MergeConflict that holds both versions.

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
    if base is not None and base.series_id != series.pk:
        raise ValidationError({"base": [_("That revision belongs to another series.")]})

    series = Series.objects.select_for_update().get(pk=series.pk)
    head = Revision.objects.filter(pk=series.head_id).first()
    sha = sha256_text(text)
    if head is not None and head.sha256 == sha:
        return SaveResult(status="unchanged", head=head)

    if head is None or base is None or base.pk == head.pk:
        revision = _store_revision(
            series=series, text=text, author=actor, kind=kind, parent=head, note=note
        )
        _make_head(series, revision)
        return SaveResult(status="saved", head=revision)

    # Someone saved since this writer's base: keep their text first, then merge.
    own = _store_revision(series=series, text=text, author=actor, kind=kind, parent=base, note=note)
    texts = revision_texts([base, head])
    result = merge_texts(texts[base.pk], text, texts[head.pk])
    if result.conflicts:
        conflict = MergeConflict.objects.create(
            series=series, base=base, ours=own, theirs=head, created_by=actor
        )
        notification_send(
            recipient=actor,
            kind="series_conflict",
            params={"series": series.title},
            url=reverse("scripts:conflict_detail", args=[series.pk, conflict.pk]),
        )
        return SaveResult(status="conflict", head=head, own=own, conflict=conflict)
    merged_text = result.text
    if sha256_text(merged_text) == head.sha256:
        return SaveResult(status="merged", head=head, own=own, text=merged_text)
    merged = _store_revision(
        series=series,
        text=merged_text,
        author=actor,
        kind=RevisionKind.MERGE,
        parent=head,
        merge_parent=own,
    )
    _make_head(series, merged)
    return SaveResult(status="merged", head=merged, own=own, text=merged_text)


@transaction.atomic
def revision_restore(*, actor: Any, revision: Revision) -> SaveResult:
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
def revision_name(*, actor: Any, revision: Revision, name: str, color: str = "") -> Revision:
    """Name a milestone ("Draft 2") and give it a production revision colour.

    Only the label changes: the text and its hash never do.
    """
    series = revision.series
    if not permissions.can_edit_series(actor, series):
        raise PermissionDenied
    name = name.strip()
    check_single_line(name=name)
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
