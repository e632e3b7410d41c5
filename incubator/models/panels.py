"""The panel stage of a call: who sits on it, their conflicts of interest, their sealed
reviews and recommendations, the domain fact-check, and the determination's record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.memberships import AbstractMembership
from incubator.models.applications import Application
from incubator.models.calls import Call
from taxonomy.models import Term


class PanelRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    STAFF = "staff", _("Platform staff")
    EXPERT = "expert", _("Outside expert")


class PanelMember(AbstractMembership):
    """A reviewer on one call's panel. Panel members see only the calls they sit on, and
    on them only the applications assigned to them."""

    container_field = "call"
    already_member = _("This person already sits on the panel.")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="panel", verbose_name=_("call")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fund_panels",
        verbose_name=_("person"),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=16, choices=PanelRole.choices)

    class Meta:
        ordering = ["role", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="incubator_panelmember_once")
        ]


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the reviewer")
    ORGANISATION = "organisation", _("Same organisation as an applicant")
    COWRITER = "cowriter", _("Co-writer with an applicant on a series")
    COLLABORATOR = "collaborator", _("Earlier collaborator of an applicant")
    INSTRUCTOR = "instructor", _("Course instructor of an applicant")


class PanelConflict(models.Model):
    """A reviewer's conflict of interest with one application: declared (with a reason)
    or detected by the rules in services/conflicts.py. A conflicted reviewer is never
    assigned; a review they gave before it was found stays, flagged and not counted."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="panel_conflicts"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(_("source"), max_length=16, choices=ConflictSource.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "source"], name="incubator_conflict_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} ✕ {self.application_id} ({self.source})"


class Recommendation(models.TextChoices):
    YES = "yes", _("Yes: fund it")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class PanelReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    SUBMITTED = "submitted", _("Submitted")


class PanelReview(models.Model):
    """One panel member's sealed review of one application: scores per criterion of the
    call's rubric (PanelScore), a recommendation with a comment. A draft until submitted;
    `excluded` marks a review whose reviewer was later found conflicted."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="panel_reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fund_panel_reviews"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PanelReviewStatus.choices,
        default=PanelReviewStatus.ASSIGNED,
    )  # fmt: skip
    recommendation = models.CharField(
        _("recommendation"), max_length=6, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment on the recommendation"), max_length=10_000, blank=True)
    # The weighted mean of the criterion scores (on the rubric's scale), kept on
    # submission for the ranking's spread.
    total = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    # {criterion id: score}, copied from PanelScore on submission: the ranking reads one
    # row per review instead of one per score (bench/bench_fund.py).
    scores_given = models.JSONField(default=dict, blank=True)
    excluded = models.BooleanField(_("excluded (conflict of interest)"), default=False)
    assigned_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="incubator_panelreview_once"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "status"], name="incubator_panelreview_mine")]

    def __str__(self) -> str:
        return f"{self.reviewer_id} → {self.application_id}"

    @property
    def is_submitted(self) -> bool:
        return self.status == PanelReviewStatus.SUBMITTED


class PanelScore(models.Model):
    review = models.ForeignKey(PanelReview, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("reviews.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)

    class Meta:
        ordering = ["review", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="incubator_panelscore_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class ExpertiseArea(models.TextChoices):
    LAW = "law", _("Law (a lawyer)")
    HERITAGE = "heritage", _("Intangible heritage (an inheritor or expert of the craft)")
    MEDICINE = "medicine", _("Health and medicine (a doctor)")


class FactCheckTheme(models.Model):
    """Which theme needs which expert's fact-check: the one table of the mapping, edited
    by staff in the admin (seeded with rule of law, intangible heritage, health)."""

    theme = models.OneToOneField(
        Term, on_delete=models.CASCADE, related_name="+", limit_choices_to={"kind": "theme"},
        verbose_name=_("theme"),
    )  # fmt: skip
    area = models.CharField(_("expertise"), max_length=10, choices=ExpertiseArea.choices)

    class Meta:
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return f"{self.theme} → {self.area}"


class Expertise(models.Model):
    """A reviewer's declared expertise; counts once staff have verified it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fund_expertise"
    )
    area = models.CharField(_("expertise"), max_length=10, choices=ExpertiseArea.choices)
    note = models.CharField(
        _("credentials (licence, institution, craft)"), max_length=500, blank=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="incubator_expertise_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.area}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class FactCheckVerdict(models.TextChoices):
    PENDING = "", _("Not yet checked")
    PASS = "pass", pgettext_lazy("a fact-check's verdict", "Pass")
    FIX = "fix", _("Fix needed")


class FactCheck(models.Model):
    """A verified expert's fact-check of one application in one area: line notes on the
    script (FactCheckNote) and a pass / fix-needed verdict."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="fact_checks"
    )
    area = models.CharField(_("expertise"), max_length=10, choices=ExpertiseArea.choices)
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fund_fact_checks"
    )
    verdict = models.CharField(
        _("verdict"), max_length=4, choices=FactCheckVerdict.choices, blank=True, default=""
    )
    summary = models.TextField(_("summary"), max_length=10_000, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "area", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "area"], name="incubator_factcheck_once")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.area}: {self.verdict or '…'}"


class FactCheckNote(models.Model):
    """A fact-checker's note on a line of the applied revision: the review app's LineNote
    fields (revision, line, quoted line, body), which that model ties to a review request
    the fund does not make."""

    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="notes")
    revision = models.ForeignKey("scripts_app.Revision", on_delete=models.CASCADE, related_name="+")
    line = models.PositiveIntegerField(_("line"))
    anchor_text = models.CharField(_("quoted line"), max_length=500)
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line", "created_at", "pk"]

    def __str__(self) -> str:
        return f"L{self.line}"
