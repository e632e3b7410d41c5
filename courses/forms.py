from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Cohort, CohortRole, Course, GradeBand
from taxonomy.models import Term


class CourseForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=Term.objects.filter(kind="theme"), required=False,
        widget=forms.CheckboxSelectMultiple, label=_("Themes"),
    )  # fmt: skip
    audiences = forms.ModelMultipleChoiceField(
        queryset=Term.objects.filter(kind="audience"), required=False,
        widget=forms.CheckboxSelectMultiple, label=_("Audiences"),
    )  # fmt: skip

    class Meta:
        model = Course
        fields = [
            "slug", "university", "studio", "title_zh", "title_en", "description_zh",
            "description_en", "language", "level", "certificate_shows_grade",
        ]  # fmt: skip

    def __init__(self, *args, universities=None, studios=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if universities is not None:
            self.fields["university"].queryset = universities
        if studios is not None:
            self.fields["studio"].queryset = studios
        if self.instance.pk:
            del self.fields["slug"]
            del self.fields["university"]


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name_zh", "name_en", "starts_on", "ends_on", "capacity", "enrolment_mode"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):  # type: ignore[no-untyped-def]
        # The service checks the same; here the messages go beside the fields at once.
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The cohort must end on or after the day it starts."))
        if data.get("capacity") is not None and data["capacity"] < 1:
            self.add_error("capacity", _("A cohort needs at least one place."))
        return data

    def _post_clean(self) -> None:
        # The model's check constraints are the service's rules; the form reported them.
        pass


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Why you want to join (for an application)"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class StaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a platform member"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in CohortRole if r != CohortRole.STUDENT],
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a platform member"))


class AssignmentForm(forms.ModelForm):
    class Meta:
        from courses.models import Assignment

        model = Assignment
        fields = [
            "title_zh", "title_en", "brief", "due_at", "late_until", "late_penalty_percent",
            "points", "pass_points", "required", "group_work", "episodes_from", "episodes_to",
            "required_format", "min_episode_seconds", "max_episode_seconds", "hooks_required",
            "paywall_required", "character_list_required", "synopsis_required",
            "peer_reviewers", "peer_weight_percent", "review_quality_percent",
        ]  # fmt: skip
        widgets = {
            "due_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "late_until": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "brief": forms.Textarea(attrs={"rows": 8}),
        }

    def _post_clean(self) -> None:
        # The service checks the model's rules and reports them beside the fields.
        pass


class SubmitForm(forms.Form):
    revision = forms.TypedChoiceField(label=_("Revision to submit"), coerce=int)
    studio_may_read = forms.BooleanField(
        label=_("The studio partner's scouts may read my submission"), required=False
    )

    def __init__(self, *args, revisions=(), studio=False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["revision"].choices = list(revisions)
        if not studio:
            del self.fields["studio_may_read"]


# --- Certificates -------------------------------------------------------------------------


class CertificateIssueForm(forms.Form):
    grade_band = forms.ChoiceField(
        label=_("Grade band"), required=False,
        choices=[("", _("None")), *GradeBand.choices],
    )  # fmt: skip
    override_reason = forms.CharField(
        label=_("Reason for an exception (only if the student has not completed the cohort)"),
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is revoked (shown on the verification page)"),
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class CertificateLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"), max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip
