"""A writer turns their public portfolio on or off and writes its short bio."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.permissions import is_signed_in
from core.services.audit import audit_record
from scouting.models import Portfolio
from scouting.models.portfolios import BIO_MAX_LENGTH


def portfolio_update(*, actor: User, is_public: bool, bio: str) -> Portfolio:
    """Save the actor's own portfolio settings (created on first save).

    Raises:
        PermissionDenied: not signed in.
        ValidationError: a bio longer than BIO_MAX_LENGTH.
    """
    if not is_signed_in(actor):
        raise PermissionDenied
    bio = (bio or "").strip()
    if len(bio) > BIO_MAX_LENGTH:
        raise ValidationError(
            {"bio": [_("At most %(max)s characters, please.") % {"max": BIO_MAX_LENGTH}]}
        )
    with transaction.atomic():
        portfolio, _created = Portfolio.objects.select_for_update().get_or_create(user=actor)
        was_public = portfolio.is_public
        portfolio.is_public, portfolio.bio = is_public, bio
        portfolio.save(update_fields=["is_public", "bio", "updated_at"])
        audit_record(
            actor=actor, action="scouting.portfolio_updated", target=actor,
            data={"public": is_public, "was_public": was_public},
        )  # fmt: skip
    return portfolio
