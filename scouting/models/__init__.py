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

from scouting.models.reads import (
    NdaKind,
    ReadEvent,
    ReadEventKind,
    ReadRequest,
    ReadStatus,
)

__all__ += ["NdaKind", "ReadEvent", "ReadEventKind", "ReadRequest", "ReadStatus"]
