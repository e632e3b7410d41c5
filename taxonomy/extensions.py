"""Where apps above the taxonomy show what they have on a theme, genre or audience.

The taxonomy is the bottom of the layering after `core`: it may not import the workspace,
courses or the fund. A theme page asks this registry instead. An app registers a provider
from its `AppConfig.ready` (the workspace: series on the term that the viewer may read;
later courses and calls); given the term, the viewer and the page's query string, a
provider returns a section of plain data, or None to show nothing. Providers decide what
the viewer may see and bound what they list (a page of rows, a fixed number of queries).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise

from core.types import Actor
from taxonomy.models import Term


@dataclass(frozen=True, slots=True)
class ThemeItem:
    """One row of a section: a link, an optional summary line and a small facts line."""

    title: str
    url: str
    summary: str = ""
    meta: str = ""


@dataclass(frozen=True, slots=True)
class ThemeSection:
    """A titled list on a term's page. `key` is the section's anchor (`#series`)."""

    key: str
    heading: str | Promise
    items: list[ThemeItem]
    total: int
    empty: str | Promise
    page_label: str = ""
    previous_url: str = ""
    next_url: str = ""
    links: list[tuple[str | Promise, str]] = field(default_factory=list)


ThemeSectionProvider = Callable[[Term, Actor, Mapping[str, str]], ThemeSection | None]
_providers: list[ThemeSectionProvider] = []


def register_theme_section(provider: ThemeSectionProvider) -> None:
    """Add a provider (once), in the order the apps are loaded."""
    if provider not in _providers:
        _providers.append(provider)


def theme_sections(term: Term, viewer: Actor, params: Mapping[str, str]) -> list[ThemeSection]:
    return [
        section
        for provider in _providers
        if (section := provider(term, viewer, params)) is not None
    ]
