"""A listed series as studio scouts see it: everything its writers chose to show, where it
stands on the studio's shortlists, the studio's reads of it, and what a scout can do."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scouting import permissions, selectors
from scouting.views.search import SHORTLISTS_OFFERED

LISTING_OFFERS_SHOWN = 20


@login_required
@require_GET
def listing_page(request, pk: int):
    listing = permissions.get_listed_listing_for(request.user, pk)
    return render(
        request,
        "scouting/listing_page.html",
        {
            "listing": listing,
            "terms": list(listing.terms.order_by("kind", "position", "slug")),
            "entries": list(selectors.listing_shortlist_entries(request.user, listing)),
            "reads": list(
                selectors.listing_reads(request.user, listing)[: selectors.LISTING_READS_SHOWN]
            ),
            "offers": list(selectors.listing_offers(request.user, listing)[:LISTING_OFFERS_SHOWN]),
            "shortlists": list(selectors.shortlists_of(request.user)[:SHORTLISTS_OFFERED]),
        },
    )
