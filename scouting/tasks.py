"""Periodic scouting work (schedules in config/celery.py). Idempotent: safe to run twice."""

from celery import shared_task

from scouting.services.briefs import brief_tell_matching_writers
from scouting.services.listings import snapshots_refresh_stale
from scouting.services.offers import deals_lapse_due, offers_expire_due
from scouting.services.reads import reads_expire_due
from scouting.services.saved_searches import saved_searches_digest
from scouting.services.snapshot import scores_refresh


@shared_task(acks_late=True)
def send_saved_search_digests() -> int:
    """Each saved search's owner gets the series newly matching it, daily."""
    return saved_searches_digest()


@shared_task(acks_late=True)
def expire_reads() -> int:
    """Mark open reads whose window has ended as expired, for the lists (access checks
    read the window's end and need no task)."""
    return reads_expire_due()


@shared_task(acks_late=True)
def tell_writers_of_brief(brief_id: int) -> int:
    """A brief was published: tell the writers of listed series that match its terms."""
    return brief_tell_matching_writers(brief_id=brief_id)


@shared_task(acks_late=True)
def expire_offers() -> int:
    """Mark open offers past their date as expired, for the lists (every answer already
    reads the date)."""
    return offers_expire_due()


@shared_task(acks_late=True)
def lapse_options() -> int:
    """End the options whose last day has passed, and tell both sides."""
    return deals_lapse_due()


@shared_task(acks_late=True)
def refresh_listings() -> int:
    """The score each listed series shows follows the reviews submitted since its
    snapshot (the digests then tell scouts of a new score), and the snapshot of a series
    with a newer head revision is taken again. Returns how many listings changed."""
    return snapshots_refresh_stale() + scores_refresh()
