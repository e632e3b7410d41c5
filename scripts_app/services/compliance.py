"""Staff changes to the compliance rules: validated, saved and audited in one transaction.

Saving or deleting a rule also gives the rule set a new token (a signal on the model,
``scripts_app.compliance.ruleset``), so every process compiles the rules again.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User
from core.services.audit import audit_record
from scripts_app.models import ComplianceRule
from scripts_app.permissions import can_manage_compliance_rules

# Only short values go into the audit row; explanations are cut.
_AUDIT_CHARS = 200


def _short(value: Any) -> Any:
    return value[:_AUDIT_CHARS] if isinstance(value, str) else value


@transaction.atomic
def compliance_rule_save(
    *, actor: User, rule: ComplianceRule, previous: dict[str, Any] | None = None
) -> ComplianceRule:
    """Create or change a rule.

    Args:
        actor: platform staff.
        rule: the rule with its new values (unsaved changes).
        previous: the values before the change, by field name, for the audit row (the
            admin passes its form's initial values); fields not given are not recorded.

    Raises:
        PermissionDenied: the actor is not staff.
        ValidationError: the pattern cannot be compiled, does not find its example, a fix is
            missing, or the pattern already exists for the same place.
    """
    if not can_manage_compliance_rules(actor):
        raise PermissionDenied
    created = rule.pk is None
    rule.full_clean()
    rule.save()
    changes = {
        name: [_short(old), _short(getattr(rule, name))]
        for name, old in (previous or {}).items()
        if old != getattr(rule, name)
    }
    audit_record(
        actor=actor,
        action="compliance.rule_created" if created else "compliance.rule_changed",
        target=rule,
        data={"pattern": rule.pattern, "category": rule.category, "changes": changes},
    )
    return rule


@transaction.atomic
def compliance_rules_delete(*, actor: User, rules: Iterable[ComplianceRule]) -> int:
    """Delete rules, one audit row each. Raises PermissionDenied for anyone but staff."""
    if not can_manage_compliance_rules(actor):
        raise PermissionDenied
    count = 0
    for rule in rules:
        audit_record(
            actor=actor,
            action="compliance.rule_deleted",
            target=rule,
            data={"pattern": rule.pattern, "category": rule.category},
        )
        rule.delete()
        count += 1
    return count
