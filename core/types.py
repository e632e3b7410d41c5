"""Type aliases for people, for code that cannot import `accounts.models.User`.

`core` and `taxonomy` sit below `accounts` (imports point down only), yet their services
store who acted and whom to notify. They name the user through `django.contrib.auth`:
django-stubs' mypy plugin resolves the stubs' `_User` alias to the model in
`AUTH_USER_MODEL` (accounts.User), so mypy checks real attributes and foreign keys while
nothing here imports upward. At run time the aliases are the Django base classes the
user model is built on. Apps above `accounts` import `accounts.models.User` directly.
"""

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser, _User

    # A person with an account (accounts.User under mypy).
    AuthUser: TypeAlias = _User
    # Whoever is behind a request (`request.user`): a person or an anonymous visitor.
    Actor: TypeAlias = _AnyUser
else:
    AuthUser: TypeAlias = AbstractBaseUser
    Actor: TypeAlias = AbstractBaseUser | AnonymousUser
