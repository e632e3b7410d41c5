"""Review credits: an append-only ledger, written only here, one user at a time.

Every entry is appended under a row lock on the user, and the ledger's constraints
(one entry per place, a balance never below zero, one welcome grant) make the
database refuse a double spend even if a caller forgot the lock.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import User
from reviews.models import CreditEntry, CreditReason, Review, ReviewPolicy, ReviewRequest


class NotEnoughCredits(ValidationError):
    """A spend larger than the balance; carries the balance that was there."""

    def __init__(self, *, needed: int, balance: int):
        self.needed, self.balance = needed, balance
        super().__init__(
            _("You need %(needed)s credits and have %(have)s.")
            % {"needed": needed, "have": balance}
        )


def credits_lock(*, user: User) -> int:
    """Lock the user's ledger for the rest of the transaction; returns the balance.

    Call inside `transaction.atomic`. Everything that reads a balance to decide a
    spend must hold this lock until the spend is written.
    """
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    return _last_balance(user)


def _last_balance(user: User) -> int:
    last = CreditEntry.objects.filter(user=user).order_by("-position").values("balance").first()
    return last["balance"] if last else 0


def _append(
    *,
    user: User,
    delta: int,
    reason: str,
    request: ReviewRequest | None = None,
    review: Review | None = None,
) -> CreditEntry:
    last = CreditEntry.objects.filter(user=user).order_by("-position").first()
    balance = (last.balance if last else 0) + delta
    if balance < 0:
        raise NotEnoughCredits(needed=-delta, balance=balance - delta)
    return CreditEntry.objects.create(
        user=user, delta=delta, reason=reason, request=request, review=review,
        position=(last.position if last else 0) + 1, balance=balance,
    )  # fmt: skip


@transaction.atomic
def credits_welcome(*, user: User) -> None:
    """Everyone starts with a few credits, once, so a first request is possible."""
    credits_lock(user=user)
    if not CreditEntry.objects.filter(user=user, reason=CreditReason.STARTER).exists():
        _append(
            user=user, delta=ReviewPolicy.current().starter_credits, reason=CreditReason.STARTER
        )


@transaction.atomic
def credit_add(
    *,
    user: User,
    delta: int,
    reason: str,
    request: ReviewRequest | None = None,
    review: Review | None = None,
) -> CreditEntry:
    """Append one entry to the user's ledger (a spend when delta is negative).

    Raises:
        NotEnoughCredits: the spend is larger than the balance.
    """
    credits_lock(user=user)
    return _append(user=user, delta=delta, reason=reason, request=request, review=review)


def credits_held_for(request: ReviewRequest) -> int:
    """Credits the request has taken and not yet given back (spent minus refunded)."""
    total = CreditEntry.objects.filter(
        request=request, user_id=request.requested_by_id,
        reason__in=[CreditReason.REQUEST, CreditReason.REFUND],
    ).aggregate(total=Sum("delta"))["total"]  # fmt: skip
    return -(total or 0)
