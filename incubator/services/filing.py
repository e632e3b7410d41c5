"""The filing tier of an application or of given figures, the flags it reads, and the
filing or licence number the applicants record (audited)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.services.audit import audit_record
from incubator.filing import numbers, permissions
from incubator.filing.tiers import SPECIAL_SUBJECTS, RuleSpec, TierResult, classify, rule_in_force
from incubator.models import (
    FUND_TIME_ZONE,
    Application,
    ApplicationFiling,
    ApplicationStatus,
    FilingRuleSet,
)
from incubator.permissions import application_role
from incubator.selectors import budget_lines, budget_total

BEIJING = ZoneInfo(FUND_TIME_ZONE)


@dataclass(frozen=True, slots=True)
class Tier:
    """A tier with the rule set that gave it (for the reviewing body and what to prepare)."""

    result: TierResult
    rule_set: FilingRuleSet
    budget: Decimal
    on: date

    @property
    def tier(self) -> str:
        return self.result.tier

    @property
    def body(self) -> str:
        return getattr(self.rule_set, f"{self.tier}_body")

    @property
    def prepare(self) -> str:
        return getattr(self.rule_set, f"{self.tier}_prepare")

    def prepare_in(self, language: str) -> str:
        return getattr(self.rule_set, f"{self.tier}_prepare_{language}")


def spec_of(rule_set: FilingRuleSet) -> RuleSpec:
    return RuleSpec(
        effective_from=rule_set.effective_from,
        key_min=rule_set.key_min,
        ordinary_min=rule_set.ordinary_min,
        special_subjects=frozenset(rule_set.special_subjects or ()),
        special_makes_key=rule_set.special_makes_key,
        placement_makes_key=rule_set.placement_makes_key,
        pk=rule_set.pk,
    )


def today_in_beijing() -> date:
    return timezone.now().astimezone(BEIJING).date()


def tier_for(
    *,
    budget: Decimal,
    special_subjects: Sequence[str] = (),
    placement: bool = False,
    voluntary_key: bool = False,
    on: date | None = None,
) -> Tier:
    """The tier of a series with this production budget and these flags on a date (today
    in Beijing by default), under the rule set in force then.

    Raises:
        ValidationError: under "on" when no rule set was in force on that date, under
            "special_subjects" for a subject the platform does not know.
    """
    on = on or today_in_beijing()
    unknown = sorted(set(special_subjects) - set(SPECIAL_SUBJECTS))
    if unknown:
        raise ValidationError(
            {"special_subjects": [_("Unknown special subject: %(s)s") % {"s": ", ".join(unknown)}]}
        )
    sets = list(FilingRuleSet.objects.all())
    specs = {spec.pk: spec for spec in map(spec_of, sets)}
    spec = rule_in_force(specs.values(), on)
    if spec is None:
        raise ValidationError({"on": [_("No filing rules were in force on that date.")]})
    result = classify(
        spec, budget=budget, special_subjects=special_subjects, placement=placement,
        voluntary_key=voluntary_key,
    )  # fmt: skip
    rule_set = next(rule_set for rule_set in sets if rule_set.pk == spec.pk)
    return Tier(result=result, rule_set=rule_set, budget=budget, on=on)


def filing_of(application: Application) -> ApplicationFiling:
    """The application's filing record (unsaved and empty when there is none yet)."""
    existing = ApplicationFiling.objects.filter(application=application).first()
    return existing or ApplicationFiling(application=application)


def application_budget(application: Application) -> Decimal:
    return budget_total(budget_lines(application))


def application_tier(
    application: Application, *, budget: Decimal | None = None, on: date | None = None
) -> Tier:
    """The application's tier: its budget total (or a given figure) and its flags."""
    filing = filing_of(application)
    return tier_for(
        budget=application_budget(application) if budget is None else budget,
        special_subjects=filing.special_subjects, placement=filing.placement,
        voluntary_key=filing.voluntary_key, on=on,
    )  # fmt: skip


def _require_recorder(actor: User, application: Application) -> None:
    if not permissions.can_record_filing(application_role(actor, application)):
        raise PermissionDenied


def _locked_filing(application: Application) -> ApplicationFiling:
    Application.objects.select_for_update().filter(pk=application.pk).first()
    filing, _created = ApplicationFiling.objects.get_or_create(application=application)
    return filing


def filing_flags_save(
    *,
    actor: User,
    application: Application,
    special_subjects: Sequence[str],
    placement: bool,
    voluntary_key: bool,
) -> ApplicationFiling:
    """Save the flags the tier reads besides the budget (audited).

    Raises:
        PermissionDenied: the actor is not one of the applicants.
        ValidationError: under "special_subjects" for an unknown subject.
    """
    _require_recorder(actor, application)
    unknown = sorted(set(special_subjects) - set(SPECIAL_SUBJECTS))
    if unknown:
        raise ValidationError(
            {"special_subjects": [_("Unknown special subject: %(s)s") % {"s": ", ".join(unknown)}]}
        )
    subjects = [slug for slug in SPECIAL_SUBJECTS if slug in set(special_subjects)]
    with transaction.atomic():
        filing = _locked_filing(application)
        filing.special_subjects = subjects
        filing.placement = placement
        filing.voluntary_key = voluntary_key
        filing.save(update_fields=["special_subjects", "placement", "voluntary_key", "updated_at"])
        audit_record(
            actor=actor, action="fund.filing.flags_saved", target=application,
            data={"special_subjects": subjects, "placement": placement,
                  "voluntary_key": voluntary_key},
        )  # fmt: skip
    return filing


def filing_number_record(
    *, actor: User, application: Application, number: str, obtained_on: date | None = None
) -> ApplicationFiling:
    """Record the filing (网微剧备字) or licence (网微剧审字) number the applicants obtained,
    normalised; its kind is read from the number. An empty number clears it. Audited with
    the number it replaces.

    Raises:
        PermissionDenied: the actor is not one of the applicants.
        ValidationError: under "number" when it does not read as either kind, under
            "obtained_on" for a date in the future.
        Conflict: the application was withdrawn.
    """
    _require_recorder(actor, application)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise Conflict(_("This application was withdrawn."))
    parsed = numbers.parse(number) if number.strip() else None
    if number.strip() and parsed is None:
        raise ValidationError(
            {"number": [_("Write the number as it was issued, e.g. 网微剧备字（2025）第0123号 or "
                          "（浙）网微剧审字（2025）第012号.")]}
        )  # fmt: skip
    if obtained_on is not None and obtained_on > today_in_beijing():
        raise ValidationError({"obtained_on": [_("This date is in the future.")]})
    with transaction.atomic():
        filing = _locked_filing(application)
        previous = filing.number
        filing.number = parsed["number"] if parsed else ""
        filing.number_kind = parsed["kind"] if parsed else ""
        filing.number_obtained_on = obtained_on if parsed else None
        filing.number_recorded_by = actor
        filing.number_recorded_at = timezone.now()
        filing.save(
            update_fields=["number", "number_kind", "number_obtained_on", "number_recorded_by",
                           "number_recorded_at", "updated_at"]
        )  # fmt: skip
        audit_record(
            actor=actor, action="fund.filing.number_recorded", target=application,
            data={"number": filing.number, "kind": filing.number_kind, "previous": previous,
                  "obtained_on": obtained_on.isoformat() if obtained_on and parsed else None},
        )  # fmt: skip
    return filing
