"""The scouts' search page: a GET form, paginated, with facets; works without JavaScript."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scouting import permissions, selectors
from scouting.forms import SavedSearchForm, SearchForm
from scouting.presenters import result_rows, shortlist_options

RESULTS_PER_PAGE = 20
SHORTLISTS_OFFERED = 50


@login_required
@require_GET
def search(request):
    if not permissions.can_search_listings(request.user):
        raise PermissionDenied
    vocabulary = selectors.search_vocabulary()
    form = SearchForm(request.GET or None, vocabulary=vocabulary)
    result, page, rows = None, None, []
    if not form.is_bound or form.is_valid():
        params = form.params() if form.is_bound else selectors.SearchParams()
        result = selectors.listing_search(request.user, params, vocabulary=vocabulary)
        page = Paginator(result.listings, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        rows = result_rows(list(page.object_list), result.terms)
    return render(
        request,
        "scouting/search.html",
        {
            "form": form,
            "result": result,
            "page": page,
            "rows": rows,
            "managed_studios": list(permissions.studios_managed_by(request.user)[:20]),
            # The filters stay folded unless one is set (or wrong): a search by words alone
            # shows its results at the top of the page.
            "filters_open": bool(form.errors)
            or any(v for k, v in request.GET.lists() if k not in ("q", "page", "sort") and any(v)),
            # "Add to shortlist" on every result, and "Save this search".
            "shortlist_options": shortlist_options(
                list(selectors.shortlists_of(request.user)[:SHORTLISTS_OFFERED])
            ),
            "save_form": SavedSearchForm(initial={"query": request.GET.urlencode()}),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
