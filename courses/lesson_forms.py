"""Forms for lessons, exemplars, attachments and announcements (beside courses/forms.py,
which holds the courses' and cohorts' own)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BoundedIntegerField, SingleLineField
from courses.models import Cohort, ExemplarFormat, Module

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class ModuleForm(forms.Form):
    title_zh = SingleLineField(label=_("Title (Chinese)"), max_length=120)
    title_en = SingleLineField(label=_("Title (English)"), max_length=120, required=False)
    position = BoundedIntegerField(
        label=_("Position"), required=False, help_text=_("Empty: after the last one.")
    )


class LessonForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    title_zh = SingleLineField(label=_("Title (Chinese)"), max_length=120)
    title_en = SingleLineField(label=_("Title (English)"), max_length=120, required=False)
    body = forms.CharField(
        label=_("Lesson (markdown)"), max_length=50_000, required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )  # fmt: skip
    release_at = forms.DateTimeField(
        label=_("Released at"),
        help_text=_("Beijing time (Asia/Shanghai). Students see the lesson from then on."),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    position = BoundedIntegerField(
        label=_("Position in the module"), required=False, help_text=_("Empty: after the last one.")
    )

    def __init__(self, *args, cohort: Cohort, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = cohort.modules.order_by("position", "pk")  # type: ignore[attr-defined]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word (.docx), PowerPoint (.pptx), PNG or JPEG images, text, markdown, Fountain or Final Draft files, up to 8 MB."
        ),
    )


class ExemplarForm(forms.Form):
    caption_zh = SingleLineField(label=_("Caption (Chinese)"), max_length=160)
    caption_en = SingleLineField(label=_("Caption (English)"), max_length=160, required=False)
    note_zh = forms.CharField(
        label=_("Note (Chinese, markdown)"), max_length=10_000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    note_en = forms.CharField(
        label=_("Note (English, markdown)"), max_length=10_000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    format = forms.ChoiceField(label=_("Format"), choices=ExemplarFormat.choices)
    text = forms.CharField(
        label=_("Excerpt"), max_length=20_000, required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the passage, or take it from a revision you may read (below)."),
    )  # fmt: skip
    series = BoundedIntegerField(
        label=_("…or from series No."), required=False,
        help_text=_("The number in the series' address (/scripts/<number>/)."),
    )  # fmt: skip
    revision = BoundedIntegerField(label=_("Revision number"), required=False)
    first_episode = BoundedIntegerField(label=_("From episode"), required=False)
    last_episode = BoundedIntegerField(label=_("To episode"), required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("series") and not data.get("revision"):
            self.add_error("revision", _("Give the revision's number too."))
        first, last = data.get("first_episode"), data.get("last_episode")
        if (first or last) and not data.get("series"):
            self.add_error("series", _("Episodes are taken from a revision: give the series."))
        if first and last and last < first:
            self.add_error("last_episode", _("The last episode comes after the first."))
        return data


class AnnouncementForm(forms.Form):
    title = SingleLineField(label=_("Title"), max_length=160)
    body = forms.CharField(
        label=_("Message (markdown)"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 8})
    )


class CopyLessonsForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Copy from cohort"), queryset=Cohort.objects.none())

    def __init__(self, *args, cohorts, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = cohorts  # type: ignore[attr-defined]
