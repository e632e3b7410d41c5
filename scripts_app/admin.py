from django.contrib import admin

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
    list_display = ["series", "format", "status", "progress", "created_at"]
    list_filter = ["status", "format"]
    readonly_fields = [
        "series",
        "revision",
        "requested_by",
        "format",
        "status",
        "progress",
        "error",
        "file",
    ]
