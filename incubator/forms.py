from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import BoundedIntegerField, SingleLineField
from incubator.eligibility import rule_kinds
from incubator.models import (
    FUND_TIME_ZONE,
    BudgetCategory,
    Call,
    MilestoneKind,
    QuestionKind,
    QuestionStage,
)
from reviews.models import Rubric
from taxonomy.models import Term

BEIJING = ZoneInfo(FUND_TIME_ZONE)


class BeijingDateTimeField(forms.DateTimeField):
    """A date and time typed in Beijing time (whatever the browser's zone), stored in UTC."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):  # type: ignore[no-untyped-def]
        result = super().to_python(value)
        if result is not None and result.tzinfo is None:
            result = result.replace(tzinfo=BEIJING)
        return result

    def prepare_value(self, value):  # type: ignore[no-untyped-def]
        if hasattr(value, "astimezone"):
            return value.astimezone(BEIJING).replace(tzinfo=None)
        return value


class CallForm(forms.ModelForm):
    opens_at = BeijingDateTimeField(label=_("Opens at (Beijing time)"))
    closes_at = BeijingDateTimeField(label=_("Closes at (Beijing time)"))
    rubric = forms.ModelChoiceField(queryset=Rubric.objects.none(), label=_("Rubric"))

    class Meta:
        model = Call
        fields = [
            "slug", "title_zh", "title_en", "guidance_zh", "guidance_en", "opens_at",
            "closes_at", "awards_count", "award_max", "budget", "variant", "anonymous",
        ]  # fmt: skip
        field_classes = {"title_zh": SingleLineField, "title_en": SingleLineField}

    def __init__(self, *args, rubrics=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if rubrics is not None:
            self.fields["rubric"].queryset = rubrics
        if self.instance.pk:
            del self.fields["slug"]
            self.fields["rubric"].initial = self.instance.rubric_version.rubric_id

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        return data

    def _post_clean(self) -> None:
        # The service applies the model's rules (and the fund's budget) and reports them.
        pass


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why the call is cancelled"), max_length=500)


class PrioritiesForm(forms.Form):
    """One bonus box per theme: empty or zero means not a priority."""

    def __init__(self, *args, themes=(), current=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        current = current or {}
        self.themes = list(themes)
        for term in self.themes:
            self.fields[f"theme_{term.slug}"] = forms.DecimalField(
                label=term.name, required=False, min_value=0, max_value=10, decimal_places=2,
                initial=current.get(term.pk),
            )  # fmt: skip

    def priorities(self) -> list:
        chosen = []
        for term in self.themes:
            bonus = self.cleaned_data.get(f"theme_{term.slug}")
            if bonus:
                chosen.append((term, bonus))
        return chosen


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=())
    years = BoundedIntegerField(label=_("Years"), required=False, max_value=100)
    episodes = BoundedIntegerField(label=_("Episodes"), required=False, max_value=300)
    score = forms.DecimalField(
        label=_("Score"), required=False, min_value=1, max_value=10, decimal_places=2
    )
    reviews = BoundedIntegerField(label=_("Reviews at least"), required=False, max_value=50)
    course = forms.SlugField(label=_("Course address name (empty: any course)"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=(("zh-hans", "简体中文"), ("en", "English")),
    )  # fmt: skip
    audiences = forms.ModelMultipleChoiceField(
        label=_("Audiences"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Term.objects.filter(kind="audience"), to_field_name="slug",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.key, kind.label) for kind in rule_kinds()]

    def params(self) -> dict:
        data = self.cleaned_data
        params: dict = {}
        for name in ("years", "episodes", "reviews", "course"):
            if data.get(name):
                params[name] = data[name]
        if data.get("score") is not None:
            params["score"] = str(data["score"])
        if data.get("languages"):
            params["languages"] = list(data["languages"])
        if data.get("audiences"):
            params["audiences"] = [term.slug for term in data["audiences"]]
        return params


class QuestionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Answer"), choices=QuestionKind.choices)
    stage = forms.ChoiceField(label=_("Stage"), choices=QuestionStage.choices)
    label_zh = SingleLineField(label=_("Question (Chinese)"), max_length=300, required=False)
    label_en = SingleLineField(label=_("Question (English)"), max_length=300, required=False)
    help_zh = forms.CharField(label=_("Help (Chinese)"), max_length=1000, required=False)
    help_en = forms.CharField(label=_("Help (English)"), max_length=1000, required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    choices = forms.CharField(
        label=_("Choices, one a line: Chinese|English"), required=False, max_length=6000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    max_length = BoundedIntegerField(label=_("Longest answer"), required=False, max_value=20_000)

    def as_question(self) -> dict | None:
        data = self.cleaned_data
        if not data or not (data.get("label_zh") or data.get("label_en")):
            return None
        return {key: data.get(key) for key in self.fields}


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, max_num=40, validate_max=True)


class StartForm(forms.Form):
    """Choose one of your series and one of its registered revisions (by entry number)."""

    series = forms.TypedChoiceField(label=_("Series"), coerce=int, choices=())
    entry = forms.TypedChoiceField(label=_("Registered revision"), coerce=int, choices=())

    def __init__(self, *args, choices=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.choices = list(choices)
        self.fields["series"].choices = [(c.series.pk, c.series.title) for c in self.choices]
        self.fields["entry"].choices = [
            (
                entry.number,
                gettext("%(series)s · entry No. %(number)s · revision %(revision)s")
                % {
                    "series": c.series.title,
                    "number": entry.number,
                    "revision": entry.revision.label,
                },
            )
            for c in self.choices
            for entry in c.entries
        ]


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    description = SingleLineField(label=_("Description"), max_length=200)
    amount = forms.CharField(label=_("Amount (yuan)"), max_length=20)


class InviteForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Co-writer"), coerce=int, choices=(), required=False)
    organisation = forms.SlugField(
        label=_("Producing studio (its address name)"), required=False, max_length=64
    )

    def __init__(self, *args, writers=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "—")] + [(u.pk, str(u)) for u in writers]


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(
            ("start", _("Start screening")),
            ("eligible", _("Eligible: on to review")),
            ("out_of_remit", _("Out of remit")),
        ),
    )
    reason = forms.CharField(
        label=_("Note or reason (sent to the applicants when out of remit)"), required=False,
        max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ProposalInviteForm(forms.Form):
    """Invite a full proposal (the concept-note variant): its deadline, in Beijing time."""

    due_at = BeijingDateTimeField(label=_("Full proposal due (Beijing time)"))
    message = forms.CharField(
        label=_("Message to the applicants (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ConceptDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicants)"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ManagerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a member of the fund body"))


# --- funded projects ----------------------------------------------------------------------


class ProjectForm(forms.Form):
    amount = forms.CharField(label=_("Award (yuan)"), max_length=20)
    conditions = forms.CharField(
        label=_("Conditions (markdown)"), required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


class MilestoneForm(forms.Form):
    title = SingleLineField(label=_("Milestone"), max_length=200)
    kind = forms.ChoiceField(label=_("Deliverable"), choices=MilestoneKind.choices)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class TrancheForm(forms.Form):
    amount = forms.CharField(label=_("Amount (yuan)"), max_length=20)
    scheduled_on = forms.DateField(
        label=_("Planned for"), widget=forms.DateInput(attrs={"type": "date"})
    )
    milestone = forms.TypedChoiceField(
        label=_("Paid on the milestone"), required=False, coerce=int, empty_value=None
    )
    note = SingleLineField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, milestones=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._milestones = {m.pk: m for m in milestones}
        self.fields["milestone"].choices = [("", _("None: on the date"))] + [
            (m.pk, m.title) for m in milestones
        ]

    def clean_milestone(self):  # type: ignore[no-untyped-def]
        value = self.cleaned_data["milestone"]
        return self._milestones.get(value) if value is not None else None


class ReportForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class DeliverForm(forms.Form):
    entry = BoundedIntegerField(label=_("Registered revision"), required=False)
    file = forms.FileField(label=_("File"), required=False)
    report = forms.CharField(label=_("Report (markdown)"), required=False, max_length=20_000)
    filing_number = SingleLineField(
        label=_("Filing or licence number"), required=False, max_length=80
    )
