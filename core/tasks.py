from celery import shared_task

from core.mail import TRANSIENT_ERRORS
from core.services.notifications import notification_deliver
from core.services.outbox import outbox_relay


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def deliver_notification(
    *,
    recipient_id: int,
    kind: str,
    actor_id: int | None,
    params: dict,
    url: str,
    delivery_key: str,
) -> int | None:
    notification = notification_deliver(
        recipient_id=recipient_id,
        kind=kind,
        actor_id=actor_id,
        params=params,
        url=url,
        delivery_key=delivery_key,
    )
    return notification.pk if notification else None


@shared_task(ignore_result=True)
def relay_outbox() -> dict[str, int]:
    """Beat runs this every OUTBOX_RELAY_INTERVAL; a later successful publish nudges it."""
    outcome = outbox_relay()
    return {"sent": outcome.sent, "redelivered": outcome.redelivered, "failed": outcome.failed}
