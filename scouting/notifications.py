from django.utils.translation import gettext_lazy as _

from core.notifications import register

register(
    "scouting_consent_requested",
    _("%(actor)s asks your consent to list “%(series)s” for studio scouts."),
)
register(
    "scouting_consent_withdrawn",
    _("%(actor)s withdrew consent: “%(series)s” is no longer shown to studio scouts."),
)
register(
    "scouting_saved_search_digest",
    _("%(count)s new series match your saved search “%(name)s”: %(titles)s"),
)
