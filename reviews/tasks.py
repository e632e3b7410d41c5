"""Periodic review work (schedules in config/celery.py). Idempotent: safe to run twice."""

from celery import shared_task

from reviews.services.requests import requests_expire, requests_fall_back
from reviews.services.reviewing import assignments_expire, reminders_send


@shared_task(acks_late=True)
def send_review_reminders() -> int:
    return reminders_send()


@shared_task(acks_late=True)
def expire_overdue_reviews() -> int:
    return assignments_expire()


@shared_task(acks_late=True)
def fall_back_stuck_requests() -> int:
    return requests_fall_back()


@shared_task(acks_late=True)
def expire_stale_requests() -> int:
    return requests_expire()
