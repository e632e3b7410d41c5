"""The public pages: the calls list (open, upcoming, closed) and a call's page, with the
eligibility check a signed-in writer sees before starting; and starting an application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from core.limits import parse_bounded_int
from core.permissions import is_signed_in
from incubator import permissions, selectors
from incubator.eligibility import eligibility_check, rules_described
from incubator.forms import StartForm
from incubator.models import CallPhase, CallStatus
from incubator.services.applications import application_start

CALLS_PER_PAGE = 20


@require_http_methods(["GET"])
def call_list(request):
    phase = request.GET.get("phase", CallPhase.OPEN)
    if phase not in CallPhase.values:
        phase = CallPhase.OPEN
    now = timezone.now()
    page = Paginator(selectors.calls_in_phase(phase, now=now), CALLS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "incubator/call_list.html",
        {
            "page": page,
            "phase": phase,
            "phases": CallPhase.choices,
            "counts": selectors.phase_counts(now=now),
            "now": now,
            "managed_funds": permissions.funds_managed_by(request.user).exists()
            if is_signed_in(request.user)
            else False,
        },
    )


def _chosen_series(request, choices):  # type: ignore[no-untyped-def]
    wanted = parse_bounded_int(request.GET.get("series"))
    for choice in choices:
        if choice.series.pk == wanted:
            return choice
    return choices[0] if choices else None


@require_http_methods(["GET"])
def call_detail(request, slug: str):
    call = permissions.get_call_for(request.user, slug)
    now = timezone.now()
    choices = selectors.series_to_apply_with(request.user)
    chosen = _chosen_series(request, choices)
    mine = None
    if is_signed_in(request.user):
        mine = (
            permissions.applications_visible_to(request.user)
            .filter(call=call)
            .exclude(status="withdrawn")
            .first()
        )
    form = selectors.current_form(call)
    return render(
        request,
        "incubator/call_detail.html",
        {
            "call": call,
            "phase": call.phase(now),
            "now": now,
            "priorities": selectors.call_priorities(call),
            "rules": eligibility_check(call, request.user, series=chosen.series if chosen else None)
            if is_signed_in(request.user)
            else rules_described(call),
            "signed_in": is_signed_in(request.user),
            "choices": choices,
            "chosen": chosen,
            "questions": list(form.questions.all()) if form else [],
            "mine": mine,
            "can_apply": call.status == CallStatus.PUBLISHED
            and now < call.closes_at
            and bool(choices),
            "manages": call.viewer_manages,  # type: ignore[attr-defined]
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_start_view(request, slug: str):
    call = permissions.get_call_for(request.user, slug)
    choices = selectors.series_to_apply_with(request.user)
    form = StartForm(request.POST or None, choices=choices, initial={
        "series": (_chosen_series(request, choices).series.pk if choices else None)
    })  # fmt: skip
    if request.method == "POST" and form.is_valid():
        chosen = next(c for c in choices if c.series.pk == form.cleaned_data["series"])
        entry = next((e for e in chosen.entries if e.number == form.cleaned_data["entry"]), None)
        if entry is None:
            form.add_error("entry", _("Choose a registered revision of this series."))
        else:
            try:
                application = application_start(
                    actor=request.user, call=call, series=chosen.series, entry=entry
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your draft is started. It saves as you type; submit it when ready.")
                )
                return redirect(application)
    chosen = _chosen_series(request, choices)
    return render(
        request,
        "incubator/application_start.html",
        {
            "call": call,
            "form": form,
            "choices": choices,
            "results": eligibility_check(
                call, request.user, series=chosen.series if chosen else None
            ),
            "chosen": chosen,
        },
    )
