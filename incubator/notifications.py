from django.utils.translation import gettext_lazy as _

from core.notifications import register

register(
    "fund_coapplicant_invited",
    _("%(actor)s invites you to apply with “%(series)s” to %(call)s."),
)
register("fund_coapplicant_accepted", _("%(who)s accepted to apply with you to %(call)s."))
register("fund_coapplicant_declined", _("%(who)s declined to apply with you to %(call)s."))
register(
    "fund_application_submitted",
    _("The application of “%(series)s” to %(call)s was submitted."),
)
register(
    "fund_application_withdrawn",
    _("The application of “%(series)s” to %(call)s was withdrawn."),
)
register(
    "fund_application_eligible",
    _("The application of “%(series)s” to %(call)s passed screening and goes to review."),
)
register(
    "fund_application_out_of_remit",
    _("The application of “%(series)s” to %(call)s was found out of remit: %(reason)s"),
)
