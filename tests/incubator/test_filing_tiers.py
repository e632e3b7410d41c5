"""The NRTA filing tier: the pure classifier at every boundary, the rule set chosen by
date, and the seeded rule sets read through the service."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from incubator.filing.tiers import (
    KEY,
    ORDINARY,
    OTHER,
    SPECIAL_SUBJECTS,
    RuleSpec,
    classify,
    rule_in_force,
)
from incubator.models import FilingRuleSet
from incubator.services.filing import tier_for

RULES_2024 = RuleSpec(
    effective_from=date(2024, 6, 1), key_min=Decimal("1000000"), ordinary_min=Decimal("300000"),
    special_subjects=frozenset(SPECIAL_SUBJECTS), placement_makes_key=True,
)  # fmt: skip
RULES_2026 = RuleSpec(
    effective_from=date(2026, 1, 1), key_min=Decimal("3000000"), ordinary_min=Decimal("1000000"),
    special_subjects=frozenset(SPECIAL_SUBJECTS),
)  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "budget", "tier"),
    [
        (RULES_2024, "0.00", OTHER),
        (RULES_2024, "299999.99", OTHER),
        (RULES_2024, "300000.00", ORDINARY),
        (RULES_2024, "999999.99", ORDINARY),
        (RULES_2024, "1000000.00", KEY),
        (RULES_2024, "3000000.00", KEY),
        (RULES_2026, "300000.00", OTHER),
        (RULES_2026, "999999.99", OTHER),
        (RULES_2026, "1000000.00", ORDINARY),
        (RULES_2026, "2999999.99", ORDINARY),
        (RULES_2026, "3000000.00", KEY),
    ],
)
def test_the_budget_decides_the_tier_at_each_boundary(rule, budget, tier):
    result = classify(rule, budget=Decimal(budget))
    assert result.tier == tier
    assert result.reasons == ("budget",)


def test_a_special_subject_makes_a_low_budget_series_key_and_says_which():
    result = classify(RULES_2026, budget=Decimal("50000"), special_subjects=["judicial", "ethnic"])
    assert result.tier == KEY
    assert result.reasons == ("special_subject:ethnic", "special_subject:judicial")


def test_a_subject_the_rule_does_not_name_or_a_switched_off_rule_changes_nothing():
    narrow = RuleSpec(**{**_fields(RULES_2026), "special_subjects": frozenset({"military"})})
    assert classify(narrow, budget=Decimal("50000"), special_subjects=["judicial"]).tier == OTHER
    off = RuleSpec(**{**_fields(RULES_2026), "special_makes_key": False})
    assert classify(off, budget=Decimal("50000"), special_subjects=["military"]).tier == OTHER


def test_placement_counts_only_where_the_rule_says_so_and_voluntary_key_always():
    assert classify(RULES_2024, budget=Decimal("1"), placement=True).tier == KEY
    assert classify(RULES_2026, budget=Decimal("1"), placement=True).tier == OTHER
    assert classify(RULES_2026, budget=Decimal("1"), voluntary_key=True).reasons == ("voluntary",)


def test_the_budget_must_be_a_decimal():
    with pytest.raises(TypeError):
        classify(RULES_2026, budget=1_000_000.0)  # type: ignore[arg-type]


def test_the_rule_in_force_is_the_latest_that_took_effect_by_that_day():
    rules = [RULES_2026, RULES_2024]
    assert rule_in_force(rules, date(2024, 5, 31)) is None
    assert rule_in_force(rules, date(2024, 6, 1)) is RULES_2024
    assert rule_in_force(rules, date(2025, 12, 31)) is RULES_2024
    assert rule_in_force(rules, date(2026, 1, 1)) is RULES_2026


def _fields(rule: RuleSpec) -> dict:
    return {name: getattr(rule, name) for name in rule.__slots__}


# --- the seeded rule sets, through the service ---------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("budget", "on", "tier", "body"),
    [
        ("300000.00", date(2025, 12, 31), ORDINARY, "provincial"),
        ("300000.00", date(2026, 1, 1), OTHER, "platform"),
        ("299999.99", date(2024, 6, 1), OTHER, "platform"),
        ("999999.99", date(2025, 12, 31), ORDINARY, "provincial"),
        ("999999.99", date(2026, 1, 1), OTHER, "platform"),
        ("1000000.00", date(2025, 12, 31), KEY, "nrta"),
        ("1000000.00", date(2026, 1, 1), ORDINARY, "provincial"),
        ("3000000.00", date(2025, 12, 31), KEY, "nrta"),
        ("3000000.00", date(2026, 1, 1), KEY, "nrta"),
        ("2999999.99", date(2026, 1, 1), ORDINARY, "provincial"),
    ],
)
def test_the_seeded_rules_choose_by_date(budget, on, tier, body):
    result = tier_for(budget=Decimal(budget), on=on)
    assert (result.tier, result.body) == (tier, body)
    assert result.rule_set.effective_from == (
        date(2026, 1, 1) if on >= date(2026, 1, 1) else date(2024, 6, 1)
    )
    assert result.prepare_in("zh") and result.prepare_in("en")


@pytest.mark.django_db
def test_the_2026_rules_are_marked_as_from_secondary_sources_and_take_any_special_subject():
    new = tier_for(
        budget=Decimal("1000"), special_subjects=["public_security"], on=date(2026, 3, 1)
    )
    assert new.tier == KEY
    assert new.rule_set.secondary_source is True
    assert sorted(new.rule_set.special_subjects) == sorted(SPECIAL_SUBJECTS)
    assert tier_for(budget=Decimal("1000"), on=date(2025, 3, 1)).rule_set.secondary_source is False


@pytest.mark.django_db
def test_staff_adding_a_rule_set_changes_the_tier_from_its_date_only():
    FilingRuleSet.objects.create(
        effective_from=date(2027, 7, 1), key_min=Decimal("5000000"), ordinary_min=Decimal("2000000"),
        key_body="nrta", ordinary_body="provincial", other_body="platform",
    )  # fmt: skip
    assert tier_for(budget=Decimal("4000000"), on=date(2027, 6, 30)).tier == KEY
    assert tier_for(budget=Decimal("4000000"), on=date(2027, 7, 1)).tier == ORDINARY


@pytest.mark.django_db
def test_no_rules_before_june_2024_and_unknown_subjects_are_refused():
    with pytest.raises(ValidationError) as before:
        tier_for(budget=Decimal("1"), on=date(2024, 5, 31))
    assert "on" in before.value.message_dict
    with pytest.raises(ValidationError) as unknown:
        tier_for(budget=Decimal("1"), special_subjects=["sports"], on=date(2026, 1, 1))
    assert "special_subjects" in unknown.value.message_dict
