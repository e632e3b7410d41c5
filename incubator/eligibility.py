"""Eligibility rules as data: a registry of rule kinds, and the check of a call's rules.

A call stores its rules as rows (`EligibilityRule`: a kind and its parameters); the kinds
live here, like courses' completion rules::

    register_rule_kind(RuleKind(
        key="min_episodes_written",
        label=_("At least N episodes written"),
        clean=lambda params: {"episodes": bounded_int(params, "episodes", 1, 300)},
        describe=lambda p: _("The series has at least %(n)s episodes written.") % {"n": ...},
        check=lambda context, p: Verdict(met=..., reason=...),
    ))

Each kind answers met, not met, or not yet known (a rule that needs something the person
has not given yet: a series to check, the year of birth the application asks for), with a
reason in the reader's language: the check runs when a page or an API answer is built.
Applicants see every rule's answer before they start; submission is refused while a rule
is not met (screening, by a manager, confirms what can only be declared).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A call holds at most this many rules (each costs a query or two when checked).
MAX_RULES = 20


@dataclass(frozen=True, slots=True)
class Verdict:
    """`met`: True, False, or None when it cannot be known yet (with what is missing)."""

    met: bool | None
    reason: str


@dataclass(slots=True)
class Context:
    """What a rule is checked against. `series` and `application` may be missing (a
    visitor reading the call before choosing a series); `memo` lets rules share lookups."""

    call: Any
    user: Any
    series: Any = None
    application: Any = None
    memo: dict[str, Any] = field(default_factory=dict)

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


@dataclass(frozen=True, slots=True)
class RuleKind:
    key: str
    label: Any  # a lazy string: the kind's name in menus
    clean: Callable[[dict[str, Any]], dict[str, Any]]  # raises ValidationError
    describe: Callable[[dict[str, Any]], str]  # the rule as a sentence, in the reader's language
    check: Callable[[Context, dict[str, Any]], Verdict]
    needs_series: bool = True
    # The parameters a manager fills in, for forms and the API: (name, kind of value).
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule_id: int | None
    kind: str
    description: str
    met: bool | None
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "kind": self.kind,
            "description": self.description,
            "met": self.met,
            "reason": self.reason,
        }


_kinds: dict[str, RuleKind] = {}


def register_rule_kind(kind: RuleKind) -> None:
    """Add a kind (once; registering the same key again replaces it)."""
    _kinds[kind.key] = kind


def rule_kinds() -> list[RuleKind]:
    return list(_kinds.values())


def get_rule_kind(key: str) -> RuleKind | None:
    return _kinds.get(key)


def rule_clean(kind_key: str, params: Any) -> dict[str, Any]:
    """The parameters of a rule of `kind_key`, checked and normalised.

    Raises:
        ValidationError: under "kind" for an unknown kind, "params" for bad parameters.
    """
    kind = get_rule_kind(kind_key)
    if kind is None:
        raise ValidationError({"kind": [_("There is no such rule.")]})
    if not isinstance(params, dict):
        raise ValidationError({"params": [_("Give the rule's settings as an object.")]})
    return kind.clean(params)


def describe_rule(kind_key: str, params: dict[str, Any]) -> str:
    kind = get_rule_kind(kind_key)
    if kind is None:
        return _("A rule this site no longer knows (it counts as not met).")
    try:
        return kind.describe(params)
    except (KeyError, TypeError, ValueError):
        return str(kind.label)


def eligibility_check(
    call: Any, user: Any, *, series: Any = None, application: Any = None, rules: Any = None
) -> list[RuleResult]:
    """Every rule of the call checked for this person (and series, and application).

    A rule whose kind is unknown (removed from the code) is not met, so nobody slips
    through a rule that can no longer be checked. `rules` may be passed when the caller
    already loaded them.
    """
    rows = list(call.rules.all()) if rules is None else list(rules)
    context = Context(call=call, user=user, series=series, application=application)
    results = []
    for rule in rows:
        kind = get_rule_kind(rule.kind)
        description = describe_rule(rule.kind, rule.params)
        if kind is None:
            verdict = Verdict(False, _("This rule cannot be checked any more."))
        elif kind.needs_series and series is None:
            verdict = Verdict(None, _("Choose a series to check this rule."))
        else:
            verdict = kind.check(context, rule.params)
        results.append(RuleResult(rule.pk, rule.kind, description, verdict.met, verdict.reason))
    return results


def rules_described(call: Any) -> list[RuleResult]:
    """The call's rules as sentences, unchecked (for visitors who are not signed in)."""
    return [
        RuleResult(rule.pk, rule.kind, describe_rule(rule.kind, rule.params), None, "")
        for rule in call.rules.all()
    ]


# --- parameter helpers for rule kinds -----------------------------------------------------


def bounded_int(params: dict[str, Any], name: str, low: int, high: int) -> int:
    value = params.get(name)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(
            {"params": [_("“%(name)s” must be a whole number.") % {"name": name}]}
        )
    try:
        number = int(value)
    except ValueError:
        raise ValidationError(
            {"params": [_("“%(name)s” must be a whole number.") % {"name": name}]}
        ) from None
    if not low <= number <= high:
        raise ValidationError(
            {
                "params": [
                    _("“%(name)s” must be from %(low)s to %(high)s.")
                    % {"name": name, "low": low, "high": high}
                ]
            }
        )
    return number


def bounded_decimal(params: dict[str, Any], name: str, low: Decimal, high: Decimal) -> str:
    value = params.get(name)
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {"params": [_("“%(name)s” must be a number.") % {"name": name}]}
        ) from None
    if not low <= number <= high:
        raise ValidationError(
            {
                "params": [
                    _("“%(name)s” must be from %(low)s to %(high)s.")
                    % {"name": name, "low": low, "high": high}
                ]
            }
        )
    return str(number)


def choice_list(params: dict[str, Any], name: str, allowed: set[str]) -> list[str]:
    values = params.get(name)
    if isinstance(values, str):
        values = [v.strip() for v in values.replace("，", ",").split(",") if v.strip()]
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise ValidationError(
            {"params": [_("Choose at least one for “%(name)s”.") % {"name": name}]}
        )
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValidationError(
            {"params": [_("Not known here: %(values)s.") % {"values": ", ".join(unknown)}]}
        )
    return sorted(set(values))
