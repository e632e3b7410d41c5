from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Func, IntegerField, QuerySet, Subquery

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


def user_counts(user: Actor, **counted: QuerySet[Any]) -> dict[str, int]:
    """Several counts in one query: each `name=queryset` counts the queryset's rows, as a
    subquery on the user's own row (whose primary key the querysets may name as
    `OuterRef("pk")`). One round trip and one query to build instead of one each.

    Each is `SELECT COUNT(*) FROM ... WHERE ...`, as `.count()` sends it: no GROUP BY, and
    off an index alone where the filter allows it (COUNT(id) would read the table)."""
    annotations = {
        f"counted_{name}": Subquery(queryset.order_by().values(n=_COUNT_ROWS))
        for name, queryset in counted.items()
    }
    if user.pk is None:  # an anonymous visitor owns nothing
        return dict.fromkeys(counted, 0)
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(**annotations)
        .values(*annotations)
        .first()
    )
    return {name: row[f"counted_{name}"] if row else 0 for name in counted}


# COUNT(*) as a plain expression: Django would GROUP BY around an aggregate.
_COUNT_ROWS = Func(template="COUNT(*)", output_field=IntegerField())


def one_or_none(queryset: QuerySet[Any]) -> Any:
    """The row of a queryset filtered on a unique key, or None.

    `.first()` would order by the model's ordering (or the key) before taking one row:
    compiling that ordering cost a fifth of loading a row with its joins (0.3 ms), for a
    row that is alone anyway. Access helpers load their object this way.
    """
    rows = list(queryset.order_by()[:1])
    return rows[0] if rows else None
