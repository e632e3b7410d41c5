from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions, selectors
from accounts.extensions import organisation_links
from accounts.forms import (
    InvitationForm,
    MembershipRoleForm,
    OrganisationEditForm,
    OrganisationForm,
)
from accounts.models import Membership, OrganisationKind
from accounts.services import organisations as services
from core.forms import add_service_errors


def organisation_list(request):
    kind = request.GET.get("kind", "")
    if kind not in OrganisationKind.values:
        kind = ""
    return render(
        request,
        "accounts/organisation_list.html",
        {
            "organisations": selectors.organisations_list(kind=kind or None),
            "kinds": OrganisationKind.choices,
            "selected_kind": kind,
            "can_create": permissions.can_create_organisation(request.user),
        },
    )


def organisation_detail(request, slug: str):
    organisation = permissions.get_organisation_for(request.user, slug, action="view")
    members = list(selectors.organisation_members(organisation))
    my_membership = next((m for m in members if m.user_id == request.user.pk), None)
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "members": members,
            "my_membership": my_membership,
            "can_manage": permissions.can_manage_organisation(request.user, organisation),
            "links": organisation_links(organisation, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not permissions.can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation was created."))
            return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug: str):
    organisation = permissions.get_organisation_for(request.user, slug, action="manage")
    form = OrganisationEditForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect(organisation)
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_members(request, slug: str):
    """The admin's page: invite people, change roles, remove members, revoke invitations."""
    organisation = permissions.get_organisation_for(request.user, slug, action="manage")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:organisation_members", slug=organisation.slug)
    return render(
        request,
        "accounts/organisation_members.html",
        {
            "organisation": organisation,
            "form": form,
            "members": selectors.organisation_members(organisation),
            "invitations": selectors.invitations_open_for_organisation(organisation),
            # The page is for those who manage the organisation (checked on loading it).
            "role_choices": MembershipRoleForm.base_fields["role"].choices,
            "can_change_roles": True,
            "can_remove": True,
        },
    )


@login_required
@require_POST
def membership_role(request, slug: str, pk: int):
    organisation = permissions.get_organisation_for(request.user, slug, action="manage")
    membership = permissions.get_membership_for(request.user, organisation, pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
    else:
        try:
            services.membership_change_role(
                actor=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was changed."))
    return redirect("accounts:organisation_members", slug=organisation.slug)


@login_required
@require_POST
def membership_end(request, slug: str, pk: int):
    """Leave (your own membership) or remove a member (admins)."""
    organisation = permissions.get_organisation_for(request.user, slug, action="view")
    membership = permissions.get_membership_for(request.user, organisation, pk)
    leaving = membership.user_id == request.user.pk
    try:
        services.membership_end(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(organisation)
    if leaving:
        messages.success(request, _("You left %(name)s.") % {"name": organisation.name})
        return redirect(organisation)
    messages.success(request, _("The member was removed."))
    return redirect("accounts:organisation_members", slug=organisation.slug)


@login_required
@require_POST
def invitation_revoke(request, slug: str, pk: int):
    organisation = permissions.get_organisation_for(request.user, slug, action="manage")
    invitation = permissions.get_pending_invitation_for(request.user, organisation, pk)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation was revoked."))
    return redirect("accounts:organisation_members", slug=organisation.slug)


def invitation_detail(request, token: str):
    """Where the e-mailed link lands. The token is the secret; only the invited address may answer."""
    invitation = permissions.get_invitation_by_token(request.user, token)
    can_respond = permissions.can_respond_to_invitation(request.user, invitation)
    already_member = (
        request.user.is_authenticated
        and Membership.objects.filter(
            organisation=invitation.organisation, user=request.user
        ).exists()
    )
    return render(
        request,
        "accounts/invitation_detail.html",
        {
            "invitation": invitation,
            "can_respond": can_respond,
            "already_member": already_member,
            "masked_email": _mask_email(invitation.email),
        },
    )


@login_required
@require_POST
def invitation_respond(request, token: str):
    invitation = permissions.get_invitation_by_token(request.user, token)
    accept = request.POST.get("answer") == "accept"
    try:
        if accept:
            services.invitation_accept(actor=request.user, invitation=invitation)
        else:
            services.invitation_decline(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(invitation)
    if accept:
        messages.success(
            request, _("Welcome to %(name)s.") % {"name": invitation.organisation.name}
        )
        return redirect(invitation.organisation)
    messages.info(request, _("You declined the invitation."))
    return redirect("home")


def _mask_email(email: str) -> str:
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"
