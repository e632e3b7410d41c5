"""Reads: a studio asks to read a listed series' script; its writers agree or not.

A scout requests a read of the whole script or a range of episodes, for named members of
their studio. The writers (the owner or a co-writer; any one answers) accept, choosing an
access window of 1–90 days and whether the scout must first accept an NDA (the platform's
standard text or their own), or decline. At acceptance the read is frozen on the
revision current then: readers read that text, whatever the writers write afterwards.

While the window is open the named readers read in the browser and download PDFs
watermarked for them; every view and download is a `ReadEvent`, each download with its
own code, printed on every page and kept in the PDF's metadata, that the writers and
platform staff can turn back into the read.

Access is computed from `ends_at` (an open read whose window has passed reads as expired
at once; a periodic task marks such reads expired for the lists).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from scouting.models.listings import Listing
from scripts_app.models import Revision, Series

MIN_WINDOW_DAYS = 1
MAX_WINDOW_DAYS = 90
DEFAULT_WINDOW_DAYS = 14


class ReadStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted: waiting for the NDA")
    OPEN = "open", _("Open")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class NdaKind(models.TextChoices):
    NONE = "none", _("No NDA")
    STANDARD = "standard", _("The platform's standard NDA")
    OWN = "own", _("Our own text")


class ReadRequest(models.Model):
    # A read of a listed series, or of the series a writer pitched to the studio's brief.
    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, null=True, blank=True, related_name="reads"
    )
    pitch = models.ForeignKey(
        "scouting.Pitch", on_delete=models.CASCADE, null=True, blank=True, related_name="reads"
    )
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="scouting_reads", verbose_name=_("series")
    )
    studio = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scouting_reads",
        verbose_name=_("studio"),
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scouting_reads_requested"
    )
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="scouting_reads", verbose_name=_("readers")
    )
    message = models.TextField(_("message"), max_length=4000)
    # None: the whole script.
    episodes_from = models.PositiveIntegerField(_("from episode"), null=True, blank=True)
    episodes_to = models.PositiveIntegerField(_("to episode"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReadStatus.choices, default=ReadStatus.REQUESTED
    )

    # The writers' answer.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(null=True, blank=True)
    window_days = models.PositiveSmallIntegerField(_("access window (days)"), null=True)
    nda_kind = models.CharField(
        _("NDA"), max_length=10, choices=NdaKind.choices, default=NdaKind.NONE
    )
    # The exact text the scout must accept, and its SHA-256 (fixed at acceptance).
    nda_text = models.TextField(_("NDA text"), blank=True)
    nda_sha256 = models.CharField(max_length=64, blank=True)
    nda_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    nda_accepted_at = models.DateTimeField(null=True, blank=True)
    nda_accepted_sha256 = models.CharField(max_length=64, blank=True)
    # The revision current at acceptance: what the readers read.
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    opened_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(_("open until"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(listing__isnull=False) | models.Q(pitch__isnull=False),
                name="scouting_read_of_listing_or_pitch",
            )
        ]
        indexes = [
            models.Index(fields=["studio", "-created_at"], name="scouting_read_studio"),
            models.Index(fields=["series", "-created_at"], name="scouting_read_series"),
            models.Index(fields=["status", "ends_at"], name="scouting_read_due"),
        ]
        verbose_name = _("read request")
        verbose_name_plural = _("read requests")

    def __str__(self) -> str:
        return f"read {self.pk} of series {self.series_id} ({self.status})"

    def is_open_at(self, moment) -> bool:  # type: ignore[no-untyped-def]
        return self.status == ReadStatus.OPEN and self.ends_at is not None and moment < self.ends_at

    @property
    def is_open(self) -> bool:
        """Open now: the status says so and the window has not ended (no beat needed)."""
        return self.is_open_at(timezone.now())

    @property
    def shown_status(self) -> str:
        """The status as a person should read it: an open read past its window is expired."""
        if self.status == ReadStatus.OPEN and not self.is_open:
            return str(ReadStatus.EXPIRED.label)
        return str(self.get_status_display())


class ReadEventKind(models.TextChoices):
    VIEW = "view", _("read in the browser")
    DOWNLOAD = "download", _("downloaded a watermarked PDF")
    API = "api", _("read through the API")


class ReadEvent(models.Model):
    """One view or download of an open read: the access trail. A download has its own
    code, printed on every page of its PDF and kept in the PDF's metadata."""

    read = models.ForeignKey(ReadRequest, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scouting_read_events"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReadEventKind.choices)
    code = models.CharField(_("code"), max_length=20, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["read", "-created_at"], name="scouting_readevent_read")]
        verbose_name = _("read event")
        verbose_name_plural = _("read events")

    def __str__(self) -> str:
        return f"{self.kind} of read {self.read_id} by {self.user_id}"
