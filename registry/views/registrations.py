"""A writer's side of the registry: asking to register a revision, answering as a named
co-author, and the registration's own page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.files import generated_download
from core.forms import add_service_errors
from registry import permissions, selectors
from registry.certificate import certificate_pdf
from registry.forms import ConsentForm, RegistrationForm
from registry.models import ConsentStatus
from registry.services.registration import (
    AuthorChoice,
    author_name_visibility_set,
    registration_answer,
    registration_request,
    registration_withdraw,
    series_writers,
)
from scripts_app import selectors as script_selectors
from scripts_app.permissions import get_series_for

# The newest revisions offered in the form; an older one is chosen from its own page.
REVISION_CHOICES = 200


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk: int):
    series = get_series_for(request.user, pk, action="edit")
    revisions = list(
        script_selectors.revisions_of(series).values_list("number", "name")[:REVISION_CHOICES]
    )
    wanted = request.GET.get("revision", "")
    if wanted.isdigit() and int(wanted) not in {number for number, _name in revisions}:
        revisions.append((int(wanted), ""))
    revision_choices = [
        (number, f"#{number}" + (f" {name}" if name else "")) for number, name in revisions
    ]
    writers = series_writers(series)
    others = [
        (writer.pk, writer.display_name) for writer in writers if writer.pk != request.user.pk
    ]
    form = RegistrationForm(
        request.POST or None,
        revisions=revision_choices,
        coauthors=others,
        initial={
            "revision": int(wanted)
            if wanted.isdigit()
            else (series.head.number if series.head else None),
            "coauthors": [pk for pk, _name in others],
            "name_zh": request.user.display_name_zh,
            "name_en": request.user.display_name_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_pk = {writer.pk: writer for writer in writers}
        authors = [
            AuthorChoice(
                user=request.user,
                name_zh=data["name_zh"],
                name_en=data["name_en"],
                show_publicly=data["show_publicly"],
            ),
            *(AuthorChoice(user=by_pk[pk]) for pk in data.get("coauthors", []) if pk in by_pk),
        ]
        try:
            registration = registration_request(
                actor=request.user,
                series=series,
                revision=script_selectors.get_revision(series, data["revision"]),
                authors=authors,
                rights_basis=data["rights_basis"],
                source_work=data["source_work"],
                licensor=data["licensor"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if registration.status == "registered":
                messages.success(
                    request,
                    _("Registered as entry No. %(number)s.")
                    % {"number": registration.entry.number},
                )
            else:
                messages.success(
                    request, _("Asked. The entry is made when every co-author has consented.")
                )
            return redirect("registry:registration", pk=registration.pk)
    return render(
        request,
        "registry/register.html",
        {
            "series": series,
            "form": form,
            "registrations": selectors.registrations_of_series(series)[:20],
        },
    )


@login_required
def registration_detail(request, pk: int):
    registration = permissions.get_registration_for(request.user, pk)
    mine = next((a for a in registration.authors.all() if a.user_id == request.user.pk), None)
    can_answer = (
        mine is not None
        and mine.consent == ConsentStatus.PENDING
        and (registration.status == "pending")
    )
    form = ConsentForm(
        initial={
            "name_zh": mine.name_zh if mine else "",
            "name_en": mine.name_en if mine else "",
            "show_publicly": mine.show_publicly if mine else False,
        }
    )
    return render(
        request,
        "registry/registration_detail.html",
        {
            "registration": registration,
            "authors": registration.authors.select_related("user"),
            "mine": mine,
            "can_answer": can_answer,
            "can_withdraw": registration.status == "pending"
            and permissions.can_withdraw_registration(request.user, registration),
            "form": form,
        },
    )


@login_required
@require_POST
def registration_respond(request, pk: int):
    registration = permissions.get_registration_for(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "consent":
            form = ConsentForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Check the names: each is at most 100 characters."))
                return redirect("registry:registration", pk=pk)
            registration_answer(
                actor=request.user, registration=registration, consent=True, **form.cleaned_data
            )
            messages.success(request, _("Thank you: your consent is recorded."))
        elif action == "decline":
            registration_answer(actor=request.user, registration=registration, consent=False)
            messages.success(request, _("You declined. The others have been told."))
        elif action == "withdraw":
            registration_withdraw(actor=request.user, registration=registration)
            messages.success(request, _("The registration was withdrawn."))
        else:
            messages.error(request, _("Choose to consent, decline or withdraw."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("You cannot answer this registration."))
    return redirect("registry:registration", pk=pk)


@login_required
@require_POST
def name_visibility(request, pk: int):
    """An author shows or hides their name on a registered entry's public page."""
    registration = permissions.get_registration_for(request.user, pk)
    mine = registration.authors.filter(user_id=request.user.pk).first()
    if mine is None:
        raise PermissionDenied
    author_name_visibility_set(
        actor=request.user, author=mine, public=request.POST.get("public") == "1"
    )
    messages.success(request, _("Saved: who sees your name on the public entry."))
    return redirect("registry:registration", pk=pk)


@login_required
def certificate(request, pk: int):
    """The registration certificate (PDF), for the people a registration names and the
    series' writers."""
    registration = permissions.get_registration_for(request.user, pk)
    entry = getattr(registration, "entry", None)
    if entry is None:
        raise Http404
    verify_url = request.build_absolute_uri(reverse("registry:entry", args=[entry.number]))
    pdf = certificate_pdf(entry, verify_url=verify_url, site_name=str(settings.SITE_NAME))
    return generated_download(
        pdf, filename=f"registry-certificate-{entry.number}.pdf", content_type="application/pdf"
    )
