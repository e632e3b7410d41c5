from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from core.forms import BoundedIntegerField, FastSelect, FastTextarea, SingleLineField
from core.limits import MAX_EPISODES
from reviews.models import AggregateMethod, Blindness, Criterion, RequestKind, Rubric, RubricVersion
from reviews.selectors import mentors_for


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of review"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    blindness = forms.ChoiceField(
        label=_("Blindness"),
        choices=Blindness.choices,
        initial=Blindness.SINGLE,
        widget=forms.RadioSelect,
    )
    reviews_needed = forms.IntegerField(
        label=_("Peer reviews wanted"), min_value=1, max_value=5, initial=3,
        help_text=_("Each peer review costs one credit. You earn credits by reviewing other writers."),
    )  # fmt: skip
    rubric = forms.ModelChoiceField(
        label=_("Rubric"),
        # A rubric without a published version cannot be reviewed against.
        queryset=Rubric.objects.filter(versions__isnull=False).distinct(),
        empty_label=None,
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor (optional)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to be matched with a mentor by theme, language and free time."),
    )
    episode_from = BoundedIntegerField(
        label=_("From episode"), max_value=MAX_EPISODES, required=False
    )
    episode_to = BoundedIntegerField(label=_("To episode"), max_value=MAX_EPISODES, required=False)
    due_at = forms.DateTimeField(
        label=_("Due"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=_("A note to reviewers"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you want feedback on most."),
    )  # fmt: skip

    def __init__(self, *args, series, balance: int, default_reviews: int, **kwargs):
        super().__init__(*args, **kwargs)
        # Only mentors who may review this series are offered (the service checks again).
        self.fields["mentor"].queryset = mentors_for(series)
        self.fields["mentor"].label_from_instance = lambda user: user.display_name
        # Offer what the balance allows rather than a default it cannot pay for.
        self.fields["reviews_needed"].initial = max(1, min(default_reviews, balance, 5))
        self.fields["reviews_needed"].help_text = ngettext(
            "Each peer review costs one credit; you have %(balance)s credit. You earn credits by reviewing other writers.",
            "Each peer review costs one credit; you have %(balance)s credits. You earn credits by reviewing other writers.",
            balance,
        ) % {"balance": balance}
        self.fields["due_at"].initial = (
            timezone.localtime() + timezone.timedelta(days=7)
        ).strftime("%Y-%m-%dT%H:%M")


class ReviewForm(forms.Form):
    """A score and a comment per criterion, and the overall comment."""

    overall_comment = forms.CharField(
        label=_("Overall comment"), max_length=20_000, required=False,
        widget=FastTextarea(attrs={"rows": 8}), help_text=_("Markdown is supported."),
    )  # fmt: skip

    # A score and a comment per criterion: widgets rendered in Python (core.forms.FastSelect).
    def __init__(self, *args, criteria: list[Criterion], version: RubricVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        choices = [("", "—")] + [
            (str(n), str(n)) for n in range(version.scale_min, version.scale_max + 1)
        ]
        for criterion in criteria:
            self.fields[f"score_{criterion.key}"] = forms.TypedChoiceField(
                label=criterion.name, choices=choices, coerce=int, empty_value=None,
                required=False, widget=FastSelect,
            )  # fmt: skip
            self.fields[f"comment_{criterion.key}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                max_length=4000, required=False, widget=FastTextarea(attrs={"rows": 2}),
            )  # fmt: skip

    def scores(self) -> dict[str, dict]:
        return {
            c.key: {
                "score": self.cleaned_data.get(f"score_{c.key}"),
                "comment": self.cleaned_data.get(f"comment_{c.key}", ""),
            }
            for c in self.criteria
        }

    def rows(self):
        for criterion in self.criteria:
            yield criterion, self[f"score_{criterion.key}"], self[f"comment_{criterion.key}"]


class LineNoteForm(forms.Form):
    line = BoundedIntegerField(label=_("Line"))
    body = forms.CharField(
        label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RatingForm(forms.Form):
    helpfulness = forms.TypedChoiceField(
        label=_("How helpful was this review?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Why (optional)"), max_length=500, required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)


class ConflictForm(forms.Form):
    writer_email = forms.EmailField(label=_("The writer's e-mail address"), max_length=254)
    reason = forms.CharField(label=_("Reason (only staff see it)"), max_length=300, required=False)


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label=_("Decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    extra_review = forms.BooleanField(label=_("Also ask for one more review"), required=False)


class RubricForm(forms.Form):
    slug = forms.SlugField(label=_("Slug"), max_length=64)
    name_zh = SingleLineField(label=_("Name (Chinese)"), max_length=100)
    name_en = SingleLineField(label=_("Name (English)"), max_length=100, required=False)
    description_zh = forms.CharField(
        label=_("Description (Chinese)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    aggregate_method = forms.ChoiceField(label=_("Aggregate"), choices=AggregateMethod.choices)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda organisation: organisation.name


class ScaleForm(forms.Form):
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=99, initial=1)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=10)
    divergence_threshold = forms.IntegerField(
        label=_("Divergence threshold"), min_value=1, max_value=100, initial=4
    )


class CriterionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40)
    weight = forms.DecimalField(
        label=_("Weight"), max_digits=4, decimal_places=2, min_value=Decimal("0.01"), initial=1
    )
    name_zh = SingleLineField(label=_("Name (Chinese)"), max_length=60)
    name_en = SingleLineField(label=_("Name (English)"), max_length=80, required=False)
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), max_length=300, required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), max_length=300, required=False
    )
    anchor_low_zh = forms.CharField(
        label=_("A low score means (Chinese)"), max_length=200, required=False
    )
    anchor_low_en = forms.CharField(
        label=_("A low score means (English)"), max_length=200, required=False
    )
    anchor_mid_zh = forms.CharField(
        label=_("A middle score means (Chinese)"), max_length=200, required=False
    )
    anchor_mid_en = forms.CharField(
        label=_("A middle score means (English)"), max_length=200, required=False
    )
    anchor_high_zh = forms.CharField(
        label=_("A high score means (Chinese)"), max_length=200, required=False
    )
    anchor_high_en = forms.CharField(
        label=_("A high score means (English)"), max_length=200, required=False
    )


CriterionFormSet = forms.formset_factory(
    CriterionForm, extra=1, can_delete=True, min_num=1, validate_min=True, max_num=30
)
