from typing import Any

from django.db import transaction

from reviews.models import CreditEntry, CreditReason, ReviewPolicy


@transaction.atomic
def credits_welcome(*, user: Any) -> None:
    """Everyone starts with a few credits, once, so a first request is possible."""
    if not CreditEntry.objects.filter(user=user, reason=CreditReason.STARTER).exists():
        CreditEntry.objects.create(
            user=user, delta=ReviewPolicy.current().starter_credits, reason=CreditReason.STARTER
        )


def credit_add(*, user: Any, delta: int, reason: str, request=None, review=None) -> CreditEntry:
    return CreditEntry.objects.create(
        user=user, delta=delta, reason=reason, request=request, review=review
    )
