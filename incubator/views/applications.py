"""The applicants' pages: their applications, the draft workspace (saved field by field
as they type, with htmx, and as plain forms without JavaScript), the preview, submitting,
withdrawing, co-applicants and their invitations."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import OrganisationKind, User
from accounts.selectors import organisations_list
from core.exceptions import Conflict
from core.files import serve_private_file
from core.i18n import localized
from incubator import permissions, selectors
from incubator.eligibility import eligibility_check
from incubator.filing.permissions import can_view_filing
from incubator.forms import (
    BudgetLineForm,
    ConceptDeclineForm,
    InviteForm,
    ProposalInviteForm,
    ScreeningForm,
)
from incubator.models import (
    Application,
    ApplicationStatus,
    CoApplicantStatus,
    QuestionKind,
    QuestionStage,
    WorkflowVariant,
)
from incubator.services import applications as services
from incubator.services import coapplicants as coapplicant_services
from incubator.workflows import APPLICATION_FLOW, proposal_still_open
from scripts_app.selectors import series_people, writer_ids

APPLICATIONS_PER_PAGE = 20
PLAN_FIELDS = ("plan_episodes", "plan_minutes", "plan_shooting_days", "plan_team")


def _messages_of(error: ValidationError, field: str) -> list[str]:
    if hasattr(error, "error_dict"):
        found = error.message_dict.get(field)
        if found:
            return list(found)
    return list(error.messages)


def _questions(application: Application) -> list[Any]:
    form = application.form if application.form_id else selectors.current_form(application.call)
    return list(form.questions.all()) if form else []


def summary_context(application: Application, *, for_panel: bool = False) -> dict[str, Any]:
    """What the summary partial shows: the application as the panel will see it (names of
    people hidden when the call is anonymous and `for_panel`)."""
    lines = selectors.budget_lines(application)
    answers = selectors.answers_by_key(application)
    questions = _questions(application)
    return {
        "application": application,
        "call": application.call,
        "lines": lines,
        "total": selectors.budget_total(lines),
        "by_category": selectors.budget_by_category(lines),
        "answered": [(q, answers.get(q.key)) for q in questions],
        "coapplicants": [
            c
            for c in selectors.coapplicants_of(application)
            if c.status == CoApplicantStatus.ACCEPTED
        ],
        "hide_identities": for_panel and application.call.anonymous,
        "entry": application.entry,
    }


def _workspace(
    request: Any,
    application: Application,
    *,
    typed: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    problems: dict[str, list[str]] | None = None,
    budget_form: BudgetLineForm | None = None,
    invite_form: InviteForm | None = None,
    screening_form: ScreeningForm | None = None,
    proposal_invite_form: ProposalInviteForm | None = None,
    concept_decline_form: ConceptDeclineForm | None = None,
    proposal_deadline_form: ProposalInviteForm | None = None,
    line_edit: tuple[int, BudgetLineForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    typed = typed or {}
    can = application.viewer_can  # type: ignore[attr-defined]
    context = summary_context(application)
    context["sees_filing"] = can_view_filing(application.viewer_role)  # type: ignore[attr-defined]
    answers = selectors.answers_by_key(application)
    questions = _questions(application)
    coapplicants = selectors.coapplicants_of(application)
    taken = {c.user_id for c in coapplicants if c.status in ("invited", "accepted")}
    writers = []
    if can.lead and can.edit:
        writing = writer_ids(application.series)
        writers = [
            person
            for person in series_people(application.series)
            if person.pk in writing and person.pk != application.lead_id and person.pk not in taken
        ]

    def value(field: str) -> Any:
        if field in typed:
            return typed[field]
        current = getattr(application, field)
        return "" if current is None else current

    fields = {
        name: {
            "value": value(name),
            "base": services.value_hash(getattr(application, name)),
            "errors": (errors or {}).get(name, []),
        }
        for name in ("episodes_from", "episodes_to", "lead_birth_year", *PLAN_FIELDS)
    }
    # A two-stage call's concept note: the proposal's questions wait for the invitation.
    concept_note = (
        application.call.variant == WorkflowVariant.CONCEPT
        and application.status == ApplicationStatus.DRAFT
    )
    question_rows = []
    for question in questions:
        label = (
            question.label
            if question.required
            else _("%(question)s (optional)") % {"question": question.label}
        )
        if concept_note and question.stage == QuestionStage.PROPOSAL:
            label = _("%(question)s (asked in the full proposal, if the fund invites one)") % {
                "question": question.label
            }
        answer = answers.get(question.key)
        stored: Any = None
        if answer is not None:
            stored = answer.number if question.kind == QuestionKind.NUMBER else answer.text
        key = f"answers.{question.key}"
        question_rows.append(
            {
                "question": question,
                "dom_id": f"answers-{question.key}",
                "label": label,
                "options": [
                    {"value": option["value"], "label": localized(option["zh"], option["en"])}
                    for option in question.choices
                ],
                "answer": answer,
                "value": typed.get(key, "" if stored is None else stored),
                "base": services.value_hash(stored),
                "errors": (errors or {}).get(key, []),
            }
        )
    context.update(
        {
            "can": can,
            "fields": fields,
            "question_rows": question_rows,
            "all_coapplicants": coapplicants,
            "entries": list(
                application.series.registry_entries.select_related("revision").order_by("-number")
            )
            if can.edit
            else [],
            "entry_base": services.value_hash(application.entry_id),
            "entry_errors": (errors or {}).get("entry", []),
            "results": eligibility_check(
                application.call,
                application.lead,
                series=application.series,
                application=application,
            ),  # fmt: skip
            "has_age_rule": application.call.rules.filter(kind="age_under").exists(),
            "project": selectors.project_of(application),
            "can_set_up_project": can.manage and application.status == ApplicationStatus.AWARDED,
            "problems": problems or {},
            "budget_form": budget_form or BudgetLineForm(),
            "line_rows": [
                (
                    line,
                    line_edit[1]
                    if line_edit and line_edit[0] == line.pk
                    else BudgetLineForm(
                        initial={
                            "category": line.category,
                            "description": line.description,
                            "amount": line.amount,
                        },
                        prefix=f"line{line.pk}",
                    ),
                )
                for line in context["lines"]
            ],
            "invite_form": invite_form or InviteForm(writers=writers),
            "studios": organisations_list(kind=OrganisationKind.STUDIO)[:200] if can.lead else [],
            "screening_form": screening_form or ScreeningForm(),
            **_concept_context(
                request,
                application,
                proposal_invite_form,
                concept_decline_form,
                proposal_deadline_form,
            ),  # fmt: skip
            "determination_form": _panel_forms()[0] if can.manage else None,
            "fact_check_form": _panel_forms()[1] if can.manage else None,
            "can_submit": can.lead and APPLICATION_FLOW.can(request.user, application, "submit"),
            "can_withdraw": can.lead
            and APPLICATION_FLOW.can(request.user, application, "withdraw"),
            "can_screen": can.manage
            and APPLICATION_FLOW.can(request.user, application, "out_of_remit"),
            "my_coapplication": next(
                (
                    c
                    for c in coapplicants
                    if c.user_id == request.user.pk and c.status == "accepted"
                ),
                None,
            ),
        }
    )
    return render(request, "incubator/application_detail.html", context, status=status)


def _concept_context(
    request: Any,
    application: Application,
    invite_form: ProposalInviteForm | None,
    decline_form: ConceptDeclineForm | None,
    deadline_form: ProposalInviteForm | None = None,
) -> dict[str, Any]:
    """The concept-note variant's part of the page: the manager's invite and decline forms
    while the concept is under review; the deadline and the lead's submit button (or, once
    the deadline passed, why there is none) while a full proposal is invited, and the
    manager's form to move that deadline."""
    can = application.viewer_can  # type: ignore[attr-defined]
    invited = application.status == ApplicationStatus.INVITED
    closed = proposal_still_open(application) if invited else None
    return {
        "can_decide_concept": can.manage and application.status == ApplicationStatus.CONCEPT_REVIEW,
        "proposal_invite_form": invite_form or ProposalInviteForm(),
        "concept_decline_form": decline_form or ConceptDeclineForm(),
        # The manager may move an invited proposal's deadline (also once it has passed).
        "can_move_deadline": can.manage and invited,
        "proposal_deadline_form": deadline_form
        or ProposalInviteForm(initial={"due_at": application.proposal_due_at}),
        "proposal_invited": invited,
        "proposal_closed": closed,
        "can_submit_proposal": invited and can.lead and closed is None,
        "now": timezone.now(),
    }


@login_required
@require_http_methods(["GET"])
def my_applications(request):
    page = Paginator(selectors.applications_of(request.user), APPLICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "incubator/my_applications.html",
        {"page": page, "invitations": list(selectors.invitations_for(request.user)[:50])},
    )


@login_required
@require_http_methods(["GET"])
def application_detail(request, pk: int):
    application = permissions.get_application_for(request.user, pk)
    return _workspace(request, application)


@login_required
@require_http_methods(["GET"])
def application_preview(request, pk: int):
    """Exactly what the panel will see (names hidden if the call hides applicants)."""
    application = permissions.get_application_for(request.user, pk)
    return render(
        request,
        "incubator/application_preview.html",
        summary_context(application, for_panel=True),
    )


def _field_response(
    request: Any, application: Application, field: str, *, base: str, saved: bool,
    errors: list[str] | None = None, theirs: Any = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    return render(
        request,
        "incubator/partials/field_status.html",
        {
            "field": field, "dom_id": field.replace(".", "-"), "base": base, "saved": saved,
            "saved_at": timezone.now(), "errors": errors or [], "theirs": theirs,
        },
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def application_field(request, pk: int):
    """Save one field of the draft (htmx as the applicant types, or a plain form post)."""
    application = permissions.get_application_for(request.user, pk, action="edit")
    field = request.POST.get("field", "")
    value = request.POST.get("value", "")
    base = request.POST.get("base") or None
    try:
        services.application_field_save(
            actor=request.user, application=application, field=field, value=value, base=base
        )
    except ValidationError as error:
        problems = _messages_of(error, field)
        if request.htmx:
            fresh = permissions.get_application_for(request.user, pk)
            current = getattr(fresh, field, None) if field in services.APPLICATION_FIELDS else None
            theirs = (
                current if isinstance(error, Conflict) and field in error.message_dict else None
            )
            return _field_response(
                request, application, field, base=services.value_hash(current), saved=False,
                errors=problems, theirs=theirs, status=422,
            )  # fmt: skip
        return _workspace(
            request, application, typed={field: value}, errors={field: problems}, status=422
        )
    if request.htmx:
        return _field_response(
            request, application, field,
            base=services.value_hash(getattr(application, field)), saved=True,
        )  # fmt: skip
    messages.success(request, _("Saved."))
    return redirect(application)


@login_required
@require_POST
def answer_save(request, pk: int, key: str):
    application = permissions.get_application_for(request.user, pk, action="edit")
    field = f"answers.{key}"
    value = request.POST.get("value", "")
    base = request.POST.get("base") or None
    try:
        answer = services.answer_save(
            actor=request.user, application=application, key=key, value=value,
            upload=request.FILES.get("file"), base=base,
        )  # fmt: skip
    except ValidationError as error:
        problems = _messages_of(error, field)
        if request.htmx:
            stored = selectors.answers_by_key(application).get(key)
            current = (
                (stored.number if stored.number is not None else stored.text) if stored else None
            )
            theirs = (
                current if isinstance(error, Conflict) and hasattr(error, "error_dict") else None
            )
            return _field_response(
                request, application, field, base=services.value_hash(current), saved=False,
                errors=problems, theirs=theirs, status=422,
            )  # fmt: skip
        return _workspace(
            request, application, typed={field: value}, errors={field: problems}, status=422
        )
    if request.htmx:
        stored = answer.number if answer.number is not None else answer.text
        return _field_response(
            request, application, field, base=services.value_hash(stored), saved=True
        )
    messages.success(request, _("Saved."))
    return redirect(application)


@login_required
@require_http_methods(["GET"])
def answer_file(request, pk: int, key: str):
    """An uploaded answer: whoever may see the application, checked on every download."""
    application = permissions.get_application_for(request.user, pk)
    answer = application.answers.filter(key=key).first()
    if answer is None or not answer.file:
        raise Http404
    return serve_private_file(answer.file, filename=answer.file_name, content_type=answer.file_type)


@login_required
@require_POST
def budget_add(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="edit")
    form = BudgetLineForm(request.POST)
    if form.is_valid():
        try:
            services.budget_line_add(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The budget line was added."))
            return redirect(f"{application.get_absolute_url()}#budget")
    return _workspace(request, application, budget_form=form, status=422)


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@login_required
@require_POST
def budget_line(request, pk: int, line_pk: int):
    """Change a budget line, or remove it ("delete" in the form)."""
    application = permissions.get_application_for(request.user, pk, action="edit")
    line = application.budget_lines.filter(pk=line_pk).first()
    if line is None:
        raise Http404
    line.application = application
    if "delete" in request.POST:
        try:
            services.budget_line_delete(actor=request.user, line=line)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The budget line was removed."))
        return redirect(f"{application.get_absolute_url()}#budget")
    form = BudgetLineForm(request.POST, prefix=f"line{line.pk}")
    if form.is_valid():
        try:
            services.budget_line_update(actor=request.user, line=line, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{application.get_absolute_url()}#budget")
    # Shown again in the line's own row, with what was typed and what is wrong.
    return _workspace(request, application, line_edit=(line.pk, form), status=422)


@login_required
@require_POST
def application_submit(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="lead")
    try:
        services.application_submit(actor=request.user, application=application)
    except Conflict as refusal:
        # Closed (or already submitted): the draft is kept exactly as it is.
        messages.error(request, " ".join(refusal.messages))
        return redirect(application)
    except ValidationError as error:
        return _workspace(request, application, problems=error.message_dict, status=422)
    messages.success(request, _("Your application is submitted. The fund will screen it."))
    return redirect(application)


@login_required
@require_POST
def application_withdraw(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="lead")
    try:
        services.application_withdraw(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The application was withdrawn."))
    return redirect(application)


@login_required
@require_POST
def coapplicant_invite(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="lead")
    writing = writer_ids(application.series)
    writers = [person for person in series_people(application.series) if person.pk in writing]
    form = InviteForm(request.POST, writers=writers)
    if form.is_valid():
        user_id = form.cleaned_data.get("user")
        slug = form.cleaned_data.get("organisation")
        user: User | None = next((p for p in writers if p.pk == user_id), None) if user_id else None
        organisation = (
            organisations_list(kind=OrganisationKind.STUDIO).filter(slug=slug).first()
            if slug
            else None
        )
        if slug and organisation is None:
            form.add_error("organisation", _("No studio has this address name."))
        else:
            try:
                coapplicant_services.coapplicant_invite(
                    actor=request.user, application=application, user=user,
                    organisation=organisation,
                )  # fmt: skip
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The invitation was sent."))
                return redirect(f"{application.get_absolute_url()}#applicants")
    return _workspace(request, application, invite_form=form, status=422)


@login_required
@require_POST
def coapplicant_remove(request, pk: int, coapplicant_pk: int):
    """The lead removes a co-applicant or withdraws an invitation; a co-applicant leaves."""
    application = permissions.get_application_for(request.user, pk, action="edit")
    coapplicant = application.coapplicants.filter(pk=coapplicant_pk).first()
    if coapplicant is None:
        raise Http404
    coapplicant.application = application
    try:
        coapplicant_services.coapplicant_remove(actor=request.user, coapplicant=coapplicant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(application)
    if application.lead_id == request.user.pk:
        messages.success(request, _("Removed."))
        return redirect(f"{application.get_absolute_url()}#applicants")
    messages.success(request, _("You left the application."))
    return redirect("fund:my_applications")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_detail(request, pk: int):
    """An invitation to apply together: what it is, and accept or decline."""
    coapplicant = permissions.get_invitation_for(request.user, pk)
    if request.method == "POST":
        accept = request.POST.get("accept") == "1"
        try:
            coapplicant_services.coapplicant_answer(
                actor=request.user, coapplicant=coapplicant, accept=accept
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if accept:
                messages.success(
                    request, _("You now apply together. The draft is yours to edit too.")
                )
                return redirect(coapplicant.application)
            messages.success(request, _("You declined the invitation."))
            return redirect("fund:my_applications")
    return render(
        request,
        "incubator/invitation_detail.html",
        {
            "coapplicant": coapplicant,
            "application": coapplicant.application,
            "open": coapplicant.status == CoApplicantStatus.INVITED,
        },
    )


def _panel_forms():  # type: ignore[no-untyped-def]
    from incubator.views.panel import DeterminationForm, FactCheckAssignForm

    return DeterminationForm(), FactCheckAssignForm()
