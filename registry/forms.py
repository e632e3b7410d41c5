from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import RightsBasis


class RegistrationForm(forms.Form):
    revision = forms.TypedChoiceField(label=_("Revision to register"), coerce=int)
    coauthors = forms.TypedMultipleChoiceField(
        label=_("Co-authors to name (each must consent)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    name_zh = forms.CharField(
        label=_("Your name on record (Chinese)"), max_length=100, required=False
    )
    name_en = forms.CharField(
        label=_("Your name on record (English)"), max_length=100, required=False
    )
    show_publicly = forms.BooleanField(label=_("Show my name on the public entry"), required=False)
    rights_basis = forms.ChoiceField(
        label=_("Rights basis"), choices=RightsBasis.choices, initial=RightsBasis.ORIGINAL
    )
    source_work = forms.CharField(
        label=_("Source work (for an adaptation)"), max_length=200, required=False
    )
    licensor = forms.CharField(
        label=_("Licensor (for an adaptation)"), max_length=200, required=False
    )

    def __init__(self, *args, revisions=(), coauthors=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["revision"].choices = list(revisions)
        self.fields["coauthors"].choices = list(coauthors)
        if not coauthors:
            del self.fields["coauthors"]


class ConsentForm(forms.Form):
    name_zh = forms.CharField(
        label=_("Your name on record (Chinese)"), max_length=100, required=False
    )
    name_en = forms.CharField(
        label=_("Your name on record (English)"), max_length=100, required=False
    )
    show_publicly = forms.BooleanField(label=_("Show my name on the public entry"), required=False)


class LookupForm(forms.Form):
    number = forms.IntegerField(label=_("Entry number"), min_value=1, max_value=2_147_483_647)


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the script's text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        strip=False,
    )
    file = forms.FileField(
        label=_(
            "…or choose a file (Fountain, text, Word .docx, Final Draft .fdx, or a PDF exported here)"
        ),
        required=False,
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste the script's text, or choose a file."))
        return data
