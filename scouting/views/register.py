"""The register of commission terms (public) and a studio's own record (its members)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from scouting import permissions
from scouting.terms_register import studio_record, terms_register


@require_GET
def register(request):
    return render(request, "scouting/terms_register.html", {"register": terms_register()})


@login_required
@require_GET
def studio_record_page(request, slug: str):
    studio = permissions.get_studio_record_for(request.user, slug)
    return render(request, "scouting/studio_record.html", {"record": studio_record(studio)})
