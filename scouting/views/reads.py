"""Read requests: a scout asks, the writers answer, the named readers read and download
watermarked copies, the writers follow the access trail, a code leads back to its read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from core.files import generated_download
from core.forms import add_service_errors
from scouting import permissions, selectors
from scouting.forms import NdaAcceptForm, ReadAnswerForm, ReadRequestForm
from scouting.models import NdaKind, ReadRequest, ReadStatus
from scouting.presenters import trail_rows
from scouting.services import reads as services
from scripts_app.screenplay import screenplay_html_for_text

READS_PER_PAGE = 30
EVENTS_PER_PAGE = 50


def _request_form(request, data=None) -> ReadRequestForm:  # type: ignore[no-untyped-def]
    studios = permissions.scouting_studios(request.user).order_by("slug")
    members = (
        User.objects.filter(memberships__organisation__in=studios.values("pk"))
        .distinct()
        .order_by("pk")
    )
    return ReadRequestForm(data, studios=studios, members=members)


def _read_request_page(request, form, send, context):  # type: ignore[no-untyped-def]
    """The request form of a listing's or a pitch's read: `send(actor, **fields)` asks."""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            read = send(
                actor=request.user,
                reader_ids=[user.pk for user in data["readers"]] or None,
                message=data["message"],
                episodes_from=data["episodes_from"],
                episodes_to=data["episodes_to"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent to the writers."))
            return redirect("scouting:read_detail", pk=read.pk)
    return render(
        request,
        "scouting/read_request.html",
        {**context, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def read_request(request, pk: int):
    listing = permissions.get_listing_for_read(request.user, pk)
    form = _request_form(request, request.POST or None)

    def send(**fields):  # type: ignore[no-untyped-def]
        studio = form.cleaned_data["studio"]
        return services.read_request(listing=listing, studio_id=studio.pk, **fields)

    return _read_request_page(request, form, send, {"title": listing.title, "listing": listing})


@login_required
@require_http_methods(["GET", "POST"])
def pitch_read_request(request, pk: int):
    """A scout of a brief's studio asks to read a series pitched to it (for that studio)."""
    pitch = permissions.get_studio_pitch_for(request.user, pk)
    if not permissions.can_request_pitch_read(request.user, pitch):
        raise PermissionDenied
    studio = pitch.brief.studio
    members = User.objects.filter(memberships__organisation=studio).order_by("pk")
    form = ReadRequestForm(
        request.POST or None,
        studios=permissions.scouting_studios(request.user).filter(pk=studio.pk),
        members=members,
        initial={"studio": studio.pk},
    )

    def send(**fields):  # type: ignore[no-untyped-def]
        return services.read_request_pitch(pitch=pitch, **fields)

    title = pitch.series.title if pitch.series else ""
    return _read_request_page(request, form, send, {"title": title, "pitch": pitch})


@login_required
@require_GET
def reads(request):
    page = Paginator(selectors.studio_reads(request.user), READS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "scouting/reads.html", {"page": page, "reads": list(page.object_list)})


def _detail(request, read: ReadRequest, *, answer_form=None, nda_form=None):  # type: ignore[no-untyped-def]
    writer = permissions.is_read_writer(request.user, read)
    scout = permissions.is_read_scout(request.user, read)
    context = {
        "read": read,
        "readers": list(read.readers.order_by("pk")),
        "is_writer": writer,
        "is_scout": scout,
        "can_answer": writer and read.status == ReadStatus.REQUESTED,
        "can_revoke": writer and read.status in (ReadStatus.ACCEPTED, ReadStatus.OPEN),
        "can_withdraw": scout and read.status in (ReadStatus.REQUESTED, ReadStatus.ACCEPTED),
        "can_sign": scout and read.status == ReadStatus.ACCEPTED,
        "can_read": permissions.can_read_now(request.user, read),
        "answer_form": answer_form or ReadAnswerForm(),
        "nda_form": nda_form or NdaAcceptForm(initial={"sha256": read.nda_sha256}),
        "nda_own": NdaKind.OWN,
    }
    failed = (answer_form is not None and answer_form.errors) or (
        nda_form is not None and nda_form.errors
    )
    return render(request, "scouting/read_detail.html", context, status=422 if failed else 200)


@login_required
@require_GET
def read_detail(request, pk: int):
    return _detail(request, permissions.get_read_for(request.user, pk))


@login_required
@require_POST
def read_answer(request, pk: int):
    read = permissions.get_read_for(request.user, pk)
    if request.POST.get("answer") == "decline":
        try:
            services.read_decline(actor=request.user, read=read)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The request is declined."))
        return redirect("scouting:read_detail", pk=read.pk)
    form = ReadAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.read_accept(actor=request.user, read=read, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Accepted: the studio is told."))
            return redirect("scouting:read_detail", pk=read.pk)
    return _detail(request, read, answer_form=form)


@login_required
@require_POST
def read_nda(request, pk: int):
    read = permissions.get_read_for(request.user, pk)
    form = NdaAcceptForm(request.POST)
    if form.is_valid():
        try:
            services.read_nda_accept(
                actor=request.user, read=read, sha256=form.cleaned_data["sha256"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The NDA is accepted: the read is open."))
            return redirect("scouting:read_detail", pk=read.pk)
    return _detail(request, read, nda_form=form)


@login_required
@require_POST
def read_revoke(request, pk: int):
    read = permissions.get_read_for(request.user, pk)
    try:
        services.read_revoke(actor=request.user, read=read)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Access is revoked."))
    return redirect("scouting:read_detail", pk=read.pk)


@login_required
@require_POST
def read_withdraw(request, pk: int):
    read = permissions.get_read_for(request.user, pk)
    try:
        services.read_withdraw(actor=request.user, read=read)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("scouting:read_detail", pk=read.pk)


@login_required
@require_GET
def read_script(request, pk: int):
    read = permissions.get_read_for(request.user, pk)
    services.read_view_record(actor=request.user, read=read)  # PermissionDenied: 403
    text, fmt = services.read_source(read)
    return render(
        request,
        "scouting/read_script.html",
        {"read": read, "screenplay": screenplay_html_for_text(text, fmt)},
    )


@login_required
@require_GET
def read_pdf(request, pk: int):
    read = permissions.get_read_for(request.user, pk)
    copy = services.read_download(actor=request.user, read=read)  # PermissionDenied: 403
    return generated_download(copy.content, filename=copy.filename, content_type="application/pdf")


@login_required
@require_GET
def series_reads(request, pk: int):
    series = permissions.get_series_for_listing(request.user, pk)
    events = Paginator(selectors.series_trail(series), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "scouting/series_reads.html",
        {
            "series": series,
            "reads": list(selectors.series_reads(series)[:READS_PER_PAGE]),
            "page": events,
            "trail": trail_rows(list(events.object_list)),
        },
    )


@login_required
@require_GET
def code_lookup(request):
    code = request.GET.get("code", "").strip()
    event = permissions.get_event_by_code(request.user, code) if code else None
    return render(
        request,
        "scouting/code_lookup.html",
        {"code": code, "event": event, "row": trail_rows([event])[0] if event else None},
    )
