import uuid
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.mail import email_subject, mail_send
from core.models import Notification
from core.notifications import get_kind, render_message
from core.services.outbox import task_enqueue
from core.types import Actor, AuthUser


def notification_send(
    *,
    recipient: AuthUser,
    kind: str,
    actor: Actor | None = None,
    params: dict[str, Any] | None = None,
    url: str = "",
) -> str:
    """Queue a notification for delivery once the current transaction commits.

    Nothing is announced for work that rolls back. Delivery (the in-app row and the
    e-mail) runs in a Celery task; without a broker it runs in-process.

    Returns:
        The delivery key, which makes the delivery idempotent.

    Raises:
        ValueError: for an unregistered kind (a programming error).
    """
    if get_kind(kind) is None:
        raise ValueError(f"Unknown notification kind: {kind}")
    from core.tasks import deliver_notification

    key = uuid.uuid4().hex
    payload = {
        "recipient_id": recipient.pk,
        "kind": kind,
        "actor_id": getattr(actor, "pk", None),
        "params": params or {},
        "url": url,
        "delivery_key": key,
    }
    task_enqueue(deliver_notification, **payload)
    return key


def notification_deliver(
    *,
    recipient_id: int,
    kind: str,
    actor_id: int | None,
    params: dict[str, Any],
    url: str,
    delivery_key: str,
) -> Notification | None:
    """Write the in-app notification and e-mail it in the recipient's language.

    The in-app row is written first and stays whatever happens to the e-mail: a message
    that cannot be sent is logged and left unmarked (`emailed` stays False).
    """
    from django.contrib.auth import get_user_model

    recipient = get_user_model().objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None:
        return None
    notification, created = Notification.objects.get_or_create(
        delivery_key=delivery_key,
        defaults={
            "recipient": recipient,
            "actor_id": actor_id,
            "kind": kind,
            "params": params,
            "url": url,
        },
    )
    kind_info = get_kind(kind)
    if kind_info is not None and not kind_info.emailed:
        return notification
    if notification.emailed or not (recipient.email_notifications and recipient.email):
        return notification
    # Claim the e-mail first: of two deliveries at once (a relayed duplicate) only one sends.
    if not Notification.objects.filter(pk=notification.pk, emailed=False).update(emailed=True):
        return notification
    try:
        sent = _email_notification(notification, recipient)
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(emailed=False)  # retry may send
        raise
    if not sent:  # logged by mail_send; the in-app row stays and says nothing was e-mailed
        Notification.objects.filter(pk=notification.pk).update(emailed=False)
    notification.emailed = sent
    return notification


def _email_notification(notification: Notification, recipient: AuthUser) -> bool:
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        message = render_message(notification.kind, notification.params)
        link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
        body = render_to_string(
            "core/email/notification.txt",
            {"message": message, "link": link, "site_name": settings.SITE_NAME},
        )
        subject = email_subject(f"[{settings.SITE_NAME}]", message)
    return mail_send(
        subject=subject,
        body=body,
        to=[recipient.email],
        what=f"notification {notification.pk} ({notification.kind})",
    )


def notifications_mark_read(*, recipient: AuthUser, ids: list[int] | None = None) -> int:
    """Mark the recipient's notifications read (all of them when ids is None)."""
    rows: QuerySet[Notification] = Notification.objects.filter(
        recipient=recipient, read_at__isnull=True
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
