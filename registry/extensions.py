"""What the registry adds to the workspace's pages (through scripts_app.extensions)."""

from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.extensions import ProfileItem, ProfileSection
from registry.models import RegistryEntry
from registry.permissions import can_register_series
from registry.selectors import entries_of_author
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


PROFILE_ENTRIES = 20
BEIJING = ZoneInfo("Asia/Shanghai")


def profile_registrations(person: Any, viewer: Any) -> ProfileSection | None:
    """The person's registered works where they chose to show their name on the public
    entry: a profile is public, so its owner sees what everyone sees (the latest few)."""
    entries = list(
        entries_of_author(person.pk, public_only=True).only(
            "number", "title", "episode_count", "recorded_at"
        )[:PROFILE_ENTRIES]
    )
    if not entries:
        return None
    return ProfileSection(
        title=_("Registered works"),
        items=[
            ProfileItem(
                label=_("%(title)s · entry No. %(number)s")
                % {"title": e.title, "number": e.number},
                url=reverse("registry:entry", args=[e.number]),
                note=_("%(episodes)s episodes, registered %(date)s")
                % {
                    "episodes": e.episode_count,
                    "date": timezone.localtime(e.recorded_at, BEIJING).strftime("%Y-%m-%d"),
                },
            )
            for e in entries
        ],
    )
