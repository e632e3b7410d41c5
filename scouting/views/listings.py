"""The writers' "Discovery" section of a series: list it, choose what scouts see,
consent or withdraw, unlist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from scouting import permissions, selectors
from scouting.forms import ListingForm
from scouting.models import ListingConsentStatus, ListingStatus
from scouting.services import listings as services
from scouting.services import offers as offer_services
from scouting.services.listings import ListingChoices


@login_required
@require_http_methods(["GET", "POST"])
def listing_detail(request, pk: int):
    series = permissions.get_series_for_listing(request.user, pk)
    listing = selectors.listing_of(series)
    initial = vars(ListingChoices.of(listing)) if listing is not None else None
    form = ListingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        choices = ListingChoices(**form.cleaned_data)
        try:
            if listing is None or listing.status == ListingStatus.UNLISTED:
                listing = services.listing_create(
                    actor=request.user, series=series, choices=choices
                )
            else:
                listing = services.listing_update(
                    actor=request.user, listing=listing, choices=choices
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if listing.status == ListingStatus.LISTED:
                messages.success(request, _("Saved: studio scouts can find this series."))
            else:
                messages.success(
                    request, _("Saved: it is listed once every co-writer has consented.")
                )
            return redirect("scouting:listing", pk=series.pk)
    consents = list(selectors.listing_consents(listing)) if listing is not None else []
    own = next((c for c in consents if c.user_id == request.user.pk), None)
    active_deal = offer_services.active_deal_of(series.pk)
    return render(
        request,
        "scouting/listing.html",
        {
            "series": series,
            "listing": listing,
            "active_deal": active_deal,
            "deal_status": offer_services.deal_status_label(active_deal),
            "form": form,
            "consents": consents,
            "is_listed": listing is not None and listing.status == ListingStatus.LISTED,
            "is_active": listing is not None and listing.status != ListingStatus.UNLISTED,
            "can_give_consent": own is not None
            and own.consent != ListingConsentStatus.GIVEN
            and listing is not None
            and listing.status != ListingStatus.UNLISTED,
            "can_withdraw_consent": own is not None
            and own.consent == ListingConsentStatus.GIVEN
            and listing is not None
            and listing.status != ListingStatus.UNLISTED,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def listing_unlist(request, pk: int):
    series = permissions.get_series_for_listing(request.user, pk)
    listing = selectors.listing_of(series)
    if listing is not None:
        try:
            services.listing_unlist(actor=request.user, listing=listing)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Unlisted: scouts no longer find this series."))
    return redirect("scouting:listing", pk=series.pk)


@login_required
@require_POST
def listing_consent(request, pk: int):
    series = permissions.get_series_for_listing(request.user, pk)
    listing = selectors.listing_of(series)
    if listing is not None:
        if request.POST.get("answer") == "withdraw":
            services.consent_withdraw(actor=request.user, listing=listing)
            messages.success(request, _("Your consent is withdrawn: scouts no longer find it."))
        else:
            services.consent_give(actor=request.user, listing=listing)
            messages.success(request, _("Thank you: your consent is recorded."))
    return redirect("scouting:listing", pk=series.pk)
