from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from reviews.models import ConflictOfInterest


@transaction.atomic
def conflict_declare(*, actor: Any, writer_email: str, reason: str = "") -> ConflictOfInterest:
    """A reviewer declares they should not review someone's work (friend, family, rival...)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    writer = User.objects.filter(email__iexact=writer_email.strip(), is_active=True).first()
    if writer is None:
        raise ValidationError({"writer_email": [_("No account uses this e-mail address.")]})
    if writer.pk == actor.pk:
        raise ValidationError({"writer_email": [_("That is you.")]})
    conflict, _created = ConflictOfInterest.objects.update_or_create(
        reviewer=actor, writer=writer, defaults={"reason": reason.strip()[:300]}
    )
    audit_record(actor=actor, action="review.conflict_declared", target=conflict)
    return conflict


@transaction.atomic
def conflict_withdraw(*, actor: Any, conflict: ConflictOfInterest) -> None:
    if conflict.reviewer_id != actor.pk:
        raise PermissionDenied
    audit_record(actor=actor, action="review.conflict_withdrawn", target=conflict)
    conflict.delete()
