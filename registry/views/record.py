"""The person's record: start an export, watch it, download it (only its owner)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.files import serve_private_file
from core.ratelimit import rate_limited_post
from registry import permissions, selectors
from registry.services.record import record_export_download_name, record_export_request


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited_post("script_export")
def record(request):
    if request.method == "POST":
        export = record_export_request(actor=request.user)
        return redirect("registry:record_export", pk=export.pk)
    exports = list(selectors.record_exports_of(request.user.pk)[: selectors.RECORD_EXPORTS_SHOWN])
    return render(
        request,
        "registry/record.html",
        {"exports": exports, "working": any(e.is_working for e in exports)},
    )


@login_required
@require_GET
def record_export(request, pk: int):
    export = permissions.get_record_export_for(request.user, pk)
    template = (
        "registry/partials/record_status.html" if request.htmx else "registry/record_export.html"
    )
    return render(request, template, {"export": export})


@login_required
@require_GET
def record_export_download(request, pk: int):
    """The only way to a record export's file: its owner, checked on every download."""
    export = permissions.get_record_export_for(request.user, pk)
    if not export.is_downloadable:
        raise Http404
    return serve_private_file(
        export.file, filename=record_export_download_name(export), content_type="application/zip"
    )
