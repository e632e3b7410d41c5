"""Open briefs and pitches: the public list of open briefs and their pages; the studio's
brief management, its pitches and their answers; the writer's pitch form and list."""

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
from scouting.forms import BriefForm, PitchAnswerForm, PitchFilterForm, PitchForm
from scouting.models import Brief, BriefStatus, Pitch, PitchStatus
from scouting.services import briefs as services

BRIEFS_PER_PAGE = 30
PITCHES_PER_PAGE = 30


# Briefs --------------------------------------------------------------------------------


@require_GET
def briefs(request):
    page = Paginator(selectors.briefs_list(request.user), BRIEFS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "scouting/briefs.html",
        {
            "page": page,
            "briefs": list(page.object_list),
            "is_scout": permissions.is_scout(request.user),
            "open": BriefStatus.OPEN,
        },
    )


@require_GET
def brief_detail(request, pk: int):
    brief = permissions.get_brief_for(request.user, pk)
    manages = permissions.can_manage_brief(request.user, brief)
    return render(
        request,
        "scouting/brief_detail.html",
        {
            "brief": brief,
            "terms": list(brief.terms.order_by("kind", "pk")),
            "manages": manages,
            "can_pitch": request.user.is_authenticated and brief.accepts_pitches,
            "draft": BriefStatus.DRAFT,
            "open": BriefStatus.OPEN,
        },
    )


def _fields(data) -> services.BriefFields:  # type: ignore[no-untyped-def]
    return services.BriefFields(
        title_zh=data["title_zh"],
        title_en=data["title_en"],
        description_zh=data["description_zh"],
        description_en=data["description_en"],
        terms_on_offer_zh=data["terms_on_offer_zh"],
        terms_on_offer_en=data["terms_on_offer_en"],
        deadline=data["deadline"],
        episodes=data["episodes"],
        target_episode_seconds=data["target_episode_seconds"],
        budget_tier=data["budget_tier"],
        offer_kind=data["offer_kind"],
        terms=list(data["terms"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def brief_create(request):
    studios = permissions.scouting_studios(request.user).order_by("slug")
    if not studios.exists():
        raise Http404
    form = BriefForm(request.POST or None, studios=studios)
    if request.method == "POST" and form.is_valid():
        try:
            brief = services.brief_create(
                actor=request.user,
                studio=form.cleaned_data["studio"],
                fields=_fields(form.cleaned_data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The brief is saved as a draft. Publish it when ready."))
            return redirect("scouting:brief", pk=brief.pk)
    return render(
        request,
        "scouting/brief_form.html",
        {"form": form, "brief": None},
        status=422 if form.errors else 200,
    )


def _initial(brief: Brief) -> dict[str, object]:
    names = [
        "title_zh", "title_en", "description_zh", "description_en", "terms_on_offer_zh",
        "terms_on_offer_en", "deadline", "episodes", "target_episode_seconds", "budget_tier",
        "offer_kind",
    ]  # fmt: skip
    initial: dict[str, object] = {name: getattr(brief, name) for name in names}
    initial["terms"] = list(brief.terms.values_list("pk", flat=True))
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def brief_edit(request, pk: int):
    brief = permissions.get_managed_brief_for(request.user, pk)
    form = BriefForm(request.POST or None, initial=_initial(brief))
    if request.method == "POST" and form.is_valid():
        try:
            services.brief_update(
                actor=request.user, brief=brief, fields=_fields(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The brief is saved."))
            return redirect("scouting:brief", pk=brief.pk)
    return render(
        request,
        "scouting/brief_form.html",
        {"form": form, "brief": brief},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def brief_publish(request, pk: int):
    brief = permissions.get_managed_brief_for(request.user, pk)
    try:
        services.brief_publish(actor=request.user, brief=brief)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The brief is open for pitches."))
    return redirect("scouting:brief", pk=brief.pk)


@login_required
@require_POST
def brief_close(request, pk: int):
    brief = permissions.get_managed_brief_for(request.user, pk)
    try:
        services.brief_close(actor=request.user, brief=brief)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The brief is closed: it takes no more pitches."))
    return redirect("scouting:brief", pk=brief.pk)


# The studio's side of pitches ------------------------------------------------------------


@login_required
@require_GET
def brief_pitches(request, pk: int):
    brief = permissions.get_managed_brief_for(request.user, pk)
    filters = PitchFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = Paginator(selectors.brief_pitches(brief, status), PITCHES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "scouting/brief_pitches.html",
        {"brief": brief, "filters": filters, "page": page, "pitches": list(page.object_list)},
    )


def _studio_detail(request, pitch: Pitch, *, form=None):  # type: ignore[no-untyped-def]
    return render(
        request,
        "scouting/studio_pitch.html",
        {
            "pitch": pitch,
            "brief": pitch.brief,
            "form": form or PitchAnswerForm(),
            "can_shortlist": pitch.status == PitchStatus.SUBMITTED,
            "can_decline": pitch.status in (PitchStatus.SUBMITTED, PitchStatus.SHORTLISTED),
            "can_request_read": permissions.can_request_pitch_read(request.user, pitch),
            "can_offer": pitch.status in (PitchStatus.SUBMITTED, PitchStatus.SHORTLISTED),
        },
        status=422 if form is not None and form.errors else 200,
    )


@login_required
@require_GET
def studio_pitch(request, pk: int):
    return _studio_detail(request, permissions.get_studio_pitch_for(request.user, pk))


@login_required
@require_POST
def pitch_answer(request, pk: int):
    pitch = permissions.get_studio_pitch_for(request.user, pk)
    form = PitchAnswerForm(request.POST)
    if form.is_valid():
        decline = request.POST.get("answer") == "decline"
        service = services.pitch_decline if decline else services.pitch_shortlist
        try:
            service(actor=request.user, pitch=pitch, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if decline:
                messages.success(request, _("The pitch is declined: the writer is told."))
            else:
                messages.success(request, _("The pitch is shortlisted: the writer is told."))
            return redirect("scouting:studio_pitch", pk=pitch.pk)
    return _studio_detail(request, pitch, form=form)


# The writer's side -----------------------------------------------------------------------


def _pitch_form(request, data=None, initial=None) -> PitchForm:  # type: ignore[no-untyped-def]
    return PitchForm(data, initial=initial, series=permissions.pitchable_series(request.user))


def _pitch_fields(form: PitchForm) -> services.PitchFields | None:
    """The service's fields from a valid form; None (with the error on the form) when the
    revision number is not one of the chosen series'."""
    data = form.cleaned_data
    series, number = data["series"], data["revision_number"]
    revision = None
    if series is not None and number is not None:
        revision = series.revisions.filter(number=number).first()
        if revision is None:
            form.add_error("revision_number", _("The series has no revision of this number."))
            return None
    return services.PitchFields(
        logline=data["logline"],
        synopsis=data["synopsis"],
        series=series,
        revision=revision,
        sample_episodes=data["sample_episodes"] or 0,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pitch_create(request, pk: int):
    brief = permissions.get_brief_for(request.user, pk)
    form = _pitch_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = _pitch_fields(form)
        if fields is not None:
            try:
                pitch = services.pitch_create(actor=request.user, brief=brief, fields=fields)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your pitch is saved as a draft: submit it when ready.")
                )
                return redirect("scouting:my_pitch", pk=pitch.pk)
    return render(
        request,
        "scouting/pitch_form.html",
        {"form": form, "brief": brief, "pitch": None},
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def my_pitches(request):
    page = Paginator(selectors.my_pitches(request.user), PITCHES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "scouting/my_pitches.html", {"page": page, "pitches": list(page.object_list)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_pitch(request, pk: int):
    """The writer's pitch: as the studio sees it, editable while it is a draft."""
    pitch = permissions.get_own_pitch_for(request.user, pk)
    draft = pitch.status == PitchStatus.DRAFT
    if request.method == "POST" and not draft:
        messages.error(request, _("Only a draft pitch can be changed."))
        return redirect("scouting:my_pitch", pk=pitch.pk)
    initial = {
        "logline": pitch.logline,
        "synopsis": pitch.synopsis,
        "series": pitch.series_id,
        "revision_number": pitch.revision.number if pitch.revision else None,
        "sample_episodes": pitch.sample_episodes,
    }
    form = _pitch_form(request, request.POST if request.method == "POST" else None, initial)
    if request.method == "POST" and draft and form.is_valid():
        fields = _pitch_fields(form)
        if fields is not None:
            try:
                services.pitch_update(actor=request.user, pitch=pitch, fields=fields)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your pitch is saved."))
                return redirect("scouting:my_pitch", pk=pitch.pk)
    return render(
        request,
        "scouting/pitch_form.html",
        {
            "form": form if draft else None,
            "brief": pitch.brief,
            "pitch": pitch,
            "can_submit": draft and pitch.brief.accepts_pitches,
            "can_withdraw": pitch.status in (PitchStatus.SUBMITTED, PitchStatus.SHORTLISTED),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def pitch_submit(request, pk: int):
    pitch = permissions.get_own_pitch_for(request.user, pk)
    try:
        services.pitch_submit(actor=request.user, pitch=pitch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your pitch is sent to the studio."))
    return redirect("scouting:my_pitch", pk=pitch.pk)


@login_required
@require_POST
def pitch_withdraw(request, pk: int):
    pitch = permissions.get_own_pitch_for(request.user, pk)
    try:
        services.pitch_withdraw(actor=request.user, pitch=pitch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your pitch is withdrawn."))
    return redirect("scouting:my_pitch", pk=pitch.pk)
