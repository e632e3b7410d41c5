"""What the platform knows about reviewers: credits, conflicts, calibration, reputation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import Bilingual
from core.text import validate_single_line


class ReviewPolicy(models.Model):
    """Organisational policy for review, edited by staff (one row)."""

    starter_credits = models.PositiveSmallIntegerField(
        _("credits a new writer starts with"), default=3
    )
    peer_reviews_per_request = models.PositiveSmallIntegerField(
        _("peer reviews per request"), default=3
    )
    review_days = models.PositiveSmallIntegerField(_("days a reviewer has"), default=7)
    peer_capacity = models.PositiveSmallIntegerField(
        _("open peer reviews one writer is given at most"), default=4
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("remind this many hours before the due time"), default=24
    )
    fallback_hours = models.PositiveSmallIntegerField(
        _("fall back to a mentor or staff after this many hours without enough reviewers"),
        default=24,
    )
    mentor_capacity = models.PositiveSmallIntegerField(
        _("open reviews a mentor takes by default"), default=5
    )

    class Meta:
        verbose_name = _("review policy")
        verbose_name_plural = _("review policy")

    def __str__(self) -> str:
        return str(_("Review policy"))

    @classmethod
    def current(cls) -> "ReviewPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class CreditReason(models.TextChoices):
    STARTER = "starter", _("Welcome credits")
    REVIEW_GIVEN = "review_given", _("Review given")
    REQUEST = "request", _("Review requested")
    REFUND = "refund", _("Refund")
    GRANT = "grant", _("Credits granted")
    CORRECTION = "correction", _("Correction")


class CreditEntry(models.Model):
    """Give to get: a ledger, so a balance is always explainable.

    Each entry carries its place in the user's ledger and the balance after it, so the
    database itself refuses what a race could otherwise do: two entries at the same
    place (two spends that both read the same balance), a balance below zero, or a
    second welcome grant. Entries are written only by `reviews.services.credits`,
    which takes a row lock on the user first.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_credits"
    )
    delta = models.SmallIntegerField(_("credits"))
    position = models.PositiveIntegerField(_("entry"), default=0)
    balance = models.IntegerField(_("balance after"), default=0)
    reason = models.CharField(_("reason"), max_length=16, choices=CreditReason.choices)
    request = models.ForeignKey(
        "reviews.ReviewRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review = models.ForeignKey(
        "reviews.Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-position"]
        constraints = [
            models.UniqueConstraint(fields=["user", "position"], name="credit_unique_position"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(reason="starter"),
                name="credit_one_welcome_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(balance__gte=0), name="credit_balance_not_negative"
            ),
        ]
        verbose_name = _("credit entry")
        verbose_name_plural = _("credit entries")

    def __str__(self) -> str:
        return f"{self.user_id} {self.delta:+d} {self.reason}"


class ConflictOfInterest(models.Model):
    """A reviewer's declaration, by e-mail address, that they should not review someone.

    The address is kept as typed and linked to its account when there is one; the
    reviewer is never told whether there is (that would reveal who uses an address).
    """

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declared_conflicts"
    )
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "writer"], name="conflict_unique_pair")
        ]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"{self.reviewer_id} ↔ {self.writer_id}"


class CalibrationExemplar(models.Model):
    """A short excerpt staff have scored: reviewers score it first and see how far off they were."""

    rubric = models.ForeignKey("reviews.Rubric", on_delete=models.CASCADE, related_name="exemplars")
    key = models.SlugField(max_length=40)
    title = models.CharField(
        pgettext_lazy("name of a work", "title"), max_length=120, validators=[validate_single_line]
    )
    format = models.CharField(_("format"), max_length=10)
    text = models.TextField(_("excerpt"), max_length=20_000)
    reference_scores = models.JSONField(_("staff scores"), default=dict)
    explanation = Bilingual(
        models.TextField,
        _("explanation (Chinese)"),
        _("explanation (English)"),
        max_length=2000,
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["rubric", "key"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "key"], name="exemplar_unique_key")
        ]
        verbose_name = _("calibration exemplar")
        verbose_name_plural = _("calibration exemplars")

    def __str__(self) -> str:
        return self.title


class CalibrationAttempt(models.Model):
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calibrations"
    )
    exemplar = models.ForeignKey(
        CalibrationExemplar, on_delete=models.CASCADE, related_name="attempts"
    )
    scores = models.JSONField(default=dict)
    gap = models.FloatField(_("distance from the staff scores"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calibration")
        verbose_name_plural = _("calibrations")

    def __str__(self) -> str:
        return f"{self.reviewer_id} {self.gap:.2f}"


class ReviewerProfile(models.Model):
    """A reviewer's standing: reputation (recomputed by a service, formula in docs) and capacity."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    reputation = models.FloatField(_("reputation"), default=0.5)
    helpfulness = models.FloatField(_("average helpfulness"), null=True, blank=True)
    agreement = models.FloatField(_("agreement with other reviewers"), null=True, blank=True)
    calibration = models.FloatField(_("calibration gap"), null=True, blank=True)
    reviews_completed = models.PositiveIntegerField(_("reviews completed"), default=0)
    mentor_capacity = models.PositiveSmallIntegerField(
        _("open mentor reviews at a time"), null=True, blank=True
    )
    accepts_peer_reviews = models.BooleanField(_("I review my peers' scripts"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return f"{self.user} {self.reputation:.2f}"
