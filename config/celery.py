"""The Celery application. Tasks live in each app's tasks.py and are discovered."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

# Every task claims and settles its outbox row when it came from one (core.task_base).
app = Celery("microdrama", task_cls="core.task_base:OutboxTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic schedules are defined here and only here.
app.conf.beat_schedule = {
    "review-reminders": {"task": "reviews.tasks.send_review_reminders", "schedule": 60 * 60},
    "review-expiry": {"task": "reviews.tasks.expire_overdue_reviews", "schedule": 15 * 60},
    "review-fallback": {"task": "reviews.tasks.fall_back_stuck_requests", "schedule": 15 * 60},
    "export-files-purge": {"task": "scripts_app.tasks.purge_expired_exports", "schedule": 60 * 60},
    "review-request-expiry": {"task": "reviews.tasks.expire_stale_requests", "schedule": 60 * 60},
    # Just after midnight in the platform's time zone (CELERY_TIMEZONE, Asia/Shanghai).
    "registry-head-snapshot": {
        "task": "registry.tasks.snapshot_chain_head",
        "schedule": crontab(hour=0, minute=5),
    },
    "lessons-released": {"task": "courses.tasks.announce_released_lessons", "schedule": 5 * 60},
    "assignments-due": {"task": "courses.tasks.remind_assignments_due", "schedule": 15 * 60},
    "course-peer-reviews": {"task": "courses.tasks.start_peer_reviews", "schedule": 15 * 60},
    "fund-overdue-deliverables": {
        "task": "incubator.tasks.remind_overdue_deliverables",
        "schedule": crontab(hour=9, minute=0),
    },
    "record-exports-purge": {
        "task": "registry.tasks.purge_expired_record_exports",
        "schedule": 60 * 60,
    },
    "scouting-saved-search-digests": {
        "task": "scouting.tasks.send_saved_search_digests",
        "schedule": crontab(hour=8, minute=0),
    },
    "scouting-listings-refresh": {
        "task": "scouting.tasks.refresh_listings",
        "schedule": crontab(minute=30),
    },
    "scouting-reads-expiry": {"task": "scouting.tasks.expire_reads", "schedule": 60 * 60},
    "scouting-offers-expiry": {"task": "scouting.tasks.expire_offers", "schedule": 60 * 60},
    "scouting-options-lapse": {"task": "scouting.tasks.lapse_options", "schedule": 60 * 60},
}


@app.on_after_configure.connect
def _schedule_outbox_relay(sender: Celery, **kwargs) -> None:
    # Its interval is a setting, read once the Django settings are loaded.
    from django.conf import settings

    interval = settings.OUTBOX_RELAY_INTERVAL
    sender.conf.beat_schedule["outbox-relay"] = {
        "task": "core.tasks.relay_outbox",
        "schedule": interval,
        # A relay that waited longer than its interval is replaced by the next one.
        "options": {"expires": interval},
    }
