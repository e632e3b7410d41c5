from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from scripts_app.models import ComplianceRule, ExportJob, Series


@admin.register(ComplianceRule)
class ComplianceRuleAdmin(admin.ModelAdmin):
    """Staff manage the compliance pre-check list here."""

    list_display = ["phrase", "category", "explanation_zh", "is_active"]
    list_filter = ["category", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["phrase", "explanation_zh", "explanation_en"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    """Metadata only: script text is private to its writers and never shown here."""

    list_display = ["title", "owner", "format", "visibility", "episodes_written", "updated_at"]
    list_filter = ["format", "visibility"]
    search_fields = ["title"]
    fields = [
        "title",
        "owner",
        "format",
        "language",
        "visibility",
        "planned_episodes",
        "episodes_written",
        "updated_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Status only. The file is private: its link goes through the download view, which
    checks permission like any other download (only the person who asked for it)."""

    list_display = ["series", "format", "status", "progress", "created_at", "expires_at"]
    list_filter = ["status", "format"]
    readonly_fields = [
        "series",
        "revision",
        "requested_by",
        "format",
        "status",
        "progress",
        "watermark",
        "error",
        "expires_at",
        "download",
    ]
    exclude = ["file"]

    @admin.display(description=_("file"))
    def download(self, job: ExportJob) -> str:
        if not job.is_downloadable:
            return "—"
        url = reverse("scripts:export_download", args=[job.series_id, job.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download (requester only)"))
