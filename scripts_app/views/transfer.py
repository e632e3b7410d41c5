from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.files import serve_private_file
from core.forms import add_service_errors
from core.ratelimit import rate_limited_post
from scripts_app import permissions
from scripts_app.forms import ExportForm, ImportForm
from scripts_app.models import ExportJob
from scripts_app.services.transfer import (
    ImportNote,
    export_content_type,
    export_download_name,
    export_request,
    revision_import,
    series_import,
)


def _show_notes(request, notes: list[ImportNote]) -> None:
    for note in notes:
        level = messages.INFO if note.level == "info" else messages.WARNING
        messages.add_message(request, level, note.text)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited_post("script_import")
def import_new_series(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = series_import(actor=request.user, filename=upload.name, data=upload.read())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _show_notes(request, outcome.notes)
            messages.success(request, _("Imported. Check the details of your new series."))
            return redirect("scripts:series_edit", pk=outcome.series.pk)
    return render(request, "scripts_app/import.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited_post("script_import")
def import_revision(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="edit")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = revision_import(
                actor=request.user, series=series, filename=upload.name, data=upload.read()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _show_notes(request, outcome.notes)
            messages.success(
                request, _("Imported as revision #%(n)s.") % {"n": outcome.save.head.number}
            )
            return redirect(series)
    return render(request, "scripts_app/import.html", {"form": form, "series": series})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited_post("script_export")
def export(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="read")
    if not permissions.can_export_series(request.user, series):
        raise PermissionDenied(_("The owner of this series does not allow readers to export it."))
    watermarked = permissions.export_needs_watermark(request.user, series)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if series.head is None:
            messages.error(request, _("There is no text to export yet."))
        else:
            job = export_request(
                actor=request.user, series=series, revision=series.head, **form.cleaned_data
            )
            return redirect("scripts:export_detail", pk=series.pk, job_pk=job.pk)
    jobs = ExportJob.objects.filter(series=series, requested_by=request.user).select_related(
        "revision"
    )[:10]
    return render(
        request,
        "scripts_app/export.html",
        {"series": series, "form": form, "jobs": jobs, "watermarked": watermarked},
    )


@login_required
def export_detail(request, pk: int, job_pk: int):
    job = permissions.get_export_for(request.user, pk, job_pk)
    template = (
        "scripts_app/partials/export_status.html"
        if request.htmx
        else "scripts_app/export_detail.html"
    )
    return render(request, template, {"series": job.series, "job": job})


@login_required
def export_download(request, pk: int, job_pk: int):
    """The only way to an export's file: permission checked on every download."""
    job = permissions.get_export_for(request.user, pk, job_pk)
    if not job.is_downloadable:
        raise Http404
    return serve_private_file(
        job.file, filename=export_download_name(job), content_type=export_content_type(job.format)
    )
