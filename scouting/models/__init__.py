from scouting.models.listings import Listing, ListingConsent, ListingConsentStatus, ListingStatus
from scouting.models.scouts import ScoutRole, StudioScout

__all__ = [
    "Listing",
    "ListingConsent",
    "ListingConsentStatus",
    "ListingStatus",
    "ScoutRole",
    "StudioScout",
]
from scouting.models.shortlists import (
    SavedSearch,
    SavedSearchHit,
    Shortlist,
    ShortlistEntry,
    ShortlistEntryStatus,
    ShortlistNote,
)

__all__ += [
    "SavedSearch",
    "SavedSearchHit",
    "Shortlist",
    "ShortlistEntry",
    "ShortlistEntryStatus",
    "ShortlistNote",
]
from scouting.models.portfolios import Portfolio  # noqa: E402

__all__ += ["Portfolio"]
