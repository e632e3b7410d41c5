"""What scouting adds to the pages of the apps below it (through their extensions)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.extensions import OrganisationLink
from accounts.models import Membership, MembershipRole, OrganisationKind
from core.permissions import is_signed_in
from scouting.permissions import can_manage_listing
from scripts_app.extensions import SeriesAction
from scripts_app.models import Series


def discovery_action(series: Series, viewer: Any) -> SeriesAction | None:
    """The series' writers reach its "Discovery" section from the series page."""
    if not can_manage_listing(viewer, series):
        return None
    return SeriesAction(label=_("Discovery"), url=reverse("scouting:listing", args=[series.pk]))


def deal_status_action(series: Series, viewer: Any) -> SeriesAction | None:
    """The series' writers see its deal in force ("Optioned until DATE", "Sold",
    "Commissioned") on the series page, leading to the deal."""
    if not can_manage_listing(viewer, series):
        return None
    from scouting.services.offers import active_deal_of, deal_status_label

    deal = active_deal_of(series.pk)
    label = deal_status_label(deal)
    if deal is None or not label:
        return None
    return SeriesAction(label=label, url=reverse("scouting:deal_detail", args=[deal.pk]))


def studio_links(organisation: Any, viewer: Any) -> list[OrganisationLink]:
    """A studio's page leads its members to the studio's record of deals, and its admins
    to the page where they appoint scouts."""
    if organisation.kind != OrganisationKind.STUDIO or not is_signed_in(viewer):
        return []
    role = (
        Membership.objects.filter(organisation=organisation, user_id=viewer.pk)
        .values_list("role", flat=True)
        .first()
    )
    if role is None:
        return []
    links = [
        OrganisationLink(
            label=_("Our record of deals"),
            url=reverse("scouting:studio_record", args=[organisation.slug]),
        )
    ]
    if role == MembershipRole.ADMIN:
        links.append(
            OrganisationLink(
                label=_("Scouts"), url=reverse("scouting:scouts", args=[organisation.slug])
            )
        )
    return links
