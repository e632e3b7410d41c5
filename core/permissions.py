"""Permission building blocks every app's permissions.py uses. They fail closed."""

from typing import TypeGuard

from core.types import Actor, AuthUser


def is_authenticated(user: Actor | None) -> TypeGuard[AuthUser]:
    """A person with an account, not an anonymous visitor nor None (the system). Says
    nothing about what they may do: deactivated accounts count (see is_signed_in)."""
    return bool(getattr(user, "is_authenticated", False))


def is_signed_in(user: Actor | None) -> TypeGuard[AuthUser]:
    """A real, active account: anonymous visitors and deactivated accounts get nothing."""
    return is_authenticated(user) and bool(user.is_active)
