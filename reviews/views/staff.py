from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.forms import DecisionForm
from reviews.models import Fallback, RequestStatus, ReviewRequest
from reviews.services.requests import staff_decide, staff_take


def _staff_only(request) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
def staff_queue(request):
    """Requests that fell back to staff, and requests whose reviewers diverge."""
    _staff_only(request)
    waiting = (
        ReviewRequest.objects.filter(status=RequestStatus.OPEN, fallback=Fallback.STAFF)
        .select_related("series", "revision")
        .order_by("due_at")
    )
    divergent = (
        ReviewRequest.objects.exclude(divergent_criteria=[])
        .filter(Q(staff_decision="") | Q(status=RequestStatus.OPEN))
        .select_related("series", "revision")
        .order_by("-created_at")
    )
    return render(
        request,
        "reviews/staff_queue.html",
        {"waiting": waiting, "divergent": divergent, "form": DecisionForm()},
    )


@login_required
@require_POST
def staff_take_view(request, pk: int):
    _staff_only(request)
    review_request = get_object_or_404(ReviewRequest, pk=pk)
    try:
        assignment = staff_take(actor=request.user, request=review_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reviews:staff_queue")
    return redirect(assignment)


@login_required
@require_POST
def staff_decide_view(request, pk: int):
    _staff_only(request)
    review_request = get_object_or_404(ReviewRequest, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write down the decision and why."))
        return redirect("reviews:staff_queue")
    staff_decide(actor=request.user, request=review_request, **form.cleaned_data)
    messages.success(request, _("The decision is recorded."))
    return redirect(review_request)
