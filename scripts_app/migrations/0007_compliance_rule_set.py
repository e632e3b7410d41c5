"""Moves the compliance list forward to the full starter rule set, keeping staff edits.

* A starter row (from 0002) that staff never edited takes the new rule of the same pattern
  whole: explanation, fix, example, severity, scope. Whether it was switched off stays.
* A starter row that staff edited keeps their category and explanation; the fields it did
  not have (fix, example, severity, scope) come from the new rule.
* A row staff added keeps everything; it gets its language from its text, the pattern as
  its example, and the defaults (a literal term, caution, script text, every line).
* The old category "vulgar" is "sexual" now.
* Then every starter rule that is missing is added, and the rule-set token is set so that
  running processes compile the rules again.

Reversing leaves the data as it is (0006 reversed drops the new columns).
"""

import re
import uuid

from django.db import migrations

CJK = re.compile(r"[\u3400-\u9fff]")
NEW_FIELDS = (
    "pattern",
    "kind",
    "language",
    "category",
    "severity",
    "applies_to",
    "scope",
    "is_exception",
    "explanation_zh",
    "explanation_en",
    "suggestion_zh",
    "suggestion_en",
    "example",
    "is_active",
)
FILLED_FOR_EDITED = ("kind", "language", "severity", "applies_to", "scope", "suggestion_zh", "suggestion_en", "example")


def forward(apps, schema_editor):
    from scripts_app.compliance.starter import LEGACY_CATEGORY_MOVES, LEGACY_RULES, RULES

    Rule = apps.get_model("scripts_app", "ComplianceRule")
    RuleSet = apps.get_model("scripts_app", "ComplianceRuleSet")
    legacy = {phrase: (category, zh, en) for phrase, category, zh, en in LEGACY_RULES}
    starter = {rule["pattern"]: rule for rule in RULES if rule["applies_to"] in ("body", "both")}

    for row in Rule.objects.all():
        row.category = LEGACY_CATEGORY_MOVES.get(row.category, row.category)
        new = starter.get(row.pattern)
        old = legacy.get(row.pattern)
        untouched = old is not None and (
            LEGACY_CATEGORY_MOVES.get(old[0], old[0]),
            old[1],
            old[2],
        ) == (row.category, row.explanation_zh, row.explanation_en)
        if new is not None and untouched:
            for name in NEW_FIELDS:
                if name != "is_active":
                    setattr(row, name, new[name])
        elif new is not None:
            for name in FILLED_FOR_EDITED:
                setattr(row, name, new[name])
        else:
            row.language = "zh" if CJK.search(row.pattern) else "en"
            row.example = row.example or row.pattern
        row.save()

    existing = set(Rule.objects.values_list("pattern", "applies_to"))
    Rule.objects.bulk_create(
        Rule(**{name: rule[name] for name in NEW_FIELDS})
        for rule in RULES
        if (rule["pattern"], rule["applies_to"]) not in existing
    )
    RuleSet.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("scripts_app", "0006_compliance_rules_v2")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
