from celery import shared_task

from registry.services.record import record_export_run, record_exports_purge
from registry.services.registration import head_snapshot_take


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
