"""Periodic scouting work (schedules in config/celery.py). Idempotent: safe to run twice."""

from celery import shared_task

from scouting.services.saved_searches import saved_searches_digest


@shared_task(acks_late=True)
def send_saved_search_digests() -> int:
    """Each saved search's owner gets the series newly matching it, daily."""
    return saved_searches_digest()
