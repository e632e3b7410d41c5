from celery import shared_task

from registry.services.originality import fingerprint_revision, originality_report_run
from registry.services.record import record_export_run, record_exports_purge
from registry.services.registration import head_snapshot_take
from scripts_app.models import Revision


@shared_task(acks_late=True, time_limit=30 * 60)
def snapshot_chain_head() -> int | None:
    """Keep the day's head of the chain (scheduled in config/celery.py)."""
    snapshot = head_snapshot_take()
    return snapshot.number if snapshot else None


@shared_task(acks_late=True, time_limit=60 * 60, soft_time_limit=55 * 60)
def run_record_export(*, export_id: int) -> str | None:
    """Build one record export (queued by registry.services.record.record_export_request)."""
    export = record_export_run(export_id=export_id)
    return export.status if export else None


@shared_task(acks_late=True)
def purge_expired_record_exports() -> int:
    """Delete record export files whose download time is up (scheduled in config/celery.py)."""
    return record_exports_purge()


@shared_task(acks_late=True)
def fingerprint_revision_task(*, revision_id: int, reason: str) -> int | None:
    revision = Revision.objects.select_related("series").filter(pk=revision_id).first()
    if revision is None:
        return None
    return fingerprint_revision(revision=revision, reason=reason).pk


@shared_task(acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def run_originality_report(*, report_id: int) -> str | None:
    report = originality_report_run(report_id=report_id)
    return report.status if report else None
