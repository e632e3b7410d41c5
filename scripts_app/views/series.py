from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.pagination import CountedPaginator, NarrowFirst
from scripts_app import permissions, selectors
from scripts_app.extensions import series_actions
from scripts_app.forms import CollaboratorForm, CollaboratorRoleForm, SeriesForm
from scripts_app.listing import series_cards_html
from scripts_app.services import series as services

# A desk page a writer can scan; the rest is a page away (filters stay in the query string).
SERIES_PER_PAGE = 24


@login_required
def series_list(request):
    scope = "all" if request.GET.get("scope") == "all" else "mine"
    page = CountedPaginator(
        NarrowFirst(
            selectors.series_list_for(request.user, scope=scope),
            ids=selectors.series_ids_recent_first(request.user, scope=scope),
            # The cards show no head revision.
            rows=selectors.series_rows_for(request.user, scope=scope, heads=False),
        ),
        SERIES_PER_PAGE,
        count=lambda: selectors.series_count_for(request.user, scope=scope),
    )
    shown = page.get_page(request.GET.get("page"))
    return render(
        request,
        "scripts_app/series_list.html",
        {"page": shown, "cards": series_cards_html(shown), "scope": scope},
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request):
    form = SeriesForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your series is ready. Start writing episode 1."))
            return redirect("scripts:series_write", pk=series.pk)
    return render(request, "scripts_app/series_form.html", {"form": form})


@login_required
def series_detail(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="read")
    collaborators = selectors.series_collaborators(series)
    can_edit = permissions.can_edit_series(request.user, series)
    return render(
        request,
        "scripts_app/series_detail.html",
        {
            "series": series,
            "collaborators": collaborators,
            "milestones": selectors.revisions_of(series).exclude(name="")[:10],
            "recent_revisions": selectors.revisions_of(series)[:5],
            "open_conflicts": selectors.open_conflicts_summary(series, request.user)
            if can_edit
            else [],
            "can_edit": can_edit,
            "can_manage": series.viewer_can.manage,
            "series_actions": series_actions(series, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_edit(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="edit")
    can_manage = series.viewer_can.manage
    form = SeriesForm(request.POST or None, instance=series, can_manage=can_manage)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.series_update(actor=request.user, series=series, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The series was saved."))
            return redirect(series)
    return render(request, "scripts_app/series_form.html", {"form": form, "series": series})


@login_required
@require_POST
def series_delete(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="manage")
    if request.POST.get("confirm_title", "").strip() != series.title:
        messages.error(request, _("Type the series title exactly to delete it."))
        return redirect("scripts:series_edit", pk=series.pk)
    try:
        services.series_delete(actor=request.user, series=series)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("scripts:series_edit", pk=series.pk)
    messages.success(request, _("The series was deleted."))
    return redirect("scripts:series_list")


@login_required
@require_http_methods(["GET", "POST"])
def collaborators(request, pk: int):
    series = permissions.get_series_for(request.user, pk, action="manage")
    form = CollaboratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.collaborator_add(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("They can now work on the series."))
            return redirect("scripts:collaborators", pk=series.pk)
    return render(
        request,
        "scripts_app/collaborators.html",
        {
            "series": series,
            "form": form,
            "collaborators": selectors.series_collaborators(series),
            # The page is the owner's (checked on loading it).
            "role_choices": CollaboratorRoleForm.base_fields["role"].choices,
            "can_change_roles": True,
            "can_remove": True,
        },
    )


@login_required
@require_POST
def collaborator_role(request, pk: int, collaborator_pk: int):
    series = permissions.get_series_for(request.user, pk, action="manage")
    form = CollaboratorRoleForm(request.POST)
    if form.is_valid():
        services.collaborator_change_role(
            actor=request.user,
            collaborator=permissions.get_collaborator_for(request.user, pk, collaborator_pk),
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("The role was changed."))
    else:
        messages.error(request, _("Choose a valid role."))
    return redirect("scripts:collaborators", pk=series.pk)


@login_required
@require_POST
def collaborator_remove(request, pk: int, collaborator_pk: int):
    collaborator = permissions.get_collaborator_for(request.user, pk, collaborator_pk)
    series = collaborator.series
    services.collaborator_remove(actor=request.user, collaborator=collaborator)
    if collaborator.user_id == request.user.pk:
        messages.success(request, _("You left the series."))
        return redirect("scripts:series_list")
    messages.success(request, _("They no longer have access."))
    return redirect("scripts:collaborators", pk=series.pk)
