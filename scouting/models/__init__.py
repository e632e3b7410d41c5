from scouting.models.listings import Listing, ListingConsent, ListingConsentStatus, ListingStatus
from scouting.models.portfolios import Portfolio
from scouting.models.reads import NdaKind, ReadEvent, ReadEventKind, ReadRequest, ReadStatus
from scouting.models.scouts import ScoutRole, StudioScout
from scouting.models.shortlists import (
    SavedSearch,
    SavedSearchHit,
    Shortlist,
    ShortlistEntry,
    ShortlistEntryStatus,
    ShortlistNote,
)

__all__ = [
    "Listing",
    "ListingConsent",
    "ListingConsentStatus",
    "ListingStatus",
    "NdaKind",
    "Portfolio",
    "ReadEvent",
    "ReadEventKind",
    "ReadRequest",
    "ReadStatus",
    "SavedSearch",
    "SavedSearchHit",
    "ScoutRole",
    "Shortlist",
    "ShortlistEntry",
    "ShortlistEntryStatus",
    "ShortlistNote",
    "StudioScout",
]
