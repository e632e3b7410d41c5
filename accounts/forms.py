from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    SELF_SERVICE_ROLES,
    MembershipRole,
    Organisation,
    Role,
    User,
)
from core.forms import SingleLineField
from taxonomy.models import Term


class ProfileForm(forms.ModelForm):
    expertise_themes = forms.ModelMultipleChoiceField(
        queryset=Term.objects.active().themes(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Expertise themes"),
    )
    roles = forms.MultipleChoiceField(
        choices=[(role.value, role.label) for role in Role if role in SELF_SERVICE_ROLES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("I take part as"),
        help_text=_(
            "Other roles (educator, studio scout, fund manager) are granted by platform staff."
        ),
    )

    class Meta:
        model = User
        fields = [
            "display_name_zh",
            "display_name_en",
            "bio",
            "expertise_themes",
            "language",
            "large_text",
            "email_notifications",
        ]
        field_classes = {"display_name_zh": SingleLineField, "display_name_en": SingleLineField}
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"bio": _("Markdown is supported.")}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("display_name_zh") and not cleaned.get("display_name_en"):
            raise forms.ValidationError(_("Give a display name in at least one language."))
        return cleaned


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "slug",
            "name_zh",
            "name_en",
            "city",
            "website",
            "description",
        ]
        field_classes = {
            "name_zh": SingleLineField,
            "name_en": SingleLineField,
            "city": SingleLineField,
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"description": _("Markdown is supported.")}


class OrganisationEditForm(OrganisationForm):
    class Meta(OrganisationForm.Meta):
        fields = ["name_zh", "name_en", "city", "website", "description"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class SignupExtraForm(forms.Form):
    """What allauth's sign-up form asks beyond e-mail and password."""

    display_name = SingleLineField(
        label=_("Display name"),
        max_length=60,
        help_text=_(
            "How other people on the platform see you. You can add the other language later."
        ),
    )

    def signup(self, request, user) -> None:
        # Stored in the language the person signed up in; the profile holds both.
        field = "display_name_en" if user.language == "en" else "display_name_zh"
        setattr(user, field, self.cleaned_data["display_name"])
        user.save(update_fields=[field])
