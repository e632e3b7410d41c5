"""An application's filing section: its NRTA filing tier (with the rules that gave it),
the flags the tier reads, the filing or licence number, and the dossier downloads. For
the applicants and the fund's managers (`incubator.filing.permissions`)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.exceptions import Conflict
from core.files import generated_download
from core.forms import add_service_errors
from incubator.filing.documents import dossier_docx, dossier_pdf
from incubator.filing.dossier import BODY_NAMES, REASON_NAMES, dossier_build
from incubator.filing.forms import FilingFlagsForm, FilingNumberForm, TierFiguresForm
from incubator.filing.permissions import can_record_filing, get_application_for_filing
from incubator.filing.tiers import SPECIAL_SUBJECTS, TIER_NAMES
from incubator.models import Application, FilingRuleSet
from incubator.services import filing as services

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def reason_labels(reasons: tuple[str, ...]) -> list[str]:
    labels = []
    for reason in reasons:
        if reason.startswith("special_subject:"):
            slug = reason.split(":", 1)[1]
            labels.append(_("special subject: %(name)s") % {"name": SPECIAL_SUBJECTS[slug][0]})
        else:
            zh, en = REASON_NAMES[reason]
            labels.append(f"{zh} / {en}")
    return labels


def tier_context(tier: services.Tier) -> dict[str, Any]:
    return {
        "tier": tier,
        "tier_name": TIER_NAMES[tier.tier],
        "tier_reasons": reason_labels(tier.result.reasons),
        "tier_body": BODY_NAMES.get(tier.body, (tier.body, tier.body)),
    }


def _page(request: Any, application: Application, **forms: Any) -> HttpResponse:
    filing = services.filing_of(application)
    may_record = can_record_filing(application.viewer_role)  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "application": application,
        "call": application.call,
        "filing": filing,
        "may_record": may_record,
        "rule_sets": list(FilingRuleSet.objects.all()[:10]),
        "flags_form": forms.get("flags_form")
        or FilingFlagsForm(
            initial={
                "special_subjects": filing.special_subjects,
                "placement": filing.placement,
                "voluntary_key": filing.voluntary_key,
            }
        ),  # fmt: skip
        "number_form": forms.get("number_form")
        or FilingNumberForm(
            initial={"number": filing.number, "obtained_on": filing.number_obtained_on}
        ),  # fmt: skip
        "budget": services.application_budget(application),
    }
    try:
        context.update(tier_context(services.application_tier(application)))
    except ValidationError as error:
        context["tier_error"] = error.messages
    figures = TierFiguresForm(request.GET) if "budget" in request.GET else TierFiguresForm()
    context["figures_form"] = figures
    if figures.is_bound and figures.is_valid():
        try:
            what_if = services.application_tier(
                application, budget=figures.cleaned_data["budget"],
                on=figures.cleaned_data["on"],
            )  # fmt: skip
            context["what_if"] = tier_context(what_if)
        except ValidationError as error:
            add_service_errors(figures, error)
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render(request, "incubator/filing.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def application_filing(request, pk: int):
    """The filing section; a POST saves the flags (`form=flags`) or the number."""
    if request.method == "GET":
        application = get_application_for_filing(request.user, pk, action="view")
        return _page(request, application)
    application = get_application_for_filing(request.user, pk, action="record")
    if request.POST.get("form") == "flags":
        flags_form = FilingFlagsForm(request.POST)
        if flags_form.is_valid():
            try:
                services.filing_flags_save(
                    actor=request.user, application=application, **flags_form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(flags_form, error)
            else:
                messages.success(request, _("Saved. The tier is worked out again below."))
                return redirect("fund:application_filing", pk=application.pk)
        return _page(request, application, flags_form=flags_form)
    number_form = FilingNumberForm(request.POST)
    if number_form.is_valid():
        try:
            services.filing_number_record(
                actor=request.user, application=application,
                number=number_form.cleaned_data["number"],
                obtained_on=number_form.cleaned_data["obtained_on"],
            )  # fmt: skip
        except (ValidationError, Conflict) as error:
            add_service_errors(number_form, error)
        else:
            messages.success(request, _("The number is recorded."))
            return redirect("fund:application_filing", pk=application.pk)
    return _page(request, application, number_form=number_form)


def dossier_response(application: Application, kind: str) -> HttpResponse:
    dossier = dossier_build(application)
    content = dossier_docx(dossier) if kind == "docx" else dossier_pdf(dossier)
    return generated_download(
        content,
        filename=f"filing-dossier-{application.pk}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )


@login_required
@require_GET
def filing_dossier(request, pk: int, kind: str):
    """The dossier as DOCX or PDF, generated now from the application."""
    application = get_application_for_filing(request.user, pk, action="view")
    return dossier_response(application, kind)
