"""Who may do what with a series. Private by default; every check fails closed.

Roles on a series: the owner; co-writers (edit); readers (read and comment). A
series the owner opened to the platform can be read by any signed-in member.
"""

from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import User
from core.permissions import is_signed_in
from core.selectors import one_or_none, user_counts
from core.types import Actor
from scripts_app.models import (
    Collaborator,
    CollaboratorRole,
    ExportJob,
    LineComment,
    MergeConflict,
    ReaderExports,
    Series,
    Visibility,
)

Action = Literal["read", "comment", "edit", "manage"]
OWNER = "owner"


def series_ids_of(user: Actor) -> QuerySet[Any]:
    """The ids of the series the user owns or collaborates on, as one subquery.

    A UNION of two index lookups (the owner's series, the collaborations): used as
    `pk__in=`, it finds a writer's series through indexes, where `owner = x OR pk IN
    (collaborations)` makes PostgreSQL read every series row.
    """
    if not is_signed_in(user):
        return Series.objects.none().values("pk")
    # No ORDER BY inside a compound subquery (SQLite refuses it; the models order theirs).
    owned = Series.objects.filter(owner_id=user.pk).order_by().values("pk")
    shared = Collaborator.objects.filter(user_id=user.pk).order_by().values("series_id")
    return owned.union(shared)


def written_series_ids(user: Actor) -> QuerySet[Any]:
    """The ids of the series the user writes (owns, or co-writes: not those they only
    read), as one subquery: a UNION of two index lookups, as `series_ids_of`. For the apps
    that act for a series' writers (scouting's reads and portfolios)."""
    if not is_signed_in(user):
        return Series.objects.none().values("pk")
    owned = Series.objects.filter(owner_id=user.pk).order_by().values("pk")
    cowritten = (
        Collaborator.objects.filter(user_id=user.pk, role=CollaboratorRole.COWRITER)
        .order_by()
        .values("series_id")
    )
    return owned.union(cowritten)


def series_visible_to(user: Actor) -> QuerySet[Series]:
    """Every series the user may read: their own and shared ones, and those open to members.

    No join on the collaborators, so no duplicate rows and no DISTINCT over wide rows.
    """
    if not is_signed_in(user):
        return Series.objects.none()
    return Series.objects.filter(Q(visibility=Visibility.PLATFORM) | Q(pk__in=series_ids_of(user)))


def series_row_visible(user: Actor, *, mine_only: bool = False) -> Q:
    """`series_visible_to(user)` (`series_ids_of(user)` with `mine_only`) as a condition
    checked on each row, for a few rows already found by key (a page's ids).

    The same rule as the set: the owner, a collaborator, or (unless `mine_only`) any
    member for a series open to the platform. On a page of rows it costs an index probe
    a row, where `pk IN (series_ids_of(user))` first builds the user's whole set (1,100
    ids for a busy writer, about 1 ms each time). Never use it to filter a whole table:
    the OR would read every row.
    """
    if not is_signed_in(user):
        return Q(pk__in=[])
    mine = Q(owner_id=user.pk) | Q(
        Exists(Collaborator.objects.filter(series=OuterRef("pk"), user_id=user.pk))
    )
    return mine if mine_only else Q(visibility=Visibility.PLATFORM) | mine


def series_visible_count(user: Actor) -> int:
    """How many series `series_visible_to` holds: those open to members, and the user's own
    and shared ones that are not, as index counts in one query. Counting the user's series
    against their set (`pk IN (series_ids_of(user)) AND NOT platform`) read every series
    row (5 ms at 20,000 series); the user's own private ones are all they own less those
    they opened, two counts off the indexes alone (filtering their 1,100 rows on visibility
    read 900 table pages)."""
    if not is_signed_in(user):
        return 0
    shared = Collaborator.objects.filter(user_id=OuterRef("pk")).exclude(
        series__owner_id=OuterRef("pk")
    )
    counts = user_counts(
        user,
        open_to_members=Series.objects.filter(visibility=Visibility.PLATFORM),
        owned=Series.objects.filter(owner_id=OuterRef("pk")),
        owned_open=Series.objects.filter(owner_id=OuterRef("pk"), visibility=Visibility.PLATFORM),
        shared_private=shared.exclude(series__visibility=Visibility.PLATFORM),
    )
    return (
        counts["open_to_members"]
        + counts["owned"]
        - counts["owned_open"]
        + counts["shared_private"]
    )


def series_role(user: Actor, series: Series) -> str | None:
    """ "owner", "cowriter", "reader", "member" (platform visibility) or None."""
    if not is_signed_in(user):
        return None
    if series.owner_id == user.pk:
        return OWNER
    role = (
        Collaborator.objects.filter(series=series, user=user).values_list("role", flat=True).first()
    )
    if role:
        return role
    if series.visibility == Visibility.PLATFORM:
        return "member"
    return None


_ALLOWED: dict[str, set[str]] = {
    "read": {OWNER, CollaboratorRole.COWRITER, CollaboratorRole.READER, "member"},
    "comment": {OWNER, CollaboratorRole.COWRITER, CollaboratorRole.READER},
    "edit": {OWNER, CollaboratorRole.COWRITER},
    "manage": {OWNER},
}


def can(user: Actor, series: Series, action: Action) -> bool:
    return series_role(user, series) in _ALLOWED[action]


def can_read_series(user: Actor, series: Series) -> bool:
    return can(user, series, "read")


def can_comment_series(user: Actor, series: Series) -> bool:
    return can(user, series, "comment")


def can_edit_series(user: Actor, series: Series) -> bool:
    return can(user, series, "edit")


def can_manage_series(user: Actor, series: Series) -> bool:
    return can(user, series, "manage")


WRITERS = frozenset({OWNER, CollaboratorRole.COWRITER})


def can_resolve_comment(user: Actor, comment: LineComment, *, can_edit: bool | None = None) -> bool:
    """Writers (owner, co-writers) and the comment's author mark it resolved or open.

    `can_edit`, when the caller already knows it (the read page does), saves a query.
    """
    if not is_signed_in(user):
        return False
    if comment.author_id == user.pk:
        return True
    return can_edit_series(user, comment.series) if can_edit is None else can_edit


def can_remove_collaborator(user: Actor, collaborator: Collaborator) -> bool:
    """The owner removes anyone; a collaborator may leave."""
    return is_signed_in(user) and (
        collaborator.user_id == user.pk or can_manage_series(user, collaborator.series)
    )


def can_export_series(user: Actor, series: Series) -> bool:
    """Writers export freely; people who may only read do so only if the owner allows it."""
    role = series_role(user, series)
    if role in WRITERS:
        return True
    return role in _ALLOWED["read"] and series.reader_exports == ReaderExports.WATERMARKED


def export_needs_watermark(user: Actor, series: Series) -> bool:
    """Exports by anyone but the owner and co-writers carry the person's name and the date."""
    return series_role(user, series) not in WRITERS


@dataclass(frozen=True, slots=True)
class SeriesAbilities:
    """What one viewer may do with one series, worked out once for pages to show."""

    read: bool
    comment: bool
    edit: bool
    manage: bool
    export: bool


def series_abilities(role: str | None, series: Series) -> SeriesAbilities:
    """The abilities a role on `series` gives (the same rules as `can` and
    `can_export_series`, without another query)."""
    reads = role in _ALLOWED["read"]
    return SeriesAbilities(
        read=reads,
        comment=role in _ALLOWED["comment"],
        edit=role in _ALLOWED["edit"],
        manage=role in _ALLOWED["manage"],
        export=role in WRITERS or (reads and series.reader_exports == ReaderExports.WATERMARKED),
    )


def get_series_for(user: Actor, pk: int, *, action: Action = "read") -> Series:
    """Load a series and check the action in one step.

    Raises Http404 when the user may not even read it (so its existence is not
    revealed) and PermissionDenied when they may read it but not do `action`. The
    user's role is left on the instance as `viewer_role`, and what it allows as
    `viewer_can` (a SeriesAbilities), for views and templates.
    """
    series = one_or_none(Series.objects.select_related("owner", "head").filter(pk=pk))
    if series is None:
        raise Http404
    role = series_role(user, series)
    if role not in _ALLOWED["read"]:
        raise Http404
    if role not in _ALLOWED[action]:
        raise PermissionDenied
    series.viewer_role = role
    series.viewer_can = series_abilities(role, series)
    return series


def get_export_for(user: User, series_pk: int, job_pk: int) -> ExportJob:
    """Load one of the user's own exports of a series they may still export, or 404.

    Exports may carry a personal watermark, so each person sees only their own; losing
    read access, or the owner closing exports to readers, closes the download too.
    Staff have no exception: the files are the writers' private work.
    """
    series = get_series_for(user, series_pk, action="read")
    job = (
        ExportJob.objects.select_related("series", "revision")
        .filter(pk=job_pk, series=series, requested_by=user)
        .first()
    )
    if job is None or not can_export_series(user, series):
        raise Http404
    job.series = series
    return job


def get_conflict_for(user: Actor, series_pk: int, conflict_pk: int) -> MergeConflict:
    """An overlap of co-writers' saves, for someone who may edit the series; 404 otherwise."""
    series = get_series_for(user, series_pk, action="edit")
    conflict = (
        series.conflicts.select_related("base", "ours", "theirs", "ours__author", "theirs__author")
        .filter(pk=conflict_pk)
        .first()
    )
    if conflict is None:
        raise Http404
    conflict.series = series
    return conflict


def get_collaborator_for(user: Actor, series_pk: int, collaborator_pk: int) -> Collaborator:
    """A co-writer or reader of a series the user may read; 404 otherwise. What the user
    may do to them (change the role, remove them, leave) the services decide."""
    series = get_series_for(user, series_pk, action="read")
    collaborator = series.collaborators.select_related("user").filter(pk=collaborator_pk).first()
    if collaborator is None:
        raise Http404
    collaborator.series = series
    return collaborator


def can_manage_compliance_rules(user: Actor) -> bool:
    """Platform staff maintain the compliance rules (in the admin)."""
    return is_signed_in(user) and bool(user.is_staff)
