"""Course certificates: what a cohort's instructor issues to a student who completed it.

A certificate freezes, at the moment it is issued, everything it states (the student's
name in both languages, the course, the cohort, both organisations, the dates, the grade
band), so later edits to a profile or a course never change a certificate already in
someone's hands. Those fields are signed (courses/certificate_signing.py); the public
verification page recomputes the signature, so a record edited in the database no longer
verifies. Revoking keeps the record and says so on the verification page.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from courses.models.cohorts import Cohort


class CertificateStatus(models.TextChoices):
    ISSUED = "issued", _("Valid")
    REVOKED = "revoked", _("Revoked")


class GradeBand(models.TextChoices):
    DISTINCTION = "distinction", _("Distinction")
    MERIT = "merit", _("Merit")
    PASS = "pass", _("Pass")


class Certificate(models.Model):
    # The short code printed on the certificate and in its QR code: 100 random bits in
    # Crockford base32, stored without the dashes that group it for reading.
    code = models.CharField(_("code"), max_length=32, unique=True, editable=False)
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("cohort")
    )
    # The account it was issued to; the record (and its frozen names) outlives the account.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
        related_name="course_certificates", verbose_name=_("student"),
    )  # fmt: skip
    # What the certificate states, frozen at issue and covered by the signature.
    student_name = Bilingual(
        models.CharField, _("student's name (Chinese)"), _("student's name (English)"),
        max_length=100, blank=True,
    )  # fmt: skip
    course_title = Bilingual(
        models.CharField, _("course (Chinese)"), _("course (English)"), max_length=120, blank=True,
    )  # fmt: skip
    cohort_name = Bilingual(
        models.CharField, _("cohort (Chinese)"), _("cohort (English)"), max_length=80, blank=True,
    )  # fmt: skip
    university_name = Bilingual(
        models.CharField, _("university (Chinese)"), _("university (English)"),
        max_length=200, blank=True,
    )  # fmt: skip
    studio_name = Bilingual(
        models.CharField, _("studio partner (Chinese)"), _("studio partner (English)"),
        max_length=200, blank=True,
    )  # fmt: skip
    student_name_zh: str
    student_name_en: str
    course_title_zh: str
    course_title_en: str
    cohort_name_zh: str
    cohort_name_en: str
    university_name_zh: str
    university_name_en: str
    studio_name_zh: str
    studio_name_en: str
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    grade_band = models.CharField(
        _("grade band"), max_length=12, choices=GradeBand.choices, blank=True
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("issued by"),
    )  # fmt: skip
    # HMAC-SHA256 (hex) over the frozen fields above, the code and issued_at.
    signature = models.CharField(_("signature"), max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=CertificateStatus.choices,
        default=CertificateStatus.ISSUED,
    )  # fmt: skip
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("revoked by"),
    )  # fmt: skip
    revoke_reason = models.TextField(_("why it was revoked"), max_length=2000, blank=True)
    # The student's choice: list it on their public profile.
    show_on_profile = models.BooleanField(_("show on my profile"), default=False)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # One valid certificate per student and cohort; a revoked one may be replaced.
            models.UniqueConstraint(
                fields=["cohort", "student"],
                condition=models.Q(status="issued"),
                name="courses_certificate_one_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} · {self.student_name} · {self.course_title}"

    def get_absolute_url(self) -> str:
        """The public verification page."""
        return reverse("courses:certificate_verify", args=[self.code])

    @property
    def verify_url(self) -> str:
        """The verification page's full address, from SITE_URL (never from a request's
        Host header): it is printed on the certificate and in its QR code."""
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def display_code(self) -> str:
        """The code in groups of four, as printed: 7K3M-Q9XD-2F8B-HN4T-W6CR."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        return self.status == CertificateStatus.REVOKED
