"""The filing tier under classified and layered review (分类分层审核), as a pure function
of a rule set, the production budget and the series' flags.

A rule set is dated data (``incubator.models.FilingRuleSet``, edited by staff in the
admin); the one in force on a date is the latest whose ``effective_from`` is not after it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

KEY = "key"  # 重点
ORDINARY = "ordinary"  # 普通
OTHER = "other"  # 其他
TIERS = (KEY, ORDINARY, OTHER)
TIER_NAMES = {KEY: ("重点", "key"), ORDINARY: ("普通", "ordinary"), OTHER: ("其他", "other")}

# The special subjects (特殊题材) that the rules name, by slug: (Chinese, English).
SPECIAL_SUBJECTS = {
    "politics": ("政治", "politics"),
    "military": ("军事", "military"),
    "diplomacy": ("外交", "diplomacy"),
    "national_security": ("国家安全", "national security"),
    "united_front": ("统战", "united front"),
    "ethnic": ("民族", "ethnic affairs"),
    "religious": ("宗教", "religion"),
    "judicial": ("司法", "judicial"),
    "public_security": ("公安", "public security"),
}


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """The figures and switches of one rule set (thresholds in yuan, inclusive lower bounds)."""

    effective_from: date
    key_min: Decimal  # at or above: key
    ordinary_min: Decimal  # at or above (and below key_min): ordinary; below: other
    special_subjects: frozenset[str]
    special_makes_key: bool = True
    placement_makes_key: bool = False
    pk: int | None = None


@dataclass(frozen=True, slots=True)
class TierResult:
    tier: str
    reasons: tuple[str, ...]  # "budget", "special_subject:<slug>", "placement", "voluntary"
    rule: RuleSpec


def rule_in_force(rules: Iterable[RuleSpec], on: date) -> RuleSpec | None:
    """The rule set in force on ``on``: the latest that took effect on or before it."""
    in_force = [rule for rule in rules if rule.effective_from <= on]
    return max(in_force, key=lambda rule: rule.effective_from, default=None)


def classify(
    rule: RuleSpec,
    *,
    budget: Decimal,
    special_subjects: Sequence[str] = (),
    placement: bool = False,
    voluntary_key: bool = False,
) -> TierResult:
    """The tier of a series with this production budget and these flags under ``rule``.

    Key when the budget reaches ``key_min``, or (if the rule says so) a special subject it
    names or a featured placement, or when the applicant files as key of their own accord;
    ordinary when the budget reaches ``ordinary_min``; other below it.
    """
    if not isinstance(budget, Decimal):
        raise TypeError("budget must be a Decimal")
    reasons: list[str] = []
    if budget >= rule.key_min:
        reasons.append("budget")
    if rule.special_makes_key:
        reasons += [
            f"special_subject:{slug}"
            for slug in sorted(set(special_subjects))
            if slug in rule.special_subjects
        ]
    if rule.placement_makes_key and placement:
        reasons.append("placement")
    if voluntary_key:
        reasons.append("voluntary")
    if reasons:
        return TierResult(KEY, tuple(reasons), rule)
    if budget >= rule.ordinary_min:
        return TierResult(ORDINARY, ("budget",), rule)
    return TierResult(OTHER, ("budget",), rule)
