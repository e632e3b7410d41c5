"""Staff edit the themes that need a fact-check and verify declared expertise here."""

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from incubator.models import Expertise, FactCheckTheme
from incubator.services.factcheck import expertise_verify


@admin.register(FactCheckTheme)
class FactCheckThemeAdmin(admin.ModelAdmin):
    list_display = ["theme", "area"]
    list_editable = ["area"]


@admin.register(Expertise)
class ExpertiseAdmin(admin.ModelAdmin):
    list_display = ["user", "area", "note", "verified_at", "verified_by"]
    list_filter = ["area", "verified_at"]
    readonly_fields = ["verified_at", "verified_by"]
    raw_id_fields = ["user"]
    actions = ["verify"]

    @admin.action(description=_("Verify the chosen expertise"))
    def verify(self, request: Any, queryset: Any) -> None:
        for expertise in queryset.filter(verified_at__isnull=True):
            expertise_verify(actor=request.user, expertise=expertise)
