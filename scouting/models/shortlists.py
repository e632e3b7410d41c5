"""Shortlists a studio's scouts keep of listed series, with private notes; and a scout's
saved searches, digested daily.

A shortlist belongs to a studio: every scout of the studio sees and works on it, nobody
else does (the writers included). An entry points at a listing, and shows only what the
listing shows while it is listed; once the writers unlist it (or a consent is withdrawn)
the entry is kept, marked "no longer listed", and shows nothing of the series.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from scouting.models.listings import Listing

NOTE_MAX_LENGTH = 5000


class ShortlistEntryStatus(models.TextChoices):
    NEW = "new", _("New")
    READING = "reading", _("Reading")
    DISCUSSING = "discussing", _("Discussing")
    PASSED = "passed", _("Passed")
    OFFER_MADE = "offer_made", _("Offer made")


class Shortlist(models.Model):
    studio = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="shortlists",
        verbose_name=_("studio"),
        limit_choices_to={"kind": "studio"},
    )
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["studio", "name"], name="scouting_shortlist_name_once")
        ]
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")

    def __str__(self) -> str:
        return self.name


class ShortlistEntry(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="shortlist_entries")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ShortlistEntryStatus.choices,
        default=ShortlistEntryStatus.NEW,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shortlist", "listing"], name="scouting_shortlist_entry_once"
            )
        ]
        verbose_name = _("shortlist entry")
        verbose_name_plural = _("shortlist entries")

    def __str__(self) -> str:
        return f"{self.shortlist_id}: {self.listing_id} ({self.status})"


class ShortlistNote(models.Model):
    """A scout's note on an entry: private to the studio."""

    entry = models.ForeignKey(ShortlistEntry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("shortlist note")
        verbose_name_plural = _("shortlist notes")

    def __str__(self) -> str:
        return f"note {self.pk} on {self.entry_id}"


class SavedSearch(models.Model):
    """A scout's search (the search form's query string, normalised), digested daily."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("search"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Until when the digest has looked: a listing listed (or given a new score) after it
    # is news for the next digest.
    last_run_at = models.DateTimeField(_("last digest"))

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name


class SavedSearchHit(models.Model):
    """A listing a digest told the owner about, with the score it had then: a listing is
    news again only when its score changes."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="hits")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(null=True, blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "listing"], name="scouting_saved_search_hit_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id}: {self.listing_id}"
