from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEntry
from core.permissions import is_authenticated
from core.types import Actor


def audit_record(
    *,
    actor: Actor | None,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit row. Call it inside the service's transaction.

    Args:
        actor: the user who acted, or None for the system.
        action: a dotted verb such as "organisation.member_invited".
        target: the object acted on.
        data: small JSON-safe details (ids, old and new values), never secrets.
    """
    entry = AuditEntry(
        actor=actor if is_authenticated(actor) else None,
        action=action,
        data=data or {},
    )
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.save()
    return entry
