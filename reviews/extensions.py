"""What the review app adds to the workspace's pages (registered in ReviewsConfig.ready)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from scripts_app.extensions import SeriesAction
from scripts_app.models import Series
from scripts_app.permissions import can_edit_series


def ask_for_review(series: Series, viewer: Any) -> SeriesAction | None:
    """Writers of a series with saved text may ask for review."""
    if series.head_id is None or not can_edit_series(viewer, series):
        return None
    return SeriesAction(
        label=_("Ask for review"), url=reverse("reviews:request_create", args=[series.pk])
    )
