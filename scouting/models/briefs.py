"""Open studio briefs and the writers' pitches to them.

A studio publishes a brief: an open writing assignment (what it wants, for whom, how long,
at what budget, by when, and on what terms). Any signed-in writer answers it with a pitch:
a logline and synopsis, and optionally one of their series (listed or private) at a
revision with its first episodes as a sample. Only the brief's studio (its scouts) sees
the pitches; a writer sees their own. The studio shortlists or declines pitches, asks to
read the pitched series and makes offers from them with the same machinery as for a
listing (scouting.models.reads, scouting.models.offers).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.i18n import Bilingual
from core.text import validate_single_line
from scouting.models.offers import OfferKind
from scripts_app.models import Revision, Series

MAX_BRIEF_EPISODES = 200
MAX_PITCH_SAMPLE_EPISODES = 10


class BudgetTier(models.TextChoices):
    MICRO = "micro", _("Under ¥300,000")
    SMALL = "small", _("¥300,000 – ¥1,000,000")
    MEDIUM = "medium", _("¥1,000,000 – ¥3,000,000")
    LARGE = "large", _("Over ¥3,000,000")


class BriefStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for pitches")
    CLOSED = "closed", _("Closed")


class Brief(models.Model):
    studio = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scouting_briefs",
        verbose_name=_("studio"), limit_choices_to={"kind": "studio"},
    )  # fmt: skip
    title = Bilingual(
        models.CharField, _("title (Chinese)"), _("title (English)"),
        max_length=160, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    description = Bilingual(
        models.TextField, _("what we look for (Chinese, markdown)"),
        _("what we look for (English, markdown)"), max_length=10_000, blank="en",
    )  # fmt: skip
    terms = models.ManyToManyField(
        "taxonomy.Term", blank=True, related_name="scouting_briefs",
        verbose_name=_("themes, genres and audiences"),
    )  # fmt: skip
    episodes = models.PositiveSmallIntegerField(
        _("episodes"), validators=[MinValueValidator(1), MaxValueValidator(MAX_BRIEF_EPISODES)]
    )
    target_episode_seconds = models.PositiveSmallIntegerField(
        _("target episode length (seconds)"), null=True, blank=True,
        validators=[MinValueValidator(30), MaxValueValidator(1800)],
    )  # fmt: skip
    budget_tier = models.CharField(_("budget"), max_length=8, choices=BudgetTier.choices)
    offer_kind = models.CharField(
        _("what we offer"), max_length=12, choices=OfferKind.choices, default=OfferKind.COMMISSION
    )
    terms_on_offer = Bilingual(
        models.TextField, _("terms on offer (Chinese)"), _("terms on offer (English)"),
        max_length=4000, blank=True,
    )  # fmt: skip
    deadline = models.DateTimeField(_("pitches close at"))
    status = models.CharField(
        _("status"), max_length=8, choices=BriefStatus.choices, default=BriefStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    terms_on_offer_zh: str
    terms_on_offer_en: str

    class Meta:
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="scouting_brief_open"),
            models.Index(fields=["studio", "-created_at"], name="scouting_brief_studio"),
        ]
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")

    def __str__(self) -> str:
        return self.title_zh

    @property
    def accepts_pitches(self) -> bool:
        return self.status == BriefStatus.OPEN and timezone.now() < self.deadline


class PitchStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Pitch(models.Model):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="pitches")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scouting_pitches"
    )
    logline = models.CharField(_("logline"), max_length=300)
    synopsis = models.TextField(_("synopsis"), max_length=10_000, blank=True)
    # A series of the author's (listed or private) at a revision, with a sample of its
    # first episodes that the studio may read without asking.
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="scouting_pitches",
        verbose_name=_("series"),
    )  # fmt: skip
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sample_episodes = models.PositiveSmallIntegerField(
        _("sample: the first episodes"), default=0,
        validators=[MaxValueValidator(MAX_PITCH_SAMPLE_EPISODES)],
    )  # fmt: skip
    sample_text = models.TextField(_("sample"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PitchStatus.choices, default=PitchStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The studio's answer (shortlist or decline), with its reason for the writer.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_note = models.TextField(_("message to the writer"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # One pitch of a series per brief (a writer may pitch several series, or ideas).
            models.UniqueConstraint(
                fields=["brief", "series"], condition=models.Q(series__isnull=False),
                name="scouting_pitch_series_once",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["brief", "status"], name="scouting_pitch_brief"),
            models.Index(fields=["author", "-created_at"], name="scouting_pitch_author"),
        ]
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")

    def __str__(self) -> str:
        return f"pitch {self.pk} to brief {self.brief_id}"
