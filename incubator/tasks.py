"""Periodic fund work (schedules in config/celery.py). Idempotent: safe to run twice."""

from celery import shared_task

from incubator.services.awards import overdue_reminders


@shared_task(acks_late=True)
def remind_overdue_deliverables() -> int:
    """Remind grantees of milestones and progress reports past their date, weekly."""
    return overdue_reminders()
