from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import BoundedIntegerField
from core.markdown import render_markdown
from scouting.models import (
    BriefStatus,
    BudgetTier,
    ListingConsentStatus,
    ListingStatus,
    PitchStatus,
    ShortlistEntryStatus,
)
from scouting.models.briefs import MAX_BRIEF_EPISODES, MAX_PITCH_SAMPLE_EPISODES
from scouting.models.listings import MAX_SAMPLE_EPISODES
from scouting.models.offers import (
    MAX_AMOUNT,
    MAX_FEEDBACK_DAYS,
    MAX_OFFER_DAYS,
    MAX_OPTION_MONTHS,
    DealEnd,
    DealStatus,
    OfferKind,
    OfferSide,
    OfferStatus,
    OverseasRights,
    RevenueCycle,
)
from scouting.models.portfolios import BIO_MAX_LENGTH
from scouting.models.reads import (
    DEFAULT_WINDOW_DAYS,
    MAX_WINDOW_DAYS,
    MIN_WINDOW_DAYS,
    NdaKind,
    ReadEventKind,
    ReadStatus,
)
from scouting.models.shortlists import NOTE_MAX_LENGTH
from scouting.selectors import Sort


class ScoutingSearchQuerySerializer(serializers.Serializer):
    """The search's query parameters (all optional; repeat theme, genre, audience)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    theme = serializers.ListField(
        child=serializers.SlugField(max_length=64), required=False, max_length=20
    )
    genre = serializers.ListField(
        child=serializers.SlugField(max_length=64), required=False, max_length=20
    )
    audience = serializers.ListField(
        child=serializers.SlugField(max_length=64), required=False, max_length=20
    )
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES], required=False
    )
    episodes_min = BoundedIntegerField(min_value=0, required=False)
    episodes_max = BoundedIntegerField(min_value=0, required=False)
    episode_seconds_max = BoundedIntegerField(required=False)
    min_score = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=0, max_value=10, required=False
    )
    registered = serializers.BooleanField(required=False, default=False)
    awarded = serializers.BooleanField(required=False, default=False)
    certified = serializers.BooleanField(required=False, default=False)
    updated_since = serializers.DateField(required=False)
    sort = serializers.ChoiceField(choices=list(Sort.CHOICES), required=False)
    page = BoundedIntegerField(required=False)
    page_size = BoundedIntegerField(required=False, max_value=100)


class ScoutingTermSerializer(serializers.Serializer):
    kind = serializers.CharField()
    slug = serializers.CharField()
    name = serializers.CharField()


class ScoutingFacetSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class ScoutingFacetsSerializer(serializers.Serializer):
    theme = ScoutingFacetSerializer(many=True)
    genre = ScoutingFacetSerializer(many=True)


class ScoutingResultSerializer(serializers.Serializer):
    """One listing as its writers chose to show it. The *_html fields are the same text
    escaped, with the query's matches in <mark>; a field the writers hide is empty (text)
    or null (numbers)."""

    id = serializers.IntegerField(source="listing.pk")
    title = serializers.CharField(source="listing.title")
    title_html = serializers.CharField(source="title")
    logline = serializers.CharField(source="listing.logline")
    logline_html = serializers.CharField(source="logline")
    synopsis_excerpt_html = serializers.CharField(source="synopsis")
    sample_excerpt_html = serializers.CharField(source="sample")
    language = serializers.CharField(source="listing.language")
    episodes_written = serializers.IntegerField(source="listing.episodes_written", allow_null=True)
    planned_episodes = serializers.IntegerField(source="listing.planned_episodes", allow_null=True)
    target_episode_seconds = serializers.IntegerField(
        source="listing.target_episode_seconds", allow_null=True
    )
    score = serializers.FloatField(source="listing.score", allow_null=True)
    review_count = serializers.IntegerField(source="listing.review_count", allow_null=True)
    # The change of the median score between the last two reviewed revisions.
    improvement = serializers.FloatField(source="listing.improvement", allow_null=True)
    registry_number = serializers.IntegerField(source="listing.registry_number", allow_null=True)
    awarded = serializers.BooleanField(source="listing.awarded")
    certificate_holder = serializers.BooleanField(source="listing.certificate_holder")
    terms = ScoutingTermSerializer(many=True)
    listed_at = serializers.DateTimeField(source="listing.listed_at", allow_null=True)
    updated_at = serializers.DateTimeField(source="listing.refreshed_at", allow_null=True)


class ScoutingSearchPageSerializer(serializers.Serializer):
    """A page of results (the API's usual envelope) and the facets of the whole search."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ScoutingResultSerializer(many=True)
    facets = ScoutingFacetsSerializer()
    # True when the facet counts are estimates from an even sample of the matches (a
    # search that found more than a thousand series); `count` is always exact.
    facets_approximate = serializers.BooleanField()


class ScoutingListingChoicesSerializer(serializers.Serializer):
    """What scouts may see without asking (the title is always shown)."""

    show_logline = serializers.BooleanField(default=True)
    show_synopsis = serializers.BooleanField(default=False)
    show_terms = serializers.BooleanField(default=True)
    show_episodes = serializers.BooleanField(default=True)
    sample_episodes = BoundedIntegerField(min_value=0, max_value=MAX_SAMPLE_EPISODES, default=0)
    show_score = serializers.BooleanField(default=False)
    show_registry = serializers.BooleanField(default=False)
    show_awards = serializers.BooleanField(default=False)
    show_certificates = serializers.BooleanField(default=False)


class ScoutingConsentSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    name = serializers.CharField(source="user.display_name")
    consent = serializers.ChoiceField(choices=ListingConsentStatus.choices)
    answered_at = serializers.DateTimeField(allow_null=True)


class ScoutingListingSerializer(ScoutingListingChoicesSerializer):
    """A series' listing as its writers see it: state, choices, consents, and when the
    snapshot scouts see was taken."""

    series = serializers.IntegerField(source="series_id")
    status = serializers.ChoiceField(choices=ListingStatus.choices)
    listed_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(source="refreshed_at", allow_null=True)
    consents = serializers.SerializerMethodField()

    @extend_schema_field(ScoutingConsentSerializer(many=True))
    def get_consents(self, listing):  # type: ignore[no-untyped-def]
        return ScoutingConsentSerializer(self.context["consents"], many=True).data


class ScoutingConsentAnswerSerializer(serializers.Serializer):
    consent = serializers.BooleanField(help_text="true to consent, false to withdraw consent")


# --- Shortlists and saved searches ------------------------------------------------------


class ScoutingShortlistSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    studio = serializers.SlugField(source="studio.slug")
    studio_name = serializers.CharField(source="studio.name")
    entry_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class ScoutingShortlistCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    studio = serializers.SlugField(
        max_length=64, required=False, help_text="Needed when you scout for several studios."
    )


class ScoutingShortlistRenameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)


class ScoutingShortlistNoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.display_name", allow_null=True, default=None)
    author_id = serializers.IntegerField(allow_null=True)
    body = serializers.CharField()
    body_html = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField())
    def get_body_html(self, note) -> str:  # type: ignore[no-untyped-def]
        return str(render_markdown(note.body))


class ScoutingShortlistListingSerializer(serializers.Serializer):
    """What the listing shows scouts (its snapshot); null once it is no longer listed."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    logline = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    review_count = serializers.IntegerField(allow_null=True)


class ScoutingShortlistEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ShortlistEntryStatus.choices)
    still_listed = serializers.SerializerMethodField()
    listing = serializers.SerializerMethodField()
    added_by = serializers.CharField(source="added_by.display_name", allow_null=True, default=None)
    added_at = serializers.DateTimeField()
    notes = serializers.SerializerMethodField()

    def get_still_listed(self, entry) -> bool:  # type: ignore[no-untyped-def]
        return entry.listing.is_findable

    @extend_schema_field(ScoutingShortlistListingSerializer(allow_null=True))
    def get_listing(self, entry):  # type: ignore[no-untyped-def]
        if not entry.listing.is_findable:
            return None
        return ScoutingShortlistListingSerializer(entry.listing).data

    @extend_schema_field(ScoutingShortlistNoteSerializer(many=True))
    def get_notes(self, entry):  # type: ignore[no-untyped-def]
        if not entry.listing.is_findable:
            return []
        return ScoutingShortlistNoteSerializer(entry.notes.all(), many=True).data


class ScoutingShortlistDetailSerializer(ScoutingShortlistSerializer):
    entry_count = None  # type: ignore[assignment]
    entries = serializers.SerializerMethodField()

    @extend_schema_field(ScoutingShortlistEntrySerializer(many=True))
    def get_entries(self, shortlist):  # type: ignore[no-untyped-def]
        return ScoutingShortlistEntrySerializer(self.context["entries"], many=True).data


class ScoutingShortlistDetailQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ShortlistEntryStatus.choices, required=False)


class ScoutingEntryAddSerializer(serializers.Serializer):
    listing = BoundedIntegerField(help_text="The id of a listed series (as search gives it).")


class ScoutingEntryStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ShortlistEntryStatus.choices)


class ScoutingNoteAddSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=NOTE_MAX_LENGTH)


class ScoutingSavedSearchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    query = serializers.CharField(
        allow_blank=True, help_text="The search's normalised query string (as /scouting/ takes)."
    )
    created_at = serializers.DateTimeField()
    last_run_at = serializers.DateTimeField()


class ScoutingSavedSearchCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    query = serializers.CharField(
        max_length=2000,
        allow_blank=True,
        default="",
        help_text="The search's query string, e.g. q=非遗&theme=intangible-heritage",
    )


# --- Public writer portfolios -------------------------------------------------------------


class ScoutingPortfolioSettingsSerializer(serializers.Serializer):
    is_public = serializers.BooleanField()
    bio = serializers.CharField(max_length=BIO_MAX_LENGTH, allow_blank=True, default="")


class ScoutingPortfolioSeriesSerializer(serializers.Serializer):
    """A listed series as its listing shows it (its snapshot)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    logline = serializers.CharField()
    episodes_written = serializers.IntegerField(allow_null=True)
    planned_episodes = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    review_count = serializers.IntegerField(allow_null=True)
    registry_number = serializers.IntegerField(allow_null=True)
    awarded = serializers.BooleanField()
    boutique_recommended = serializers.BooleanField()
    terms = ScoutingTermSerializer(many=True, source="terms.all")


class ScoutingPortfolioCertificateSerializer(serializers.Serializer):
    code = serializers.CharField()
    course = serializers.CharField(source="course_title")
    university = serializers.CharField(source="university_name")
    issued_at = serializers.DateTimeField()


class ScoutingPortfolioAwardSerializer(serializers.Serializer):
    series_title = serializers.CharField(source="application.series_title")
    fund = serializers.CharField(source="application.call.fund.name")
    call = serializers.CharField(source="application.call.title")


class ScoutingPortfolioSerializer(serializers.Serializer):
    writer_id = serializers.IntegerField(source="portfolio.user_id")
    name = serializers.CharField(source="portfolio.user.display_name")
    bio = serializers.CharField(source="portfolio.bio")
    bio_html = serializers.SerializerMethodField()
    series = ScoutingPortfolioSeriesSerializer(many=True, source="listings")
    certificates = ScoutingPortfolioCertificateSerializer(many=True)
    awards = ScoutingPortfolioAwardSerializer(many=True)

    @extend_schema_field(serializers.CharField())
    def get_bio_html(self, page) -> str:  # type: ignore[no-untyped-def]
        return str(render_markdown(page.portfolio.bio))


# Reads ---------------------------------------------------------------------------------


class ScoutingReadRequestSerializer(serializers.Serializer):
    """A scout's request: the studio (needed only when they scout for several), the
    readers (members of that studio; default: the requester), a range or neither."""

    studio_id = BoundedIntegerField(required=False)
    reader_ids = serializers.ListField(
        child=BoundedIntegerField(), required=False, max_length=50, allow_empty=True
    )
    message = serializers.CharField(max_length=4000)
    episodes_from = BoundedIntegerField(required=False, allow_null=True)
    episodes_to = BoundedIntegerField(required=False, allow_null=True)


class ScoutingReadAnswerSerializer(serializers.Serializer):
    """The writers' answer: accept with a window (1–90 days) and an NDA choice, or decline."""

    accept = serializers.BooleanField()
    window_days = BoundedIntegerField(
        min_value=MIN_WINDOW_DAYS, max_value=MAX_WINDOW_DAYS, default=DEFAULT_WINDOW_DAYS
    )
    nda_kind = serializers.ChoiceField(choices=NdaKind.choices, default=NdaKind.NONE)
    nda_text = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


class ScoutingNdaAcceptSerializer(serializers.Serializer):
    sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}$", max_length=64)


class ScoutingPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class ScoutingReadSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    series_id = serializers.IntegerField()
    series_title = serializers.CharField(source="series.title")
    listing_id = serializers.IntegerField(allow_null=True)
    pitch_id = serializers.IntegerField(allow_null=True)
    studio_id = serializers.IntegerField()
    studio_name = serializers.CharField(source="studio.name")
    requested_by_id = serializers.IntegerField()
    message = serializers.CharField()
    episodes_from = serializers.IntegerField(allow_null=True)
    episodes_to = serializers.IntegerField(allow_null=True)
    status = serializers.SerializerMethodField()
    window_days = serializers.IntegerField(allow_null=True)
    nda_kind = serializers.ChoiceField(choices=NdaKind.choices)
    nda_text = serializers.CharField()
    nda_sha256 = serializers.CharField()
    nda_accepted_at = serializers.DateTimeField(allow_null=True)
    nda_accepted_sha256 = serializers.CharField()
    opened_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ChoiceField(choices=ReadStatus.choices))
    def get_status(self, read) -> str:  # type: ignore[no-untyped-def]
        """The effective status: an open read past its window is expired."""
        if read.status == ReadStatus.OPEN and not read.is_open:
            return ReadStatus.EXPIRED
        return read.status


class ScoutingReadDetailSerializer(ScoutingReadSerializer):
    readers = serializers.SerializerMethodField()

    @extend_schema_field(ScoutingPersonSerializer(many=True))
    def get_readers(self, read) -> list[dict]:  # type: ignore[no-untyped-def]
        return [
            {"id": person.pk, "display_name": person.display_name}
            for person in read.readers.order_by("pk")
        ]


class ScoutingEpisodeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()


class ScoutingReadContentSerializer(serializers.Serializer):
    read_id = serializers.IntegerField()
    revision_number = serializers.IntegerField()
    format = serializers.CharField()
    ends_at = serializers.DateTimeField()
    episodes = ScoutingEpisodeSerializer(many=True)


class ScoutingTrailEventSerializer(serializers.Serializer):
    """One view or download: the studio, the reader abbreviated (赵…), what, when."""

    id = serializers.IntegerField(source="event.pk")
    read_id = serializers.IntegerField(source="event.read_id")
    studio = serializers.CharField()
    reader = serializers.CharField()
    kind = serializers.ChoiceField(choices=ReadEventKind.choices, source="event.kind")
    episodes_from = serializers.IntegerField(allow_null=True)
    episodes_to = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    created_at = serializers.DateTimeField(source="event.created_at")


class ScoutingCodeLookupSerializer(serializers.Serializer):
    """Whose copy a code was printed on."""

    code = serializers.CharField()
    read_id = serializers.IntegerField(source="read.pk")
    series_id = serializers.IntegerField(source="read.series_id")
    series_title = serializers.CharField(source="read.series.title")
    studio_id = serializers.IntegerField(source="read.studio_id")
    studio_name = serializers.CharField(source="read.studio.name")
    reader_id = serializers.IntegerField(source="user.pk")
    reader_name = serializers.CharField(source="user.display_name")
    downloaded_at = serializers.DateTimeField(source="created_at")
    episodes_from = serializers.IntegerField(source="read.episodes_from", allow_null=True)
    episodes_to = serializers.IntegerField(source="read.episodes_to", allow_null=True)


# Briefs and pitches ----------------------------------------------------------------------


class ScoutingBriefSerializer(serializers.Serializer):
    """A brief (both languages; *_html: the markdown rendered through the one sanitiser)."""

    id = serializers.IntegerField()
    studio_id = serializers.IntegerField()
    studio_name = serializers.CharField(source="studio.name")
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    description_zh = serializers.CharField()
    description_en = serializers.CharField()
    description_html = serializers.SerializerMethodField()
    terms_on_offer_zh = serializers.CharField()
    terms_on_offer_en = serializers.CharField()
    episodes = serializers.IntegerField()
    target_episode_seconds = serializers.IntegerField(allow_null=True)
    budget_tier = serializers.ChoiceField(choices=BudgetTier.choices)
    offer_kind = serializers.ChoiceField(choices=OfferKind.choices)
    deadline = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=BriefStatus.choices)
    accepts_pitches = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    terms = serializers.SerializerMethodField()

    def get_description_html(self, brief) -> str:  # type: ignore[no-untyped-def]
        return render_markdown(brief.description)

    def get_terms(self, brief) -> list[str]:  # type: ignore[no-untyped-def]
        return [term.slug for term in brief.terms.all()]


class ScoutingBriefInputSerializer(serializers.Serializer):
    """A brief as a studio writes it (all fields on create and on update)."""

    studio_id = BoundedIntegerField(
        required=False, help_text="On create, when you scout for several studios."
    )
    title_zh = serializers.CharField(max_length=160)
    title_en = serializers.CharField(max_length=160, required=False, allow_blank=True, default="")
    description_zh = serializers.CharField(max_length=10_000)
    description_en = serializers.CharField(
        max_length=10_000, required=False, allow_blank=True, default=""
    )
    terms_on_offer_zh = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    terms_on_offer_en = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    episodes = BoundedIntegerField(min_value=1, max_value=MAX_BRIEF_EPISODES)
    target_episode_seconds = BoundedIntegerField(
        min_value=30, max_value=1800, required=False, allow_null=True, default=None
    )
    budget_tier = serializers.ChoiceField(choices=BudgetTier.choices)
    offer_kind = serializers.ChoiceField(choices=OfferKind.choices, default=OfferKind.COMMISSION)
    deadline = serializers.DateTimeField()
    terms = serializers.ListField(
        child=serializers.SlugField(max_length=64), required=False, max_length=30, default=list
    )


class ScoutingPitchSerializer(serializers.Serializer):
    """A pitch as its author and the brief's studio see it: never more of the series than
    the sample copied at submission."""

    id = serializers.IntegerField()
    brief_id = serializers.IntegerField()
    brief_title = serializers.CharField(source="brief.title")
    studio_name = serializers.CharField(source="brief.studio.name")
    author_id = serializers.IntegerField()
    author_name = serializers.CharField(source="author.display_name")
    logline = serializers.CharField()
    synopsis = serializers.CharField()
    synopsis_html = serializers.SerializerMethodField()
    series_id = serializers.IntegerField(allow_null=True)
    series_title = serializers.SerializerMethodField()
    revision_number = serializers.SerializerMethodField()
    sample_episodes = serializers.IntegerField()
    sample_text = serializers.CharField()
    status = serializers.ChoiceField(choices=PitchStatus.choices)
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    answer_note = serializers.CharField()

    def get_synopsis_html(self, pitch) -> str:  # type: ignore[no-untyped-def]
        return render_markdown(pitch.synopsis)

    def get_series_title(self, pitch) -> str | None:  # type: ignore[no-untyped-def]
        return pitch.series.title if pitch.series is not None else None

    def get_revision_number(self, pitch) -> int | None:  # type: ignore[no-untyped-def]
        return pitch.revision.number if pitch.revision is not None else None


class ScoutingPitchInputSerializer(serializers.Serializer):
    """A pitch as its author writes it: a series they write, a revision number of it (the
    current one if left out) and how many of its first episodes make the sample."""

    logline = serializers.CharField(max_length=300)
    synopsis = serializers.CharField(
        max_length=10_000, required=False, allow_blank=True, default=""
    )
    series_id = BoundedIntegerField(required=False, allow_null=True, default=None)
    revision_number = BoundedIntegerField(required=False, allow_null=True, default=None)
    sample_episodes = BoundedIntegerField(
        min_value=0, max_value=MAX_PITCH_SAMPLE_EPISODES, required=False, default=0
    )


class ScoutingPitchAnswerSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ScoutingPitchReadRequestSerializer(serializers.Serializer):
    """A scout's request to read a pitched series, for the brief's studio."""

    reader_ids = serializers.ListField(
        child=BoundedIntegerField(), required=False, max_length=50, allow_empty=True
    )
    message = serializers.CharField(max_length=4000)
    episodes_from = BoundedIntegerField(required=False, allow_null=True)
    episodes_to = BoundedIntegerField(required=False, allow_null=True)


# Offers and deals ------------------------------------------------------------------------


def _money(**options):  # type: ignore[no-untyped-def]
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), max_value=MAX_AMOUNT, **options
    )


class ScoutingOfferTermsInputSerializer(serializers.Serializer):
    """One version of terms. Amounts in yuan, as strings or numbers ("50000.00"); checked
    against the kind of offer (an option needs option_months, a revenue share its cycle,
    overseas rights licensed separately their fee; the final draft not before the first)."""

    amount = _money()
    option_months = BoundedIntegerField(
        min_value=1, max_value=MAX_OPTION_MONTHS, required=False, allow_null=True
    )
    minimum_guarantee = _money(required=False, allow_null=True)
    revenue_share_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0"), max_value=Decimal("100"),
        required=False, allow_null=True,
    )  # fmt: skip
    revenue_share_cycle = serializers.ChoiceField(
        choices=RevenueCycle.choices, required=False, allow_blank=True, default=""
    )
    credit_wording = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    exclusive = serializers.BooleanField(default=True)
    territory = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    languages = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    overseas_rights = serializers.ChoiceField(
        choices=OverseasRights.choices, default=OverseasRights.EXCLUDED
    )
    overseas_fee = _money(required=False, allow_null=True)
    first_delivery_on = serializers.DateField(required=False, allow_null=True)
    final_delivery_on = serializers.DateField(required=False, allow_null=True)
    feedback_days = BoundedIntegerField(min_value=1, max_value=MAX_FEEDBACK_DAYS)
    message = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    expires_in_days = BoundedIntegerField(
        min_value=1, max_value=MAX_OFFER_DAYS, required=False, allow_null=True
    )


class ScoutingOfferCreateSerializer(ScoutingOfferTermsInputSerializer):
    """A new offer: on a listing (listing_id) or on a pitch to the studio's brief
    (pitch_id), one of the two; for the studio (studio_id, needed only when the caller
    scouts for several)."""

    listing_id = BoundedIntegerField(required=False, allow_null=True)
    pitch_id = BoundedIntegerField(required=False, allow_null=True)
    studio_id = BoundedIntegerField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=OfferKind.choices)

    def validate(self, attrs):  # type: ignore[no-untyped-def]
        if bool(attrs.get("listing_id")) == bool(attrs.get("pitch_id")):
            raise serializers.ValidationError(_("Give a listing_id or a pitch_id (one of them)."))
        return attrs


class ScoutingOfferCounterSerializer(ScoutingOfferTermsInputSerializer):
    seen_version = BoundedIntegerField(max_value=32767)


class ScoutingOfferAcceptSerializer(serializers.Serializer):
    """The version the caller read and accepts: refused (409) if newer terms exist."""

    seen_version = BoundedIntegerField(max_value=32767)


class ScoutingOfferTermsSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    proposed_by_side = serializers.ChoiceField(choices=OfferSide.choices)
    proposed_by_id = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    option_months = serializers.IntegerField(allow_null=True)
    minimum_guarantee = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    revenue_share_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True
    )
    revenue_share_cycle = serializers.CharField()
    credit_wording = serializers.CharField()
    exclusive = serializers.BooleanField()
    territory = serializers.CharField()
    languages = serializers.CharField()
    overseas_rights = serializers.ChoiceField(choices=OverseasRights.choices)
    overseas_fee = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    first_delivery_on = serializers.DateField(allow_null=True)
    final_delivery_on = serializers.DateField(allow_null=True)
    feedback_days = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class ScoutingOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    studio_id = serializers.IntegerField()
    studio_name = serializers.CharField(source="studio.name")
    series_id = serializers.IntegerField(allow_null=True)
    series_title = serializers.SerializerMethodField()
    pitch_id = serializers.IntegerField(allow_null=True)
    kind = serializers.ChoiceField(choices=OfferKind.choices)
    status = serializers.SerializerMethodField()
    awaiting = serializers.ChoiceField(choices=OfferSide.choices)
    expires_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    latest = serializers.SerializerMethodField()
    deal_id = serializers.SerializerMethodField()

    def get_series_title(self, offer) -> str:  # type: ignore[no-untyped-def]
        return offer.series.title if offer.series is not None else ""

    @extend_schema_field(serializers.ChoiceField(choices=OfferStatus.choices))
    def get_status(self, offer) -> str:  # type: ignore[no-untyped-def]
        """The effective status: an open offer past its date is expired."""
        if offer.status == OfferStatus.OPEN and not offer.is_open:
            return OfferStatus.EXPIRED
        return offer.status

    @extend_schema_field(ScoutingOfferTermsSerializer(allow_null=True))
    def get_latest(self, offer):  # type: ignore[no-untyped-def]
        versions = list(offer.versions.all())  # prefetched newest first by the selectors
        latest = max(versions, key=lambda v: v.version) if versions else None
        return ScoutingOfferTermsSerializer(latest).data if latest is not None else None

    def get_deal_id(self, offer) -> int | None:  # type: ignore[no-untyped-def]
        deal = getattr(offer, "deal", None)
        return deal.pk if deal is not None else None


class ScoutingOfferDetailSerializer(ScoutingOfferSerializer):
    versions = serializers.SerializerMethodField()
    changed_fields = serializers.SerializerMethodField()

    @extend_schema_field(ScoutingOfferTermsSerializer(many=True))
    def get_versions(self, offer):  # type: ignore[no-untyped-def]
        return ScoutingOfferTermsSerializer(
            sorted(offer.versions.all(), key=lambda v: -v.version), many=True
        ).data

    def get_changed_fields(self, offer) -> list[str]:  # type: ignore[no-untyped-def]
        """The fields in which the latest version differs from the one before it."""
        from scouting.services.offers import TERMS_FIELDS, terms_changes

        versions = sorted(offer.versions.all(), key=lambda v: -v.version)
        if len(versions) < 2:
            return []
        changed = terms_changes(versions[0], versions[1])
        return [name for name in TERMS_FIELDS if name in changed]


class ScoutingDeliverySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    delivered_at = serializers.DateTimeField()
    delivered_by_id = serializers.IntegerField(allow_null=True)
    feedback_at = serializers.DateTimeField(allow_null=True)
    feedback_note = serializers.CharField()
    turnaround_days = serializers.IntegerField(allow_null=True)


class ScoutingDealSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    offer_id = serializers.IntegerField()
    studio_id = serializers.IntegerField()
    series_id = serializers.IntegerField(allow_null=True)
    kind = serializers.ChoiceField(choices=OfferKind.choices)
    status = serializers.ChoiceField(choices=DealStatus.choices)
    status_label = serializers.SerializerMethodField()
    revision_id = serializers.IntegerField(allow_null=True)
    registry_number = serializers.IntegerField(allow_null=True)
    episode_count = serializers.IntegerField(allow_null=True)
    terms = ScoutingOfferTermsSerializer()
    agreement_text = serializers.CharField()
    agreement_sha256 = serializers.CharField()
    writers_accepted_at = serializers.DateTimeField(allow_null=True)
    studio_accepted_at = serializers.DateTimeField(allow_null=True)
    starts_on = serializers.DateField()
    option_ends_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    ended_on = serializers.DateField(allow_null=True)
    end_reason = serializers.ChoiceField(
        choices=DealEnd.choices, allow_blank=True, help_text="Empty while in force."
    )

    def get_status_label(self, deal) -> str:  # type: ignore[no-untyped-def]
        """ "Optioned until DATE", "Sold", "Commissioned" while in force; else ""."""
        from scouting.services.offers import deal_status_label

        return deal_status_label(deal) if deal.status == DealStatus.ACTIVE else ""


class ScoutingAgreementAcceptSerializer(serializers.Serializer):
    sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}$", max_length=64)


class ScoutingDeliveryCreateSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=120)


class ScoutingFeedbackSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class ScoutingScoutSerializer(serializers.Serializer):
    """A member of a studio appointed to scout for it."""

    id = serializers.IntegerField()
    user_id = serializers.IntegerField()
    name = serializers.CharField(source="user.display_name")
    role = serializers.CharField()
    created_at = serializers.DateTimeField()


class ScoutingScoutAddSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, help_text=_("A member of the studio."))
