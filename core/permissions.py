"""Permission building blocks every app's permissions.py uses. They fail closed."""

from typing import Any


def is_signed_in(user: Any) -> bool:
    """A real, active account: anonymous visitors and deactivated accounts get nothing."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)
