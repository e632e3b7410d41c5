"""Listings: a series a writer opened to studio scouts, and the co-writers' consent.

A listing is private work made discoverable on the writers' terms. The writer chooses
what scouts see; the services copy exactly that onto the listing row (a snapshot), with
the search document built from it, so that search reads one table, never revisions, and
can never show or match what the writer kept back. A field the writer hides is stored
empty (None), so no filter can find it either.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scripts_app.models import Series

# How many opening episodes a writer may offer as a sample.
MAX_SAMPLE_EPISODES = 10


class ListingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for co-writers' consent")
    LISTED = "listed", _("Listed for discovery")
    UNLISTED = "unlisted", _("Not listed")


class Listing(models.Model):
    series = models.OneToOneField(
        Series, on_delete=models.CASCADE, related_name="discovery_listing", verbose_name=_("series")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    # What the writers chose to show.
    show_logline = models.BooleanField(_("logline"), default=True)
    show_synopsis = models.BooleanField(_("synopsis"), default=False)
    show_terms = models.BooleanField(_("themes, genres and audiences"), default=True)
    show_episodes = models.BooleanField(_("episodes written and planned"), default=True)
    sample_episodes = models.PositiveSmallIntegerField(
        _("sample: the first episodes"),
        default=0,
        validators=[MaxValueValidator(MAX_SAMPLE_EPISODES)],
    )
    show_score = models.BooleanField(_("median Boutique Standard score"), default=False)
    show_registry = models.BooleanField(_("registry entry"), default=False)
    show_awards = models.BooleanField(_("fund awards"), default=False)
    show_certificates = models.BooleanField(_("course certificates"), default=False)

    # The snapshot scouts see: only what the choices above allow (the services fill it).
    title = models.CharField(_("title"), max_length=120)
    logline = models.CharField(_("logline"), max_length=300, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)
    sample_text = models.TextField(_("sample"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    episodes_written = models.PositiveIntegerField(null=True, blank=True)
    planned_episodes = models.PositiveIntegerField(null=True, blank=True)
    target_episode_seconds = models.PositiveIntegerField(null=True, blank=True)
    score = models.FloatField(_("median score"), null=True, blank=True)
    review_count = models.PositiveIntegerField(null=True, blank=True)
    # How much the median score rose between the last two reviewed revisions (shown with
    # the score, and only then; the "most improved" order).
    improvement = models.FloatField(_("score improvement"), null=True, blank=True)
    registry_number = models.PositiveIntegerField(null=True, blank=True)
    awarded = models.BooleanField(default=False)
    certificate_holder = models.BooleanField(default=False)
    terms = models.ManyToManyField(
        "taxonomy.Term", blank=True, related_name="scouting_listings", verbose_name=_("terms")
    )
    # The same terms' ids, sorted, on the row (written with `terms`): what the term tokens
    # of `search_tokens` are made from (migrations 0012 and 0014 read it).
    term_ids = models.JSONField(null=True, blank=True)
    # Title, logline, synopsis and sample as shown, for full-text search (PostgreSQL:
    # English text search and pg_trgm indexes on this column, migration 0002).
    search_document = models.TextField(blank=True)
    # The same text for SQLite's FTS5: Chinese runs written as overlapping character
    # bigrams, words lower-cased (scouting.search.tokens; migration 0002 indexes it).
    search_tokens = models.TextField(blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    listed_at = models.DateTimeField(_("listed at"), null=True, blank=True)
    # When the snapshot was last taken (listing saved or refreshed).
    refreshed_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    # Under an exclusive option in force, the last day of the option: until then the
    # listing is found by nobody (search, digests, portfolios, reads, offers). Kept by the
    # deal services (scouting.services.offers); None when no such option holds.
    hidden_until = models.DateField(_("hidden until"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-listed_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-listed_at", "-id"], name="scouting_listed_newest"),
            models.Index(fields=["status", "-score"], name="scouting_listed_score"),
            models.Index(fields=["status", "-improvement"], name="scouting_listed_improved"),
        ]
        verbose_name = _("discovery listing")
        verbose_name_plural = _("discovery listings")

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"

    @property
    def is_hidden(self) -> bool:
        """Under an exclusive option in force today."""
        return self.hidden_until is not None and self.hidden_until >= timezone.localdate()

    @property
    def is_findable(self) -> bool:
        return self.status == ListingStatus.LISTED and not self.is_hidden


def not_hidden() -> Q:
    """The listings no exclusive option hides today (for every selector of listings)."""
    return Q(hidden_until__isnull=True) | Q(hidden_until__lt=timezone.localdate())


class ListingConsentStatus(models.TextChoices):
    PENDING = "pending", _("Not yet answered")
    GIVEN = "given", _("Consented")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ListingConsent(models.Model):
    """One writer's consent to a listing (the owner's and every co-writer's)."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_consents"
    )
    consent = models.CharField(
        _("consent"),
        max_length=10,
        choices=ListingConsentStatus.choices,
        default=ListingConsentStatus.PENDING,
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "user"], name="scouting_consent_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.listing_id}: {self.consent}"


class ListingsVersion(models.Model):
    """One row whose token changes whenever a listing or a listing's terms change: database
    triggers write a new random token in the same transaction as the change (migration
    0011, scouting/search_indexes.py), whatever made it (a service, a bulk update, a
    seed). Search caches its answers under the token, so a change is seen at once and a
    rolled-back change leaves no token behind to serve."""

    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("listings version")
        verbose_name_plural = _("listings versions")

    def __str__(self) -> str:
        return str(self.token)
