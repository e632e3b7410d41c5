from celery import shared_task

from registry.services.registration import head_snapshot_take


@shared_task(acks_late=True, time_limit=30 * 60)
def snapshot_chain_head() -> int | None:
    """Keep the day's head of the chain (scheduled in config/celery.py)."""
    snapshot = head_snapshot_take()
    return snapshot.number if snapshot else None
