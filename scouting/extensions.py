"""What scouting adds to the workspace's pages (through scripts_app.extensions)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

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
