"""The moves of a discovery listing (performed by core.workflows.workflow_move).

pending ──publish──▶ listed        (the last writer's consent arrives)
listed  ──hold─────▶ pending       (a writer withdraws consent, or a change shows more)
pending, listed ──unlist──▶ unlisted   (a writer takes it down)
unlisted ──relist──▶ pending       (a writer lists it again: everyone is asked again)
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.workflows import Move, Workflow, system_only
from scouting.models import Listing, ListingStatus, ShortlistEntry, ShortlistEntryStatus
from scouting.permissions import can_manage_listing, can_work_on_shortlist


def _writer(actor: Any, listing: Listing) -> bool:
    return can_manage_listing(actor, listing.series)


LISTING_FLOW = Workflow(
    name="scouting.listing",
    audit_target=lambda listing: listing.series,
    refusal=_("This listing cannot do that now."),
    moves=[
        Move("publish", source=[ListingStatus.PENDING], target=ListingStatus.LISTED,
             allowed=system_only),
        Move("hold", source=[ListingStatus.LISTED], target=ListingStatus.PENDING,
             allowed=system_only),
        Move("unlist", source=[ListingStatus.PENDING, ListingStatus.LISTED],
             target=ListingStatus.UNLISTED, allowed=_writer),
        Move("relist", source=[ListingStatus.UNLISTED], target=ListingStatus.PENDING,
             allowed=_writer),
    ],
)  # fmt: skip


# --- A shortlist entry's status (docs/scouting.md, "Shortlists") -----------------------
#
# The studio's scouts move an entry freely between the stages of their own review: any
# status to any other (a passed series can come back), each move audited. Setting the
# status it already has is refused (409), so the trail holds only real changes.


def _studio_scout(actor: Any, entry: ShortlistEntry) -> bool:
    return can_work_on_shortlist(actor, entry.shortlist)


ENTRY_FLOW = Workflow(
    name="scouting.shortlist_entry",
    refusal=_("The series already has this status."),
    moves=[
        Move(
            status.value,
            source=[other.value for other in ShortlistEntryStatus if other != status],
            target=status.value,
            allowed=_studio_scout,
        )
        for status in ShortlistEntryStatus
    ],
)
