"""A studio's admins appoint its scouts among its members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.memberships import members_of
from scouting import permissions
from scouting.forms import ScoutForm
from scouting.models import StudioScout
from scouting.services import scouts as services

SCOUTS_SHOWN = 200


@login_required
@require_GET
def scouts(request, slug: str):
    studio = permissions.get_studio_for(request.user, slug)
    return render(
        request,
        "scouting/scouts.html",
        {
            "studio": studio,
            "scouts": members_of(StudioScout, studio)[:SCOUTS_SHOWN],
            "form": ScoutForm(),
        },
    )


@login_required
@require_POST
def scout_add(request, slug: str):
    studio = permissions.get_studio_for(request.user, slug)
    form = ScoutForm(request.POST)
    if form.is_valid():
        try:
            services.scout_add_by_email(
                actor=request.user, studio=studio, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("They now scout for the studio."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("scouting:scouts", slug=studio.slug)


@login_required
@require_POST
def scout_remove(request, slug: str, pk: int):
    studio = permissions.get_studio_for(request.user, slug)
    scout = permissions.get_scout_for(request.user, studio, pk)
    services.scout_remove(actor=request.user, scout=scout)
    messages.success(request, _("Removed."))
    return redirect("scouting:scouts", slug=studio.slug)
