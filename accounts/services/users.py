from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.models import Role, RoleGrant, User
from accounts.permissions import is_platform_staff
from core.services.audit import audit_record


@transaction.atomic
def user_create_verified(
    *,
    actor: User | None,
    email: str,
    password: str | None,
    display_name_zh: str = "",
    display_name_en: str = "",
    roles: Iterable[str] = (Role.WRITER,),
    language: str = "",
) -> User:
    """Create an account whose address is already verified.

    For platform staff creating accounts (and for the demo seed, where `actor` is
    None: the system). Everyone else signs up and verifies by e-mail.

    Raises:
        PermissionDenied: a signed-in actor who is not platform staff.
        ValidationError: the address is taken or a field is invalid.
    """
    if actor is not None and not is_platform_staff(actor):
        raise PermissionDenied
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": [_("An account with this e-mail address already exists.")]})
    user = User(
        email=email,
        display_name_zh=display_name_zh,
        display_name_en=display_name_en,
        language=language,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    roles = set(roles)
    user.is_staff = Role.STAFF in roles
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=user, role=role, granted_by=actor) for role in sorted(roles)]
    )
    audit_record(actor=actor, action="user.created", target=user, data={"roles": sorted(roles)})
    return user


def api_token_issue(*, user: User) -> str:
    """The user's API token (made on first sign-in through the API), for an authenticated
    user only: the token endpoint calls this after allauth's password check."""
    token, _created = Token.objects.get_or_create(user=user)
    return token.key


def api_token_revoke(*, user: User) -> None:
    """Sign the user out of the API everywhere: their token stops working."""
    Token.objects.filter(user=user).delete()
