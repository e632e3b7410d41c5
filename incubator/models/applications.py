"""Applications to a call: the series and its registered revision, the plan, the budget,
the answers to the call's questions, and the people applying together."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.files import PrivateUploadTo, private_storage
from core.limits import MAX_EPISODES
from incubator.models.calls import Call, CallForm
from scripts_app.models import AIAssistance


class ApplicationStatus(models.TextChoices):
    """Every state of an application (the moves between them: incubator/workflows.py)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    OUT_OF_REMIT = "out_of_remit", _("Out of remit")
    # The concept-note variant: the concept is reviewed, then a full proposal invited.
    CONCEPT_REVIEW = "concept_review", _("Concept note under review")
    INVITED = "invited", _("Invited to a full proposal")
    PANEL_REVIEW = "panel_review", _("Panel review")
    FACT_CHECK = "fact_check", _("Fact-check")
    DETERMINATION = "determination", _("Awaiting determination")
    MORE_INFO = "more_info", _("More information requested")
    AWARDED = "awarded", _("Awarded")
    DECLINED = "declined", _("Declined")
    WAITLISTED = "waitlisted", _("Wait-listed")
    CONTRACTING = "contracting", _("Contracting")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the applicants are writing and may save fields: the draft, the full
# proposal a two-stage call invited, and an application sent back for more information.
EDITABLE_STATES = frozenset(
    {ApplicationStatus.DRAFT, ApplicationStatus.INVITED, ApplicationStatus.MORE_INFO}
)


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    series = models.ForeignKey(
        "scripts_app.Series", on_delete=models.PROTECT, related_name="fund_applications",
        verbose_name=_("series"),
    )  # fmt: skip
    # The registered revision applied with: an entry of the registry's chain, which never
    # changes, pointing at an immutable revision. Later edits of the series change nothing here.
    entry = models.ForeignKey(
        "registry.RegistryEntry", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("registered revision"),
    )  # fmt: skip
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fund_applications_led",
        verbose_name=_("lead applicant"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )  # fmt: skip
    # The series' title when the application was last saved by the lead or submitted.
    series_title = models.CharField(_("series title"), max_length=120)
    episodes_from = models.PositiveSmallIntegerField(
        _("from episode"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EPISODES)],
    )  # fmt: skip
    episodes_to = models.PositiveSmallIntegerField(
        _("to episode"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EPISODES)],
    )  # fmt: skip
    # The production plan.
    plan_episodes = models.PositiveSmallIntegerField(
        _("episodes to produce"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EPISODES)],
    )  # fmt: skip
    plan_minutes = models.PositiveIntegerField(
        _("total minutes"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
    )  # fmt: skip
    plan_shooting_days = models.PositiveSmallIntegerField(
        _("shooting days"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )  # fmt: skip
    plan_team = models.TextField(_("team (markdown)"), max_length=10_000, blank=True)
    # The AI-assistance disclosure, carried from the series (copied again on submission).
    ai_assistance = models.CharField(
        _("AI assistance"), max_length=10, choices=AIAssistance.choices, default=AIAssistance.NONE
    )
    ai_note = models.CharField(_("about the AI assistance"), max_length=500, blank=True)
    # Asked only when the call has an age rule; checked by the fund at screening.
    lead_birth_year = models.PositiveSmallIntegerField(
        _("lead applicant's year of birth"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )  # fmt: skip
    # The version of the call's questions the application was submitted on.
    form = models.ForeignKey(
        CallForm, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    screening_reason = models.CharField(_("screening note"), max_length=1000, blank=True)
    # The determination: what was decided, why (sent to the applicants), and the award.
    determined_at = models.DateTimeField(_("determined at"), null=True, blank=True)
    determined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    determination_reason = models.TextField(_("reason"), max_length=5000, blank=True)
    award_amount = models.DecimalField(
        _("award (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    # The concept-note variant: the deadline of the invited full proposal (UTC, shown in
    # Beijing time; the server's clock decides), the manager's message with the invitation,
    # and when the full proposal was submitted.
    proposal_due_at = models.DateTimeField(_("full proposal due at"), null=True, blank=True)
    proposal_message = models.TextField(
        _("invitation to the full proposal"), max_length=2000, blank=True
    )
    proposal_submitted_at = models.DateTimeField(
        _("full proposal submitted at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["call", "status"], name="incubator_app_call_status")]
        constraints = [
            # One application per series per call (a withdrawn one may be followed by another).
            models.UniqueConstraint(
                fields=["call", "series"], condition=~Q(status="withdrawn"),
                name="incubator_one_application_per_series",
            ),
            models.CheckConstraint(
                condition=Q(episodes_from__isnull=True) | Q(episodes_to__isnull=True)
                | Q(episodes_to__gte=models.F("episodes_from")),
                name="incubator_application_episode_range",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.series_title} → {self.call}"

    def get_absolute_url(self) -> str:
        return reverse("fund:application_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATES


class BudgetCategory(models.TextChoices):
    """Cost categories, as the cost-allocation report (成本配置比例) groups them."""

    SCRIPT = "script", _("Script and writers")
    CAST = "cast", _("Cast")
    CREW = "crew", _("Director and crew")
    EQUIPMENT = "equipment", _("Equipment and locations")
    POST = "post", _("Post-production")
    MUSIC = "music", _("Music and licences")
    MARKETING = "marketing", _("Distribution and marketing")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=12, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="incubator_budget_line_positive")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount}"


class Answer(models.Model):
    """The answer to one of the call's questions, by the question's key, so that a draft
    keeps its answers when the call's form gets a new version."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    key = models.SlugField(max_length=40)
    text = models.TextField(blank=True, max_length=40_000)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    file = models.FileField(
        storage=private_storage, upload_to=PrivateUploadTo("fund-answers"), blank=True
    )
    file_name = models.CharField(max_length=200, blank=True)
    file_type = models.CharField(max_length=120, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="incubator_answer_once")
        ]

    def __str__(self) -> str:
        return self.key


class CoApplicantStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REMOVED = "removed", _("Removed")
    LEFT = "left", _("Left")


class CoApplicant(models.Model):
    """A co-writer (a person) or a producing organisation the lead invites. They see and
    edit the draft once they accept; only the lead submits."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="coapplicants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="fund_coapplications", verbose_name=_("co-writer"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True,
        related_name="fund_coapplications", verbose_name=_("producing organisation"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=CoApplicantStatus.choices,
        default=CoApplicantStatus.INVITED,
    )  # fmt: skip
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Who answered for an organisation (one of its admins).
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, organisation__isnull=True)
                | Q(user__isnull=True, organisation__isnull=False),
                name="incubator_coapplicant_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["application", "user"], condition=Q(user__isnull=False),
                name="incubator_coapplicant_person_once",
            ),
            models.UniqueConstraint(
                fields=["application", "organisation"], condition=Q(organisation__isnull=False),
                name="incubator_coapplicant_organisation_once",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.user or self.organisation)

    @property
    def is_organisation(self) -> bool:
        return self.organisation_id is not None
