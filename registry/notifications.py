from django.utils.translation import gettext_lazy as _

from core.notifications import register

register(
    "registry_consent_requested",
    _(
        "%(actor)s asks you to consent to registering “%(series)s” (revision %(revision)s) as co-author."
    ),
)
register(
    "registry_declined",
    _(
        "%(actor)s declined to register “%(series)s” (revision %(revision)s); it was not registered."
    ),
)
register(
    "registry_registered",
    _("“%(series)s” (revision %(revision)s) is registered as entry No. %(number)s."),
)
register(
    "registry_withdrawn",
    _("%(actor)s withdrew the registration of “%(series)s” (revision %(revision)s)."),
)
register(
    "registry_record_ready",
    _("Your record export is ready to download for the next seven days."),
)
