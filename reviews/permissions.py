"""Who may see and do what in review. Fails closed; 404 for what one may not see.

The writer side of a request is everyone who may edit the series (owner and
co-writers). A reviewer sees only their own assignments, and other reviews of the
same request only after submitting their own. Platform staff see everything: they
run the fallback queue and decide divergent cases.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Organisation
from accounts.permissions import can_manage_organisation, organisations_managed_by
from core.permissions import is_signed_in
from core.selectors import one_or_none
from core.types import Actor
from reviews.models import (
    AssignmentStatus,
    CalibrationExemplar,
    LineNote,
    Review,
    ReviewAssignment,
    ReviewRequest,
    Rubric,
)
from scripts_app.permissions import can_edit_series


def is_staff(user: Actor) -> bool:
    return is_signed_in(user) and bool(user.is_staff)


def is_writer_side(user: Actor, request: ReviewRequest) -> bool:
    return is_signed_in(user) and can_edit_series(user, request.series)


def can_reply_to_note(user: Actor, note: LineNote, *, writer_side: bool | None = None) -> bool:
    """The writer side and the note's own reviewer talk under a note.

    `writer_side`, when the caller already knows it (the report does), saves a query.
    """
    if not is_signed_in(user):
        return False
    if note.review.assignment.reviewer_id == user.pk:
        return True
    if writer_side is None:
        writer_side = is_writer_side(user, note.review.assignment.request)
    return writer_side


def can_resolve_note(user: Actor, note: LineNote, *, writer_side: bool | None = None) -> bool:
    """Marking a note dealt with is the writers' call."""
    if writer_side is None:
        writer_side = is_writer_side(user, note.review.assignment.request)
    return is_signed_in(user) and writer_side


def can_rate_review(user: Actor, review: Review, *, writer_side: bool | None = None) -> bool:
    """The writer side rates how helpful a review was, and only they see the rating."""
    if writer_side is None:
        writer_side = is_writer_side(user, review.assignment.request)
    return is_signed_in(user) and writer_side


def can_use_staff_queue(user: Actor) -> bool:
    """Platform staff take fallback requests and settle divergent ones."""
    return is_staff(user)


def can_assign_reviewers(user: Actor | None) -> bool:
    """Naming reviewers by hand: platform staff, or the platform itself (user None)."""
    return user is None or is_staff(user)


def can_take_request(user: Actor) -> bool:
    """Reviewing a request from the fallback queue oneself."""
    return is_staff(user)


def can_decide_request(user: Actor) -> bool:
    """Settling a divergent request on the record."""
    return is_staff(user)


def can_view_report(user: Actor, request: ReviewRequest) -> bool:
    """The writer side; a reviewer once they submitted; other staff. A staff member who
    reviews the request is a reviewer first: no reading the others' reviews before
    submitting one's own."""
    if is_writer_side(user, request):
        return True
    statuses = set(
        ReviewAssignment.objects.filter(request=request, reviewer_id=user.pk).values_list(
            "status", flat=True
        )
    )
    if AssignmentStatus.SUBMITTED in statuses:
        return True
    return is_staff(user) and AssignmentStatus.ASSIGNED not in statuses


def get_request_for(user: Actor, pk: int) -> ReviewRequest:
    """A request whose report the user may see; 404 otherwise (even its existence is private)."""
    # What the report shows; each table joined costs planning time (a join of seven
    # tables took PostgreSQL longer to plan than to run), so not the requester, whom
    # only the services that notify or refund them read.
    request = one_or_none(
        ReviewRequest.objects.select_related(
            "series__owner", "series__head", "revision", "rubric_version__rubric"
        )
        # The revisions' parsed summaries (large JSON) are never shown here.
        .defer("series__head__stats", "revision__stats")
        .filter(pk=pk)
    )
    if request is None or not can_view_report(user, request):
        raise Http404
    return request


def get_request_for_writer(user: Actor, pk: int) -> ReviewRequest:
    request = get_request_for(user, pk)
    if not is_writer_side(user, request):
        raise PermissionDenied
    return request


def get_review_for_writer(user: Actor, request_pk: int, review_pk: int) -> Review:
    """A review of a request on a series the user writes (to rate it); 404 otherwise."""
    request = get_request_for_writer(user, request_pk)
    review = (
        Review.objects.select_related("assignment")
        .filter(pk=review_pk, assignment__request=request)
        .first()
    )
    if review is None:
        raise Http404
    return review


def get_note_for(user: Actor, note_pk: int, *, request: ReviewRequest | None = None) -> LineNote:
    """A line note of a request whose report the user may see (of `request`, when given,
    which the caller has authorised already); 404 otherwise."""
    note = (
        LineNote.objects.select_related("review__assignment__request__series")
        .filter(pk=note_pk)
        .first()
    )
    if note is None:
        raise Http404
    if request is not None:
        if note.review.assignment.request_id != request.pk:
            raise Http404
    else:
        get_request_for(user, note.review.assignment.request_id)
    return note


def get_own_note_for(user: Actor, assignment_pk: int, note_pk: int) -> LineNote:
    """A line note in the user's own review of an assignment; 404 otherwise."""
    assignment = get_assignment_for(user, assignment_pk)
    note = (
        LineNote.objects.select_related("review__assignment")
        .filter(pk=note_pk, review__assignment=assignment)
        .first()
    )
    if note is None:
        raise Http404
    return note


def get_exemplar_for(user: Actor, rubric_slug: str, key: str) -> CalibrationExemplar:
    """An active calibration excerpt of a rubric, for a signed-in reviewer; 404 otherwise."""
    exemplar = (
        CalibrationExemplar.objects.select_related("rubric")
        .filter(rubric__slug=rubric_slug, key=key, is_active=True)
        .first()
    )
    if exemplar is None or not is_signed_in(user):
        raise Http404
    return exemplar


def get_request_for_staff(user: Actor, pk: int) -> ReviewRequest:
    """Any request, for platform staff working the queue; PermissionDenied for others."""
    if not can_use_staff_queue(user):
        raise PermissionDenied
    request = ReviewRequest.objects.select_related("series", "revision").filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def get_assignment_for(user: Actor, pk: int) -> ReviewAssignment:
    """One's own assignment (staff may look at any); 404 for everyone else."""
    assignment = one_or_none(
        # What the reviewer's page shows; each table joined costs planning time, so not
        # the reviewer (the services that notify them read them).
        ReviewAssignment.objects.select_related(
            "request",
            "request__series__owner",
            "request__revision",
            "request__rubric_version__rubric",
        )
        # The revision's parsed summary (large JSON) is never shown here.
        .defer("request__revision__stats")
        .filter(pk=pk)
    )
    if assignment is None or not is_signed_in(user):
        raise Http404
    if assignment.reviewer_id != user.pk and not user.is_staff:
        raise Http404
    return assignment


# -- Rubrics: published standards anyone may read; who may change them -----------------


def can_manage_rubric(user: Actor, rubric: Rubric) -> bool:
    """Staff manage platform rubrics; an organisation's admins (its educators, its fund
    managers) manage the rubrics of their own courses and calls."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    return rubric.organisation is not None and can_manage_organisation(user, rubric.organisation)


def can_create_rubric(user: Actor, organisation: Organisation | None = None) -> bool:
    """A platform rubric (no organisation) is staff's; an organisation's, its admins'."""
    if not is_signed_in(user):
        return False
    if organisation is None:
        return bool(user.is_staff)
    return bool(user.is_staff) or can_manage_organisation(user, organisation)


def can_create_any_rubric(user: Actor) -> bool:
    """Whether the user may create some rubric: staff, or an admin of an organisation."""
    return is_staff(user) or organisations_managed_by(user).exists()


def get_rubric_for(user: Actor, slug: str, *, action: str = "view") -> Rubric:
    """Load a rubric and check the action in one step.

    Rubrics are published standards (writers should know what they are judged by), so
    "view" needs only the rubric to exist; "manage" raises PermissionDenied for anyone
    who may not change it.
    """
    rubric = Rubric.objects.select_related("organisation").filter(slug=slug).first()
    if rubric is None:
        raise Http404
    if action == "view" or (action == "manage" and can_manage_rubric(user, rubric)):
        return rubric
    raise PermissionDenied
