from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import permissions, selectors
from reviews.forms import DecisionForm
from reviews.services.requests import staff_decide, staff_take


@login_required
def staff_queue(request):
    """Requests that fell back to staff, and requests whose reviewers diverge."""
    if not permissions.can_use_staff_queue(request.user):
        raise PermissionDenied
    return render(
        request,
        "reviews/staff_queue.html",
        {
            "waiting": selectors.requests_waiting_for_staff(),
            "divergent": selectors.requests_divergent(),
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def staff_take_view(request, pk: int):
    review_request = permissions.get_request_for_staff(request.user, pk)
    try:
        assignment = staff_take(actor=request.user, request=review_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reviews:staff_queue")
    return redirect(assignment)


@login_required
@require_POST
def staff_decide_view(request, pk: int):
    review_request = permissions.get_request_for_staff(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write down the decision and why."))
        return redirect("reviews:staff_queue")
    staff_decide(actor=request.user, request=review_request, **form.cleaned_data)
    messages.success(request, _("The decision is recorded."))
    return redirect(review_request)
