from django.utils.translation import gettext_lazy as _

from core.notifications import register

# In-app only: the invitation's own e-mail (with its link) has gone to the address already.
register(
    "organisation_invitation",
    _("%(actor)s invited you to join %(organisation)s."),
    emailed=False,
)
register(
    "organisation_invitation_accepted",
    _("%(actor)s accepted your invitation to %(organisation)s."),
)
register("organisation_role_changed", _("Your role in %(organisation)s is now %(role)s."))
register("organisation_removed", _("You were removed from %(organisation)s."))
