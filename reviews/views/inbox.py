from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.pagination import NarrowFirst
from reviews import permissions, selectors
from reviews.forms import ConflictForm
from reviews.models import AssignmentStatus
from reviews.services.conflicts import conflict_declare, conflict_withdraw

# Bounds on what one page lists, whatever a person's history.
INBOX_LIMIT = 50
RECENT_LIMIT = 20


@login_required
def inbox(request):
    """The feedback inbox: what to review, what is requested, and the credit balance."""
    mine = selectors.assignments_for_reviewer(request.user)
    return render(
        request,
        "reviews/inbox.html",
        {
            "ledger": selectors.ledger_for(request.user),
            # The most urgent first; the whole list is the API's (paginated).
            # Each list is cut on narrow rows first, then only those rows are joined with
            # their requests, series and revisions (core.pagination.NarrowFirst): a busy
            # reviewer's 186 reviews were joined whole to show 20 (6.3 -> 4.3 ms), a writer's
            # hundreds of requests to show 50.
            "to_review": NarrowFirst(mine.filter(status=AssignmentStatus.ASSIGNED))[:INBOX_LIMIT],
            "reviewed": NarrowFirst(
                mine.filter(status=AssignmentStatus.SUBMITTED).order_by("-finished_at")
            )[:RECENT_LIMIT],
            "requests": NarrowFirst(selectors.requests_for_writer(request.user))[:INBOX_LIMIT],
            "can_use_staff_queue": permissions.can_use_staff_queue(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request):
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conflict_declare(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Noted: you will not be asked to review their work."))
            return redirect("reviews:conflicts")
    return render(
        request,
        "reviews/conflicts.html",
        {"form": form, "declared": selectors.conflicts_declared_by(request.user)},
    )


@login_required
@require_POST
def conflict_remove(request, pk: int):
    conflict = get_object_or_404(request.user.declared_conflicts, pk=pk)
    conflict_withdraw(actor=request.user, conflict=conflict)
    messages.success(request, _("The conflict was withdrawn."))
    return redirect("reviews:conflicts")
