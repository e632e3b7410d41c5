from django.db.models import QuerySet

from core.models import AuditEntry, Notification
from core.permissions import is_authenticated
from core.types import Actor, AuthUser


def notifications_for(user: AuthUser) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")


def unread_notification_count(user: Actor) -> int:
    if not is_authenticated(user):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def audit_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor", "target_type")
