from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Upper
from django.utils import timezone

from accounts.models import (
    INVITATION_LIFETIME,
    Invitation,
    InvitationStatus,
    Membership,
    Organisation,
    Role,
    RoleGrant,
    User,
)
from core.memberships import members_of
from core.permissions import is_authenticated
from core.types import Actor


def users_public(*, include_inactive: bool = False) -> QuerySet[User]:
    """Active people (and, for staff tools, deactivated ones) with what their public
    profile shows, in a fixed number of queries."""
    people = User.objects.all() if include_inactive else User.objects.filter(is_active=True)
    return people.prefetch_related(
        "expertise_themes",
        Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role")),
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organisation").order_by(
                "organisation__slug"
            ),
        ),
    ).order_by("pk")


def mentor_grants_verified() -> QuerySet[RoleGrant]:
    """Mentor roles that hold a verification: by staff, or by an organisation the
    mentor still belongs to."""
    still_member = Membership.objects.filter(
        user_id=OuterRef("user_id"), organisation_id=OuterRef("verified_for_id")
    )
    return RoleGrant.objects.filter(role=Role.MENTOR, verified_at__isnull=False).filter(
        Q(verified_for__isnull=True) | Exists(still_member)
    )


def mentors_verified() -> QuerySet[User]:
    """Active people who may be offered to writers as mentors."""
    return User.objects.filter(
        is_active=True, pk__in=mentor_grants_verified().values("user_id")
    ).order_by("pk")


def mentor_is_verified(user: User) -> bool:
    """The same rule as `mentor_grants_verified`, read from a `users_public()` row's
    prefetched roles and memberships (no query)."""
    organisations = {m.organisation_id for m in user.memberships.all()}
    return any(
        grant.role == Role.MENTOR
        and grant.verified_at is not None
        and (grant.verified_for_id is None or grant.verified_for_id in organisations)
        for grant in user.role_grants.all()
    )


def user_roles(user: Actor) -> set[str]:
    if not is_authenticated(user):
        return set()
    return set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))


def organisations_list(*, kind: str | None = None) -> QuerySet[Organisation]:
    organisations = Organisation.objects.annotate(member_count=Count("memberships"))
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("kind", "slug")


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return members_of(Membership, organisation).filter(user__is_active=True)


def invitations_open_for_organisation(
    organisation: Organisation,
) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            organisation=organisation,
            status=InvitationStatus.PENDING,
            created_at__gt=timezone.now() - INVITATION_LIFETIME,
        )
        .select_related("organisation", "invited_by")
        .order_by("-created_at")
    )


def invitations_open_for_user(user: Actor) -> QuerySet[Invitation]:
    """Open invitations sent to any of the user's verified addresses (compared without
    regard to case), in one query: the addresses are a subquery, not read first."""
    if not is_authenticated(user):
        return Invitation.objects.none()
    verified = (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(address=Upper("email"))
        .values("address")
    )
    return (
        Invitation.objects.annotate(address=Upper("email"))
        .filter(
            address__in=verified,
            status=InvitationStatus.PENDING,
            created_at__gt=timezone.now() - INVITATION_LIFETIME,
        )
        .select_related("organisation", "invited_by")
        .order_by("-created_at")
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")
