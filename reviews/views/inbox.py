from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.pagination import NarrowFirst
from reviews import listing, permissions, selectors
from reviews.forms import ConflictForm
from reviews.services.conflicts import conflict_declare, conflict_withdraw

# Bounds on what one page lists, whatever a person's history.
INBOX_LIMIT = 50
RECENT_LIMIT = 20


@login_required
def inbox(request):
    """The feedback inbox: what to review, what is requested, and the credit balance."""
    user = request.user
    # Bounded lists (the whole lists are the API's, paginated), read as narrow rows and
    # rendered in one pass (reviews.listing): the most urgent reviews to give, the latest
    # given, and the latest requests on the user's series, whose page is cut on ids first
    # (core.pagination.NarrowFirst: a writer has hundreds).
    to_review = selectors.reviews_to_give(user, limit=INBOX_LIMIT)
    reviewed = selectors.reviews_given(user, limit=RECENT_LIMIT)
    requests = NarrowFirst(
        selectors.requests_for_writer(user), rows=selectors.requests_for_writer_narrow(user)
    )[:INBOX_LIMIT]
    return render(
        request,
        "reviews/inbox.html",
        {
            "ledger": selectors.ledger_for(user),
            "to_review": to_review,
            "to_review_html": listing.to_review_html(to_review),
            "reviewed": reviewed,
            "reviewed_html": listing.reviewed_html(reviewed),
            "requests": requests,
            "requests_html": listing.requests_html(requests),
            "can_use_staff_queue": permissions.can_use_staff_queue(user),
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
