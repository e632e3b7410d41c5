"""The compliance pre-check: phrases from the staff-managed list, found line by line.

It advises and never blocks: writers see what to reconsider, with line numbers.
"""

import re
from dataclasses import dataclass

from scripts_app.models import ComplianceRule


@dataclass(slots=True)
class Finding:
    line: int
    column: int
    phrase: str
    category: str
    category_label: str
    explanation: str
    excerpt: str


def compliance_check(text: str) -> list[Finding]:
    rules = {rule.phrase.lower(): rule for rule in ComplianceRule.objects.filter(is_active=True)}
    if not rules:
        return []
    # One alternation, longest phrases first, so "点击充值" wins over "充值".
    pattern = re.compile(
        "|".join(re.escape(p) for p in sorted(rules, key=len, reverse=True)), re.IGNORECASE
    )
    findings = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in pattern.finditer(line):
            rule = rules[match.group(0).lower()]
            findings.append(
                Finding(
                    line=number,
                    column=match.start() + 1,
                    phrase=rule.phrase,
                    category=rule.category,
                    category_label=str(rule.get_category_display()),
                    explanation=rule.explanation,
                    excerpt=line.strip()[:120],
                )
            )
    return findings
