"""Notification kinds: what each kind says, in every language.

Apps register their kinds at import time of their own `notifications.py`
(loaded from AppConfig.ready), so this bottom layer never imports them.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.i18n import localized_param


@dataclass(frozen=True, slots=True)
class NotificationKind:
    key: str
    # A lazy gettext string with named placeholders filled from the params.
    message: Promise | str
    # False for a kind whose news already goes out by a mail of its own (an
    # invitation's link): the in-app notice is not e-mailed a second time.
    emailed: bool = True


_KINDS: dict[str, NotificationKind] = {}


def register(key: str, message: Promise | str, *, emailed: bool = True) -> NotificationKind:
    kind = NotificationKind(key=key, message=message, emailed=emailed)
    _KINDS[key] = kind
    return kind


def get_kind(key: str) -> NotificationKind | None:
    return _KINDS.get(key)


def render_message(key: str, params: dict) -> str:
    kind = _KINDS.get(key)
    if kind is None:
        return str(_("You have a new notification."))
    values = {name: localized_param(value) for name, value in params.items()}
    try:
        return str(kind.message) % values
    except (KeyError, TypeError, ValueError):
        # A translation with a wrong placeholder must not take the page down.
        return str(kind.message)


register(
    "welcome", _("Welcome to %(site)s. Complete your profile so mentors and studios know you.")
)
