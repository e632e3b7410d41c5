"""The panel stage's pages: the manager's panel and ranking (with exports and
determinations), the reviewer's dashboard and sealed review, the fact-checker's page, and
the expertise a reviewer declares."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import Conflict
from core.files import generated_download
from core.forms import add_service_errors
from core.memberships import members_of
from incubator import permissions
from incubator.blind import applicant_label, script_for_panel
from incubator.exports import ranking_csv, ranking_xlsx
from incubator.fact_checks import required_areas_for
from incubator.models import (
    ExpertiseArea,
    FactCheckVerdict,
    PanelMember,
    PanelRole,
    Recommendation,
)
from incubator.ranking import others_reviews_for, ranking, reviews_of
from incubator.services import determinations as determination_services
from incubator.services import factcheck as factcheck_services
from incubator.services import panels as panel_services
from reviews.models import Criterion

PER_PAGE = 50
OUTCOME_CHOICES = [
    ("award", gettext_lazy("Award")),
    ("decline", pgettext_lazy("a fund's determination", "Decline")),
    ("waitlist", gettext_lazy("Wait-list")),
    ("request_more_info", gettext_lazy("Ask for more information")),
]


class PanelMemberForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of a platform member"))
    role = forms.ChoiceField(label=gettext_lazy("As"), choices=PanelRole.choices)


class DeterminationForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Determination"), choices=OUTCOME_CHOICES)
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the applicants)"), widget=forms.Textarea,
        max_length=5000,
    )  # fmt: skip
    amount = forms.DecimalField(
        label=gettext_lazy("Award (yuan)"), required=False, max_digits=14, decimal_places=2,
        min_value=0,
    )  # fmt: skip


class ConflictForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("What is the conflict?"), max_length=500)


class FactCheckAssignForm(forms.Form):
    area = forms.ChoiceField(label=gettext_lazy("Expertise"), choices=ExpertiseArea.choices)
    email = forms.EmailField(label=gettext_lazy("E-mail address of the verified expert"))


class ExpertiseForm(forms.Form):
    area = forms.ChoiceField(label=gettext_lazy("Expertise"), choices=ExpertiseArea.choices)
    note = forms.CharField(
        label=gettext_lazy("Credentials (licence, institution, craft)"), max_length=500,
        required=False,
    )  # fmt: skip


# --- the manager --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def panel_manage(request, slug: str):
    call = permissions.get_call_for(request.user, slug, action="manage")
    form = PanelMemberForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                panel_services.panel_member_add(
                    actor=request.user, call=call, email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Seated on the panel."))
                return redirect("fund:panel_manage", call.slug)
        status = 422
    members = Paginator(members_of(PanelMember, call), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "incubator/manage/panel.html",
        {"call": call, "page": members, "form": form}, status=status,
    )  # fmt: skip


@login_required
@require_POST
def panel_member_remove(request, pk: int):
    member = permissions.get_panel_member_for(request.user, pk)
    panel_services.panel_member_remove(actor=request.user, member=member)
    messages.success(request, _("Taken off the panel."))
    return redirect("fund:panel_manage", member.call.slug)


@login_required
@require_POST
def panel_assign(request, slug: str):
    call = permissions.get_call_for(request.user, slug, action="manage")
    try:
        result = panel_services.panel_assign(actor=request.user, call=call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(assigned)s reviews assigned; %(short)s places could not be filled.") % result,
        )
    return redirect("fund:panel_manage", call.slug)


@login_required
@require_http_methods(["GET", "POST"])
def call_ranking(request, slug: str):
    """The ranking table, with the bulk determination form."""
    call = permissions.get_call_for(request.user, slug, action="manage")
    form = DeterminationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("applications") if v.isdigit()][:500]
        if form.is_valid() and ids:
            result = determination_services.determinations_bulk(
                actor=request.user, call=call, application_ids=ids,
                outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"],
                amount=form.cleaned_data["amount"],
            )  # fmt: skip
            if result.done:
                messages.success(
                    request, _("%(n)s determinations recorded.") % {"n": len(result.done)}
                )
            for pk, why in result.refused.items():
                messages.error(request, _("Application %(pk)s: %(why)s") % {"pk": pk, "why": why})
            return redirect("fund:call_ranking", call.slug)
        if not ids:
            form.add_error(None, _("Tick the applications to decide."))
        status = 422
    table = ranking(call)
    page = Paginator(table.rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "incubator/manage/ranking.html",
        {"call": call, "table": table, "page": page, "form": form}, status=status,
    )  # fmt: skip


@login_required
@require_http_methods(["GET"])
def ranking_export(request, slug: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    call = permissions.get_call_for(request.user, slug, action="manage")
    table = ranking(call)
    if fmt == "xlsx":
        content: bytes | str = ranking_xlsx(table)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, content_type = ranking_csv(table), "text/csv; charset=utf-8"
    return generated_download(
        content, filename=f"ranking-{call.slug}.{fmt}", content_type=content_type
    )


@login_required
@require_POST
def application_determination(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="manage")
    form = DeterminationForm(request.POST)
    if form.is_valid():
        try:
            determination_services.determination_make(
                actor=request.user, application=application,
                outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"],
                amount=form.cleaned_data["amount"],
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Determination recorded."))
    else:
        messages.error(request, _("Choose a determination and write its reason."))
    return redirect("fund:application_detail", application.pk)


@login_required
@require_POST
def application_resubmit(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="lead")
    try:
        determination_services.application_resubmit(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent back to the fund."))
    return redirect("fund:application_detail", application.pk)


@login_required
@require_POST
def fact_check_assign(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="manage")
    form = FactCheckAssignForm(request.POST)
    if form.is_valid():
        try:
            factcheck_services.fact_check_assign_by_email(
                actor=request.user, application=application,
                area=form.cleaned_data["area"], email=form.cleaned_data["email"],
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Fact-check assigned."))
    return redirect("fund:application_detail", application.pk)


# --- the reviewer -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def panel_dashboard(request):
    page = Paginator(reviews_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    for review in page:
        review.applicant_label = applicant_label(review.application)
    checks = request.user.fund_fact_checks.select_related("application__call").order_by(
        "verdict", "pk"
    )[:PER_PAGE]
    return render(request, "incubator/panel/dashboard.html", {"page": page, "checks": checks})


def _review_context(review, *, conflict_form=None):
    criteria = list(
        Criterion.objects.filter(version_id=review.application.call.rubric_version_id).order_by(
            "position"
        )
    )
    given = {s.criterion_id: s for s in review.scores.all()}
    return {
        "review": review,
        "application": review.application,
        "applicant_label": applicant_label(review.application),
        "rows": [(c, given.get(c.pk)) for c in criteria],
        "scale": range(
            review.application.call.rubric_version.scale_min,
            review.application.call.rubric_version.scale_max + 1,
        ),
        "recommendations": Recommendation.choices,
        "others": others_reviews_for(review),
        "script": script_for_panel(review.application),
        "conflict_form": conflict_form or ConflictForm(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def panel_review(request, pk: int):
    """A reviewer's sealed review: scores and comments per criterion, a recommendation;
    the others' reviews appear only once theirs is submitted."""
    review = permissions.get_panel_review_for(request.user, pk)
    if request.method == "POST":
        criteria = Criterion.objects.filter(
            version_id=review.application.call.rubric_version_id
        ).values_list("key", flat=True)
        scores = {}
        for key in criteria:
            raw = request.POST.get(f"score-{key}", "")
            scores[key] = {
                "score": int(raw) if raw.isdigit() else None,
                "comment": request.POST.get(f"comment-{key}", ""),
            }
        autosave = request.headers.get("HX-Request") == "true" and "submit" not in request.POST
        try:
            panel_services.panel_review_save(
                actor=request.user, review=review, scores=scores,
                recommendation=request.POST.get("recommendation", ""),
                comment=request.POST.get("comment", ""), submit="submit" in request.POST,
            )  # fmt: skip
        except (ValidationError, Conflict) as error:
            if autosave:
                return render(
                    request, "incubator/panel/draft_status.html", {"problems": error.messages}
                )
            for message in error.messages:
                messages.error(request, message)
            review.refresh_from_db()
            return render(
                request, "incubator/panel/review.html", _review_context(review), status=422
            )
        if autosave:
            return render(
                request, "incubator/panel/draft_status.html", {"saved_at": timezone.now()}
            )
        messages.success(request, _("Submitted.") if "submit" in request.POST else _("Saved."))
        return redirect("fund:panel_review", review.pk)
    return render(request, "incubator/panel/review.html", _review_context(review))


@login_required
@require_POST
def panel_review_conflict(request, pk: int):
    review = permissions.get_panel_review_for(request.user, pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        panel_services.conflict_declare(
            actor=request.user, review=review, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Conflict of interest recorded: you are off this review."))
        return redirect("fund:panel_dashboard")
    return render(
        request, "incubator/panel/review.html", _review_context(review, conflict_form=form),
        status=422,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def fact_check_detail(request, pk: int):
    fact_check = permissions.get_fact_check_for(request.user, pk)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "note":
                line = request.POST.get("line", "")
                factcheck_services.fact_check_note_add(
                    actor=request.user, fact_check=fact_check,
                    line=int(line) if line.isdigit() else 0, body=request.POST.get("body", ""),
                )  # fmt: skip
            else:
                factcheck_services.fact_check_submit(
                    actor=request.user, fact_check=fact_check,
                    verdict=request.POST.get("verdict", ""),
                    summary=request.POST.get("summary", ""),
                )  # fmt: skip
        except (ValidationError, Conflict, PermissionDenied) as error:
            for message in getattr(error, "messages", [str(error)]):
                messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
        return redirect("fund:fact_check_detail", fact_check.pk)
    return render(
        request, "incubator/panel/fact_check.html",
        {
            "fact_check": fact_check,
            "applicant_label": applicant_label(fact_check.application),
            "notes": fact_check.notes.order_by("line", "pk")[:500],
            "script": script_for_panel(fact_check.application),
            "verdicts": [c for c in FactCheckVerdict.choices if c[0]],
            "needed": required_areas_for([fact_check.application])[fact_check.application_id],
        },
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def my_expertise(request):
    form = ExpertiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        factcheck_services.expertise_declare(
            actor=request.user, area=form.cleaned_data["area"], note=form.cleaned_data["note"]
        )
        messages.success(request, _("Declared. Platform staff will verify it."))
        return redirect("fund:my_expertise")
    return render(
        request, "incubator/panel/expertise.html",
        {"form": form, "expertise": request.user.fund_expertise.order_by("area")[:10]},
    )  # fmt: skip
