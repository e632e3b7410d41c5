from celery import shared_task

from scripts_app.services.transfer import export_files_purge, export_run


@shared_task(acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def run_export(*, job_id: int) -> str | None:
    job = export_run(job_id=job_id)
    return job.status if job else None


@shared_task(acks_late=True)
def purge_expired_exports() -> int:
    """Delete export files whose download time is up (scheduled in config/celery.py)."""
    return export_files_purge()
