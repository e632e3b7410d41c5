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

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from accounts.models import Membership, MembershipRole, Organisation, OrganisationKind
from core.permissions import is_signed_in
from core.types import Actor
from scouting.models import Listing, ListingConsent, ListingStatus, StudioScout
from scripts_app.models import Series
from scripts_app.permissions import WRITERS, get_series_for, series_role


def scouting_studios(user: Actor) -> QuerySet[Organisation]:
    """The studios this person scouts for: those they administer, and those whose scout
    role they hold while still a member."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    member = Membership.objects.filter(organisation=OuterRef("pk"), user_id=user.pk)
    scout_row = StudioScout.objects.filter(studio=OuterRef("pk"), user_id=user.pk)
    return Organisation.objects.filter(kind=OrganisationKind.STUDIO).filter(
        Exists(member.filter(role=MembershipRole.ADMIN)) | (Exists(member) & Exists(scout_row))
    )


def is_scout(user: Actor) -> bool:
    """One query: does this person scout for any studio?"""
    return scouting_studios(user).exists()


def can_search_listings(user: Actor) -> bool:
    return is_scout(user)


def listings_visible_to(user: Actor) -> QuerySet[Listing]:
    """What a person may find in search: every listed listing for a scout, nothing for
    anyone else. An unlisted or waiting listing is never visible."""
    if not can_search_listings(user):
        return Listing.objects.none()
    return Listing.objects.filter(status=ListingStatus.LISTED)


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
