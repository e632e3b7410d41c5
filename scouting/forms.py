from datetime import date, datetime, time
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    BoundedIntegerField,
    FastCheckboxSelectMultiple,
    FastSelect,
    FastTextarea,
    SingleLineField,
)
from incubator.forms import BeijingDateTimeField
from scouting.models import BudgetTier, PitchStatus, ShortlistEntryStatus
from scouting.models.briefs import MAX_BRIEF_EPISODES, MAX_PITCH_SAMPLE_EPISODES
from scouting.models.listings import MAX_SAMPLE_EPISODES
from scouting.models.offers import (
    MAX_AMOUNT,
    MAX_FEEDBACK_DAYS,
    MAX_OFFER_DAYS,
    MAX_OPTION_MONTHS,
    OfferKind,
    OverseasRights,
    RevenueCycle,
)
from scouting.models.portfolios import BIO_MAX_LENGTH
from scouting.models.reads import DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, MIN_WINDOW_DAYS, NdaKind
from scouting.models.shortlists import NOTE_MAX_LENGTH
from scouting.selectors import SearchParams, Sort, search_vocabulary
from taxonomy.models import Term

EARLIEST = date(2000, 1, 1)
OFFER_TERMS_FIELDS = (
    "amount", "option_months", "minimum_guarantee", "revenue_share_percent",
    "revenue_share_cycle", "credit_wording", "exclusive", "territory", "languages",
    "overseas_rights", "overseas_fee", "first_delivery_on", "final_delivery_on",
    "feedback_days",
)  # fmt: skip


class ListingForm(forms.Form):
    """What scouts may see without asking. The title is always shown."""

    show_logline = forms.BooleanField(label=_("Logline"), required=False, initial=True)
    show_synopsis = forms.BooleanField(label=_("Synopsis"), required=False)
    show_terms = forms.BooleanField(
        label=_("Themes, genres and audiences"), required=False, initial=True
    )
    show_episodes = forms.BooleanField(
        label=_("Episodes written and planned, and the target episode length"),
        required=False,
        initial=True,
    )
    sample_episodes = BoundedIntegerField(
        label=_("Sample: the first episodes"),
        min_value=0,
        max_value=MAX_SAMPLE_EPISODES,
        initial=0,
        help_text=_("Scouts can read this many opening episodes of the current text (0: none)."),
    )
    show_score = forms.BooleanField(
        label=_("Median Boutique Standard score of completed reviews"), required=False
    )
    show_registry = forms.BooleanField(label=_("Registry entry"), required=False)
    show_awards = forms.BooleanField(label=_("Fund awards"), required=False)
    show_certificates = forms.BooleanField(label=_("Course certificates"), required=False)


class SearchForm(forms.Form):
    """The scouts' search (GET): every field optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=FastCheckboxSelectMultiple
    )
    genre = forms.MultipleChoiceField(
        label=_("Genres"), required=False, widget=FastCheckboxSelectMultiple
    )
    audience = forms.MultipleChoiceField(
        label=_("Audiences"), required=False, widget=FastCheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language"), required=False, widget=FastSelect)
    episodes_min = BoundedIntegerField(
        label=_("Episodes written, at least"), required=False, min_value=0
    )
    episodes_max = BoundedIntegerField(
        label=_("Episodes written, at most"), required=False, min_value=0
    )
    episode_seconds_max = BoundedIntegerField(
        label=_("Target episode length, at most (seconds)"), required=False
    )
    min_score = forms.DecimalField(
        label=_("Score, at least"), required=False, min_value=0, max_value=10, decimal_places=1
    )
    registered = forms.BooleanField(label=_("Has a registry entry"), required=False)
    awarded = forms.BooleanField(label=_("Awarded by a fund"), required=False)
    certified = forms.BooleanField(label=_("Writer holds a course certificate"), required=False)
    updated_since = forms.DateField(
        label=_("Updated since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        widget=FastSelect,
        choices=[
            (Sort.RELEVANCE, _("Relevance")),
            (Sort.SCORE, _("Score")),
            (Sort.NEWEST, _("Newest")),
            (Sort.IMPROVED, _("Most improved between revisions")),
        ],
    )

    def __init__(self, *args, vocabulary: list[Term] | None = None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        terms = search_vocabulary() if vocabulary is None else vocabulary
        for kind in ("theme", "genre", "audience"):
            self.fields[kind].choices = [(t.slug, t.name) for t in terms if t.kind == kind]
        self.fields["language"].choices = [("", _("Any")), *settings.LANGUAGES]

    def params(self) -> SearchParams:
        return search_params(self.cleaned_data)


def search_params(data: dict) -> SearchParams:
    """SearchParams from cleaned form or serializer data (the same names)."""
    since = data.get("updated_since")
    if since is not None and not isinstance(since, datetime):
        # Nothing is older than the platform: an earlier date filters nothing, and a date
        # near year 1 would not survive the move to UTC.
        since = timezone.make_aware(datetime.combine(max(since, EARLIEST), time.min))
    score = data.get("min_score")
    return SearchParams(
        q=data.get("q") or "",
        themes=tuple(data.get("theme") or ()),
        genres=tuple(data.get("genre") or ()),
        audiences=tuple(data.get("audience") or ()),
        language=data.get("language") or "",
        episodes_min=data.get("episodes_min"),
        episodes_max=data.get("episodes_max"),
        episode_seconds_max=data.get("episode_seconds_max"),
        min_score=float(score) if score is not None else None,
        registered=bool(data.get("registered")),
        awarded=bool(data.get("awarded")),
        certified=bool(data.get("certified")),
        updated_since=since,
        sort=data.get("sort") or Sort.RELEVANCE,
    )


class ScoutForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a member of the studio"), max_length=254)


# --- Shortlists and saved searches ------------------------------------------------------


class ShortlistForm(forms.Form):
    name = SingleLineField(label=_("Name of the shortlist"), max_length=120)
    studio = forms.ModelChoiceField(label=_("Studio"), queryset=None, empty_label=None)

    def __init__(self, *args, studios, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["studio"].queryset = studios


class ShortlistRenameForm(forms.Form):
    name = SingleLineField(label=_("Name of the shortlist"), max_length=120)


class EntryAddForm(forms.Form):
    listing = BoundedIntegerField(widget=forms.HiddenInput)
    shortlist = BoundedIntegerField(label=_("Shortlist"))


# The shortlist page shows a status form and a note form for every entry: their widgets
# are rendered in Python (core.forms).
class EntryStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ShortlistEntryStatus.choices, widget=FastSelect
    )


class EntryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *ShortlistEntryStatus.choices],
        widget=FastSelect,
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        widget=FastTextarea(attrs={"rows": 3}),
        help_text=_("Seen only by the studio's scouts. Markdown."),
    )


class SavedSearchForm(forms.Form):
    name = SingleLineField(label=_("Name of the search"), max_length=120)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class PortfolioForm(forms.Form):
    is_public = forms.BooleanField(
        label=_("Show my public portfolio"),
        required=False,
        help_text=_(
            "Anyone can then see your listed series (what each listing shows), your course "
            "certificates and the fund awards shown publicly. Private series never appear."
        ),
    )
    bio = forms.CharField(
        label=_("Short bio"),
        required=False,
        max_length=BIO_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown."),
    )


# Reads ---------------------------------------------------------------------------------


class ReadRequestForm(forms.Form):
    """A scout asks to read a listed series: for which studio, who reads, which episodes."""

    studio = forms.ModelChoiceField(label=_("For the studio"), queryset=None, empty_label=None)
    readers = forms.ModelMultipleChoiceField(
        label=_("Who may read"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of your studio who may read (you, if none is ticked)."),
    )
    episodes_from = BoundedIntegerField(label=_("From episode"), required=False)
    episodes_to = BoundedIntegerField(
        label=_("To episode"),
        required=False,
        help_text=_("Leave both empty to ask for the whole script."),
    )
    message = forms.CharField(
        label=_("Message to the writers"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args, studios, members, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["studio"].queryset = studios
        self.fields["readers"].queryset = members
        self.fields["readers"].label_from_instance = lambda user: user.display_name


class ReadAnswerForm(forms.Form):
    """A writer's answer: accept (with a window and an NDA choice) or decline."""

    window_days = BoundedIntegerField(
        label=_("Access window (days)"),
        min_value=MIN_WINDOW_DAYS,
        max_value=MAX_WINDOW_DAYS,
        initial=DEFAULT_WINDOW_DAYS,
    )
    nda_kind = forms.ChoiceField(
        label=_("NDA"), choices=NdaKind.choices, initial=NdaKind.STANDARD,
        widget=forms.RadioSelect,
    )  # fmt: skip
    nda_text = forms.CharField(
        label=_("Your own NDA text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Only when you choose your own text."),
    )


class NdaAcceptForm(forms.Form):
    # The hash of the text the page showed: a text changed since is refused.
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agree = forms.BooleanField(label=_("I have read the NDA and accept it for my studio."))


# Briefs and pitches ----------------------------------------------------------------------


class BriefForm(forms.Form):
    """A studio's brief, in Chinese and (optionally) English."""

    studio = forms.ModelChoiceField(label=_("For the studio"), queryset=None, empty_label=None)
    title_zh = SingleLineField(label=_("Title (Chinese)"), max_length=160)
    title_en = SingleLineField(label=_("Title (English)"), max_length=160, required=False)
    description_zh = forms.CharField(
        label=_("What we look for (Chinese, markdown)"), max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )  # fmt: skip
    description_en = forms.CharField(
        label=_("What we look for (English, markdown)"), max_length=10_000, required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )  # fmt: skip
    terms = forms.ModelMultipleChoiceField(
        label=_("Themes, genres and audiences"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    episodes = BoundedIntegerField(label=_("Episodes"), min_value=1, max_value=MAX_BRIEF_EPISODES)
    target_episode_seconds = BoundedIntegerField(
        label=_("Target episode length (seconds)"), min_value=30, max_value=1800, required=False
    )
    budget_tier = forms.ChoiceField(label=_("Budget"), choices=BudgetTier.choices)
    offer_kind = forms.ChoiceField(label=_("What we offer"), choices=OfferKind.choices)
    terms_on_offer_zh = forms.CharField(
        label=_("Terms on offer (Chinese)"), max_length=4000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    terms_on_offer_en = forms.CharField(
        label=_("Terms on offer (English)"), max_length=4000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    deadline = BeijingDateTimeField(
        label=_("Pitches close at (Beijing time)"),
    )

    def __init__(self, *args, studios=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["terms"].queryset = Term.objects.filter(
            is_active=True, kind__in=["theme", "genre", "audience"]
        ).order_by("kind", "pk")
        if studios is None:
            del self.fields["studio"]
        else:
            self.fields["studio"].queryset = studios


class PitchForm(forms.Form):
    """A writer's pitch: a logline and synopsis, and optionally one of their series at a
    revision with its first episodes as a sample."""

    logline = SingleLineField(label=_("Logline"), max_length=300)
    synopsis = forms.CharField(
        label=_("Synopsis (markdown)"), max_length=10_000, required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )  # fmt: skip
    series = forms.ModelChoiceField(
        label=_("Your series"), queryset=None, required=False,
        empty_label=_("None: an idea without a script"),
    )  # fmt: skip
    revision_number = BoundedIntegerField(
        label=_("Revision number"), required=False,
        help_text=_("Leave empty for the series' current text."),
    )  # fmt: skip
    sample_episodes = BoundedIntegerField(
        label=_("Sample: the first episodes"), min_value=0, max_value=MAX_PITCH_SAMPLE_EPISODES,
        initial=0,
        help_text=_("The studio reads this many opening episodes of that revision, copied when "
                    "you submit; the rest only if you accept its request to read."),
    )  # fmt: skip

    def __init__(self, *args, series, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series


class PitchAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the writer"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class PitchFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All")), *[(value, label) for value, label in PitchStatus.choices if value != "draft"]],
    )  # fmt: skip


class OfferTermsForm(forms.Form):
    """One version of an offer's terms (the first offer and every counter)."""

    amount = forms.DecimalField(
        label=_("Amount (yuan)"), min_value=Decimal("0"), max_value=MAX_AMOUNT,
        max_digits=12, decimal_places=2,
        help_text=_("The option price, purchase price or commission fee."),
    )  # fmt: skip
    option_months = BoundedIntegerField(
        label=_("Option term (months)"), min_value=1, max_value=MAX_OPTION_MONTHS, required=False,
        help_text=_("For an option only."),
    )  # fmt: skip
    minimum_guarantee = forms.DecimalField(
        label=_("Minimum guarantee (保底, yuan)"), min_value=Decimal("0"), max_value=MAX_AMOUNT,
        max_digits=12, decimal_places=2, required=False,
    )  # fmt: skip
    revenue_share_percent = forms.DecimalField(
        label=_("Revenue share (分成, %)"), min_value=Decimal("0"), max_value=Decimal("100"),
        max_digits=5, decimal_places=2, required=False,
    )  # fmt: skip
    revenue_share_cycle = forms.ChoiceField(
        label=_("Revenue share paid"), choices=[("", "—"), *RevenueCycle.choices], required=False
    )
    credit_wording = SingleLineField(label=_("Credit wording"), max_length=200, required=False)
    exclusive = forms.BooleanField(label=_("Exclusive"), required=False, initial=True)
    territory = SingleLineField(label=_("Territory"), max_length=200, required=False)
    languages = SingleLineField(label=_("Languages"), max_length=200, required=False)
    overseas_rights = forms.ChoiceField(
        label=_("Overseas adaptation rights"), choices=OverseasRights.choices,
        initial=OverseasRights.EXCLUDED,
    )  # fmt: skip
    overseas_fee = forms.DecimalField(
        label=_("Overseas adaptation fee (yuan)"), min_value=Decimal("0"), max_value=MAX_AMOUNT,
        max_digits=12, decimal_places=2, required=False,
    )  # fmt: skip
    first_delivery_on = forms.DateField(
        label=_("First draft due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    final_delivery_on = forms.DateField(
        label=_("Final draft due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    feedback_days = BoundedIntegerField(
        label=_("Studio's feedback turnaround (days)"), min_value=1, max_value=MAX_FEEDBACK_DAYS,
        help_text=_("How many days the studio takes to answer each draft."),
    )  # fmt: skip
    expires_in_days = BoundedIntegerField(
        label=_("Open for (days)"), min_value=1, max_value=MAX_OFFER_DAYS, required=False,
        help_text=_("Leave empty to keep the current date (14 days for a new offer)."),
    )  # fmt: skip
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        required=False,
    )  # fmt: skip

    def terms(self) -> dict[str, object]:
        data = self.cleaned_data
        return {name: data.get(name) for name in OFFER_TERMS_FIELDS}


class OfferMakeForm(OfferTermsForm):
    studio = forms.ModelChoiceField(label=_("For the studio"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Kind of offer"), choices=OfferKind.choices)

    field_order = ["studio", "kind"]

    def __init__(self, *args, studios, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["studio"].queryset = studios


class OptionExerciseForm(OfferTermsForm):
    """The purchase offer a studio makes under its option (the kind and studio are the
    deal's)."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        del self.fields["option_months"]


class OfferCounterForm(OfferTermsForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=32767)


class OfferAnswerForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=32767)


class AgreementAcceptForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class DeliveryForm(forms.Form):
    label = SingleLineField(
        label=_("What you delivered"), max_length=120,
        help_text=_("For example: episodes 1–5, second draft."),
    )  # fmt: skip


class FeedbackForm(forms.Form):
    note = forms.CharField(
        label=_("Feedback note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000,
        required=False,
    )  # fmt: skip
