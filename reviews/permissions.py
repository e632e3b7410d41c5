"""Who may see and do what in review. Fails closed; 404 for what one may not see.

The writer side of a request is everyone who may edit the series (owner and
co-writers). A reviewer sees only their own assignments, and other reviews of the
same request only after submitting their own. Platform staff see everything: they
run the fallback queue and decide divergent cases.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.permissions import is_signed_in
from core.types import Actor
from reviews.models import AssignmentStatus, ReviewAssignment, ReviewRequest
from scripts_app.permissions import can_edit_series


def is_staff(user: Actor) -> bool:
    return is_signed_in(user) and bool(user.is_staff)


def is_writer_side(user: Actor, request: ReviewRequest) -> bool:
    return is_signed_in(user) and can_edit_series(user, request.series)


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
    request = (
        ReviewRequest.objects.select_related(
            "series", "series__owner", "revision", "rubric_version__rubric", "requested_by"
        )
        .filter(pk=pk)
        .first()
    )
    if request is None or not can_view_report(user, request):
        raise Http404
    return request


def get_request_for_writer(user: Actor, pk: int) -> ReviewRequest:
    request = get_request_for(user, pk)
    if not is_writer_side(user, request):
        raise PermissionDenied
    return request


def get_assignment_for(user: Actor, pk: int) -> ReviewAssignment:
    """One's own assignment (staff may look at any); 404 for everyone else."""
    assignment = (
        ReviewAssignment.objects.select_related(
            "request",
            "request__series",
            "request__revision",
            "request__rubric_version__rubric",
            "reviewer",
        )
        .filter(pk=pk)
        .first()
    )
    if assignment is None or not is_signed_in(user):
        raise Http404
    if assignment.reviewer_id != user.pk and not user.is_staff:
        raise Http404
    return assignment
