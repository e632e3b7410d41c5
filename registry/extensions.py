"""What the registry adds to the workspace's pages (through scripts_app.extensions)."""

from collections.abc import Callable
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
from scripts_app.models import Revision, Series
from scripts_app.permissions import WRITERS, series_role

# --- Who else may run an originality report --------------------------------------------
#
# The series' writers always may. Apps above the registry (courses: the instructor of a
# course the revision was submitted to; the fund: the manager of a call it applies to)
# register a provider from their AppConfig.ready: given the person and the revision, True
# to grant. A provider that is unsure answers False: the check fails closed.
OriginalityGrant = Callable[[Any, Revision], bool]
_originality_grants: list[OriginalityGrant] = []


def register_originality_grant(provider: OriginalityGrant) -> None:
    """Add a provider (once) that may grant running an originality report."""
    if provider not in _originality_grants:
        _originality_grants.append(provider)


def unregister_originality_grant(provider: OriginalityGrant) -> None:
    if provider in _originality_grants:
        _originality_grants.remove(provider)


def originality_granted(user: Any, revision: Revision) -> bool:
    return any(provider(user, revision) for provider in _originality_grants)


def register_action(series: Series, viewer: Any) -> SeriesAction | None:
    if not can_register_series(viewer, series):
        return None
    return SeriesAction(
        label=_("Register authorship"), url=reverse("registry:register", args=[series.pk])
    )


def revision_links(
    series: Series, revisions: list[Any], viewer: Any
) -> dict[int, list[RevisionLink]]:
    """ "Registered, entry No. N" beside each registered revision (one query a page), and
    the originality check for the series' writers."""
    links: dict[int, list[RevisionLink]] = {}
    if revisions and series_role(viewer, series) in WRITERS:
        for revision in revisions:
            links.setdefault(revision.pk, []).append(
                RevisionLink(
                    label=_("Originality check"),
                    url=reverse("registry:originality", args=[series.pk, revision.number]),
                )
            )
    entries = RegistryEntry.objects.filter(
        revision_id__in=[revision.pk for revision in revisions]
    ).values_list("revision_id", "number")
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
