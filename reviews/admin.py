from django.contrib import admin

from reviews.models import (
    CalibrationExemplar,
    ConflictOfInterest,
    ReviewPolicy,
    ReviewRequest,
    Rubric,
    RubricVersion,
)


@admin.register(ReviewPolicy)
class ReviewPolicyAdmin(admin.ModelAdmin):
    """Organisational policy for review: one row, edited by staff."""

    def has_add_permission(self, request) -> bool:
        return not ReviewPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RubricVersionInline(admin.TabularInline):
    """Versions are shown, never edited here: criteria change through the rubric pages,
    which keep any version a review has used."""

    model = RubricVersion
    extra = 0
    fields = [
        "number",
        "scale_min",
        "scale_max",
        "divergence_threshold",
        "content_hash",
        "created_at",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "slug", "organisation", "aggregate_method", "is_default"]
    list_filter = ["aggregate_method", "is_default"]
    search_fields = ["name_zh", "name_en", "slug"]
    inlines = [RubricVersionInline]


@admin.register(CalibrationExemplar)
class CalibrationExemplarAdmin(admin.ModelAdmin):
    list_display = ["title", "rubric", "key", "format", "is_active"]
    list_filter = ["rubric", "is_active"]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "email", "writer", "reason", "created_at"]
    list_select_related = ["reviewer", "writer"]
    search_fields = ["reviewer__email", "email", "writer__email"]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change through the review services (audited)."""

    list_display = ["series", "kind", "blindness", "status", "fallback", "due_at", "created_at"]
    list_filter = ["kind", "blindness", "status", "fallback"]
    list_select_related = ["series"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
