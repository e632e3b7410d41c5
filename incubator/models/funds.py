"""Funds: a fund body's pots of money, with the people who run them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.i18n import Bilingual
from core.memberships import AbstractMembership
from core.text import validate_single_line

# Yuan, to the fen. Twelve digits before the point hold any budget a fund will have.
MONEY = {"max_digits": 14, "decimal_places": 2}


class Fund(models.Model):
    """A fund of a fund body (精品微短剧扶持基金), with its budget in yuan. Its managers are
    the body's admins and the body's members given the fund-manager role here."""

    body = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="funds", verbose_name=_("fund body")
    )
    slug = models.SlugField(_("address name"), max_length=64, unique=True)
    name = Bilingual(
        models.CharField, _("name (Chinese)"), _("name (English)"),
        max_length=120, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    description = Bilingual(
        models.TextField, _("description (Chinese, markdown)"),
        _("description (English, markdown)"), max_length=20_000, blank=True,
    )  # fmt: skip
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    budget = models.DecimalField(
        _("budget (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["body", "slug"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="incubator_fund_budget_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


class FundRole(models.TextChoices):
    MANAGER = "manager", _("Fund manager")


class FundMember(AbstractMembership):
    """A member of the fund body who manages this fund. The body's admins manage every
    fund of the body without a row here; a row counts only while its holder is still a
    member of the body (permissions.py checks both)."""

    container_field = "fund"
    already_member = _("This person already manages the fund.")

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="members", verbose_name=_("fund")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fund_memberships",
        verbose_name=_("person"),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=16, choices=FundRole.choices)

    class Meta:
        ordering = ["role", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "user"], name="incubator_fundmember_once")
        ]
