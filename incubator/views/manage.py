"""The fund managers' pages: their funds, a fund's calls and managers, setting up a call
(dates, awards, rubric, theme priorities, eligibility rules, questions), publishing it,
its applications, and screening."""

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.memberships import members_of
from incubator import permissions, selectors
from incubator.eligibility import describe_rule
from incubator.forms import (
    CallForm,
    CancelForm,
    ManagerForm,
    PrioritiesForm,
    QuestionFormSet,
    RuleForm,
    ScreeningForm,
)
from incubator.models import ApplicationStatus, Call, Fund, FundMember
from incubator.services import calls as call_services
from incubator.services import funds as fund_services
from incubator.services import screening as screening_services
from incubator.views.applications import _workspace
from incubator.workflows import CALL_FLOW
from reviews.models import Rubric
from taxonomy.models import Term

APPLICATIONS_PER_PAGE = 50


def _rubrics_for(fund: Fund) -> Any:
    return Rubric.objects.filter(organisation__isnull=True) | Rubric.objects.filter(
        organisation_id=fund.body_id
    )


@login_required
@require_http_methods(["GET"])
def manage_home(request):
    funds = list(permissions.funds_managed_by(request.user).order_by("slug")[:100])
    return render(
        request,
        "incubator/manage/home.html",
        {
            "funds": funds,
            "can_create": permissions.bodies_for_new_funds(request.user).exists(),
        },
    )


class FundForm(django_forms.ModelForm):
    class Meta:
        model = Fund
        fields = [
            "body",
            "slug",
            "name_zh",
            "name_en",
            "description_zh",
            "description_en",
            "budget",
        ]

    def __init__(self, *args, bodies=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if bodies is not None:
            self.fields["body"].queryset = bodies
        if self.instance.pk:
            del self.fields["body"]
            del self.fields["slug"]

    def _post_clean(self) -> None:
        pass


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request):
    bodies = permissions.bodies_for_new_funds(request.user)
    if not bodies.exists():
        raise Http404
    form = FundForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            fund = fund_services.fund_create(
                actor=request.user, body=data.pop("body"), slug=data.pop("slug"),
                budget=data.pop("budget"), **data,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The fund was created. Now open a call."))
            return redirect("fund:fund_manage", fund.slug)
    return render(request, "incubator/manage/fund_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def fund_manage(request, slug: str):
    fund = permissions.get_fund_for(request.user, slug)
    form = FundForm(request.POST or None, instance=fund)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            fund_services.fund_update(
                actor=request.user, fund=fund, budget=data.pop("budget"), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("fund:fund_manage", fund.slug)
    page = Paginator(selectors.calls_of_fund(fund), 20).get_page(request.GET.get("page"))
    appoints = permissions.can_appoint_managers(request.user, fund)
    return render(
        request,
        "incubator/manage/fund.html",
        {
            "fund": fund,
            "form": form,
            "page": page,
            "promised": selectors.calls_budget_total(fund),
            "managers": members_of(FundMember, fund)[:100],
            "can_appoint": appoints,
            "manager_form": ManagerForm(),
        },
    )


@login_required
@require_POST
def fund_manager_add(request, slug: str):
    fund = permissions.get_fund_for(request.user, slug)
    form = ManagerForm(request.POST)
    if form.is_valid():
        membership = (
            fund.body.memberships.filter(user__email__iexact=form.cleaned_data["email"])
            .select_related("user")
            .first()
        )
        person = membership.user if membership else None
        try:
            if person is None:
                raise ValidationError(
                    {"email": [_("Only members of the fund body can manage its funds.")]}
                )
            fund_services.fund_manager_add(actor=request.user, fund=fund, user=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("They now manage the fund."))
    else:
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return redirect("fund:fund_manage", fund.slug)


@login_required
@require_POST
def fund_manager_remove(request, slug: str, member_pk: int):
    fund = permissions.get_fund_for(request.user, slug)
    member = fund.members.filter(pk=member_pk).first()
    if member is None:
        raise Http404
    fund_services.fund_manager_remove(actor=request.user, member=member)
    messages.success(request, _("Removed."))
    return redirect("fund:fund_manage", fund.slug)


def _call_form_data(form: CallForm) -> tuple[Rubric, dict[str, Any]]:
    data = dict(form.cleaned_data)
    rubric = data.pop("rubric")
    data.pop("slug", None)
    return rubric, data


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request, slug: str):
    fund = permissions.get_fund_for(request.user, slug)
    form = CallForm(request.POST or None, rubrics=_rubrics_for(fund))
    if request.method == "POST" and form.is_valid():
        rubric, data = _call_form_data(form)
        try:
            call = call_services.call_create(
                actor=request.user, fund=fund, slug=form.cleaned_data["slug"], rubric=rubric,
                **data,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The call is being prepared: add its priorities, rules and questions, then publish it."
                ),
            )
            return redirect("fund:call_manage", call.slug)
    return render(request, "incubator/manage/call_form.html", {"form": form, "fund": fund})


def _call_context(request: Any, call: Call, **overrides: Any) -> dict[str, Any]:
    fund = call.fund
    priorities = selectors.call_priorities(call)
    themes = list(Term.objects.filter(kind="theme", is_active=True).order_by("slug"))
    frozen = call_services.call_has_submissions(call)
    form = selectors.current_form(call)
    context = {
        "call": call,
        "fund": fund,
        "form": CallForm(instance=call, rubrics=_rubrics_for(fund)),
        "priorities": priorities,
        "priorities_form": PrioritiesForm(
            themes=themes, current={p.theme_id: p.bonus for p in priorities}
        ),
        "rules": [
            (rule, describe_rule(rule.kind, rule.params)) for rule in selectors.call_rules(call)
        ],
        "rule_form": RuleForm(),
        "questions": list(form.questions.all()) if form else [],
        "form_version": form,
        "frozen": frozen,
        "can_publish": CALL_FLOW.can(request.user, call, "publish"),
        "can_cancel": CALL_FLOW.can(request.user, call, "cancel"),
        "cancel_form": CancelForm(),
    }
    context.update(overrides)
    return context


@login_required
@require_http_methods(["GET", "POST"])
def call_manage(request, slug: str):
    call = permissions.get_call_for(request.user, slug, action="manage")
    if request.method == "POST":
        form = CallForm(request.POST, instance=call, rubrics=_rubrics_for(call.fund))
        if form.is_valid():
            rubric, data = _call_form_data(form)
            try:
                call_services.call_update(actor=request.user, call=call, rubric=rubric, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("fund:call_manage", call.slug)
        return render(
            request,
            "incubator/manage/call.html",
            _call_context(request, call, form=form),
            status=422,
        )
    return render(request, "incubator/manage/call.html", _call_context(request, call))


@login_required
@require_POST
def call_priorities(request, slug: str):
    call = permissions.get_call_for(request.user, slug, action="manage")
    themes = list(Term.objects.filter(kind="theme", is_active=True).order_by("slug"))
    form = PrioritiesForm(request.POST, themes=themes)
    if form.is_valid():
        try:
            call_services.priorities_set(
                actor=request.user, call=call, priorities=form.priorities()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("fund:call_manage", args=[call.slug]) + "#priorities")
    return render(
        request,
        "incubator/manage/call.html",
        _call_context(request, call, priorities_form=form),
        status=422,
    )


@login_required
@require_POST
def call_rule_add(request, slug: str):
    call = permissions.get_call_for(request.user, slug, action="manage")
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            call_services.rule_add(
                actor=request.user, call=call, kind=form.cleaned_data["kind"], params=form.params()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The rule was added."))
            return redirect(reverse("fund:call_manage", args=[call.slug]) + "#rules")
    return render(
        request,
        "incubator/manage/call.html",
        _call_context(request, call, rule_form=form),
        status=422,
    )


@login_required
@require_POST
def call_rule_delete(request, slug: str, rule_pk: int):
    call = permissions.get_call_for(request.user, slug, action="manage")
    rule = call.rules.filter(pk=rule_pk).first()
    if rule is None:
        raise Http404
    rule.call = call
    try:
        call_services.rule_remove(actor=request.user, rule=rule)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The rule was removed."))
    return redirect(reverse("fund:call_manage", args=[call.slug]) + "#rules")


def _question_initial(question: Any) -> dict[str, Any]:
    return {
        "key": question.key, "kind": question.kind, "stage": question.stage,
        "label_zh": question.label_zh, "label_en": question.label_en,
        "help_zh": question.help_zh, "help_en": question.help_en,
        "required": question.required, "max_length": question.max_length,
        "choices": "\n".join(f"{c['zh']}|{c['en']}" for c in question.choices),
    }  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def call_questions(request, slug: str):
    """The call's own questions: saving makes a new version of its form (until the first
    application is submitted, after which the form is frozen)."""
    call = permissions.get_call_for(request.user, slug, action="manage")
    current = selectors.current_form(call)
    initial = [_question_initial(q) for q in current.questions.all()] if current else []
    formset = QuestionFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        questions = [q for form in formset.forms if (q := form.as_question()) is not None]
        try:
            version = call_services.form_publish(actor=request.user, call=call, questions=questions)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(
                request, _("Saved as version %(number)s of the form.") % {"number": version.number}
            )
            return redirect("fund:call_manage", call.slug)
    return render(
        request,
        "incubator/manage/questions.html",
        {
            "call": call,
            "formset": formset,
            "form_version": current,
            "frozen": call_services.call_has_submissions(call),
        },
    )


@login_required
@require_POST
def call_publish(request, slug: str):
    call = permissions.get_call_for(request.user, slug, action="manage")
    try:
        call_services.call_publish(actor=request.user, call=call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The call is published."))
    return redirect("fund:call_manage", call.slug)


@login_required
@require_POST
def call_cancel(request, slug: str):
    call = permissions.get_call_for(request.user, slug, action="manage")
    form = CancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": [_("Say why the call is cancelled.")]})
        call_services.call_cancel(actor=request.user, call=call, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The call was cancelled."))
    return redirect("fund:call_manage", call.slug)


@login_required
@require_http_methods(["GET"])
def call_applications(request, slug: str):
    """What was submitted to a call (never drafts), with the budget asked."""
    call = permissions.get_call_for(request.user, slug, action="manage")
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    page = Paginator(
        selectors.call_applications(call, status=status), APPLICATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "incubator/manage/applications.html",
        {
            "call": call,
            "page": page,
            "status": status,
            "statuses": [
                (value, label)
                for value, label in ApplicationStatus.choices
                if value != ApplicationStatus.DRAFT
            ],
        },
    )


@login_required
@require_POST
def application_screening(request, pk: int):
    application = permissions.get_application_for(request.user, pk, action="manage")
    form = ScreeningForm(request.POST)
    if form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "start":
                screening_services.screening_start(actor=request.user, application=application)
            elif decision == "eligible":
                screening_services.screening_confirm(
                    actor=request.user, application=application, note=reason
                )
            else:
                screening_services.screening_out_of_remit(
                    actor=request.user, application=application, reason=reason
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(application)
    return _workspace(request, application, screening_form=form, status=422)
