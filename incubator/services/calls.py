"""Calls: opening one, its theme priorities, eligibility rules and questions, publishing it.

What applicants rely on stops changing once the first application is submitted: the
eligibility rules, the theme priorities and the questions. The dates may still move (a
fund may extend a call or close it early), and every change is audited.
"""

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.workflows import workflow_move
from incubator import permissions
from incubator.eligibility import MAX_RULES, rule_clean
from incubator.models import (
    Call,
    CallForm,
    EligibilityRule,
    Fund,
    Question,
    QuestionKind,
    QuestionStage,
    ThemePriority,
)
from incubator.workflows import CALL_FLOW
from reviews.models import Rubric
from reviews.services.rubrics import version_for_use
from taxonomy.models import Term

CALL_FIELDS = (
    "title_zh", "title_en", "guidance_zh", "guidance_en", "opens_at", "closes_at",
    "awards_count", "award_max", "budget", "variant", "anonymous", "panel_size",
)  # fmt: skip
MAX_QUESTIONS = 40
MAX_CHOICES = 30
DEFAULT_MAX_LENGTH = {QuestionKind.SHORT_TEXT: 300, QuestionKind.LONG_TEXT: 20_000}


def _require_manager(actor: User, call_or_fund: Call | Fund) -> None:
    fund = call_or_fund.fund if isinstance(call_or_fund, Call) else call_or_fund
    if not permissions.can_manage_fund(actor, fund):
        raise PermissionDenied


def call_has_submissions(call: Call) -> bool:
    return call.applications.filter(submitted_at__isnull=False).exists()


def _require_not_frozen(call: Call) -> None:
    if call_has_submissions(call):
        raise Conflict(
            _(
                "Applications have been submitted to this call: its rules, priorities and "
                "questions no longer change."
            )
        )


def _check_rubric(fund: Fund, rubric: Rubric) -> Any:
    """The rubric's current version, if the fund may use it: the platform's rubrics and
    its own body's."""
    if rubric.organisation_id not in (None, fund.body_id):
        raise ValidationError({"rubric": [_("Choose a platform rubric or one of your own.")]})
    version = version_for_use(rubric)
    if version is None:
        raise ValidationError({"rubric": [_("This rubric has no criteria yet.")]})
    return version


def _check_money(fund: Fund, call: Call) -> None:
    """Under the fund's row lock: the fund's calls together stay within its budget."""
    from incubator.selectors import calls_budget_total

    others = calls_budget_total(fund, exclude=call.pk)
    if others + call.budget > fund.budget:
        raise ValidationError(
            {
                "budget": [
                    _("The fund has %(left)s yuan left for calls (budget %(budget)s yuan).")
                    % {"left": fund.budget - others, "budget": fund.budget}
                ]
            }
        )


def _check_call(call: Call) -> None:
    errors: dict[str, list[str]] = {}
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        errors["closes_at"] = [_("The call must close after it opens.")]
    if call.award_max is not None and call.budget is not None and call.budget < call.award_max:
        errors["budget"] = [_("The call's budget must hold at least its largest award.")]
    if errors:
        raise ValidationError(errors)
    call.full_clean(exclude=["rubric_version", "fund"])


def call_create(
    *,
    actor: User,
    fund: Fund,
    slug: str,
    rubric: Rubric,
    **fields: Any,
) -> Call:
    """Open a call (being prepared until published) in a fund.

    Raises:
        PermissionDenied: the actor does not manage the fund.
        ValidationError: dates, money, the rubric or the address name are wrong.
    """
    _require_manager(actor, fund)
    unknown = set(fields) - set(CALL_FIELDS)
    if unknown:
        raise TypeError(f"unknown call fields: {sorted(unknown)}")
    if Call.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [_("Another call already has this address name.")]})
    with transaction.atomic():
        locked_fund = Fund.objects.select_for_update().get(pk=fund.pk)
        call = Call(
            fund=locked_fund, slug=slug, rubric_version=_check_rubric(fund, rubric),
            created_by=actor, **fields,
        )  # fmt: skip
        _check_call(call)
        _check_money(locked_fund, call)
        call.save()
        audit_record(
            actor=actor, action="fund.call_created", target=call,
            data={"fund": fund.pk, "budget": str(call.budget)},
        )  # fmt: skip
    return call


def call_update(*, actor: User, call: Call, rubric: Rubric | None = None, **fields: Any) -> Call:
    """Change a call. Its dates may move at any time (extended, or closed early); its
    workflow variant only while nobody has applied.

    Raises:
        PermissionDenied: the actor does not manage the call's fund.
        ValidationError: as for call_create; Conflict for a variant change after applications.
    """
    _require_manager(actor, call)
    unknown = set(fields) - set(CALL_FIELDS)
    if unknown:
        raise TypeError(f"unknown call fields: {sorted(unknown)}")
    with transaction.atomic():
        fund = Fund.objects.select_for_update().get(pk=call.fund_id)
        locked = Call.objects.select_for_update().get(pk=call.pk)
        changes = {}
        for name, value in fields.items():
            before = getattr(locked, name)
            if before != value:
                changes[name] = {"from": _jsonable(before), "to": _jsonable(value)}
            setattr(locked, name, value)
        if "variant" in changes and locked.applications.exists():
            raise Conflict(_("People have started applications: the workflow no longer changes."))
        if rubric is not None:
            version = _check_rubric(fund, rubric)
            if version.pk != locked.rubric_version_id:
                changes["rubric_version"] = {"from": locked.rubric_version_id, "to": version.pk}
            locked.rubric_version = version
        _check_call(locked)
        _check_money(fund, locked)
        locked.save()
        audit_record(actor=actor, action="fund.call_updated", target=locked, data=changes)
    for name in (*fields, "rubric_version"):
        setattr(call, name, getattr(locked, name))
    return call


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def call_publish(*, actor: User, call: Call) -> Call:
    """Make a call public. It takes applications between its open and close times."""
    return workflow_move(
        CALL_FLOW, call, "publish", actor=actor, changes={"published_at": timezone.now()}
    )


def call_cancel(*, actor: User, call: Call, reason: str) -> Call:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the call is cancelled.")]})
    return workflow_move(
        CALL_FLOW, call, "cancel", actor=actor, changes={"cancel_reason": reason[:500]}
    )


# --- theme priorities and eligibility rules ----------------------------------------------


def priorities_set(
    *, actor: User, call: Call, priorities: Iterable[tuple[Term, Decimal]]
) -> list[ThemePriority]:
    """Replace the call's theme priorities (theme, bonus in points of the rubric's scale).

    Raises:
        ValidationError: under "priorities": not a theme, named twice, or a bonus off 0–10.
        Conflict: applications have been submitted.
    """
    _require_manager(actor, call)
    rows = list(priorities)
    themes = [term for term, _bonus in rows]
    if any(term.kind != "theme" for term in themes):
        raise ValidationError({"priorities": [_("Only themes can be priorities.")]})
    if len({term.pk for term in themes}) != len(themes):
        raise ValidationError({"priorities": [_("Name each theme once.")]})
    if any(not Decimal("0") <= bonus <= Decimal("10") for _term, bonus in rows):
        raise ValidationError({"priorities": [_("A bonus is from 0 to 10 points.")]})
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)
        _require_not_frozen(call)
        call.priorities.all().delete()
        made = ThemePriority.objects.bulk_create(
            [ThemePriority(call=call, theme=term, bonus=bonus) for term, bonus in rows]
        )
        audit_record(
            actor=actor, action="fund.call_priorities_set", target=call,
            data={"priorities": {term.slug: str(bonus) for term, bonus in rows}},
        )  # fmt: skip
    return made


def rule_add(*, actor: User, call: Call, kind: str, params: Any) -> EligibilityRule:
    """Add an eligibility rule of a registered kind (incubator/eligibility_rules.py).

    Raises:
        ValidationError: under "kind" or "params".
        Conflict: applications have been submitted.
    """
    _require_manager(actor, call)
    cleaned = rule_clean(kind, params or {})
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)
        _require_not_frozen(call)
        if call.rules.count() >= MAX_RULES:
            raise ValidationError(
                {"kind": [_("A call has at most %(count)s rules.") % {"count": MAX_RULES}]}
            )
        position = (call.rules.aggregate(top=Max("position"))["top"] or 0) + 1
        rule = EligibilityRule.objects.create(
            call=call, kind=kind, params=cleaned, position=position
        )
        audit_record(
            actor=actor, action="fund.call_rule_added", target=call,
            data={"rule": rule.pk, "kind": kind, "params": cleaned},
        )  # fmt: skip
    return rule


def rule_remove(*, actor: User, rule: EligibilityRule) -> None:
    call = rule.call
    _require_manager(actor, call)
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)
        _require_not_frozen(call)
        audit_record(
            actor=actor, action="fund.call_rule_removed", target=call,
            data={"kind": rule.kind, "params": rule.params},
        )  # fmt: skip
        rule.delete()


# --- questions ----------------------------------------------------------------------------


def _question_clean(index: int, raw: dict[str, Any]) -> dict[str, Any]:
    def error(message: str) -> ValidationError:
        return ValidationError({f"questions.{index}": [message]})

    label_zh = str(raw.get("label_zh") or "").strip()
    label_en = str(raw.get("label_en") or "").strip()
    if not label_zh and not label_en:
        raise error(_("Write the question."))
    key = slugify(str(raw.get("key") or "").strip() or label_en or f"q{index + 1}")[:40]
    if not key:
        key = f"q{index + 1}"
    kind = raw.get("kind")
    if kind not in QuestionKind.values:
        raise error(_("Choose what kind of answer the question takes."))
    stage = raw.get("stage") or QuestionStage.CONCEPT
    if stage not in QuestionStage.values:
        raise error(_("Choose the stage that asks the question."))
    cleaned: dict[str, Any] = {
        "key": key, "kind": kind, "stage": stage,
        "label_zh": label_zh or label_en, "label_en": label_en,
        "help_zh": str(raw.get("help_zh") or "").strip()[:1000],
        "help_en": str(raw.get("help_en") or "").strip()[:1000],
        "required": bool(raw.get("required", True)),
        "choices": [], "max_length": None, "min_value": None, "max_value": None,
    }  # fmt: skip
    if kind in DEFAULT_MAX_LENGTH:
        limit = raw.get("max_length") or DEFAULT_MAX_LENGTH[kind]
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            raise error(_("The longest answer must be a whole number of characters.")) from None
        if not 1 <= limit <= DEFAULT_MAX_LENGTH[QuestionKind.LONG_TEXT]:
            raise error(_("The longest answer is from 1 to 20000 characters."))
        cleaned["max_length"] = limit
    if kind == QuestionKind.CHOICE:
        choices = raw.get("choices") or []
        if isinstance(choices, str):
            choices = [line for line in choices.splitlines() if line.strip()]
        options = []
        for position, option in enumerate(choices):
            if isinstance(option, str):
                zh, _sep, en = option.partition("|")
                option = {"value": f"c{position + 1}", "zh": zh.strip(), "en": en.strip()}
            if not isinstance(option, dict) or not (option.get("zh") or option.get("en")):
                raise error(_("Every choice needs a label."))
            options.append(
                {
                    "value": slugify(str(option.get("value") or f"c{position + 1}"))[:40]
                    or f"c{position + 1}",
                    "zh": str(option.get("zh") or option.get("en"))[:200],
                    "en": str(option.get("en") or "")[:200],
                }
            )
        if not 2 <= len(options) <= MAX_CHOICES:
            raise error(_("A choice offers from 2 to 30 options."))
        if len({o["value"] for o in options}) != len(options):
            raise error(_("Give every choice a distinct value."))
        cleaned["choices"] = options
    if kind == QuestionKind.NUMBER:
        for bound in ("min_value", "max_value"):
            value = raw.get(bound)
            if value in (None, ""):
                continue
            try:
                cleaned[bound] = Decimal(str(value)).quantize(Decimal("0.01"))
            except ArithmeticError:
                raise error(_("The limits of a number must be numbers.")) from None
        low, high = cleaned["min_value"], cleaned["max_value"]
        if low is not None and high is not None and low > high:
            raise error(_("The smallest number must not be above the largest."))
    return cleaned


def _content_hash(questions: list[dict[str, Any]]) -> str:
    text = json.dumps(questions, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def form_publish(*, actor: User, call: Call, questions: list[dict[str, Any]]) -> CallForm:
    """Make the call's questions a new version of its form (versions never change).

    Drafts keep their answers by question key. Once an application is submitted on the
    current version the form is frozen and this is refused.

    Raises:
        ValidationError: under "questions" or "questions.<n>".
        Conflict: applications have been submitted.
    """
    _require_manager(actor, call)
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(
            {
                "questions": [
                    _("A call asks at most %(count)s questions.") % {"count": MAX_QUESTIONS}
                ]
            }
        )
    cleaned = [_question_clean(index, raw) for index, raw in enumerate(questions)]
    keys = [q["key"] for q in cleaned]
    if len(set(keys)) != len(keys):
        raise ValidationError({"questions": [_("Give every question a distinct key.")]})
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)
        _require_not_frozen(call)
        current = call.forms.order_by("-number").first()
        digest = _content_hash(cleaned)
        if current is not None and current.content_hash == digest:
            return current
        form = CallForm.objects.create(
            call=call, number=(current.number + 1) if current else 1, content_hash=digest,
            created_by=actor,
        )  # fmt: skip
        Question.objects.bulk_create(
            [Question(form=form, position=index, **q) for index, q in enumerate(cleaned)]
        )
        audit_record(
            actor=actor, action="fund.call_form_published", target=call,
            data={"version": form.number, "questions": keys},
        )  # fmt: skip
    return form
