"""The scouts' search page: a GET form, paginated, with facets; works without JavaScript."""

import hashlib
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
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
    shortlists = list(selectors.shortlists_of(request.user)[:SHORTLISTS_OFFERED])
    result, results_html = None, ""
    valid = not form.is_bound or form.is_valid()
    if valid:
        params = form.params() if form.is_bound else selectors.SearchParams()
        result = selectors.listing_search(request.user, params, vocabulary=vocabulary)
        results_html = _results(request, result, vocabulary, offers_shortlists=bool(shortlists))
    # The filters stay folded unless one is set (or wrong): a search by words alone shows
    # its results at the top of the page.
    filters_open = bool(form.errors) or any(
        v for k, v in request.GET.lists() if k not in ("q", "page", "sort") and any(v)
    )
    return render(
        request,
        "scouting/search.html",
        {
            "form": form,
            "result": result,
            "results_html": results_html,
            "fields_html": _cached(
                f"scouting:search-fields:{_digest(request, vocabulary)}" if valid else None,
                lambda: render_to_string(
                    "scouting/partials/search_fields.html",
                    {"form": form, "filters_open": filters_open},
                ),
            ),
            "managed_studios": list(permissions.studios_managed_by(request.user)[:20]),
            # "Add to shortlist" on every result, and "Save this search".
            "shortlist_options": shortlist_options(shortlists),
            "save_form": SavedSearchForm(initial={"query": request.GET.urlencode()}),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# What the search page caches is drawn from the query string and shared data alone (below).
PAGE_PARTS_CACHE_SECONDS = 5 * 60


def _digest(request, vocabulary, *extra: object) -> str:  # type: ignore[no-untyped-def]
    """The query string as typed (the form's values, the facet and page links repeat it),
    the language and the vocabulary's names (a renamed theme shows its new name)."""
    names = [(t.pk, t.kind, t.slug, t.name_zh, t.name_en) for t in vocabulary]
    what = repr((request.GET.urlencode(), get_language(), names, extra))
    return hashlib.sha256(what.encode()).hexdigest()[:32]


def _cached(key: str | None, draw: Callable[[], str]) -> SafeString:
    """HTML drawn by a template, kept under `key` (None: not kept)."""
    if key is not None:
        kept = cache.get(key)
        if kept is not None:
            return mark_safe(kept)  # noqa: S308 - drawn by a template, as below
    html = str(draw())
    if key is not None:
        cache.set(key, html, PAGE_PARTS_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - drawn by a template


def _results(request, result, vocabulary, *, offers_shortlists: bool) -> SafeString:  # type: ignore[no-untyped-def]
    """The page of results with its facets and page links, as HTML.

    Every scout finds the same listings, so the HTML is cached under what it is drawn from:
    the search's own key (the listings version, which every write to a listing or its
    terms changes, and the day), the query string, the language, the vocabulary's names
    and whether the reader has a shortlist to add to. It holds nothing of the reader: no
    name, no CSRF token (the one "Add to shortlist" form is outside it). A scout paging
    back, or asking what another asked, is answered without the rows, their terms or the
    rendering (about half of the page's time at 100,000 listings)."""

    def draw() -> str:
        page = Paginator(result.listings, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        return render_to_string(
            "scouting/partials/search_results.html",
            {
                "result": result,
                "page": page,
                "rows": result_rows(list(page.object_list), result.terms),
                "offers_shortlists": offers_shortlists,
            },
            request=request,
        )

    key = None
    if result.cache_key is not None:
        digest = _digest(request, vocabulary, offers_shortlists)
        key = f"scouting:search-results:{result.cache_key}:{digest}"
    return _cached(key, draw)
