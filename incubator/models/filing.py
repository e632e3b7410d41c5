"""The NRTA filing tier's rules (dated data staff keep current in the admin) and an
application's filing record: the flags the tier reads and the number once obtained."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from incubator.models.applications import Application
from incubator.models.funds import MONEY


class ReviewBody(models.TextChoices):
    NRTA = "nrta", _("NRTA (National Radio and Television Administration)")
    PROVINCIAL = "provincial", _("Provincial radio and television bureau")
    PLATFORM = "platform", _("The broadcasting platform")


class FilingRuleSet(models.Model):
    """The tier thresholds in force from a date. The latest set whose `effective_from` is
    not after a date decides that date; sets are added, not rewritten, when rules change."""

    effective_from = models.DateField(_("in force from"), unique=True)
    key_min = models.DecimalField(
        _("key tier from (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    ordinary_min = models.DecimalField(
        _("ordinary tier from (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    special_subjects = models.JSONField(_("special subjects"), default=list, blank=True)
    special_makes_key = models.BooleanField(_("a special subject makes a series key"), default=True)
    placement_makes_key = models.BooleanField(
        _("a featured placement makes a series key"), default=False
    )
    key_body = models.CharField(
        _("key tier reviewed by"), max_length=12, choices=ReviewBody.choices
    )
    ordinary_body = models.CharField(
        _("ordinary tier reviewed by"), max_length=12, choices=ReviewBody.choices
    )
    other_body = models.CharField(
        _("other tier reviewed by"), max_length=12, choices=ReviewBody.choices
    )
    key_prepare = Bilingual(
        models.TextField, _("key tier: what to prepare (Chinese)"),
        _("key tier: what to prepare (English)"), max_length=4000, blank=True,
    )  # fmt: skip
    ordinary_prepare = Bilingual(
        models.TextField, _("ordinary tier: what to prepare (Chinese)"),
        _("ordinary tier: what to prepare (English)"), max_length=4000, blank=True,
    )  # fmt: skip
    other_prepare = Bilingual(
        models.TextField, _("other tier: what to prepare (Chinese)"),
        _("other tier: what to prepare (English)"), max_length=4000, blank=True,
    )  # fmt: skip
    source = Bilingual(
        models.TextField, _("source (Chinese)"), _("source (English)"),
        max_length=2000, blank=True,
    )  # fmt: skip
    secondary_source = models.BooleanField(
        _("figures from secondary sources"),
        default=False,
        help_text=_("Shown to applicants: the figures are not from the official text."),
    )
    key_prepare_zh: str
    key_prepare_en: str
    ordinary_prepare_zh: str
    ordinary_prepare_en: str
    other_prepare_zh: str
    other_prepare_en: str
    source_zh: str
    source_en: str

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("filing rule set")
        verbose_name_plural = _("filing rule sets")
        constraints = [
            models.CheckConstraint(
                condition=Q(key_min__gte=models.F("ordinary_min")),
                name="incubator_filing_key_above_ordinary",
            )
        ]

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.ordinary_min} / {self.key_min}"


class NumberKind(models.TextChoices):
    FILING = "filing", _("Filing number (网微剧备字)")
    LICENCE = "licence", _("Licence number (网微剧审字)")


class ApplicationFiling(models.Model):
    """What the tier reads besides the budget, and the filing or licence number once the
    applicants obtain it (it goes into the opening credits; a milestone can require it)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="filing")
    special_subjects = models.JSONField(_("special subjects"), default=list, blank=True)
    placement = models.BooleanField(
        _("featured placement (a platform's main promotion or first screen)"), default=False
    )
    voluntary_key = models.BooleanField(_("filed as key of our own accord"), default=False)
    number_kind = models.CharField(
        _("kind of number"), max_length=8, choices=NumberKind.choices, blank=True
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    number_obtained_on = models.DateField(_("obtained on"), null=True, blank=True)
    number_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    number_recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("filing record")
        verbose_name_plural = _("filing records")

    def __str__(self) -> str:
        return self.number or str(self.application_id)
