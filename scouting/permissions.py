"""Who may do what in scouting. Every check fails closed.

- A series' writers (its owner and co-writers) list it, change what the listing shows,
  unlist it, and each gives or withdraws their own consent. Readers of the series and
  everyone else have no say and cannot see the listing's settings.
- Scouts search: the admins of a studio organisation, and members of a studio holding
  its scout role (a StudioScout row) while they remain members. Nobody else, platform
  staff included: what writers open to studios is not open to the platform.
- A scout sees only listed listings, and of them only the snapshot the writers chose
  (scouting.models.listings); never the series, its revisions or its writers' settings.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from core.permissions import is_signed_in
from core.types import Actor
from scouting.models import (
    Brief,
    BriefStatus,
    Deal,
    DealDelivery,
    Listing,
    ListingConsent,
    ListingStatus,
    Offer,
    Pitch,
    PitchStatus,
    Portfolio,
    ReadEvent,
    ReadRequest,
    SavedSearch,
    Shortlist,
    ShortlistEntry,
    ShortlistNote,
    StudioScout,
)
from scouting.models.listings import not_hidden
from scripts_app.models import Series
from scripts_app.permissions import WRITERS, get_series_for, series_role, written_series_ids

# Where scouting_studio_ids keeps its answer on a user object.
_STUDIO_IDS = "_scouting_studio_ids"


def scouting_studio_ids(user: Actor) -> frozenset[int]:
    """The ids of the studios this person scouts for: those they administer, and those
    whose scout role they hold while still a member.

    Read once per user object and kept on it, as Django keeps a user's permissions
    (`_perm_cache`): a page asks several times (may they search, which shortlists,
    reads and offers), and a request's user lives as long as the request. Code that
    changes someone's scouting and asks again about the same object calls
    `forget_scouting_studios` first."""
    if not is_signed_in(user):
        return frozenset()
    known = getattr(user, _STUDIO_IDS, None)
    if known is None:
        member = Membership.objects.filter(organisation=OuterRef("pk"), user_id=user.pk)
        scout_row = StudioScout.objects.filter(studio=OuterRef("pk"), user_id=user.pk)
        known = frozenset(
            Organisation.objects.filter(kind=OrganisationKind.STUDIO)
            .filter(
                Exists(member.filter(role=MembershipRole.ADMIN))
                | (Exists(member) & Exists(scout_row))
            )
            .values_list("pk", flat=True)
        )
        setattr(user, _STUDIO_IDS, known)
    return known


def forget_scouting_studios(user: Actor) -> None:
    if is_signed_in(user) and hasattr(user, _STUDIO_IDS):
        delattr(user, _STUDIO_IDS)


def scouting_studios(user: Actor) -> QuerySet[Organisation]:
    """The studios this person scouts for (scouting_studio_ids)."""
    return Organisation.objects.filter(pk__in=scouting_studio_ids(user))


def is_scout(user: Actor) -> bool:
    """Does this person scout for any studio? (One query per user object.)"""
    return bool(scouting_studio_ids(user))


def can_search_listings(user: Actor) -> bool:
    return is_scout(user)


def listings_visible_to(user: Actor) -> QuerySet[Listing]:
    """What a person may find in search: every listed listing for a scout, nothing for
    anyone else. An unlisted or waiting listing is never visible, nor one an exclusive
    option in force hides (`Listing.hidden_until`)."""
    if not can_search_listings(user):
        return Listing.objects.none()
    return Listing.objects.filter(not_hidden(), status=ListingStatus.LISTED)


def can_manage_listing(user: Actor, series: Series) -> bool:
    """The series' writers list it, change and unlist the listing. Uses the role
    get_series_for left on the series when there is one (no query)."""
    if not is_signed_in(user):
        return False
    role = getattr(series, "viewer_role", None) or series_role(user, series)
    return role in WRITERS


def can_answer_consent(user: Actor, listing: Listing) -> bool:
    """Whoever is asked for consent on a listing (its writers) answers for themselves."""
    if not is_signed_in(user):
        return False
    return ListingConsent.objects.filter(listing=listing, user_id=user.pk).exists()


def get_series_for_listing(user: Actor, pk: int) -> Series:
    """A series whose listing the user may manage: 404 when they may not read the series,
    403 when they read it but do not write it (as the workspace answers)."""
    return get_series_for(user, pk, action="edit")


def studios_managed_by(user: Actor) -> QuerySet[Organisation]:
    """The studios whose scouts this person appoints: those they administer."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.STUDIO,
        pk__in=Membership.objects.filter(user_id=user.pk, role=MembershipRole.ADMIN).values(
            "organisation_id"
        ),
    ).order_by("slug")


def get_studio_for(user: Actor, slug: str) -> Organisation:
    """A studio whose scouts the user appoints (its admins), or 404."""
    studio = studios_managed_by(user).filter(slug=slug).first()
    if studio is None:
        raise Http404
    return studio


def get_scout_for(user: Actor, studio: Organisation, pk: int) -> StudioScout:
    """One scout row of a studio the user manages (get_studio_for first), or 404."""
    scout = StudioScout.objects.filter(studio=studio, pk=pk).select_related("studio").first()
    if scout is None:
        raise Http404
    return scout


# --- Shortlists and saved searches ------------------------------------------------------
#
# A shortlist, its entries and notes belong to a studio: its scouts (as above) see and
# work on them; scouts of other studios, the writers and platform staff get 404. A note is
# deleted by its author only. A saved search is its owner's alone.


def shortlists_visible_to(user: Actor) -> QuerySet[Shortlist]:
    """The shortlists of the studios this person scouts for (none for anyone else)."""
    if not is_signed_in(user):
        return Shortlist.objects.none()
    return Shortlist.objects.filter(studio_id__in=scouting_studio_ids(user))


def can_work_on_shortlist(user: Actor, shortlist: Shortlist) -> bool:
    """Scouts of the shortlist's studio rename, delete and fill it, and write notes."""
    return shortlist.studio_id in scouting_studio_ids(user)


def can_delete_note(user: Actor, note: ShortlistNote) -> bool:
    return is_signed_in(user) and note.author_id == user.pk


def get_shortlist_for(user: Actor, pk: int) -> Shortlist:
    """A shortlist of a studio the user scouts for, or 404."""
    shortlist = shortlists_visible_to(user).filter(pk=pk).select_related("studio").first()
    if shortlist is None:
        raise Http404
    return shortlist


def get_entry_for(user: Actor, shortlist: Shortlist, pk: int) -> ShortlistEntry:
    """One entry of a shortlist the user may see (get_shortlist_for first), or 404."""
    entry = (
        ShortlistEntry.objects.filter(shortlist=shortlist, pk=pk)
        .select_related("listing", "shortlist")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def get_note_for(user: Actor, entry: ShortlistEntry, pk: int) -> ShortlistNote:
    """One note of an entry the user may see (get_entry_for first), or 404."""
    note = ShortlistNote.objects.filter(entry=entry, pk=pk).first()
    if note is None:
        raise Http404
    return note


def get_listed_listing_for(user: Actor, pk: int) -> Listing:
    """A listing the user finds in search (listed, and they scout), or 404."""
    listing = listings_visible_to(user).filter(pk=pk).first()
    if listing is None:
        raise Http404
    return listing


def saved_searches_visible_to(user: Actor) -> QuerySet[SavedSearch]:
    if not is_signed_in(user):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(owner_id=user.pk)


def get_saved_search_for(user: Actor, pk: int) -> SavedSearch:
    """One of the user's own saved searches, or 404."""
    saved = saved_searches_visible_to(user).filter(pk=pk).first()
    if saved is None:
        raise Http404
    return saved


# --- Public writer portfolios -------------------------------------------------------------


def get_public_portfolio(pk: int) -> Portfolio:
    """The portfolio of writer `pk` when they turned it on (anyone may see it), else 404."""
    portfolio = (
        Portfolio.objects.filter(user_id=pk, is_public=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if portfolio is None:
        raise Http404
    return portfolio


# Reads ---------------------------------------------------------------------------------
#
# - A scout requests a read of a listed series for their studio; the read belongs to that
#   studio: its scouts see it, withdraw it and accept its NDA; other studios never see it.
# - The series' writers (owner, co-writers) see their series' reads, answer (any one of
#   them), revoke, and see the access trail. Readers of the series do not.
# - Only the named readers read, while the read is open (the window has not ended) and
#   while they are still members of the studio. Everyone else sees the listing's sample.
# - A download's code is turned back into its read by platform staff and the writers.


def reads_visible_to(user: Actor) -> QuerySet[ReadRequest]:
    """The reads of the studios this person scouts for, of the series they write, and
    those naming them as a reader (a member of the studio who does not scout)."""
    if not is_signed_in(user):
        return ReadRequest.objects.none()
    named = ReadRequest.readers.through.objects.filter(user_id=user.pk).values("readrequest_id")
    return ReadRequest.objects.filter(
        Q(studio_id__in=scouting_studio_ids(user))
        | Q(series_id__in=written_series_ids(user))
        | Q(pk__in=named)
    )


def get_read_for(user: Actor, pk: int) -> ReadRequest:
    """A read the user may see (its studio's scouts, the series' writers, its named
    readers), or 404."""
    read = (
        reads_visible_to(user)
        .filter(pk=pk)
        .select_related("series", "studio", "requested_by", "listing", "revision")
        .first()
    )
    if read is None:
        raise Http404
    return read


def is_read_writer(user: Actor, read: ReadRequest) -> bool:
    """A writer of the read's series (owner or co-writer)."""
    if not is_signed_in(user):
        return False
    return series_role(user, read.series) in WRITERS


def is_read_scout(user: Actor, read: ReadRequest) -> bool:
    """A scout of the studio that asked for the read."""
    return read.studio_id in scouting_studio_ids(user)


def can_request_read(user: Actor, listing: Listing) -> bool:
    return listing.is_findable and is_scout(user)


def can_read_now(user: Actor, read: ReadRequest) -> bool:
    """Open, named as a reader, still a member of the studio."""
    if not is_signed_in(user) or not read.is_open:
        return False
    named = read.readers.filter(pk=user.pk).exists()
    return (
        named
        and Membership.objects.filter(organisation_id=read.studio_id, user_id=user.pk).exists()
    )


def get_listing_for_read(user: Actor, pk: int) -> Listing:
    """A listed listing a scout may ask to read, or 404 (what search shows them)."""
    listing = listings_visible_to(user).filter(pk=pk).select_related("series").first()
    if listing is None:
        raise Http404
    return listing


def can_look_up_codes(user: Actor) -> bool:
    """Platform staff and writers (whose series' reads the codes belong to)."""
    return is_signed_in(user)


def get_event_by_code(user: Actor, code: str) -> ReadEvent:
    """The download a code was printed on, for platform staff and the series' writers;
    404 for anyone else and for a code that does not exist (the same answer)."""
    if not is_signed_in(user) or not code:
        raise Http404
    events = ReadEvent.objects.filter(code=code.strip().upper()).select_related(
        "read__series", "read__studio", "user"
    )
    if not user.is_staff:
        events = events.filter(read__series_id__in=written_series_ids(user))
    event = events.first()
    if event is None:
        raise Http404
    return event


# --- The terms register -----------------------------------------------------------------
#
# The register itself is public (it shows only figures that aggregate enough deals). A
# studio's own record, deal by deal, is for the studio's members alone.


def get_studio_record_for(user: Actor, slug: str) -> Organisation:
    """A studio the user is a member of (any role), or 404."""
    if not is_signed_in(user):
        raise Http404
    studio = (
        Organisation.objects.filter(kind=OrganisationKind.STUDIO, slug=slug)
        .filter(Exists(Membership.objects.filter(organisation=OuterRef("pk"), user_id=user.pk)))
        .first()
    )
    if studio is None:
        raise Http404
    return studio


# Briefs and pitches ----------------------------------------------------------------------
#
# - An open brief is a public call for pitches: anyone sees it. A draft or closed brief is
#   seen by its studio's scouts (and admins) only; they alone write, publish and close it.
# - A pitch is seen by its author, and by the scouts of the brief's studio once submitted
#   (never a draft). Nobody else: not another studio, not platform staff.
# - The studio sees the pitch's logline, synopsis and sample; the rest of the series only
#   through a read (scouting.services.reads.read_request_pitch).


def studio_scouts(studio: Organisation) -> QuerySet[User]:
    """Who scouts for a studio: its admins, and its members holding its scout role."""
    member = Membership.objects.filter(organisation=studio, user_id=OuterRef("pk"))
    scout_row = StudioScout.objects.filter(studio=studio, user_id=OuterRef("pk"))
    return User.objects.filter(
        Exists(member.filter(role=MembershipRole.ADMIN)) | (Exists(member) & Exists(scout_row))
    ).order_by("pk")


def briefs_visible_to(user: Actor) -> QuerySet[Brief]:
    """Open briefs for anyone; every brief of the studios this person scouts for."""
    visible = Q(status=BriefStatus.OPEN)
    if is_signed_in(user):
        visible |= Q(studio_id__in=scouting_studio_ids(user))
    return Brief.objects.filter(visible)


def can_manage_brief(user: Actor, brief: Brief) -> bool:
    """The scouts (and admins) of the brief's studio write, publish and close it, and
    answer its pitches."""
    return brief.studio_id in scouting_studio_ids(user)


def get_brief_for(user: Actor, pk: int) -> Brief:
    """A brief the user may see (open, or of a studio they scout for), or 404."""
    brief = briefs_visible_to(user).filter(pk=pk).select_related("studio").first()
    if brief is None:
        raise Http404
    return brief


def get_managed_brief_for(user: Actor, pk: int) -> Brief:
    """A brief of a studio the user scouts for (to edit it or see its pitches), or 404."""
    if not is_signed_in(user):
        raise Http404
    brief = (
        Brief.objects.filter(pk=pk, studio_id__in=scouting_studio_ids(user))
        .select_related("studio")
        .first()
    )
    if brief is None:
        raise Http404
    return brief


def can_pitch(user: Actor, brief: Brief) -> bool:
    """Any signed-in person may pitch to an open brief before its deadline."""
    return is_signed_in(user) and brief.accepts_pitches


def pitches_visible_to(user: Actor) -> QuerySet[Pitch]:
    """The user's own pitches, and the submitted pitches to their studios' briefs."""
    if not is_signed_in(user):
        return Pitch.objects.none()
    studio_ids = scouting_studio_ids(user)
    return Pitch.objects.filter(
        Q(author_id=user.pk) | (Q(brief__studio__in=studio_ids) & ~Q(status=PitchStatus.DRAFT))
    )


def is_pitch_author(user: Actor, pitch: Pitch) -> bool:
    return is_signed_in(user) and pitch.author_id == user.pk


def is_pitch_studio(user: Actor, pitch: Pitch) -> bool:
    """A scout of the studio the pitch was made to (a draft is the writer's alone)."""
    if pitch.status == PitchStatus.DRAFT:
        return False
    return pitch.brief.studio_id in scouting_studio_ids(user)


def get_own_pitch_for(user: Actor, pk: int) -> Pitch:
    """One of the user's own pitches, or 404."""
    if not is_signed_in(user):
        raise Http404
    pitch = (
        Pitch.objects.filter(pk=pk, author_id=user.pk)
        .select_related("brief__studio", "series", "revision")
        .first()
    )
    if pitch is None:
        raise Http404
    return pitch


def get_studio_pitch_for(user: Actor, pk: int) -> Pitch:
    """A submitted pitch to a brief of a studio the user scouts for, or 404."""
    if not is_signed_in(user):
        raise Http404
    pitch = (
        Pitch.objects.filter(pk=pk, brief__studio_id__in=scouting_studio_ids(user))
        .exclude(status=PitchStatus.DRAFT)
        .select_related("brief__studio", "series", "revision", "author")
        .first()
    )
    if pitch is None:
        raise Http404
    return pitch


# Offers and deals ----------------------------------------------------------------------
#
# - An offer belongs to its studio: its scouts (and admins) see it, make, counter,
#   accept, decline and withdraw it; scouts of another studio never see it (404).
# - The writers' side: the series' writers (owner, co-writers; any one answers for all),
#   or, for a pitch without a series, the pitch's author. They see the offers on their
#   series and pitches.
# - Nobody else sees any, platform staff included (what the parties negotiate is theirs).
# - A deal is seen by whoever sees its offer.


def offers_visible_to(user: Actor) -> QuerySet[Offer]:
    """The offers of the studios this person scouts for, on the series they write, and on
    their own pitches."""
    if not is_signed_in(user):
        return Offer.objects.none()
    return Offer.objects.filter(
        Q(studio_id__in=scouting_studio_ids(user))
        | Q(series_id__in=written_series_ids(user))
        | Q(pitch__author_id=user.pk)
    )


def get_offer_for(user: Actor, pk: int) -> Offer:
    """An offer the user may see, or 404."""
    offer = (
        offers_visible_to(user)
        .filter(pk=pk)
        .select_related("studio", "series", "pitch__brief", "made_by")
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def is_offer_studio(user: Actor, offer: Offer | Deal) -> bool:
    """A scout (or admin) of the studio that made the offer."""
    return offer.studio_id in scouting_studio_ids(user)


def is_offer_writer(user: Actor, offer: Offer) -> bool:
    """The writers' side: a writer of the series, or the pitch's author without one."""
    if not is_signed_in(user):
        return False
    series = offer.series
    if series is not None:
        return series_role(user, series) in WRITERS
    return offer.pitch is not None and offer.pitch.author_id == user.pk


def is_deal_writer(user: Actor, deal: Deal) -> bool:
    return is_offer_writer(user, deal.offer)


def get_deal_for(user: Actor, pk: int) -> Deal:
    """A deal whose offer the user may see, or 404."""
    deal = (
        Deal.objects.filter(pk=pk, offer__in=offers_visible_to(user).values("pk"))
        .select_related(
            "offer__series",
            "offer__pitch",
            "offer__made_by",
            "studio",
            "series",
            "terms",
            "revision",
            "writers_accepted_by",
            "studio_accepted_by",
        )  # fmt: skip
        .first()
    )
    if deal is None:
        raise Http404
    return deal


def get_delivery_for(user: Actor, deal: Deal, pk: int) -> DealDelivery:
    """One delivery of a deal the user may see (get_deal_for first), or 404."""
    delivery = DealDelivery.objects.filter(deal=deal, pk=pk).first()
    if delivery is None:
        raise Http404
    return delivery


def get_listing_for_offer(user: Actor, pk: int) -> Listing:
    """A listing a scout may make an offer on: what search shows them, or 404."""
    return get_listing_for_read(user, pk)


def get_pitch_for_offer(user: Actor, pk: int) -> Pitch:
    """A pitch a scout may make an offer on: one sent to a brief of their studio, or 404."""
    return get_studio_pitch_for(user, pk)


def can_request_pitch_read(user: Actor, pitch: Pitch) -> bool:
    """A scout of the brief's studio may ask to read a pitched series while the pitch
    stands (submitted or shortlisted)."""
    return (
        pitch.series_id is not None
        and pitch.status in (PitchStatus.SUBMITTED, PitchStatus.SHORTLISTED)
        and is_pitch_studio(user, pitch)
    )


def pitchable_series(user: Actor) -> QuerySet[Series]:
    """The series a person may pitch: those they write (owner or co-writer)."""
    if not is_signed_in(user):
        return Series.objects.none()
    return Series.objects.filter(pk__in=written_series_ids(user)).order_by("title", "pk")
