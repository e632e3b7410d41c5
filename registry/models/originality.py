"""Originality fingerprints (kept so the LSH index can be rebuilt) and the reports run
against them. The method is in registry/originality/ and docs/originality.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scripts_app.models import Revision, Series


class FingerprintReason(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    REVIEW = "review", _("Submitted for review")
    SUBMITTED = "submitted", _("Submitted to a course, fund or studio")
    REQUESTED = "requested", _("Checked at the writer's request")


class Fingerprint(models.Model):
    """One revision's MinHash signatures: `windows` rows of NUM_PERM little-endian uint32."""

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, related_name="fingerprint", verbose_name=_("revision")
    )
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="+", verbose_name=_("series")
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=FingerprintReason.choices)
    # Which shingling and hashing made the signature ("v1": registry.originality, 2025).
    method = models.CharField(max_length=12, default="v1")
    signature = models.BinaryField()
    windows = models.PositiveIntegerField(_("windows"))
    shingle_count = models.PositiveIntegerField(_("distinct shingles"))
    created_at = models.DateTimeField(_("fingerprinted at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("fingerprint")
        verbose_name_plural = _("fingerprints")

    def __str__(self) -> str:
        return f"{self.series_id} r{self.revision_id} ({self.windows} windows)"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class OriginalityReport(models.Model):
    """A check of one revision against the index, kept with the date and the index size.

    `results` holds, per matched work, its revision and series ids, the scores and the
    aligned passages (line ranges on both sides and the checked text's lines only); the
    other work's text is read when the report is shown, and only to viewers who may read it
    (`registry.selectors.originality_report_view`).
    """

    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="+", verbose_name=_("revision")
    )
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="+", verbose_name=_("series")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    index_size = models.PositiveIntegerField(_("works in the index"), default=0)
    candidates = models.PositiveIntegerField(_("candidates checked"), default=0)
    results = models.JSONField(_("results"), default=list, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("originality report")
        verbose_name_plural = _("originality reports")
        indexes = [models.Index(fields=["revision", "-created_at"])]

    def __str__(self) -> str:
        return f"Originality of r{self.revision_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)
