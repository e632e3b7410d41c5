"""Grades: an instructor's or mentor's rubric scores and written feedback on a submission."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.assignments import Submission
from reviews.models import RubricVersion


class Grade(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="grades")
    grader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rubric_version = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="+")
    # {criterion key: score on the rubric's scale}
    scores = models.JSONField(_("scores"))
    feedback = models.TextField(_("feedback (markdown)"), max_length=20_000, blank=True)
    # The rubric's weighted overall as a share of the assignment's points (before lateness).
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "grader"], name="courses_grade_once")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} · {self.grader} · {self.points}"


class GraderNote(models.Model):
    """A grader's note on one line of a submitted script, shown to its students with the
    grades. The line is the frozen revision's, so it never drifts."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="grader_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    line = models.PositiveIntegerField(_("line"))
    anchor_text = models.CharField(_("quoted line"), max_length=500)
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line", "created_at", "pk"]
        verbose_name = _("grader's line note")
        verbose_name_plural = _("graders' line notes")

    def __str__(self) -> str:
        return f"{self.submission_id} · L{self.line}"
