"""Who may see an application's filing section and download its dossier, and who records
its number. Fails closed: only the application's own people and its fund's managers."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.types import Actor
from incubator import permissions
from incubator.models import Application

# The dossier holds the script's outline, the budget and the authors: the applicants (the
# lead, accepted co-writers, admins of an accepted producing studio) and the fund's
# managers (once submitted). Any later role on an application (a panel member) is left out.
FILING_VIEWERS = permissions.APPLICANT_ROLES | {permissions.MANAGER}

FilingAction = Literal["view", "record"]


def can_view_filing(role: str | None) -> bool:
    return role in FILING_VIEWERS


def can_record_filing(role: str | None) -> bool:
    """The applicants record the flags and the number they obtained; the fund reads them."""
    return role in permissions.APPLICANT_ROLES


def get_application_for_filing(user: Actor, pk: int, *, action: FilingAction) -> Application:
    """The application, for its filing section: 404 for anyone who may not see it (or who
    sees it in another role), 403 for a manager trying to record."""
    application = permissions.get_application_for(user, pk, action="view")
    role = application.viewer_role  # type: ignore[attr-defined]
    if not can_view_filing(role):
        raise Http404
    if action == "record" and not can_record_filing(role):
        raise PermissionDenied
    return application
