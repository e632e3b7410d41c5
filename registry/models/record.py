"""The writer's portable record: an export of everything the platform holds about their
work, as one zip of open formats (docs/record-export.md).

Made by a background task (registry.services.record), kept under the private root with
an unguessable name, handed out only to the person who asked for it, and deleted once
its download time is up.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.files import PrivateUploadTo, private_file_expired, private_storage


class RecordExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RecordExport(models.Model):
    """One export of a person's record. Status moves only through RECORD_EXPORT_FLOW."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="record_exports"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RecordExportStatus.choices,
        default=RecordExportStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(
        storage=private_storage, upload_to=PrivateUploadTo("records"), blank=True
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    expires_at = models.DateTimeField(_("download until"), null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]
        verbose_name = _("record export")
        verbose_name_plural = _("record exports")

    def __str__(self) -> str:
        return f"record export {self.pk} ({self.status})"

    @property
    def is_expired(self) -> bool:
        return private_file_expired(self.expires_at)

    @property
    def is_downloadable(self) -> bool:
        return self.status == RecordExportStatus.DONE and bool(self.file) and not self.is_expired

    @property
    def is_working(self) -> bool:
        return self.status in (RecordExportStatus.QUEUED, RecordExportStatus.RUNNING)
