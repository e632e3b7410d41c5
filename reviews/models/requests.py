"""A writer asks for review of one revision; reviewers are assigned and write reviews."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    PEER = "peer", _("Peer review")
    MENTOR = "mentor", _("Mentor review")


class Blindness(models.TextChoices):
    OPEN = "open", _("Open: everyone sees names")
    SINGLE = "single", _("Single-blind: reviewers are hidden")
    DOUBLE = "double", _("Double-blind: writer and reviewers are hidden")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for reviews")
    COMPLETED = "completed", _("All reviews in")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Ended: past its due date")


class Fallback(models.TextChoices):
    NONE = "", _("None")
    MENTOR = "mentor", _("Moved to a mentor")
    STAFF = "staff", _("Moved to the staff queue")


class ReviewRequest(models.Model):
    # PROTECT, here and on the people below: review records are never lost with a series
    # or an account (scripts_app.services.series.series_delete refuses instead).
    series = models.ForeignKey(
        "scripts_app.Series",
        on_delete=models.PROTECT,
        related_name="review_requests",
        verbose_name=_("series"),
    )
    revision = models.ForeignKey(
        "scripts_app.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("revision"),
    )
    episode_from = models.PositiveSmallIntegerField(_("from episode"), null=True, blank=True)
    episode_to = models.PositiveSmallIntegerField(_("to episode"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    blindness = models.CharField(
        _("blindness"), max_length=10, choices=Blindness.choices, default=Blindness.SINGLE
    )
    reviews_needed = models.PositiveSmallIntegerField(_("reviews needed"), default=3)
    rubric_version = models.ForeignKey(
        "reviews.RubricVersion",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("rubric"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_requests",
        verbose_name=_("requested by"),
    )
    requested_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("chosen mentor"),
    )
    note = models.TextField(_("note to reviewers"), max_length=2000, blank=True)
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    fallback = models.CharField(
        _("fallback"), max_length=10, choices=Fallback.choices, blank=True, default=""
    )
    divergent_criteria = models.JSONField(_("divergent criteria"), default=list, blank=True)
    staff_decision = models.TextField(_("staff decision"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            # A writer's requests newest first (the inbox, the API's list): with the date
            # and id in the key, PostgreSQL reads them off the index, series by series,
            # instead of every request in a hash join (50,000 rows for a page of 20).
            models.Index(fields=["series", "-created_at", "-id"], name="request_series_recent"),
            # A series' open requests (what a writer's ledger still awaits), off a small index.
            models.Index(
                fields=["series"],
                condition=models.Q(status=RequestStatus.OPEN),
                name="request_open_series",
            ),
        ]
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")

    def __str__(self) -> str:
        return f"{self.series} #{self.revision.number} ({self.kind})"

    def get_absolute_url(self) -> str:
        return reverse("reviews:request_detail", args=[self.pk])

    @property
    def hides_reviewers(self) -> bool:
        return self.blindness in (Blindness.SINGLE, Blindness.DOUBLE)

    @property
    def hides_writer(self) -> bool:
        return self.blindness == Blindness.DOUBLE

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN


class AssignmentRole(models.TextChoices):
    PEER = "peer", _("Peer")
    MENTOR = "mentor", _("Mentor")
    STAFF = "staff", _("Staff")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    SUBMITTED = "submitted", _("Submitted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Missed the deadline")


class ReviewAssignment(models.Model):
    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_assignments",
        verbose_name=_("reviewer"),
    )
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices)
    # Reviewer A, B, C...: how a hidden reviewer is named, stable for the request.
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
    )
    due_at = models.DateTimeField(_("due"))
    assigned_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["request", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "reviewer"], name="assignment_unique_reviewer"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            # Each reviewer's open reviews: their load, which peer matching reads for
            # every writer (reviews.selectors.peers_best). Partial, so it stays the size
            # of the open work however long the history of finished reviews grows.
            models.Index(
                fields=["reviewer"],
                condition=models.Q(status=AssignmentStatus.ASSIGNED),
                name="assignment_open_reviewer_idx",
            ),
        ]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.request_id} → {self.reviewer_id}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:assignment_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in (AssignmentStatus.ASSIGNED, AssignmentStatus.SUBMITTED)

    @property
    def letter(self) -> str:
        return chr(ord("A") + self.position % 26)


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Review(models.Model):
    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    overall_comment = models.TextField(_("overall comment"), max_length=20_000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    helpfulness = models.PositiveSmallIntegerField(_("helpfulness"), null=True, blank=True)
    helpfulness_comment = models.CharField(_("about this review"), max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"review {self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("reviews.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_criterion")
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class LineNote(models.Model):
    """A reviewer's note on a line, anchored to its revision and carried forward by its text."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="line_notes")
    revision = models.ForeignKey("scripts_app.Revision", on_delete=models.CASCADE, related_name="+")
    line = models.PositiveIntegerField(_("line"))
    anchor_text = models.CharField(_("quoted line"), max_length=500)
    body = models.TextField(_("note"), max_length=4000)
    resolved = models.BooleanField(_("resolved"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line", "created_at"]
        verbose_name = _("line note")
        verbose_name_plural = _("line notes")

    def __str__(self) -> str:
        return f"L{self.line}"


class NoteReply(models.Model):
    note = models.ForeignKey(LineNote, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("reply"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"reply {self.pk}"
