"""What the registry adds to the workspace's pages (through scripts_app.extensions)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from registry.models import RegistryEntry
from registry.permissions import can_register_series
from scripts_app.extensions import RevisionLink, SeriesAction
from scripts_app.models import Series


def register_action(series: Series, viewer: Any) -> SeriesAction | None:
    if not can_register_series(viewer, series):
        return None
    return SeriesAction(
        label=_("Register authorship"), url=reverse("registry:register", args=[series.pk])
    )


def revision_links(
    series: Series, revisions: list[Any], viewer: Any
) -> dict[int, list[RevisionLink]]:
    """ "Registered, entry No. N" beside each registered revision (one query a page)."""
    entries = RegistryEntry.objects.filter(
        revision_id__in=[revision.pk for revision in revisions]
    ).values_list("revision_id", "number")
    links: dict[int, list[RevisionLink]] = {}
    for revision_id, number in entries:
        links.setdefault(revision_id, []).append(
            RevisionLink(
                label=_("Registered: entry No. %(number)s") % {"number": number},
                url=reverse("registry:entry", args=[number]),
            )
        )
    return links
