"""Where apps above the workspace add to its pages without the workspace importing them.

An app higher in the layering (reviews, and later courses, the fund, scouting) registers
a provider from its `AppConfig.ready`; the workspace's views ask the registry and hand the
template plain data, so no template of this app names a URL of a higher one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scripts_app.models import Series


@dataclass(frozen=True, slots=True)
class SeriesAction:
    """A button on the series overview for something another app does with the series."""

    label: str
    url: str


SeriesActionProvider = Callable[[Series, Any], SeriesAction | None]
_series_actions: list[SeriesActionProvider] = []


def register_series_action(provider: SeriesActionProvider) -> None:
    """Add a provider (once): given the series and the viewer, an action or None."""
    if provider not in _series_actions:
        _series_actions.append(provider)


def series_actions(series: Series, viewer: Any) -> list[SeriesAction]:
    return [
        action for provider in _series_actions if (action := provider(series, viewer)) is not None
    ]


@dataclass(frozen=True, slots=True)
class RevisionLink:
    """A line on a revision's page (or a badge in the revision list) from another app:
    "Registered, entry No. 12"."""

    label: str
    url: str


RevisionLinksProvider = Callable[[Series, list[Any], Any], dict[int, list[RevisionLink]]]
_revision_links: list[RevisionLinksProvider] = []


def register_revision_links(provider: RevisionLinksProvider) -> None:
    """Add a provider (once): given the series, some of its revisions and the viewer, the
    links to show per revision id. It is called once per page, for all its revisions."""
    if provider not in _revision_links:
        _revision_links.append(provider)


def revision_links(
    series: Series, revisions: list[Any], viewer: Any
) -> dict[int, list[RevisionLink]]:
    links: dict[int, list[RevisionLink]] = {}
    for provider in _revision_links:
        for revision_id, found in provider(series, revisions, viewer).items():
            links.setdefault(revision_id, []).extend(found)
    return links


WritersChangedHandler = Callable[[Series, Any], None]
_writers_changed: list[WritersChangedHandler] = []


def register_writers_changed(handler: WritersChangedHandler) -> None:
    """Add a handler (once), called with the series and the actor, inside the
    transaction, whenever someone may have become or stopped being a writer of it (a
    collaborator added, removed or given another role): scouting asks a new co-writer's
    consent to a listing, and forgets a former one's."""
    if handler not in _writers_changed:
        _writers_changed.append(handler)


def writers_changed(series: Series, actor: Any) -> None:
    for handler in _writers_changed:
        handler(series, actor)
