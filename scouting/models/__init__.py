from scouting.models.briefs import Brief, BriefStatus, BudgetTier, Pitch, PitchStatus
from scouting.models.listings import (
    Listing,
    ListingConsent,
    ListingConsentStatus,
    ListingStatus,
    ListingsVersion,
)
from scouting.models.offers import (
    Deal,
    DealDelivery,
    DealStatus,
    Offer,
    OfferKind,
    OfferSide,
    OfferStatus,
    OfferTerms,
    OverseasRights,
    RevenueCycle,
)
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
    "Brief",
    "BriefStatus",
    "BudgetTier",
    "Deal",
    "DealDelivery",
    "DealStatus",
    "Listing",
    "ListingConsent",
    "ListingConsentStatus",
    "ListingStatus",
    "ListingsVersion",
    "NdaKind",
    "Offer",
    "OfferKind",
    "OfferSide",
    "OfferStatus",
    "OfferTerms",
    "OverseasRights",
    "Pitch",
    "PitchStatus",
    "Portfolio",
    "ReadEvent",
    "ReadEventKind",
    "ReadRequest",
    "ReadStatus",
    "RevenueCycle",
    "SavedSearch",
    "SavedSearchHit",
    "ScoutRole",
    "Shortlist",
    "ShortlistEntry",
    "ShortlistEntryStatus",
    "ShortlistNote",
    "StudioScout",
]
