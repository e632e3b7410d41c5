"""Funded projects: setting one up from an awarded application, its page (agreement,
milestones, tranches, reports) with every action on it, the fund's ledger and the public
list of awards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.files import generated_download
from core.forms import add_service_errors
from incubator import permissions, selectors
from incubator.agreement_documents import agreement_docx, agreement_pdf
from incubator.forms import (
    DeliverForm,
    MilestoneForm,
    ProjectForm,
    ReportForm,
    TrancheForm,
)
from incubator.models import ApplicationStatus, MilestoneKind
from incubator.services import awards as services

PROJECTS_PER_PAGE = 30
LEDGER_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="manage")
    if application.status != ApplicationStatus.AWARDED:
        raise Http404
    form = ProjectForm(
        request.POST or None,
        initial={"amount": application.award_amount or application_budget(application)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project is set up: add its milestones and tranches."))
            return redirect(project)
    return render(
        request,
        "incubator/project_form.html",
        {"application": application, "form": form},
        status=422 if form.errors else 200,
    )


def application_budget(application):  # type: ignore[no-untyped-def]
    return selectors.budget_total(selectors.budget_lines(application))


def _context(request, project, **forms):  # type: ignore[no-untyped-def]
    role = project.viewer_role
    manages = role == permissions.MANAGER
    grantee = role in permissions.APPLICANT_ROLES
    lead = role == permissions.LEAD
    status = project.application.status
    contracting = status == ApplicationStatus.CONTRACTING
    running = status == ApplicationStatus.IN_PROGRESS
    milestones = selectors.project_milestones(project)
    tranches = selectors.project_tranches(project)
    side_accepted = project.grantee_accepted_at if lead else project.fund_accepted_at
    entries = (
        project.application.series.registry_entries.order_by("-number")
        if grantee and running
        else []
    )
    return {
        "project": project,
        "application": project.application,
        "milestones": milestones,
        "tranches": tranches,
        "reports": selectors.project_reports(project),
        "totals": selectors.ledger_totals(project.disbursements.all()),
        "manages": manages,
        "grantee": grantee,
        "lead": lead,
        "contracting": contracting,
        "running": running,
        "can_accept": (lead or manages)
        and contracting
        and bool(project.agreement_hash)
        and side_accepted is None,
        "deliverable": grantee and running,
        "entries": entries,
        "milestone_form": forms.get("milestone_form") or MilestoneForm(),
        "tranche_form": forms.get("tranche_form") or TrancheForm(milestones=milestones),
        "report_form": forms.get("report_form") or ReportForm(),
        # A refused delivery comes back beside its milestone with what was typed.
        "deliver_form": forms.get("deliver_form"),
        "deliver_milestone": forms.get("deliver_milestone"),
        "recorded_filing": selectors.filing_number_of(project.application)
        if grantee and running
        else None,
        "kinds": MilestoneKind,
    }


@login_required
@require_GET
def project_detail(request, pk: int):
    project = permissions.get_project_for(request.user, pk)
    return render(request, "incubator/project_detail.html", _context(request, project))


AGREEMENT_FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@require_GET
def agreement_download(request, pk: int, kind: str = "txt"):
    """The agreement as issued (the text both sides accept), as text, DOCX or PDF."""
    project = permissions.get_project_for(request.user, pk)
    if not project.agreement_hash or kind not in AGREEMENT_FORMATS:
        raise Http404
    if kind == "txt":
        body: bytes = project.agreement_text.encode()
    elif kind == "docx":
        body = agreement_docx(project)
    else:
        body = agreement_pdf(project)
    return generated_download(
        body, filename=f"agreement-{project.pk}.{kind}", content_type=AGREEMENT_FORMATS[kind]
    )


def _milestone(project, request):  # type: ignore[no-untyped-def]
    milestone = project.milestones.filter(pk=_int(request.POST.get("milestone"))).first()
    if milestone is None:
        raise Http404
    milestone.project = project
    return milestone


def _tranche(project, request):  # type: ignore[no-untyped-def]
    tranche = project.disbursements.filter(pk=_int(request.POST.get("tranche"))).first()
    if tranche is None:
        raise Http404
    tranche.project = project
    return tranche


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 12 else 0


@login_required
@require_POST
def project_action(request, pk: int):
    """Every action on a project's page; each service checks who may make it."""
    project = permissions.get_project_for(request.user, pk)
    action = request.POST.get("action", "")
    user = request.user
    forms: dict = {}
    try:
        if action == "milestone":
            form = MilestoneForm(request.POST)
            forms["milestone_form"] = form
            if form.is_valid():
                services.milestone_add(actor=user, project=project, **form.cleaned_data)
        elif action == "tranche":
            form = TrancheForm(request.POST, milestones=selectors.project_milestones(project))
            forms["tranche_form"] = form
            if form.is_valid():
                services.disbursement_schedule(actor=user, project=project, **form.cleaned_data)
        elif action == "report_schedule":
            form = ReportForm(request.POST)
            forms["report_form"] = form
            if form.is_valid():
                services.report_schedule(actor=user, project=project, **form.cleaned_data)
        elif action == "issue":
            services.agreement_issue(actor=user, project=project)
        elif action == "accept":
            services.agreement_accept(
                actor=user, project=project, agreement_hash=request.POST.get("hash", "")
            )
        elif action == "deliver":
            milestone = _milestone(project, request)
            form = DeliverForm(request.POST, request.FILES)
            forms["deliver_form"], forms["deliver_milestone"] = form, milestone.pk
            if form.is_valid():
                entry = None
                if form.cleaned_data["entry"]:
                    entry = project.application.series.registry_entries.filter(
                        pk=form.cleaned_data["entry"]
                    ).first()
                services.milestone_deliver(
                    actor=user, milestone=milestone, entry=entry,
                    upload=form.cleaned_data["file"], report=form.cleaned_data["report"],
                    filing_number=form.cleaned_data["filing_number"],
                )  # fmt: skip
            else:
                raise ValidationError({"deliverable": [_("Check what you delivered.")]})
        elif action in ("milestone_accept", "milestone_return"):
            milestone = _milestone(project, request)
            if action == "milestone_accept":
                services.milestone_accept(actor=user, milestone=milestone)
            else:
                services.milestone_return(
                    actor=user, milestone=milestone, reason=request.POST.get("reason", "")
                )
        elif action in ("approve", "pay", "cancel"):
            tranche = _tranche(project, request)
            if action == "approve":
                services.disbursement_approve(actor=user, tranche=tranche)
            elif action == "pay":
                services.disbursement_mark_paid(
                    actor=user, tranche=tranche, reference=request.POST.get("reference", "")
                )
            else:
                services.disbursement_cancel(actor=user, tranche=tranche)
        elif action == "report_submit":
            report = project.reports.filter(pk=_int(request.POST.get("report"))).first()
            if report is None:
                raise Http404
            report.project = project
            services.report_submit(actor=user, report=report, body=request.POST.get("body", ""))
        elif action in ("public", "private"):
            services.project_set_public(actor=user, project=project, public=action == "public")
        elif action == "complete":
            services.project_complete(actor=user, project=project)
        elif action == "terminate":
            services.project_terminate(
                actor=user, project=project, reason=request.POST.get("reason", "")
            )
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        form = next((f for f in forms.values() if hasattr(f, "add_error")), None)
        if form is not None:
            add_service_errors(form, error)
        else:
            messages.error(request, " ".join(error.messages))
    bad_form = next((f for f in forms.values() if hasattr(f, "errors") and f.errors), None)
    if bad_form is not None:
        # Keep what was typed, beside the field that was refused.
        project = permissions.get_project_for(request.user, pk)
        return render(
            request, "incubator/project_detail.html", _context(request, project, **forms),
            status=422,
        )  # fmt: skip
    return redirect(project)


@login_required
@require_GET
def fund_ledger(request, slug: str):
    fund = permissions.get_fund_for(request.user, slug)
    tranches = selectors.fund_ledger(fund)
    page = Paginator(tranches, LEDGER_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "incubator/manage/ledger.html",
        {
            "fund": fund,
            "page": page,
            "totals": selectors.ledger_totals(tranches),
            "projects": Paginator(selectors.projects_of_fund(fund), PROJECTS_PER_PAGE).get_page(
                request.GET.get("projects")
            ),
        },
    )


@require_GET
def awards_public(request):
    """The awarded projects whose grantees chose to show them, for the fund's transparency."""
    page = Paginator(selectors.public_projects(), PROJECTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "incubator/awards.html", {"page": page})
