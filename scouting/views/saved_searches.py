"""A scout's saved searches: save one from the search page, list and delete them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.forms import add_service_errors
from scouting import permissions, selectors
from scouting.forms import SavedSearchForm
from scouting.services import saved_searches as services

SAVED_SEARCHES_SHOWN = 200


def _page(request, form, *, status: int = 200):  # type: ignore[no-untyped-def]
    searches = list(selectors.saved_searches_of(request.user)[:SAVED_SEARCHES_SHOWN])
    for saved in searches:
        saved.url = services.search_url(saved)
    return render(
        request, "scouting/saved_searches.html", {"form": form, "searches": searches},
        status=status,
    )  # fmt: skip


@login_required
@require_GET
def saved_searches(request):
    if not permissions.can_search_listings(request.user):
        raise PermissionDenied
    return _page(request, SavedSearchForm())


@login_required
@require_POST
def saved_search_create(request):
    if not permissions.can_search_listings(request.user):
        raise PermissionDenied
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            services.saved_search_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Search saved: you get a daily digest of new matches."))
            return redirect("scouting:saved_searches")
    return _page(request, form, status=422)


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    saved = permissions.get_saved_search_for(request.user, pk)
    services.saved_search_delete(actor=request.user, saved=saved)
    messages.success(request, _("Saved search deleted."))
    return redirect("scouting:saved_searches")
