"""Bringing scripts in from files and sending them out as files."""

import os
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.services.outbox import task_enqueue
from scripts_app import formats, permissions
from scripts_app.document import parse
from scripts_app.format_messages import format_error_message, import_warning_message
from scripts_app.models import ExportFormat, ExportJob, ExportStatus, Revision, RevisionKind, Series
from scripts_app.selectors import revision_text
from scripts_app.services.revisions import SaveResult, revision_save
from scripts_app.services.series import series_create


def export_content_type(fmt: str) -> str:
    return formats.EXPORTS[fmt][1]


@dataclass(slots=True)
class ImportOutcome:
    series: Series
    save: SaveResult | None
    detected_format: str
    warnings: list[str]


def _read_upload(filename: str, data: bytes) -> formats.ImportResult:
    try:
        return formats.import_file(filename, data)
    except formats.FormatError as problem:
        raise ValidationError({"file": [format_error_message(problem)]}) from problem


def _warnings(result: formats.ImportResult) -> list[str]:
    return [import_warning_message(code, message) for code, message in result.warnings]


@transaction.atomic
def series_import(*, actor: Any, filename: str, data: bytes) -> ImportOutcome:
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
    return ImportOutcome(series, save, result.format, _warnings(result))


@transaction.atomic
def revision_import(*, actor: Any, series: Series, filename: str, data: bytes) -> ImportOutcome:
    """A file becomes the series' newest revision (history is kept)."""
    if not permissions.can_edit_series(actor, series):
        raise PermissionDenied
    result = _read_upload(filename, data)
    save = revision_save(
        actor=actor, series=series, text=result.text, base=series.head, kind=RevisionKind.IMPORT,
        note=_("Imported from %(file)s") % {"file": os.path.basename(filename)[:200]},
    )  # fmt: skip
    warnings = _warnings(result)
    if result.format != series.format:
        warnings.append(
            _(
                "The file looks like %(found)s but the series is set to %(set)s; change the format in the settings if the analysis looks wrong."
            )
            % {"found": result.format, "set": series.format}
        )
    return ImportOutcome(series, save, result.format, warnings)


@transaction.atomic
def export_request(
    *, actor: Any, series: Series, revision: Revision, format: str, watermark: str = ""
) -> ExportJob:
    """Queue an export; the file is made by a Celery task that reports its progress."""
    if not permissions.can_read_series(actor, series):
        raise PermissionDenied
    if format not in ExportFormat.values:
        raise ValidationError({"format": [_("Choose a valid format.")]})
    if revision.series_id != series.pk:
        raise ValidationError({"revision": [_("That revision belongs to another series.")]})
    job = ExportJob.objects.create(
        series=series,
        revision=revision,
        requested_by=actor,
        format=format,
        watermark=watermark.strip()[:120],
    )
    from scripts_app.tasks import run_export

    task_enqueue(run_export, job_id=job.pk)
    return job


def export_run(*, job_id: int) -> ExportJob | None:
    """Make the export file. Idempotent: a finished job is left as it is."""
    job = (
        ExportJob.objects.select_related("series", "revision", "requested_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.status == ExportStatus.DONE:
        return job
    job.status, job.progress = ExportStatus.RUNNING, 0
    job.save(update_fields=["status", "progress"])
    try:
        content = _render_export(job)
    except Exception as error:  # any failure must end as a visible "failed", not a stuck job
        job.status, job.error = ExportStatus.FAILED, str(error)[:300]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    extension = formats.EXPORTS[job.format][0]
    name = f"{slugify(job.series.title, allow_unicode=True) or 'script'}-r{job.revision.number}{extension}"
    job.file.save(name, ContentFile(content), save=False)
    job.status, job.progress, job.finished_at = ExportStatus.DONE, 100, timezone.now()
    job.save(update_fields=["file", "status", "progress", "finished_at"])
    notification_send(
        recipient=job.requested_by,
        kind="series_export_ready",
        params={"format": job.get_format_display(), "series": job.series.title},
        url=reverse("scripts:export_detail", args=[job.series_id, job.pk]),
    )
    return job


def _render_export(job: ExportJob) -> bytes:
    doc = parse(revision_text(job.revision), job.revision.format)
    if job.format == ExportFormat.FOUNTAIN:
        return formats.export_fountain(doc).encode("utf-8")
    if job.format == ExportFormat.FDX:
        return formats.export_fdx(doc)
    if job.format == ExportFormat.DOCX:
        return formats.export_docx(doc, watermark=job.watermark or None)
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
        watermark=job.watermark or None,
        progress=progress,
    )
