"""Applications: starting one, saving a draft field by field, the budget, the answers to
the call's questions, submitting and withdrawing.

Co-applicants edit the same draft. Every save is of one field (or one budget line, or one
answer) under the application's row lock, so edits of different fields never overwrite
each other. Two people typing in the same field are told: a save may name the `base` it
started from (`value_hash` of the value the editor loaded), and if someone else saved that
field since, the save is refused with a conflict that names the field, and the person's
text stays in their box to merge.

Draft field saves are not audited one by one (they happen as people type); budget lines
(money) and every move of the workflow are.
"""

import hashlib
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.files import private_file_delete
from core.limits import MAX_EPISODES
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.text import single_line
from core.workflows import workflow_move
from incubator import permissions, selectors
from incubator.eligibility import eligibility_check
from incubator.models import (
    Answer,
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    Call,
    CallStatus,
    CoApplicantStatus,
    QuestionKind,
    WorkflowVariant,
)
from incubator.workflows import APPLICATION_FLOW, call_still_open
from registry.models import RegistryEntry
from scripts_app.models import Series

# Fields of the application itself that applicants save one at a time.
INT_FIELDS = {
    "episodes_from": (1, MAX_EPISODES),
    "episodes_to": (1, MAX_EPISODES),
    "plan_episodes": (1, MAX_EPISODES),
    "plan_minutes": (1, 10_000),
    "plan_shooting_days": (1, 365),
    "lead_birth_year": (1900, 2100),
}
TEXT_FIELDS = {"plan_team": 10_000}
APPLICATION_FIELDS = frozenset({"entry", *INT_FIELDS, *TEXT_FIELDS})
MAX_BUDGET_LINES = 100
MONEY_LIMIT = Decimal("9999999999.99")


def value_hash(value: Any) -> str:
    """A short fingerprint of a field's value, for `base` (what an editor started from)."""
    if isinstance(value, RegistryEntry):
        value = value.pk
    text = "" if value is None else str(value)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _editing_refused() -> Conflict:
    return Conflict(_("This application has been submitted; it can no longer be changed."))


def _lock_draft(actor: User, application: Application) -> Application:
    """The application under its row lock, if the actor may edit it and it is a draft."""
    if permissions.application_role(actor, application) not in permissions.APPLICANT_ROLES:
        raise PermissionDenied
    locked = (
        Application.objects.select_for_update()
        .select_related("call", "series", "entry")
        .get(pk=application.pk)
    )
    if not locked.is_editable:
        raise _editing_refused()
    return locked


def _check_base(field: str, current: Any, new: Any, base: str | None) -> None:
    if base is None:
        return
    now = value_hash(current)
    if base != now and now != value_hash(new):
        raise Conflict(
            {
                field: [
                    _(
                        "Someone else saved this field while you were typing. Your text is "
                        "kept in the box; their version is shown beside it. Merge them and "
                        "save again."
                    )
                ]
            }
        )


def application_start(
    *,
    actor: User,
    call: Call,
    series: Series,
    entry: RegistryEntry,
) -> Application:
    """Start a draft application with a series the actor writes and one of its registered
    revisions. The AI-assistance disclosure is carried from the series.

    Raises:
        PermissionDenied: the actor does not write the series.
        ValidationError: the revision is not a registered revision of this series, or the
            series already has an application to this call.
        Conflict: the call is not published or has closed.
    """
    if not permissions.can_start_application(actor, series):
        raise PermissionDenied
    if call.status != CallStatus.PUBLISHED:
        raise Conflict(_("This call is not taking applications."))
    if timezone.now() >= call.closes_at:
        raise Conflict(_("This call has closed."))
    if entry.series_id != series.pk:
        raise ValidationError({"entry": [_("Choose a registered revision of this series.")]})
    taken = _("This series already has an application to this call.")
    with transaction.atomic():
        Series.objects.select_for_update().get(pk=series.pk)
        if (
            Application.objects.filter(call=call, series=series)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .exists()
        ):
            raise ValidationError({"series": [taken]})
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    call=call, series=series, entry=entry, lead=actor,
                    series_title=series.title, ai_assistance=series.ai_assistance,
                    ai_note=series.ai_note,
                )  # fmt: skip
        except IntegrityError:
            raise ValidationError({"series": [taken]}) from None
        audit_record(
            actor=actor, action="fund.application_started", target=application,
            data={"call": call.pk, "series": series.pk, "entry": entry.number},
        )  # fmt: skip
    return application


def _parse_int(field: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    low, high = INT_FIELDS[field]
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError({field: [_("Enter a whole number.")]}) from None
    if not low <= number <= high:
        raise ValidationError(
            {field: [_("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
        )
    return number


def application_field_save(
    *,
    actor: User,
    application: Application,
    field: str,
    value: Any,
    base: str | None = None,
) -> Application:
    """Save one field of a draft (what htmx sends as the applicant types).

    Args:
        field: one of APPLICATION_FIELDS; `entry` takes a registry entry (or its number)
            of the application's series.
        base: `value_hash` of the value the editor started from, to detect a co-applicant's
            save of the same field in between.

    Raises:
        PermissionDenied: the actor is not an applicant of it.
        ValidationError: under the field's name.
        Conflict: the application was submitted, or (under the field's name) someone else
            saved the field since `base`.
    """
    if field not in APPLICATION_FIELDS:
        raise ValidationError({"field": [_("There is no such field.")]})
    new: Any
    if field == "entry":
        number = value.number if isinstance(value, RegistryEntry) else value
        try:
            number = int(str(number))
        except ValueError:
            number = 0
        new = RegistryEntry.objects.filter(series_id=application.series_id, number=number).first()
        if new is None:
            raise ValidationError({"entry": [_("Choose a registered revision of this series.")]})
    elif field in INT_FIELDS:
        new = _parse_int(field, value)
    else:
        new = str(value or "").replace("\r\n", "\n")
        if len(new) > TEXT_FIELDS[field]:
            raise ValidationError(
                {field: [_("At most %(count)s characters.") % {"count": TEXT_FIELDS[field]}]}
            )
    with transaction.atomic():
        locked = _lock_draft(actor, application)
        current = getattr(locked, field)
        _check_base(field, current, new, base)
        setattr(locked, field, new)
        low, high = locked.episodes_from, locked.episodes_to
        if low is not None and high is not None and high < low:
            raise ValidationError({field: [_("The last episode must not come before the first.")]})
        update = [field, "updated_at"]
        if locked.lead_id == actor.pk:
            locked.series_title = locked.series.title
            update.append("series_title")
        locked.save(update_fields=update)
    setattr(application, field, new)
    application.updated_at = locked.updated_at
    return application


# --- the budget ---------------------------------------------------------------------------


def _parse_amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {"amount": [_("Enter an amount in yuan, such as 12000.50.")]}
        ) from None
    if not amount.is_finite():
        raise ValidationError({"amount": [_("Enter an amount in yuan, such as 12000.50.")]})
    if amount > MONEY_LIMIT:
        raise ValidationError({"amount": [_("This amount is too large.")]})
    if amount <= 0:
        raise ValidationError({"amount": [_("An amount must be more than zero.")]})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({"amount": [_("Amounts are in yuan and fen: at most two decimals.")]})
    return amount.quantize(Decimal("0.01"))


def _line_fields(category: Any, description: Any) -> tuple[str, str]:
    errors = {}
    if category not in BudgetCategory.values:
        errors["category"] = [_("Choose a category.")]
    text = single_line(str(description or ""))
    if not text:
        errors["description"] = [_("Say what the money is for.")]
    elif len(text) > 200:
        errors["description"] = [_("At most %(count)s characters.") % {"count": 200}]
    if errors:
        raise ValidationError(errors)
    return str(category), text


def _check_total(locked: Application, total: Decimal) -> None:
    """Under the application's row lock: the budget asked stays within the call's largest
    award."""
    award_max = locked.call.award_max
    if total > award_max:
        raise ValidationError(
            {
                "amount": [
                    _(
                        "This brings the budget to %(total)s yuan, above the call's largest "
                        "award of %(max)s yuan."
                    )
                    % {"total": total, "max": award_max}
                ]
            }
        )


def budget_line_add(
    *, actor: User, application: Application, category: str, description: str, amount: Any
) -> BudgetLine:
    """Add a line to the budget. The total must stay within the call's largest award.

    Raises:
        ValidationError: under "category", "description" or "amount".
        Conflict: the application was submitted.
    """
    category, description = _line_fields(category, description)
    value = _parse_amount(amount)
    with transaction.atomic():
        locked = _lock_draft(actor, application)
        lines = selectors.budget_lines(locked)
        if len(lines) >= MAX_BUDGET_LINES:
            raise ValidationError(
                {
                    "description": [
                        _("A budget has at most %(count)s lines.") % {"count": MAX_BUDGET_LINES}
                    ]
                }
            )
        total = selectors.budget_total(lines) + value
        _check_total(locked, total)
        position = (locked.budget_lines.aggregate(top=Max("position"))["top"] or 0) + 1
        line = BudgetLine(
            application=locked, category=category, description=description, amount=value,
            position=position,
        )  # fmt: skip
        line.full_clean()
        line.save()
        audit_record(
            actor=actor, action="fund.budget_line_added", target=locked,
            data={"line": line.pk, "category": category, "amount": str(value), "total": str(total)},
        )  # fmt: skip
    return line


def budget_line_update(
    *,
    actor: User,
    line: BudgetLine,
    category: str | None = None,
    description: str | None = None,
    amount: Any = None,
) -> BudgetLine:
    """Change a budget line (only what is given)."""
    with transaction.atomic():
        locked = _lock_draft(actor, line.application)
        row = locked.budget_lines.select_for_update().get(pk=line.pk)
        before = str(row.amount)
        new_category, new_description = _line_fields(
            row.category if category is None else category,
            row.description if description is None else description,
        )
        value = row.amount if amount is None else _parse_amount(amount)
        others = selectors.budget_total(
            [x for x in selectors.budget_lines(locked) if x.pk != row.pk]
        )
        total = others + value
        _check_total(locked, total)
        row.category, row.description, row.amount = new_category, new_description, value
        row.save(update_fields=["category", "description", "amount"])
        audit_record(
            actor=actor, action="fund.budget_line_changed", target=locked,
            data={"line": row.pk, "amount": {"from": before, "to": str(value)}, "total": str(total)},
        )  # fmt: skip
    return row


def budget_line_delete(*, actor: User, line: BudgetLine) -> None:
    with transaction.atomic():
        locked = _lock_draft(actor, line.application)
        row = locked.budget_lines.select_for_update().get(pk=line.pk)
        audit_record(
            actor=actor, action="fund.budget_line_removed", target=locked,
            data={"line": row.pk, "category": row.category, "amount": str(row.amount)},
        )  # fmt: skip
        row.delete()


# --- answers to the call's questions --------------------------------------------------------


def _answer_value(question: Any, value: Any) -> dict[str, Any]:
    """The stored columns for a typed answer; an empty one clears it (drafts may be
    incomplete; submission checks what is required)."""
    key = f"answers.{question.key}"
    text = "" if value is None else str(value)
    if question.kind == QuestionKind.SHORT_TEXT:
        text = single_line(text)
    if question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        text = text.replace("\r\n", "\n")
        if question.max_length and len(text) > question.max_length:
            raise ValidationError(
                {key: [_("At most %(count)s characters.") % {"count": question.max_length}]}
            )
        return {"text": text, "number": None}
    if question.kind == QuestionKind.NUMBER:
        if not text.strip():
            return {"text": "", "number": None}
        try:
            number = Decimal(text.strip().replace(",", ""))
        except InvalidOperation:
            raise ValidationError({key: [_("Enter a number.")]}) from None
        if not number.is_finite() or abs(number) > MONEY_LIMIT:
            raise ValidationError({key: [_("Enter a number.")]})
        number = number.quantize(Decimal("0.01"))
        if question.min_value is not None and number < question.min_value:
            raise ValidationError({key: [_("At least %(value)s.") % {"value": question.min_value}]})
        if question.max_value is not None and number > question.max_value:
            raise ValidationError({key: [_("At most %(value)s.") % {"value": question.max_value}]})
        return {"text": "", "number": number}
    if question.kind == QuestionKind.CHOICE:
        if text and text not in {c["value"] for c in question.choices}:
            raise ValidationError({key: [_("Choose one of the options.")]})
        return {"text": text, "number": None}
    raise ValidationError({key: [_("Upload a file for this question.")]})


def answer_save(
    *,
    actor: User,
    application: Application,
    key: str,
    value: Any = None,
    upload: UploadedFile | None = None,
    base: str | None = None,
) -> Answer:
    """Save the answer to one of the call's current questions (a file for a file question,
    stored privately and replacing the previous one).

    Raises:
        ValidationError: under "answers.<key>" (or "key" for a question the call does not ask).
        Conflict: the application was submitted; or someone else saved this answer since `base`.
    """
    form = selectors.current_form(application.call)
    question = next((q for q in (form.questions.all() if form else []) if q.key == key), None)
    if question is None:
        raise ValidationError({"key": [_("The call asks no such question.")]})
    field = f"answers.{key}"
    stored: dict[str, Any]
    content_type = ""
    if question.kind == QuestionKind.FILE:
        if upload is None:
            raise ValidationError({field: [_("Choose a file to upload.")]})
        from courses.services.lessons import attachment_type

        try:
            content_type = attachment_type(upload)
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from None
        stored = {}
    else:
        stored = _answer_value(question, value)
    with transaction.atomic():
        locked = _lock_draft(actor, application)
        answer = Answer.objects.select_for_update().filter(application=locked, key=key).first()
        if question.kind != QuestionKind.FILE:
            current = None
            if answer is not None:
                current = answer.number if question.kind == QuestionKind.NUMBER else answer.text
            new = stored["number"] if question.kind == QuestionKind.NUMBER else stored["text"]
            _check_base(field, current, new, base)
        if answer is None:
            answer = Answer(application=locked, key=key)
        answer.updated_by = actor
        if question.kind == QuestionKind.FILE:
            assert upload is not None
            old = answer.file.name if answer.file else ""
            storage = answer.file.storage
            name = PurePosixPath((upload.name or "file").replace("\\", "/")).name[:200]
            answer.file.save(name, upload, save=False)
            answer.file_name, answer.file_type, answer.file_size = (
                name,
                content_type,
                upload.size or 0,
            )
            try:
                answer.save()
            except Exception:
                private_file_delete(answer.file)
                raise
            if old:
                transaction.on_commit(lambda: storage.delete(old))
        else:
            answer.text, answer.number = stored["text"], stored["number"]
            answer.save()
        Application.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
    return answer


# --- submission ---------------------------------------------------------------------------


def _concept_stage(application: Application) -> bool:
    """A two-stage call's first submission is the concept note."""
    return application.call.variant == WorkflowVariant.CONCEPT and application.status in (
        ApplicationStatus.DRAFT,
    )


def submission_problems(application: Application) -> dict[str, list[str]]:
    """Every missing piece at once, keyed by field ("answers.<key>" for questions), in the
    reader's language. Empty when the application may be submitted."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    call = application.call
    concept = _concept_stage(application)
    entry = application.entry
    if application.episodes_from is None or application.episodes_to is None:
        add("episodes_from", _("Say which episodes the application covers."))
    elif application.episodes_to > entry.episode_count:
        add(
            "episodes_to",
            _("The registered revision has %(count)s episodes.") % {"count": entry.episode_count},
        )
    if not concept:
        for field, message in (
            ("plan_episodes", _("Give the number of episodes to produce.")),
            ("plan_minutes", _("Give the total running time in minutes.")),
            ("plan_shooting_days", _("Give the number of shooting days.")),
        ):
            if getattr(application, field) is None:
                add(field, message)
        if not application.plan_team.strip():
            add("plan_team", _("Describe the team."))
        lines = selectors.budget_lines(application)
        total = selectors.budget_total(lines)
        if not lines:
            add("budget", _("Add at least one budget line."))
        elif total > call.award_max:
            add(
                "budget",
                _("The budget of %(total)s yuan is above the call's largest award of %(max)s yuan.")
                % {"total": total, "max": call.award_max},
            )
    form = selectors.current_form(call)
    answers = selectors.answers_by_key(application)
    for question in selectors.questions_for_stage(form, concept_only=concept):
        if not question.required:
            continue
        answer = answers.get(question.key)
        missing = (
            answer is None
            or (question.kind == QuestionKind.FILE and not answer.file)
            or (question.kind == QuestionKind.NUMBER and answer.number is None)
            or (
                question.kind not in (QuestionKind.FILE, QuestionKind.NUMBER)
                and not answer.text.strip()
            )
        )
        if missing:
            add(
                f"answers.{question.key}",
                _("Answer “%(question)s”.") % {"question": question.label},
            )
    for result in eligibility_check(
        call, application.lead, series=application.series, application=application
    ):
        if result.met:
            continue
        if result.kind == "age_under" and application.lead_birth_year is None:
            add("lead_birth_year", _("Give your year of birth: this call has an age limit."))
        else:
            add("eligibility", f"{result.description} {result.reason}")
    pending = application.coapplicants.filter(status=CoApplicantStatus.INVITED).select_related(
        "user", "organisation"
    )
    for coapplicant in pending:
        add(
            "coapplicants",
            _("%(who)s has not answered your invitation yet: wait, or withdraw the invitation.")
            % {"who": coapplicant.user or coapplicant.organisation},
        )
    return problems


def notify_applicants(
    application: Application, kind: str, *, actor: User | None, **params: Any
) -> None:
    """Tell the lead and the accepted co-writers (not the one who acted)."""
    people = [application.lead_id] + list(
        application.coapplicants.filter(
            status=CoApplicantStatus.ACCEPTED, user__isnull=False
        ).values_list("user_id", flat=True)
    )
    recipients = User.objects.filter(pk__in=people, is_active=True)
    for person in recipients:
        if actor is not None and person.pk == actor.pk:
            continue
        notification_send(
            recipient=person, kind=kind, actor=actor,
            params={"series": application.series_title, "call": _call_name(application.call), **params},
            url=application.get_absolute_url(),
        )  # fmt: skip


def _call_name(call: Call) -> dict[str, str]:
    return {"zh": call.title_zh or call.title_en, "en": call.title_en or call.title_zh}


def application_submit(*, actor: User, application: Application) -> Application:
    """Submit (the lead does). The server's clock decides: after the close time this is
    refused and the draft is kept untouched. Everything missing is listed at once.

    The call's form version is frozen with the first submission: the call row is locked,
    so a manager's new version and a submission cannot cross.

    Raises:
        PermissionDenied: the actor is not the lead applicant.
        Conflict: the call has closed (or is not open), or the application was submitted.
        ValidationError: every missing piece, keyed by field.
    """
    if not permissions.is_lead(actor, application):
        raise PermissionDenied
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        locked = (
            Application.objects.select_for_update()
            .select_related("series", "entry", "lead")
            .get(pk=application.pk)
        )
        locked.call = call
        if locked.status != ApplicationStatus.DRAFT:
            raise Conflict(_("This application has already been submitted."))
        refusal = call_still_open(locked)
        if refusal:
            raise Conflict(refusal)
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        form = selectors.current_form(call)
        if form is not None and form.frozen_at is None:
            form.frozen_at = timezone.now()
            form.save(update_fields=["frozen_at"])
        series = locked.series
        moved = workflow_move(
            APPLICATION_FLOW, locked, "submit", actor=actor,
            changes={
                "submitted_at": timezone.now(), "form": form, "series_title": series.title,
                "ai_assistance": series.ai_assistance, "ai_note": series.ai_note,
            },
            data={"form_version": form.number if form else None,
                  "budget": str(selectors.budget_total(selectors.budget_lines(locked)))},
            effects=[lambda moved: notify_applicants(
                moved, "fund_application_submitted", actor=actor)],
        )  # fmt: skip
    for name in ("status", "submitted_at", "form", "series_title", "ai_assistance", "ai_note"):
        setattr(application, name, getattr(moved, name))
    return application


def application_withdraw(*, actor: User, application: Application) -> Application:
    """Withdraw (the lead does), at any point before a decision. The series may then be
    entered again with a new application."""
    return workflow_move(
        APPLICATION_FLOW, application, "withdraw", actor=actor,
        changes={"withdrawn_at": timezone.now()},
        effects=[lambda moved: notify_applicants(moved, "fund_application_withdrawn", actor=actor)],
    )  # fmt: skip
