"""Calls (rounds) of a fund: when they are open, what they award, what they favour, who
may apply, and the questions they ask."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from core.text import validate_single_line
from incubator.models.funds import MONEY, Fund
from taxonomy.models import Term

# Calls are announced, opened and closed in Beijing time whatever the server's zone.
FUND_TIME_ZONE = "Asia/Shanghai"


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class CallPhase(models.TextChoices):
    """Where a published call stands on the clock (the server's: never the browser's)."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class WorkflowVariant(models.TextChoices):
    SINGLE = "single", _("Single stage: full application")
    CONCEPT = "concept", _("Two stages: concept note, then an invited full proposal")


class Call(models.Model):
    """A round of a fund. Times are stored in UTC and shown in Beijing time; whether it
    is open is decided by the server's clock at the moment of each request."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="calls")
    slug = models.SlugField(_("address name"), max_length=64, unique=True)
    title = Bilingual(
        models.CharField, _("title (Chinese)"), _("title (English)"),
        max_length=160, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    guidance = Bilingual(
        models.TextField, _("guidance (Chinese, markdown)"), _("guidance (English, markdown)"),
        max_length=40_000, blank=True,
    )  # fmt: skip
    title_zh: str
    title_en: str
    guidance_zh: str
    guidance_en: str
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    awards_count = models.PositiveSmallIntegerField(
        _("number of awards"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    award_max = models.DecimalField(
        _("largest award (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    budget = models.DecimalField(
        _("call budget (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    rubric_version = models.ForeignKey(
        "reviews.RubricVersion", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("rubric"),
    )  # fmt: skip
    variant = models.CharField(
        _("workflow"), max_length=10, choices=WorkflowVariant.choices,
        default=WorkflowVariant.SINGLE,
    )  # fmt: skip
    # Hides applicants' identities from panel reviewers on every channel (as Hypha's
    # HIDE_IDENTITY_FROM_REVIEWERS); read by the panel stage.
    anonymous = models.BooleanField(_("hide applicants from reviewers"), default=False)
    panel_size = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        indexes = [models.Index(fields=["status", "closes_at"], name="incubator_call_listing")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="incubator_call_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(award_max__gt=0) & models.Q(budget__gte=models.F("award_max")),
                name="incubator_call_budget_holds_an_award",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fund:call_detail", args=[self.slug])

    def phase(self, now: datetime | None = None) -> str:
        """Upcoming, open or closed by the server's clock (for a published call)."""
        now = now or timezone.now()
        if now < self.opens_at:
            return CallPhase.UPCOMING
        if now < self.closes_at:
            return CallPhase.OPEN
        return CallPhase.CLOSED

    def is_open(self, now: datetime | None = None) -> bool:
        return self.status == CallStatus.PUBLISHED and self.phase(now) == CallPhase.OPEN


class ThemePriority(models.Model):
    """A theme the call favours, with the bonus the ranking adds (in points of the
    rubric's scale) to applications whose series carries it. Shown to applicants."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="priorities")
    theme = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", limit_choices_to={"kind": "theme"},
        verbose_name=_("theme"),
    )  # fmt: skip
    bonus = models.DecimalField(
        _("bonus"), max_digits=4, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
    )  # fmt: skip

    class Meta:
        ordering = ["-bonus", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "theme"], name="incubator_priority_once")
        ]

    def __str__(self) -> str:
        return f"{self.theme} +{self.bonus}"


class EligibilityRule(models.Model):
    """One rule of who may apply, as data: a kind from the registry in
    `incubator/eligibility.py` and its parameters (validated by the kind)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("rule"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.params}"


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text (markdown)")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("Choice")
    FILE = "file", _("File")


class QuestionStage(models.TextChoices):
    """In a two-stage call, which stage asks the question (single-stage calls ask all)."""

    CONCEPT = "concept", _("From the concept note")
    PROPOSAL = "proposal", _("In the full proposal")


class CallForm(models.Model):
    """One version of a call's own questions. Versions are never changed: a manager's
    edit makes the next one, and once an application has been submitted on the current
    version no new one can be made, so the form never changes under applicants."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="forms")
    number = models.PositiveSmallIntegerField(_("version"))
    content_hash = models.CharField(max_length=64)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="incubator_callform_number")
        ]

    def __str__(self) -> str:
        return f"{self.call} v{self.number}"


class Question(models.Model):
    form = models.ForeignKey(CallForm, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    stage = models.CharField(
        _("stage"), max_length=10, choices=QuestionStage.choices, default=QuestionStage.CONCEPT
    )
    label = Bilingual(
        models.CharField, _("question (Chinese)"), _("question (English)"),
        max_length=300, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    help = Bilingual(
        models.CharField, _("help (Chinese)"), _("help (English)"), max_length=1000, blank=True,
    )  # fmt: skip
    label_zh: str
    label_en: str
    help_zh: str
    help_en: str
    required = models.BooleanField(_("required"), default=True)
    # For choices: [{"value": "a", "zh": "…", "en": "…"}, …].
    choices = models.JSONField(_("choices"), default=list, blank=True)
    max_length = models.PositiveIntegerField(
        _("longest answer (characters)"), null=True, blank=True
    )
    min_value = models.DecimalField(
        _("smallest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["form", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="incubator_question_key_once")
        ]

    def __str__(self) -> str:
        return self.label
