from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from core.memberships import AbstractMembership
from courses.models.courses import Course


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("Open: anyone may join")
    INVITATION = "invitation", _("By invitation")
    APPLICATION = "application", _("By application, with approval")


class CohortStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for enrolment")
    CLOSED = "closed", _("Enrolment closed")
    FINISHED = "finished", _("Finished")


class Cohort(models.Model):
    """One run of a course (a term, a summer lab), with its own dates, places and staff."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    name = Bilingual(
        models.CharField, _("name (Chinese)"), _("name (English)"), max_length=80, blank="en",
    )  # fmt: skip
    name_zh: str
    name_en: str
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveIntegerField(_("places"))
    enrolment_mode = models.CharField(
        _("enrolment"), max_length=12, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CohortStatus.choices, default=CohortStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="courses_cohort_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="courses_cohort_has_places"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("courses:cohort_detail", args=[self.course.slug, self.pk])


class CohortRole(models.TextChoices):
    INSTRUCTOR = "instructor", _("Instructor")
    MENTOR = "mentor", _("Mentor")
    ASSISTANT = "assistant", _("Teaching assistant")
    STUDENT = "student", _("Student")


STAFF_ROLES = frozenset({CohortRole.INSTRUCTOR, CohortRole.MENTOR, CohortRole.ASSISTANT})


class CohortMember(AbstractMembership):
    """Who is in a cohort and as what. A cohort keeps at least one instructor."""

    container_field = "cohort"
    protected_roles = frozenset({CohortRole.INSTRUCTOR})
    last_holder_cannot_change_role = _("A cohort needs at least one instructor.")
    last_holder_cannot_leave = _("The only instructor cannot leave. Add another first.")
    already_member = _("This person is already in the cohort.")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="members", verbose_name=_("cohort")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_memberships",
        verbose_name=_("person"),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=16, choices=CohortRole.choices)

    class Meta:
        ordering = ["role", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="courses_cohortmember_once")
        ]


class EnrolmentStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    APPLIED = "applied", _("Applied, waiting for approval")
    WAITLISTED = "waitlisted", _("On the wait list")
    ENROLLED = "enrolled", _("Enrolled")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")


class Enrolment(models.Model):
    """A person's way into a cohort as a student: an invitation, an application, a place
    on the wait list, the enrolment itself and how it ended. The student's CohortMember
    row exists exactly while this is ENROLLED."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    message = models.TextField(_("why you want to join"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="courses_enrolment_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.cohort} ({self.status})"
