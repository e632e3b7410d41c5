from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.extensions import profile_sections
from accounts.forms import ProfileForm
from accounts.models import SELF_SERVICE_ROLES, Role
from accounts.permissions import (
    can_unverify_mentor,
    can_verify_mentor,
    get_organisation_for,
    get_person_for,
    organisations_to_vouch_in,
)
from accounts.selectors import mentor_is_verified, mentors_verified, user_roles, users_public
from accounts.services.mentors import mentor_unverify, mentor_verify
from accounts.services.profiles import (
    PROFILE_FIELDS,
    user_profile_update,
    user_roles_set,
)
from core.forms import add_service_errors
from core.permissions import is_signed_in
from taxonomy.models import Term

PEOPLE_PER_PAGE = 24


def people_list(request):
    people = users_public()
    role = request.GET.get("role", "")
    theme = request.GET.get("theme", "")
    if role == Role.MENTOR:
        # Offered as a mentor only once verified.
        people = people.filter(pk__in=mentors_verified().values("pk"))
    elif role in Role.values:
        people = people.filter(role_grants__role=role)
    if theme:
        people = people.filter(expertise_themes__slug=theme, expertise_themes__kind="theme")
    page = Paginator(people.distinct(), PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people_list.html",
        {
            "page": page,
            "roles": Role.choices,
            "themes": Term.objects.active().themes(),
            "selected_role": role,
            "selected_theme": theme,
        },
    )


def profile_detail(request, pk: int):
    person = get_person_for(request.user, pk)
    grant = next((g for g in person.role_grants.all() if g.role == Role.MENTOR), None)
    # Who may vouch: staff for the platform, admins for organisations the person is in.
    vouch_for = []
    if grant is not None:
        if can_verify_mentor(request.user, mentor=person, organisation=None):
            vouch_for.append(("", _("the platform")))
        for organisation in organisations_to_vouch_in(request.user, mentor=person):
            vouch_for.append((organisation.slug, organisation.name))
    return render(
        request,
        "accounts/profile_detail.html",
        {
            "person": person,
            # The edit link goes to one's own profile form.
            "is_own_profile": is_signed_in(request.user) and person.pk == request.user.pk,
            "is_mentor": grant is not None,
            "mentor_verified": mentor_is_verified(person),
            "vouch_for": vouch_for,
            "can_unverify": grant is not None
            and grant.verified_at is not None
            and can_unverify_mentor(request.user, grant=grant),
            "sections": profile_sections(person, request.user),
        },
    )


@login_required
@require_POST
def mentor_verification(request, pk: int):
    """Verify a mentor (or withdraw it) from their profile page."""
    person = get_person_for(request.user, pk)
    try:
        if request.POST.get("action") == "unverify":
            mentor_unverify(actor=request.user, user=person)
            messages.success(request, _("The mentor verification was withdrawn."))
        else:
            slug = request.POST.get("organisation", "")
            organisation = get_organisation_for(request.user, slug) if slug else None
            mentor_verify(actor=request.user, user=person, organisation=organisation)
            messages.success(request, _("Verified: writers can now be offered this mentor."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:profile", pk=person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    current_roles = user_roles(user)
    initial = {"roles": sorted(current_roles & SELF_SERVICE_ROLES)}
    form = ProfileForm(request.POST or None, instance=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Granted roles stay as they are; the form only toggles the self-service ones.
        roles = (current_roles - SELF_SERVICE_ROLES) | set(data["roles"])
        try:
            with transaction.atomic():
                user_profile_update(
                    actor=user,
                    user=user,
                    expertise_themes=data["expertise_themes"],
                    **{field: data[field] for field in PROFILE_FIELDS},
                )
                user_roles_set(actor=user, user=user, roles=roles)
        except ValidationError as error:
            user.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile", pk=user.pk)
    granted = sorted(current_roles - SELF_SERVICE_ROLES)
    return render(
        request,
        "accounts/profile_edit.html",
        {"form": form, "granted_roles": [Role(role).label for role in granted]},
    )
