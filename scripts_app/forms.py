from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BoundedIntegerField, SingleLineField
from scripts_app.models import CollaboratorRole, ExportFormat, RevisionColor, Series
from taxonomy.models import Term

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _terms(kind: str, label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Term.objects.active().filter(kind=kind),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
    )


class SeriesForm(forms.ModelForm):
    themes = _terms("theme", _("Themes"))
    genres = _terms("genre", _("Genres"))
    audiences = _terms("audience", _("Target audiences"))

    class Meta:
        model = Series
        fields = [
            "title", "logline", "synopsis", "language", "format", "themes", "genres", "audiences",
            "planned_episodes", "target_episode_seconds", "paywall_episode", "ai_assistance",
            "ai_note", "visibility", "reader_exports",
        ]  # fmt: skip
        field_classes = {"title": SingleLineField}
        widgets = {
            "synopsis": forms.Textarea(attrs={"rows": 6}),
            "logline": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "synopsis": _("Markdown is supported."),
            "format": _("Detected automatically when you import a file; you can change it."),
            "paywall_episode": _("Where viewers first pay. Usually between episodes 8 and 16."),
            "ai_note": _("Which parts, and how. Funds and studios read this."),
            "reader_exports": _(
                "Readers and platform members who export get your script with their name and the date on every page, or cannot export at all. You and your co-writers always export without a watermark."
            ),
        }

    def __init__(self, *args, can_manage: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_manage:
            # Co-writers edit the story fields; who may read it is the owner's decision.
            del self.fields["visibility"]
            del self.fields["reader_exports"]


class CollaboratorForm(forms.Form):
    email = forms.EmailField(label=_("Their account's e-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=CollaboratorRole.choices)


class CollaboratorRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=CollaboratorRole.choices)


class MilestoneForm(forms.Form):
    name = SingleLineField(label=_("Milestone name"), max_length=80, required=False)
    color = forms.ChoiceField(
        label=_("Revision colour"), choices=[("", "—"), *RevisionColor.choices], required=False
    )


class CommentForm(forms.Form):
    line = BoundedIntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Script file"),
        help_text=_(
            "Fountain (.fountain, .txt), Chinese plain text (.txt), Word (.docx) or Final Draft (.fdx), up to 10 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=ExportFormat.choices, initial=ExportFormat.PDF
    )
    watermark = SingleLineField(
        label=_("Watermark (optional)"),
        max_length=120,
        required=False,
        help_text=_(
            "Printed on every page of a PDF or Word file, in the header of a Final Draft file and on the title page of a Fountain file."
        ),
    )
