from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from scripts_app.compliance.engine import rule_matches
from scripts_app.models import ComplianceRule, ExportJob, Series
from scripts_app.services.compliance import compliance_rule_save, compliance_rules_delete


class ComplianceRuleForm(forms.ModelForm):
    sample = forms.CharField(
        label=_("Try the rule on this text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Not saved. After saving, the page says what the rule found here."),
    )

    class Meta:
        model = ComplianceRule
        fields = [
            "pattern",
            "kind",
            "language",
            "category",
            "severity",
            "is_active",
            "applies_to",
            "scope",
            "is_exception",
            "explanation_zh",
            "explanation_en",
            "suggestion_zh",
            "suggestion_en",
            "example",
        ]


@admin.register(ComplianceRule)
class ComplianceRuleAdmin(admin.ModelAdmin):
    """Staff manage the compliance pre-check rules here; every change is audited and makes
    running processes compile the rules again."""

    form = ComplianceRuleForm
    list_display = [
        "pattern",
        "category",
        "language",
        "severity",
        "applies_to",
        "scope",
        "is_exception",
        "is_active",
        "updated_at",
    ]
    list_filter = [
        "category",
        "language",
        "severity",
        "is_active",
        "applies_to",
        "scope",
        "kind",
        "is_exception",
    ]
    list_editable = ["is_active"]
    search_fields = [
        "pattern",
        "example",
        "explanation_zh",
        "explanation_en",
        "suggestion_zh",
        "suggestion_en",
    ]
    readonly_fields = ["example_found", "updated_at"]
    fieldsets = [
        (None, {"fields": ["pattern", "kind", "language", "category", "severity", "is_active"]}),
        (_("Where it applies"), {"fields": ["applies_to", "scope", "is_exception"]}),
        (
            _("What writers see"),
            {"fields": ["explanation_zh", "explanation_en", "suggestion_zh", "suggestion_en"]},
        ),
        (_("Test"), {"fields": ["example", "example_found", "sample", "updated_at"]}),
    ]
    actions = ["delete_selected"]

    @admin.display(description=_("found in the example"))
    def example_found(self, rule: ComplianceRule) -> str:
        if not rule.pk:
            return "—"
        return highlighted(rule.example, rule_matches(rule.spec(), rule.example)) or "—"

    def save_model(self, request, obj, form, change):
        previous = {
            name: form.initial.get(name)
            for name in form.changed_data
            if change and name in ComplianceRuleForm.Meta.fields
        }
        compliance_rule_save(actor=request.user, rule=obj, previous=previous)
        sample = form.cleaned_data.get("sample", "")
        if sample:
            hits = rule_matches(obj.spec(), sample)
            found = ", ".join(f"“{hit.text}” ({hit.line}:{hit.column})" for hit in hits)
            self.message_user(
                request,
                _("In the sample the rule finds: %(found)s") % {"found": found}
                if hits
                else _("The rule finds nothing in the sample."),
                level=messages.INFO if hits else messages.WARNING,
            )

    def delete_model(self, request, obj):
        compliance_rules_delete(actor=request.user, rules=[obj])

    def delete_queryset(self, request, queryset):
        compliance_rules_delete(actor=request.user, rules=list(queryset))


def highlighted(text: str, hits) -> str:
    """``text`` with the hits marked, escaped: rule examples are staff text, still text."""
    lines = text.splitlines() or [""]
    by_line: dict[int, list] = {}
    for hit in hits:
        by_line.setdefault(hit.line, []).append(hit)
    pieces = []
    for number, line in enumerate(lines, start=1):
        cursor = 0
        for hit in sorted(by_line.get(number, []), key=lambda h: h.column):
            start = hit.column - 1
            pieces.append(
                format_html(
                    "{}<mark>{}</mark>", line[cursor:start], line[start : start + hit.length]
                )
            )
            cursor = start + hit.length
        pieces.append(format_html("{}", line[cursor:]))
        pieces.append(mark_safe("<br>"))
    return format_html_join("", "{}", ((piece,) for piece in pieces[:-1]))


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
