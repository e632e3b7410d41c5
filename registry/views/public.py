"""The registry's public face: the chain head, an entry's public fields, and checking a
text against the registry. No page here ever shows a registered script's text."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import rate_limited_post
from registry import selectors
from registry.forms import CheckForm, LookupForm
from registry.matching import check_file, check_text
from registry.models import HeadSnapshot

SNAPSHOTS_SHOWN = 14


@require_GET
def registry_home(request):
    form = LookupForm(request.GET or None)
    if request.GET and form.is_valid():
        number = form.cleaned_data["number"]
        if selectors.entry_by_number(number) is not None:
            return redirect("registry:entry", number=number)
        form.add_error("number", _no_such_entry(number))
    return render(
        request,
        "registry/home.html",
        {
            "head": selectors.chain_head(),
            "snapshots": HeadSnapshot.objects.all()[:SNAPSHOTS_SHOWN],
            "form": form,
        },
    )


@require_GET
def entry_detail(request, number: int):
    entry = selectors.entry_by_number(number)
    if entry is None:
        return render(
            request,
            "registry/entry_missing.html",
            {"number": number, "message": _no_such_entry(number)},
            status=404,
        )
    return render(
        request,
        "registry/entry_detail.html",
        {
            "entry": entry,
            "authors": selectors.public_authors(entry),
            "check": selectors.chain_check_through(entry.number),
            "verify_url": request.build_absolute_uri(reverse("registry:entry", args=[number])),
        },
    )


@require_http_methods(["GET", "POST"])
@rate_limited_post("registry_check")
def check(request):
    """Does this text match a registered revision? The answer names entries, never text."""
    form = CheckForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload is not None:
                result = check_file(upload.name, upload.read())
            else:
                result = check_text(form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "registry/check.html",
        {
            "form": form,
            "result": result,
            "matches": [
                (entry, selectors.public_authors(entry))
                for entry in (result.entries if result else [])
            ],
        },
    )


def _no_such_entry(number: int) -> str:
    return _("There is no entry No. %(number)s in the registry.") % {"number": number}
