"""Originality reports: asking for one on a revision, and reading it (with its progress)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.ratelimit import rate_limited_post
from registry import permissions, selectors
from registry.services.originality import originality_report_request

# Reports listed on a revision's originality page (newest first).
REPORTS_SHOWN = 20


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited_post("originality_report")
def originality(request, pk: int, number: int):
    revision = permissions.get_revision_for_originality(request.user, pk, number)
    series = revision.series
    can_run = permissions.can_run_originality_report(request.user, revision)
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        try:
            report = originality_report_request(actor=request.user, revision=revision)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("registry:originality", pk=pk, number=number)
        return redirect("registry:originality_report", pk=report.pk)
    reports = list(selectors.originality_reports_of(revision, request.user)[:REPORTS_SHOWN])
    if not can_run and not reports:
        raise Http404
    return render(
        request,
        "registry/originality.html",
        {"series": series, "revision": revision, "can_run": can_run, "reports": reports},
    )


@login_required
def originality_report(request, pk: int):
    report = permissions.get_originality_report_for(request.user, pk)
    matches = selectors.originality_report_view(report, request.user) if report.is_finished else []
    template = (
        "registry/partials/originality_status.html"
        if request.htmx
        else "registry/originality_report.html"
    )
    return render(request, template, {"report": report, "matches": matches})
