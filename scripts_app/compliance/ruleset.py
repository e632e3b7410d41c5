"""The active rules, compiled once per rule-set version and kept in each process.

Rules change rarely and compiling them takes a moment, so every process keeps the compiled
rules with the token (``ComplianceRuleSet``) it read before loading them. Each check reads
the token again (one small query) and compiles anew when it differs: correct across worker
processes and hosts whatever the cache backend, since the token lives in the database.
Saving or deleting a rule changes the token in the same transaction (signals below, so the
admin, the shell and fixtures all count); a bulk ``QuerySet.update`` sends no signal and must
call :func:`rules_changed` itself, as migration 0007 does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from core.i18n import localized
from scripts_app.compliance.engine import CompiledRules, RuleSpec
from scripts_app.models import ComplianceRule, ComplianceRuleSet


@dataclass(frozen=True, slots=True)
class RuleText:
    """What a hit shows of its rule, in both languages."""

    id: int
    pattern: str
    category: str
    severity: str
    explanation_zh: str
    explanation_en: str
    suggestion_zh: str
    suggestion_en: str

    @property
    def explanation(self) -> str:
        return localized(self.explanation_zh, self.explanation_en)

    @property
    def suggestion(self) -> str:
        return localized(self.suggestion_zh, self.suggestion_en)


@dataclass(frozen=True)
class ActiveRules:
    token: str
    compiled: CompiledRules
    texts: dict[int, RuleText]


_current: ActiveRules | None = None
_SPEC_FIELDS = (
    "id",
    "pattern",
    "kind",
    "language",
    "category",
    "severity",
    "applies_to",
    "scope",
    "is_exception",
)
_TEXT_FIELDS = ("explanation_zh", "explanation_en", "suggestion_zh", "suggestion_en")


def current_token() -> str:
    return ComplianceRuleSet.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def active_rules() -> ActiveRules:
    """The active rules of the current version, compiled (at most once per version)."""
    global _current
    token = current_token()  # read before the rules, so a newer token can only follow
    held = _current
    if held is not None and held.token == token:
        return held
    rows = list(ComplianceRule.objects.filter(is_active=True).values(*_SPEC_FIELDS, *_TEXT_FIELDS))
    held = ActiveRules(
        token=token,
        compiled=CompiledRules(
            RuleSpec(id=row["id"], **{name: row[name] for name in _SPEC_FIELDS[1:]}) for row in rows
        ),
        texts={
            row["id"]: RuleText(
                **{
                    name: row[name]
                    for name in ("id", "pattern", "category", "severity", *_TEXT_FIELDS)
                }
            )
            for row in rows
        },
    )
    _current = held
    return held


def rules_changed() -> str:
    """Give the rule set a new token (call inside the transaction that changed rules)."""
    token = ComplianceRuleSet.new_token()
    if not ComplianceRuleSet.objects.filter(pk=1).update(token=token, changed_at=timezone.now()):
        ComplianceRuleSet.objects.update_or_create(pk=1, defaults={"token": token})
    return token


@receiver(post_save, sender=ComplianceRule, dispatch_uid="compliance_rule_saved")
@receiver(post_delete, sender=ComplianceRule, dispatch_uid="compliance_rule_deleted")
def _rule_changed(**kwargs: Any) -> None:
    rules_changed()
