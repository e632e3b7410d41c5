"""Where apps above accounts add to a person's profile page without accounts importing them.

An app higher in the layering (the registry, later courses and the fund) registers a
provider from its `AppConfig.ready`; the profile view asks for the sections and hands the
template plain data, so no template here names a URL of a higher app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ProfileItem:
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProfileSection:
    """A titled list on a profile ("Registered works"), with an optional link to more."""

    title: str
    items: list[ProfileItem] = field(default_factory=list)
    more_url: str = ""


ProfileSectionProvider = Callable[[Any, Any], ProfileSection | None]
_providers: list[ProfileSectionProvider] = []


def register_profile_section(provider: ProfileSectionProvider) -> None:
    """Add a provider (once): given the person and the viewer, a section or None."""
    if provider not in _providers:
        _providers.append(provider)


def profile_sections(person: Any, viewer: Any) -> list[ProfileSection]:
    return [section for provider in _providers if (section := provider(person, viewer)) is not None]


@dataclass(frozen=True, slots=True)
class OrganisationLink:
    """A button on an organisation's page for what another app does with it ("Scouts")."""

    label: str
    url: str


OrganisationLinksProvider = Callable[[Any, Any], list[OrganisationLink]]
_organisation_links: list[OrganisationLinksProvider] = []


def register_organisation_links(provider: OrganisationLinksProvider) -> None:
    """Add a provider (once): given the organisation and the viewer, its links (maybe none)."""
    if provider not in _organisation_links:
        _organisation_links.append(provider)


def organisation_links(organisation: Any, viewer: Any) -> list[OrganisationLink]:
    return [link for provider in _organisation_links for link in provider(organisation, viewer)]
