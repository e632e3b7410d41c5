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
