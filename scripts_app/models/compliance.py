from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual


class ComplianceCategory(models.TextChoices):
    VULGAR = "vulgar", _("Vulgar or borderline content")
    INDUCEMENT = "inducement", _("Inducement to pay")
    VIOLENCE = "violence", _("Glorified violence")
    SUPERSTITION = "superstition", _("Superstition or pseudo-science")
    MISINFORMATION = "misinformation", _("Health or legal misinformation")
    OTHER = "other", _("Other")


class ComplianceRule(models.Model):
    """A phrase the regulator's guidance asks writers to reconsider. Advisory only."""

    phrase = models.CharField(_("phrase"), max_length=100)
    category = models.CharField(_("category"), max_length=16, choices=ComplianceCategory.choices)
    explanation = Bilingual(
        models.CharField,
        _("explanation (Chinese)"),
        _("explanation (English)"),
        max_length=300,
        blank="en",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["category", "phrase"]
        constraints = [models.UniqueConstraint(fields=["phrase"], name="compliance_unique_phrase")]
        verbose_name = _("compliance rule")
        verbose_name_plural = _("compliance rules")

    def __str__(self) -> str:
        return self.phrase
