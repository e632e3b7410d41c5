"""The concept-note variant's pages: on the application page, a manager invites a full
proposal or declines the concept; the lead submits the full proposal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import Conflict
from core.forms import add_service_errors
from incubator import permissions
from incubator.forms import ConceptDeclineForm, ProposalInviteForm
from incubator.services import concept as services
from incubator.views.applications import _workspace


def _deadline_form(request, pk: int, service, done: str, form_name: str):  # type: ignore[no-untyped-def]
    """A manager's deadline form (invite to a full proposal, or move its deadline): the
    service on success, else the page again with what was typed and what is wrong."""
    application = permissions.get_application_for(request.user, pk, action="manage")
    form = ProposalInviteForm(request.POST)
    if form.is_valid():
        try:
            service(
                actor=request.user, application=application,
                due_at=form.cleaned_data["due_at"], message=form.cleaned_data["message"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(application)
    return _workspace(request, application, **{form_name: form}, status=422)


@login_required
@require_POST
def proposal_invite(request, pk: int):
    return _deadline_form(
        request, pk, services.proposal_invite,
        _("The applicants are invited to a full proposal."), "proposal_invite_form",
    )  # fmt: skip


@login_required
@require_POST
def proposal_deadline_change(request, pk: int):
    return _deadline_form(
        request, pk, services.proposal_deadline_change,
        _("The new deadline is set; the applicants are told."), "proposal_deadline_form",
    )  # fmt: skip


@login_required
@require_POST
def concept_decline(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="manage")
    form = ConceptDeclineForm(request.POST)
    if form.is_valid():
        try:
            services.concept_decline(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The concept was declined."))
            return redirect(application)
    return _workspace(request, application, concept_decline_form=form, status=422)


@login_required
@require_POST
def proposal_submit(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="lead")
    try:
        services.proposal_submit(actor=request.user, application=application)
    except Conflict as refusal:
        # Past the deadline (or no longer invited): what was written is kept as it is.
        messages.error(request, " ".join(refusal.messages))
        return redirect(application)
    except ValidationError as error:
        return _workspace(request, application, problems=error.message_dict, status=422)
    messages.success(request, _("Your full proposal is submitted. It goes to the panel."))
    return redirect(application)
