"""Staff data of the fund, edited in the admin:

- the NRTA filing tier's rules: a new rule set (with the date it takes effect) when the
  rules change, so earlier dates keep the rules they had;
- the themes that need a fact-check, and verifying the expertise reviewers declare.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.services.audit import audit_record
from incubator.filing.forms import subject_choices
from incubator.models import Expertise, FactCheckTheme, FilingRuleSet
from incubator.services.factcheck import expertise_verify


class FilingRuleSetForm(forms.ModelForm):
    special_subjects = forms.MultipleChoiceField(
        label=_("special subjects"), choices=subject_choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = FilingRuleSet
        fields = [
            "effective_from", "ordinary_min", "key_min", "special_subjects",
            "special_makes_key", "placement_makes_key", "key_body", "ordinary_body",
            "other_body", "key_prepare_zh", "key_prepare_en", "ordinary_prepare_zh",
            "ordinary_prepare_en", "other_prepare_zh", "other_prepare_en", "source_zh",
            "source_en", "secondary_source",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        key_min, ordinary_min = cleaned.get("key_min"), cleaned.get("ordinary_min")
        if key_min is not None and ordinary_min is not None and key_min < ordinary_min:
            self.add_error("key_min", _("The key tier cannot start below the ordinary tier."))
        return cleaned


@admin.register(FilingRuleSet)
class FilingRuleSetAdmin(admin.ModelAdmin):
    form = FilingRuleSetForm
    list_display = ("effective_from", "ordinary_min", "key_min", "special_makes_key",
                    "placement_makes_key", "secondary_source")  # fmt: skip

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user, action="fund.filing.rule_set_saved", target=obj,
                data={"effective_from": obj.effective_from.isoformat(),
                      "key_min": str(obj.key_min), "ordinary_min": str(obj.ordinary_min),
                      "special_subjects": obj.special_subjects, "changed": change},
            )  # fmt: skip


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
