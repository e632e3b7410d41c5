from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from reviews.models import ConflictOfInterest


@transaction.atomic
def conflict_declare(*, actor: User, writer_email: str, reason: str = "") -> ConflictOfInterest:
    """A reviewer declares they should not review someone's work (friend, family, rival...).

    The answer is the same whether or not the address has an account: the conflict is
    kept by address and linked to the account when one uses it, so declaring reveals
    nothing about who owns an address.

    Raises:
        PermissionDenied: the actor is not signed in.
        ValidationError: the address is the actor's own.
    """
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    email = writer_email.strip().lower()
    if email == actor.email.lower():
        raise ValidationError({"writer_email": [_("That is you.")]})
    writer = User.objects.filter(email__iexact=email).first()
    conflict = ConflictOfInterest.objects.filter(reviewer=actor, email__iexact=email).first()
    if conflict is None and writer is not None:
        conflict = ConflictOfInterest.objects.filter(reviewer=actor, writer=writer).first()
    if conflict is None:
        conflict = ConflictOfInterest(reviewer=actor)
    conflict.writer, conflict.email, conflict.reason = writer, email, reason.strip()[:300]
    conflict.save()
    audit_record(actor=actor, action="review.conflict_declared", target=conflict)
    return conflict


@transaction.atomic
def conflict_withdraw(*, actor: User, conflict: ConflictOfInterest) -> None:
    if conflict.reviewer_id != actor.pk:
        raise PermissionDenied
    audit_record(actor=actor, action="review.conflict_withdrawn", target=conflict)
    conflict.delete()
