"""Periodic course work (schedules in config/celery.py). Idempotent: safe to run twice."""

from celery import shared_task

from courses.services.assignments import assignment_due_reminders
from courses.services.lessons import lessons_release_announce
from courses.services.peer_review import peer_reviews_due


@shared_task(acks_late=True)
def announce_released_lessons() -> int:
    """Tell each cohort's students about lessons whose release time has passed, once."""
    return lessons_release_announce()


@shared_task(acks_late=True)
def remind_assignments_due() -> int:
    """Remind students who have not submitted, 48 hours before an assignment is due."""
    return assignment_due_reminders()


@shared_task(acks_late=True)
def start_peer_reviews() -> int:
    """Open the cohort peer review of assignments whose submissions have closed, once."""
    return peer_reviews_due()
