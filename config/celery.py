"""The Celery application. Tasks live in each app's tasks.py and are discovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("microdrama")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic schedules are defined here and only here.
app.conf.beat_schedule = {
    "review-reminders": {"task": "reviews.tasks.send_review_reminders", "schedule": 60 * 60},
    "review-expiry": {"task": "reviews.tasks.expire_overdue_reviews", "schedule": 15 * 60},
    "review-fallback": {"task": "reviews.tasks.fall_back_stuck_requests", "schedule": 15 * 60},
    "review-request-expiry": {"task": "reviews.tasks.expire_stale_requests", "schedule": 60 * 60},
}
