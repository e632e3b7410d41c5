"""Exporting a person's record (docs/record-export.md): asked for on a page or through the
API, made by a background task, downloaded only by the person, deleted after a week."""

import tempfile
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core.exceptions import Conflict
from core.files import private_file_delete
from core.permissions import is_signed_in
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.services.outbox import task_enqueue
from core.types import Actor
from core.workflows import workflow_move
from registry.models import RecordExport, RecordExportStatus
from registry.record.build import record_build
from registry.workflows import RECORD_EXPORT_FLOW

# How long a finished export can be downloaded before its file is deleted.
RECORD_EXPORT_LIFETIME = timedelta(days=7)
# A running export updates its row at most once per this many percent.
_PROGRESS_STEP = 5


def record_export_request(*, actor: Actor) -> RecordExport:
    """Start an export of the actor's record, or return the one already under way.

    One export at a time per person: asking again while one is queued or running answers
    that one (a double click, or a second tab, starts no second job). The person's own
    expired files are deleted on the way.

    Raises:
        PermissionDenied: the actor is not signed in.
    """
    if not is_signed_in(actor):
        raise PermissionDenied
    record_exports_purge(user_id=actor.pk)
    with transaction.atomic():
        # Serialise two requests of one person (the row lock of their account).
        User.objects.select_for_update().filter(pk=actor.pk).first()
        running = (
            RecordExport.objects.filter(
                requested_by_id=actor.pk,
                status__in=[RecordExportStatus.QUEUED, RecordExportStatus.RUNNING],
            )
            .order_by("-created_at")
            .first()
        )
        if running is not None:
            return running
        export = RecordExport.objects.create(requested_by_id=actor.pk)
        audit_record(
            actor=actor,
            action="registry.record_export_requested",
            target=actor,
            data={"export_id": export.pk},
        )
        from registry.tasks import run_record_export

        task_enqueue(run_record_export, export_id=export.pk)
    return export


def record_export_run(*, export_id: int) -> RecordExport | None:
    """Build the export's zip. Idempotent: a finished export is left as it is.

    The zip is written to a temporary file (bounded memory), then stored under the
    private root with a random name until `expires_at`.
    """
    export = RecordExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.status in (RecordExportStatus.DONE, RecordExportStatus.FAILED):
        return export
    workflow_move(RECORD_EXPORT_FLOW, export, "start", actor=None, changes={"progress": 0})
    user = export.requested_by
    saved = [0]

    def progress(done: int, total: int) -> None:
        percent = min(99, int(100 * done / max(1, total)))
        if percent - saved[0] >= _PROGRESS_STEP:
            saved[0] = percent
            RecordExport.objects.filter(pk=export.pk).update(progress=percent)

    with tempfile.TemporaryFile(suffix=".zip") as scratch:
        try:
            with translation.override(user.language or settings.LANGUAGE_CODE):
                record_build(user, scratch, progress=progress)
        except Exception as error:  # a failure must end as a visible "failed", not a stuck job
            message = str(error)[:300]
            workflow_move(
                RECORD_EXPORT_FLOW,
                export,
                "fail",
                actor=None,
                changes={"error": message, "finished_at": timezone.now()},
                data={"export_id": export.pk, "error": message[:100]},
            )
            raise
        size = scratch.tell()
        scratch.seek(0)
        export.file.save("record.zip", File(scratch), save=False)
    finished_at = timezone.now()

    def announce(done: RecordExport) -> None:
        notification_send(
            recipient=done.requested_by,
            kind="registry_record_ready",
            params={},
            url=reverse("registry:record"),
        )

    try:
        return workflow_move(
            RECORD_EXPORT_FLOW,
            export,
            "finish",
            actor=None,
            changes={
                "file": export.file.name,
                "size": size,
                "progress": 100,
                "finished_at": finished_at,
                "expires_at": finished_at + RECORD_EXPORT_LIFETIME,
            },
            data={"export_id": export.pk, "bytes": size},
            effects=[announce],
        )
    except Conflict:
        # A second delivery of the task finished first: keep its file, drop ours.
        private_file_delete(export.file)
        return RecordExport.objects.get(pk=export.pk)


def record_export_download_name(export: RecordExport) -> str:
    stamp = timezone.localtime(export.finished_at or export.created_at)
    return f"record-{stamp:%Y%m%d-%H%M}.zip"


def record_exports_purge(*, now: datetime | None = None, user_id: int | None = None) -> int:
    """Delete the files of exports whose download time is up; the rows stay, as a trail.

    Runs hourly on beat (config/celery.py) and for the person's own exports whenever
    they ask for a new one.

    Returns:
        How many files were deleted.
    """
    now = now or timezone.now()
    expired = RecordExport.objects.exclude(file="").filter(expires_at__lte=now)
    if user_id is not None:
        expired = expired.filter(requested_by_id=user_id)
    deleted = 0
    for export in expired.select_related("requested_by").iterator():
        with transaction.atomic():
            name = export.file.name
            private_file_delete(export.file)
            export.save(update_fields=["file"])
            audit_record(
                actor=None,
                action="registry.record_export_file_deleted",
                target=export.requested_by,
                data={"export_id": export.pk, "file": name, "reason": "expired"},
            )
        deleted += 1
    return deleted
