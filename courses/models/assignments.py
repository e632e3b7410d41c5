"""Assignments that take a script, and the submissions that answer them.

A submission is a frozen reference to an immutable revision: later edits to the series
never change what was submitted or graded. Resubmitting before the deadline makes a new
submission the current one; every earlier one is kept.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.i18n import Bilingual
from core.text import validate_single_line
from courses.models.cohorts import Cohort
from scripts_app.models import Revision, ScriptFormat, Series


class Assignment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments")
    title = Bilingual(
        models.CharField, _("title (Chinese)"), _("title (English)"),
        max_length=120, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    title_zh: str
    title_en: str
    brief = models.TextField(_("brief (markdown)"), max_length=20_000)
    # A studio partner's own brief: its scouts may read the submissions of students who agree.
    studio = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("studio brief by"),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    due_at = models.DateTimeField(_("due"))
    late_until = models.DateTimeField(
        _("late submissions accepted until"), null=True, blank=True,
        help_text=_("Leave empty to accept nothing after the due time."),
    )  # fmt: skip
    late_penalty_percent = models.PositiveSmallIntegerField(
        _("late penalty per day started (percent of the points)"), default=10
    )
    points = models.PositiveSmallIntegerField(_("points"), default=100)
    pass_points = models.PositiveSmallIntegerField(_("points to pass"), default=60)
    required = models.BooleanField(_("required for the certificate"), default=True)
    group_work = models.BooleanField(
        _("co-writers may submit together"), default=True,
        help_text=_("The series' co-writers in the cohort submit one script together."),
    )  # fmt: skip
    # The script requirement, checked from the document model.
    episodes_from = models.PositiveSmallIntegerField(_("from episode"), default=1)
    episodes_to = models.PositiveSmallIntegerField(
        _("to episode"), null=True, blank=True, help_text=_("Leave empty for every episode.")
    )
    required_format = models.CharField(
        _("format"), max_length=10, choices=ScriptFormat.choices, blank=True,
        help_text=_("Leave empty to accept either."),
    )  # fmt: skip
    min_episode_seconds = models.PositiveSmallIntegerField(
        _("shortest episode (seconds)"), null=True, blank=True
    )
    max_episode_seconds = models.PositiveSmallIntegerField(
        _("longest episode (seconds)"), null=True, blank=True
    )
    hooks_required = models.BooleanField(_("every episode ends on a hook"), default=False)
    paywall_required = models.BooleanField(_("a paywall is marked"), default=False)
    character_list_required = models.BooleanField(_("a character list (人物小传)"), default=False)
    synopsis_required = models.BooleanField(_("a synopsis"), default=False)
    rubric = models.ForeignKey(
        "reviews.Rubric", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("rubric"), help_text=_("Leave empty for the platform's Boutique Standard."),
    )  # fmt: skip
    grades_released_at = models.DateTimeField(_("grades released at"), null=True, blank=True)
    # Peer review inside the cohort (the review app's requests and assignments).
    peer_reviewers = models.PositiveSmallIntegerField(
        _("peer reviews per submission"), default=0,
        help_text=_("0 for none. Assigned among the submitters when submissions close."),
    )  # fmt: skip
    peer_weight_percent = models.PositiveSmallIntegerField(
        _("weight of the peer score in the grade (percent)"), default=0
    )
    peer_review_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Moodle's second grade: how helpful the writers found a student's reviews of others.
    review_quality_percent = models.PositiveSmallIntegerField(
        _("weight of the student's reviewing in the grade (percent)"), default=0,
        help_text=_("From the helpfulness the writers gave the student's peer reviews."),
    )  # fmt: skip
    # When the "due in 48 hours" reminder went out (claimed once by the beat task).
    due_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(late_until__isnull=True)
                | models.Q(late_until__gte=models.F("due_at")),
                name="courses_assignment_late_after_due",
            ),
            models.CheckConstraint(
                condition=models.Q(episodes_to__isnull=True)
                | models.Q(episodes_to__gte=models.F("episodes_from")),
                name="courses_assignment_episode_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="+")
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # Whole days started after the due time (0 when on time), for the late penalty.
    late_days = models.PositiveSmallIntegerField(default=0)
    # The requirement checks as they stood at submission: [{"code", "passed", "detail"}].
    checks = models.JSONField(default=list)
    # Set when a later submission by the same people replaces this one.
    replaced_at = models.DateTimeField(null=True, blank=True)
    studio_may_read = models.BooleanField(
        _("the studio partner's scouts may read this submission"), default=False
    )
    # The cohort's peer review of this submission, once started.
    review_request = models.OneToOneField(
        "reviews.ReviewRequest", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="course_submission",
    )  # fmt: skip

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["assignment", "replaced_at"])]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.series} #{self.revision.number}"

    @property
    def checks_passed(self) -> bool:
        return all(check["passed"] for check in self.checks)


class SubmissionAuthor(models.Model):
    """A student a submission counts for (the submitter, and co-writers submitting with them)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_submissions"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "user"], name="courses_author_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.submission_id}"
