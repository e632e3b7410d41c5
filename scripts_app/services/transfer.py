"""Bringing scripts in from files and sending them out as files."""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.files import private_file_delete
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.services.outbox import task_enqueue
from core.workflows import workflow_move
from scripts_app import formats, permissions
from scripts_app.document import parse
from scripts_app.format_messages import (
    IMPORT_NOTICE_CODES,
    format_error_message,
    import_warning_message,
)
from scripts_app.models import ExportFormat, ExportJob, ExportStatus, Revision, RevisionKind, Series
from scripts_app.selectors import revision_text
from scripts_app.services.revisions import SaveResult, revision_save
from scripts_app.services.series import series_create
from scripts_app.text import strip_control_characters
from scripts_app.workflows import EXPORT_FLOW


def export_content_type(fmt: str) -> str:
    return formats.EXPORTS[fmt][1]


@dataclass(frozen=True, slots=True)
class ImportNote:
    """Something the import tells the writer: "info" (done for them) or "warning"."""

    level: Literal["info", "warning"]
    text: str


@dataclass(slots=True)
class ImportOutcome:
    series: Series
    save: SaveResult | None
    detected_format: str
    notes: list[ImportNote]

    @property
    def warnings(self) -> list[str]:
        """Every note's text, information included (the API's `warnings`)."""
        return [note.text for note in self.notes]


def _read_upload(filename: str, data: bytes) -> formats.ImportResult:
    try:
        return formats.import_file(filename, data)
    except formats.FormatError as problem:
        raise ValidationError({"file": [format_error_message(problem)]}) from problem


def _notes(result: formats.ImportResult) -> list[ImportNote]:
    return [
        ImportNote(
            "info" if code in IMPORT_NOTICE_CODES else "warning",
            import_warning_message(code, message),
        )
        for code, message in result.warnings
    ]


@transaction.atomic
def series_import(*, actor: User, filename: str, data: bytes) -> ImportOutcome:
    """A new series from a file: the format is detected, the title taken from the script."""
    result = _read_upload(filename, data)
    doc = parse(result.text, result.format)
    title = (doc.title or os.path.splitext(os.path.basename(filename))[0] or _("Untitled"))[:120]
    series = series_create(
        actor=actor,
        title=title,
        format=result.format,
        language="en" if result.format == "fountain" else "zh-hans",
    )
    save = revision_save(
        actor=actor, series=series, text=result.text, base=None, kind=RevisionKind.IMPORT,
        note=_("Imported from %(file)s") % {"file": os.path.basename(filename)[:200]},
    )  # fmt: skip
    audit_record(
        actor=actor, action="series.imported", target=series, data={"file": filename[:200]}
    )
    return ImportOutcome(series, save, result.format, _notes(result))


@transaction.atomic
def revision_import(*, actor: User, series: Series, filename: str, data: bytes) -> ImportOutcome:
    """A file becomes the series' newest revision (history is kept)."""
    if not permissions.can_edit_series(actor, series):
        raise PermissionDenied
    result = _read_upload(filename, data)
    save = revision_save(
        actor=actor, series=series, text=result.text, base=series.head, kind=RevisionKind.IMPORT,
        note=_("Imported from %(file)s") % {"file": os.path.basename(filename)[:200]},
    )  # fmt: skip
    notes = _notes(result)
    if result.format != series.format:
        mismatch = _(
            "The file looks like %(found)s but the series is set to %(set)s; change the format in the settings if the analysis looks wrong."
        ) % {"found": result.format, "set": series.format}
        notes.append(ImportNote("warning", mismatch))
    return ImportOutcome(series, save, result.format, notes)


def reader_watermark(*, actor: User, watermark: str = "") -> str:
    """The watermark of a copy for someone who may only read: their name and today's date.

    Both of the person's names are printed (they identify them in either language),
    after whatever the person typed, which is shortened so the name and date always fit.
    """
    names = actor.name_pair
    name = " ".join(dict.fromkeys(n.strip() for n in (names["zh"], names["en"]) if n.strip()))
    stamp = f"{name or actor.pk} · {timezone.localdate():%Y-%m-%d}"
    typed = " ".join(watermark.split())[: max(0, 120 - len(stamp) - 3)]
    return (f"{typed} · {stamp}" if typed else stamp)[:120]


@transaction.atomic
def export_request(
    *, actor: User, series: Series, revision: Revision, format: str, watermark: str = ""
) -> ExportJob:
    """Queue an export; the file is made by a Celery task that reports its progress.

    The owner and co-writers export as they like. Anyone else who may read the series
    (readers, platform members) gets a copy watermarked with their name and the date,
    in every format, or no copy at all if the owner set the series so.

    Raises:
        PermissionDenied: the actor may not export this series.
        ValidationError: unknown format, or a revision of another series.
    """
    if not permissions.can_read_series(actor, series):
        raise PermissionDenied
    if not permissions.can_export_series(actor, series):
        raise PermissionDenied(_("The owner of this series does not allow readers to export it."))
    if format not in ExportFormat.values:
        raise ValidationError({"format": [_("Choose a valid format.")]})
    if revision.series_id != series.pk:
        raise ValidationError({"revision": [_("That revision belongs to another series.")]})
    watermark = " ".join(strip_control_characters(watermark).split())[:120]
    forced = permissions.export_needs_watermark(actor, series)
    if forced:
        watermark = reader_watermark(actor=actor, watermark=watermark)
    job = ExportJob.objects.create(
        series=series,
        revision=revision,
        requested_by=actor,
        format=format,
        watermark=watermark,
    )
    audit_record(
        actor=actor,
        action="series.export_requested",
        target=series,
        data={
            "job_id": job.pk,
            "format": format,
            "revision": revision.number,
            "watermark": watermark,
            "reader_watermark": forced,
        },
    )
    from scripts_app.tasks import run_export

    task_enqueue(run_export, job_id=job.pk)
    return job


def export_file_lifetime() -> timedelta:
    return timedelta(hours=settings.EXPORT_FILE_LIFETIME_HOURS)


def export_download_name(job: ExportJob) -> str:
    """The file name the person's browser saves (the stored name is random)."""
    extension = formats.EXPORTS[job.format][0]
    slug = slugify(job.series.title, allow_unicode=True) or "script"
    return f"{slug}-r{job.revision.number}{extension}"


def export_run(*, job_id: int) -> ExportJob | None:
    """Make the export file. Idempotent: a finished job is left as it is.

    The file goes to the private storage under a random name and can be downloaded
    until ``expires_at`` (``EXPORT_FILE_LIFETIME_HOURS``).
    """
    job = (
        ExportJob.objects.select_related("series", "revision", "requested_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.status == ExportStatus.DONE:
        return job
    workflow_move(EXPORT_FLOW, job, "start", actor=None, changes={"progress": 0})
    try:
        content = _render_export(job)
    except Exception as error:  # any failure must end as a visible "failed", not a stuck job
        message = str(error)[:300]
        workflow_move(
            EXPORT_FLOW,
            job,
            "fail",
            actor=None,
            changes={"error": message, "finished_at": timezone.now()},
            data={"job_id": job.pk, "status": ExportStatus.FAILED, "error": message[:100]},
        )
        raise
    job.file.save(export_download_name(job), ContentFile(content), save=False)
    finished_at = timezone.now()

    def announce(done: ExportJob) -> None:
        notification_send(
            recipient=done.requested_by,
            kind="series_export_ready",
            params={"format": done.get_format_display(), "series": done.series.title},
            url=reverse("scripts:export_detail", args=[done.series_id, done.pk]),
        )

    try:
        return workflow_move(
            EXPORT_FLOW,
            job,
            "finish",
            actor=None,
            changes={
                "file": job.file.name,
                "progress": 100,
                "finished_at": finished_at,
                "expires_at": finished_at + export_file_lifetime(),
            },
            data={"job_id": job.pk, "status": ExportStatus.DONE},
            effects=[announce],
        )
    except Conflict:
        # A second delivery of the task finished first: keep its file, drop ours.
        private_file_delete(job.file)
        return ExportJob.objects.get(pk=job.pk)


def export_files_purge(*, now: datetime | None = None) -> int:
    """Delete the files of exports whose download time is up; the job rows stay.

    Returns:
        How many files were deleted.
    """
    now = now or timezone.now()
    deleted = 0
    expired = ExportJob.objects.exclude(file="").filter(expires_at__lte=now)
    for job in expired.select_related("series").iterator():
        with transaction.atomic():
            name = job.file.name
            private_file_delete(job.file)
            job.save(update_fields=["file"])
            audit_record(
                actor=None,
                action="series.export_file_deleted",
                target=job.series,
                data={"job_id": job.pk, "file": name, "reason": "expired"},
            )
        deleted += 1
    return deleted


def _render_export(job: ExportJob) -> bytes:
    # Rows saved before control characters were stripped on save may still hold some.
    text = strip_control_characters(revision_text(job.revision))
    doc = parse(text, job.revision.format)
    watermark = job.watermark or None
    if job.format == ExportFormat.FOUNTAIN:
        return formats.export_fountain(doc, watermark=watermark).encode("utf-8")
    if job.format == ExportFormat.FDX:
        return formats.export_fdx(doc, watermark=watermark)
    if job.format == ExportFormat.DOCX:
        return formats.export_docx(doc, watermark=watermark)
    last_saved = [0]

    def progress(done: int, total: int) -> None:
        percent = min(99, int(100 * done / max(1, total)))
        if percent - last_saved[0] >= 5:  # a row update per 5 %, not per episode
            last_saved[0] = percent
            ExportJob.objects.filter(pk=job.pk).update(progress=percent)

    return formats.export_pdf(
        doc,
        title=job.series.title,
        author=job.series.owner.display_name,
        watermark=watermark,
        progress=progress,
        # Writers' own PDFs carry the text for registry checks; a reader's watermarked copy
        # does not, or the text would leave without its watermark.
        source_text=None if watermark else text,
    )
