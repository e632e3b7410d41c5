"""Offers and deals: a scout makes an offer on a listed series, the two sides counter,
accept, decline or withdraw; an accepted offer's deal has its agreement to accept (and
download), then the writers' deliveries and the studio's feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import add_service_errors
from scouting import permissions, selectors
from scouting.agreement_documents import AGREEMENT_FORMATS, agreement_response
from scouting.forms import (
    AgreementAcceptForm,
    DeliveryForm,
    FeedbackForm,
    OfferAnswerForm,
    OfferCounterForm,
    OfferMakeForm,
    OptionExerciseForm,
)
from scouting.models import Deal, DealStatus, Offer, OfferSide
from scouting.services import offers as services

OFFERS_PER_PAGE = 30


def _offer_make(request, *, listing=None, pitch=None):  # type: ignore[no-untyped-def]
    studios = permissions.scouting_studios(request.user).order_by("slug")
    if pitch is not None:
        studios = studios.filter(pk=pitch.brief.studio_id)
    form = OfferMakeForm(request.POST or None, studios=studios)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = services.offer_make(
                actor=request.user,
                listing=listing,
                pitch=pitch,
                studio_id=data["studio"].pk,
                kind=data["kind"],
                terms=form.terms(),
                message=data["message"],
                expires_in_days=data["expires_in_days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your offer is sent to the writers."))
            return redirect("scouting:offer_detail", pk=offer.pk)
    return render(
        request,
        "scouting/offer_make.html",
        {
            "listing": listing,
            "pitch": pitch,
            "title": listing.title if listing is not None else pitch.logline,
            "form": form,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_make(request, pk: int):
    return _offer_make(request, listing=permissions.get_listing_for_offer(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def offer_make_pitch(request, pk: int):
    """An offer on a pitch to one of the studio's briefs (submitted or shortlisted)."""
    return _offer_make(request, pitch=permissions.get_pitch_for_offer(request.user, pk))


@login_required
@require_GET
def offers(request):
    page = Paginator(selectors.offers_of(request.user), OFFERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    for offer in rows:
        versions = list(offer.versions.all())
        offer.latest = versions[0] if versions else None
    return render(request, "scouting/offers.html", {"page": page, "offers": rows})


def _rows(latest, previous):  # type: ignore[no-untyped-def]
    """The latest terms beside the previous ones, field by field, changes marked."""
    changed = services.terms_changes(latest, previous) if latest is not None else set()
    rows = []
    for name in services.TERMS_FIELDS:
        field = latest._meta.get_field(name)
        rows.append(
            {
                "label": field.verbose_name,
                "latest": _shown(latest, name),
                "previous": _shown(previous, name) if previous is not None else "",
                "changed": name in changed,
            }
        )
    return rows


def _shown(terms, name: str) -> str:  # type: ignore[no-untyped-def]
    value = getattr(terms, name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    display = getattr(terms, f"get_{name}_display", None)
    return str(display()) if display is not None else str(value)


def _detail(request, offer: Offer, *, counter_form=None):  # type: ignore[no-untyped-def]
    versions = selectors.offer_versions(offer)
    latest = versions[0] if versions else None
    previous = versions[1] if len(versions) > 1 else None
    studio = permissions.is_offer_studio(request.user, offer)
    can_answer = services.can_answer(request.user, offer)
    initial = {name: getattr(latest, name) for name in services.TERMS_FIELDS} if latest else {}
    seen = latest.version if latest is not None else 0
    context = {
        "offer": offer,
        "versions": versions,
        "latest": latest,
        "rows": _rows(latest, previous) if latest is not None else [],
        "has_previous": previous is not None,
        "is_studio": studio,
        "can_answer": can_answer,
        "can_withdraw": studio and offer.is_open,
        "counter_form": counter_form or OfferCounterForm(initial={**initial, "seen_version": seen}),
        "answer_form": OfferAnswerForm(initial={"seen_version": seen}),
        "deal": getattr(offer, "deal", None),
        "awaiting_studio": offer.awaiting == OfferSide.STUDIO,
    }
    status = 422 if counter_form is not None and counter_form.errors else 200
    return render(request, "scouting/offer_detail.html", context, status=status)


@login_required
@require_GET
def offer_detail(request, pk: int):
    return _detail(request, permissions.get_offer_for(request.user, pk))


@login_required
@require_POST
def offer_counter(request, pk: int):
    offer = permissions.get_offer_for(request.user, pk)
    form = OfferCounterForm(request.POST)
    if form.is_valid():
        try:
            services.offer_counter(
                actor=request.user,
                offer=offer,
                seen_version=form.cleaned_data["seen_version"],
                terms=form.terms(),
                message=form.cleaned_data["message"],
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your terms are sent: the other side answers next."))
            return redirect("scouting:offer_detail", pk=offer.pk)
    return _detail(request, offer, counter_form=form)


@login_required
@require_POST
def offer_accept(request, pk: int):
    offer = permissions.get_offer_for(request.user, pk)
    form = OfferAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reload the page and read the latest terms."))
        return redirect("scouting:offer_detail", pk=offer.pk)
    try:
        deal = services.offer_accept(
            actor=request.user, offer=offer, seen_version=form.cleaned_data["seen_version"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("scouting:offer_detail", pk=offer.pk)
    messages.success(request, _("Accepted: both parties now accept the agreement."))
    return redirect("scouting:deal_detail", pk=deal.pk)


def _simple(request, pk: int, service, done: str):  # type: ignore[no-untyped-def]
    offer = permissions.get_offer_for(request.user, pk)
    try:
        service(actor=request.user, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("scouting:offer_detail", pk=offer.pk)


@login_required
@require_POST
def offer_decline(request, pk: int):
    return _simple(request, pk, services.offer_decline, _("The offer is declined."))


@login_required
@require_POST
def offer_withdraw(request, pk: int):
    return _simple(request, pk, services.offer_withdraw, _("Your offer is withdrawn."))


def _deal_page(request, deal: Deal, *, delivery_form=None, status=200):  # type: ignore[no-untyped-def]
    writer = permissions.is_deal_writer(request.user, deal)
    studio = permissions.is_offer_studio(request.user, deal)
    pending = deal.status == DealStatus.AGREEMENT
    can_accept = pending and (
        (writer and deal.writers_accepted_at is None)
        or (studio and deal.studio_accepted_at is None)
    )
    deliveries = list(selectors.deal_deliveries(deal))
    context = {
        "deal": deal,
        "offer": deal.offer,
        "status_label": services.deal_status_label(deal)
        if deal.status == DealStatus.ACTIVE
        else "",
        "can_accept": can_accept,
        "accept_form": AgreementAcceptForm(initial={"sha256": deal.agreement_sha256}),
        "is_writer": writer,
        "is_studio": studio,
        "can_deliver": writer and deal.status == DealStatus.ACTIVE,
        "can_exercise": studio and services.option_exercisable(deal),
        "delivery_form": delivery_form or DeliveryForm(),
        "deliveries": deliveries,
        "feedback_form": FeedbackForm(),
    }
    return render(request, "scouting/deal_detail.html", context, status=status)


@login_required
@require_GET
def deal_detail(request, pk: int):
    return _deal_page(request, permissions.get_deal_for(request.user, pk))


@login_required
@require_POST
def deal_accept(request, pk: int):
    deal = permissions.get_deal_for(request.user, pk)
    form = AgreementAcceptForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Reload the page and read the agreement."))
        services.deal_agreement_accept(
            actor=request.user, deal=deal, sha256=form.cleaned_data["sha256"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You accepted the agreement."))
    return redirect("scouting:deal_detail", pk=deal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def deal_exercise(request, pk: int):
    """The studio's purchase offer under its option in force."""
    deal = permissions.get_deal_for(request.user, pk)
    if not permissions.is_offer_studio(request.user, deal):
        raise Http404
    form = OptionExerciseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = services.option_exercise(
                actor=request.user, deal=deal, terms=form.terms(), message=data["message"],
                expires_in_days=data["expires_in_days"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your offer to buy is sent to the writers."))
            return redirect("scouting:offer_detail", pk=offer.pk)
    return render(
        request,
        "scouting/option_exercise.html",
        {"deal": deal, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def deal_agreement(request, pk: int, kind: str):
    deal = permissions.get_deal_for(request.user, pk)
    if kind not in AGREEMENT_FORMATS:
        raise Http404
    return agreement_response(deal, kind)


@login_required
@require_POST
def deal_delivery(request, pk: int):
    deal = permissions.get_deal_for(request.user, pk)
    form = DeliveryForm(request.POST)
    if form.is_valid():
        try:
            services.deal_delivery_record(
                actor=request.user, deal=deal, label=form.cleaned_data["label"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The delivery is recorded: the studio is told."))
            return redirect("scouting:deal_detail", pk=deal.pk)
    return _deal_page(request, deal, delivery_form=form, status=422)


@login_required
@require_POST
def deal_feedback(request, pk: int, delivery_pk: int):
    deal = permissions.get_deal_for(request.user, pk)
    delivery = permissions.get_delivery_for(request.user, deal, delivery_pk)
    form = FeedbackForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("The feedback note is too long."))
        services.deal_feedback_record(
            actor=request.user, delivery=delivery, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The feedback is recorded."))
    return redirect("scouting:deal_detail", pk=deal.pk)
