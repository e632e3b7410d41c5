from django.contrib import admin

from taxonomy.models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = [
        "name_zh",
        "name_en",
        "kind",
        "slug",
        "is_encouraged",
        "is_active",
        "position",
    ]
    list_filter = ["kind", "is_encouraged", "is_active"]
    list_editable = ["is_active", "position"]
    search_fields = ["name_zh", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
