from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import PrivateUploadTo, private_file_expired, private_storage
from core.text import validate_single_line


class ExportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    FOUNTAIN = "fountain", _("Fountain (.fountain)")
    FDX = "fdx", _("Final Draft (.fdx)")
    DOCX = "docx", _("Word (.docx)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    series = models.ForeignKey(
        "scripts_app.Series", on_delete=models.CASCADE, related_name="exports"
    )
    revision = models.ForeignKey("scripts_app.Revision", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    watermark = models.CharField(
        _("watermark"), max_length=120, blank=True, validators=[validate_single_line]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Private: an unguessable name under PRIVATE_MEDIA_ROOT, served only by the download
    # views after a permission check, deleted once expired (core.files).
    file = models.FileField(
        storage=private_storage, upload_to=PrivateUploadTo("exports"), blank=True
    )
    expires_at = models.DateTimeField(_("download until"), null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.series} → {self.format}"

    @property
    def is_expired(self) -> bool:
        return private_file_expired(self.expires_at)

    @property
    def is_downloadable(self) -> bool:
        return self.status == ExportStatus.DONE and bool(self.file) and not self.is_expired
