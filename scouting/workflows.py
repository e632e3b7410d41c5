"""The moves of a discovery listing (performed by core.workflows.workflow_move).

pending ──publish──▶ listed        (the last writer's consent arrives)
listed  ──hold─────▶ pending       (a writer withdraws consent, or a change shows more)
pending, listed ──unlist──▶ unlisted   (a writer takes it down)
unlisted ──relist──▶ pending       (a writer lists it again: everyone is asked again)
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workflows import Move, Workflow, system_only
from scouting.models import (
    Brief,
    BriefStatus,
    Deal,
    DealStatus,
    Listing,
    ListingStatus,
    Offer,
    OfferKind,
    OfferSide,
    OfferStatus,
    Pitch,
    PitchStatus,
    ReadRequest,
    ReadStatus,
    ShortlistEntry,
    ShortlistEntryStatus,
)
from scouting.permissions import (
    can_manage_brief,
    can_manage_listing,
    can_work_on_shortlist,
    is_deal_writer,
    is_offer_studio,
    is_offer_writer,
    is_pitch_author,
    is_pitch_studio,
    is_read_scout,
    is_read_writer,
)


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


# The moves of a read request:
#
# requested ──accept──────▶ accepted   (a writer accepts with an NDA to sign)
# requested ──accept_open─▶ open       (a writer accepts without an NDA: the window starts)
# accepted  ──sign────────▶ open       (a scout of the studio accepts the NDA's exact text)
# requested ──decline─────▶ declined   (a writer)
# requested, accepted ──withdraw──▶ withdrawn   (a scout of the studio)
# accepted, open ──revoke──▶ revoked   (a writer, at any time)
# open ──expire──▶ expired             (the platform, once the window has ended)


def _read_writer(actor: Any, read: ReadRequest) -> bool:
    return is_read_writer(actor, read)


def _read_scout(actor: Any, read: ReadRequest) -> bool:
    return is_read_scout(actor, read)


def _window_over(read: ReadRequest) -> str | None:
    return None if not read.is_open else str(_("The access window has not ended yet."))


READ_FLOW = Workflow(
    name="scouting.read",
    audit_target=lambda read: read.series,
    refusal=_("This read cannot do that now."),
    moves=[
        Move("accept", source=[ReadStatus.REQUESTED], target=ReadStatus.ACCEPTED,
             allowed=_read_writer),
        Move("accept_open", source=[ReadStatus.REQUESTED], target=ReadStatus.OPEN,
             allowed=_read_writer, audit_action="scouting.read.accept"),
        Move("sign", source=[ReadStatus.ACCEPTED], target=ReadStatus.OPEN, allowed=_read_scout),
        Move("decline", source=[ReadStatus.REQUESTED], target=ReadStatus.DECLINED,
             allowed=_read_writer),
        Move("withdraw", source=[ReadStatus.REQUESTED, ReadStatus.ACCEPTED],
             target=ReadStatus.WITHDRAWN, allowed=_read_scout),
        Move("revoke", source=[ReadStatus.ACCEPTED, ReadStatus.OPEN], target=ReadStatus.REVOKED,
             allowed=_read_writer),
        Move("expire", source=[ReadStatus.OPEN], target=ReadStatus.EXPIRED, allowed=system_only,
             guard=_window_over),
    ],
)  # fmt: skip


# --- Briefs and pitches (docs/scouting.md, "Open briefs and pitches") ------------------
#
# brief: draft ──publish──▶ open (the deadline must be ahead) ──close──▶ closed
#        draft ──close──▶ closed
# pitch: draft ──submit──▶ submitted (the brief is open and its deadline ahead)
#        submitted ──shortlist──▶ shortlisted          (the studio)
#        submitted, shortlisted ──decline──▶ declined (the studio, with a note)
#        submitted, shortlisted ──withdraw──▶ withdrawn (the writer)


def _brief_studio(actor: Any, brief: Brief) -> bool:
    return can_manage_brief(actor, brief)


def _deadline_ahead(brief: Brief) -> str | None:
    if brief.deadline <= timezone.now():
        return str(_("The deadline has passed: set a later one first."))
    return None


BRIEF_FLOW = Workflow(
    name="scouting.brief",
    refusal=_("This brief cannot do that now."),
    moves=[
        Move("publish", source=[BriefStatus.DRAFT], target=BriefStatus.OPEN,
             allowed=_brief_studio, guard=_deadline_ahead),
        Move("close", source=[BriefStatus.DRAFT, BriefStatus.OPEN], target=BriefStatus.CLOSED,
             allowed=_brief_studio),
    ],
)  # fmt: skip


# The moves of an offer (docs/scouting.md, "Offers and deals"):
#
# open ──counter──▶ open        (the side whose answer the terms wait for proposes new terms)
# open ──accept───▶ accepted    (the awaiting side accepts the latest version: a deal)
# open ──decline──▶ declined    (the awaiting side)
# open ──withdraw─▶ withdrawn   (the studio, at any time while open)
# open ──expire───▶ expired     (the platform, once the offer's date has passed)
#
# Countering, accepting and declining need the offer still open (not past its date).


def _offer_awaiting(actor: Any, offer: Offer) -> bool:
    if offer.awaiting == OfferSide.STUDIO:
        return is_offer_studio(actor, offer)
    return is_offer_writer(actor, offer)


def _offer_studio(actor: Any, offer: Offer) -> bool:
    return is_offer_studio(actor, offer)


def _offer_live(offer: Offer) -> str | None:
    return None if offer.is_open else str(_("This offer has expired."))


def _offer_past(offer: Offer) -> str | None:
    return None if not offer.is_open else str(_("This offer is still open."))


OFFER_FLOW = Workflow(
    name="scouting.offer",
    audit_target=lambda offer: offer.series or offer.pitch,
    refusal=_("This offer is no longer open."),
    moves=[
        Move("counter", source=[OfferStatus.OPEN], target=OfferStatus.OPEN,
             allowed=_offer_awaiting, guard=_offer_live),
        Move("accept", source=[OfferStatus.OPEN], target=OfferStatus.ACCEPTED,
             allowed=_offer_awaiting, guard=_offer_live),
        Move("decline", source=[OfferStatus.OPEN], target=OfferStatus.DECLINED,
             allowed=_offer_awaiting),
        Move("withdraw", source=[OfferStatus.OPEN], target=OfferStatus.WITHDRAWN,
             allowed=_offer_studio),
        Move("expire", source=[OfferStatus.OPEN], target=OfferStatus.EXPIRED,
             allowed=system_only, guard=_offer_past),
    ],
)  # fmt: skip


def _pitch_author(actor: Any, pitch: Pitch) -> bool:
    return is_pitch_author(actor, pitch)


def _pitch_studio(actor: Any, pitch: Pitch) -> bool:
    return is_pitch_studio(actor, pitch)


def _brief_accepts(pitch: Pitch) -> str | None:
    brief = Brief.objects.get(pk=pitch.brief_id)
    if brief.status != BriefStatus.OPEN:
        return str(_("The brief is closed: it takes no more pitches."))
    if brief.deadline <= timezone.now():
        return str(_("The brief's deadline has passed: it takes no more pitches."))
    return None


PITCH_FLOW = Workflow(
    name="scouting.pitch",
    refusal=_("This pitch cannot do that now."),
    moves=[
        Move("submit", source=[PitchStatus.DRAFT], target=PitchStatus.SUBMITTED,
             allowed=_pitch_author, guard=_brief_accepts),
        Move("shortlist", source=[PitchStatus.SUBMITTED], target=PitchStatus.SHORTLISTED,
             allowed=_pitch_studio),
        Move("decline", source=[PitchStatus.SUBMITTED, PitchStatus.SHORTLISTED],
             target=PitchStatus.DECLINED, allowed=_pitch_studio),
        Move("withdraw", source=[PitchStatus.SUBMITTED, PitchStatus.SHORTLISTED],
             target=PitchStatus.WITHDRAWN, allowed=_pitch_author),
    ],
)  # fmt: skip


# A deal: agreement ──activate──▶ active, once one writer and one scout or admin of the
# studio have accepted the agreement's text (its hash).


def _deal_party(actor: Any, deal: Deal) -> bool:
    return is_deal_writer(actor, deal) or is_offer_studio(actor, deal)


def _both_accepted(deal: Deal) -> str | None:
    if deal.writers_accepted_at is None or deal.studio_accepted_at is None:
        return str(_("Both parties must accept the agreement first."))
    return None


def _is_option(deal: Deal) -> str | None:
    if deal.kind != OfferKind.OPTION:
        return str(_("Only an option lapses or is exercised."))
    return None


def _option_over(deal: Deal) -> str | None:
    if deal.kind != OfferKind.OPTION or deal.option_ends_on is None:
        return str(_("Only an option lapses or is exercised."))
    if deal.option_ends_on >= timezone.localdate():
        return str(_("The option runs until its last day."))
    return None


DEAL_FLOW = Workflow(
    name="scouting.deal",
    audit_target=lambda deal: deal.series or deal.offer.pitch,
    refusal=_("This deal cannot do that now."),
    moves=[
        Move("activate", source=[DealStatus.AGREEMENT], target=DealStatus.ACTIVE,
             allowed=_deal_party, guard=_both_accepted),
        # The platform ends an option: its last day passed, or the studio's purchase of
        # the series came into force (scouting.services.offers).
        Move("lapse", source=[DealStatus.ACTIVE], target=DealStatus.ENDED,
             allowed=system_only, guard=_option_over),
        Move("exercise", source=[DealStatus.ACTIVE], target=DealStatus.ENDED,
             allowed=system_only, guard=_is_option),
    ],
)  # fmt: skip
