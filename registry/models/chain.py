"""Registrations (a writer's request, waiting on every co-writer's consent) and the
registry itself: entries that form a hash chain and are never changed or deleted.

The canonical serialisation an entry's hash covers is in `registry/chain.py` and
`docs/registry.md`.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from scripts_app.models import Revision, Series


class RightsBasis(models.TextChoices):
    ORIGINAL = "original", _("Original work")
    LICENSED = "licensed", _("Licensed adaptation")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for co-writers")
    REGISTERED = "registered", _("Registered")
    DECLINED = "declined", _("Declined by a co-writer")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentStatus(models.TextChoices):
    PENDING = "pending", _("Not yet answered")
    GIVEN = "given", _("Consented")
    DECLINED = "declined", _("Declined")


class Registration(models.Model):
    """A request to register one revision, and the authors it names."""

    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("series")
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("revision")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    rights_basis = models.CharField(
        _("rights basis"), max_length=10, choices=RightsBasis.choices, default=RightsBasis.ORIGINAL
    )
    source_work = models.CharField(
        _("source work"),
        max_length=200,
        blank=True,
        help_text=_("The novel, play or film this series adapts, if any."),
    )
    licensor = models.CharField(
        _("licensor"),
        max_length=200,
        blank=True,
        help_text=_("Who granted the adaptation rights."),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One live request per revision: a second would race the first to the chain.
            models.UniqueConstraint(
                fields=["revision"],
                condition=models.Q(status__in=["pending", "registered"]),
                name="registry_one_live_registration_per_revision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} #{self.revision.number} ({self.status})"


class RegistrationAuthor(models.Model):
    """An author named on a registration: the account, the name to record in both
    languages, their consent, and whether the name shows on public pages (a choice kept
    outside the chained entry, so it can change later)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registration_authorships"
    )
    name = Bilingual(
        models.CharField, _("name on record (Chinese)"), _("name on record (English)"),
        max_length=100, blank=True,
    )  # fmt: skip
    show_publicly = models.BooleanField(_("show my name on public pages"), default=False)
    consent = models.CharField(
        _("consent"), max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.PENDING
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "user"], name="registry_author_once_per_registration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.registration_id}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("Registry entries are append-only: they are never updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("Registry entries are append-only: they are never deleted.")


class RegistryEntry(models.Model):
    """One link of the chain. Written once by `registry.services.registration`; the
    database refuses UPDATE and DELETE on this table (migration 0002's triggers)."""

    number = models.PositiveIntegerField(_("entry number"), unique=True)
    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="entry", null=True, blank=True
    )
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="registry_entries")
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="registry_entries"
    )
    content_sha256 = models.CharField(
        _("SHA-256 of the canonical text"), max_length=64, db_index=True
    )
    title = models.CharField(_("series title"), max_length=200)
    episode_count = models.PositiveIntegerField(_("episodes"))
    # [{"account": id, "name_zh": ..., "name_en": ...}], in the order named.
    authors = models.JSONField(_("authors"))
    rights_basis = models.CharField(_("rights basis"), max_length=10, choices=RightsBasis.choices)
    source_work = models.CharField(_("source work"), max_length=200, blank=True)
    licensor = models.CharField(_("licensor"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")

    def __str__(self) -> str:
        return f"No. {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise TypeError("Registry entries are append-only: they are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("Registry entries are append-only: they are never deleted.")


class HeadSnapshot(models.Model):
    """The chain's head as it was at a moment (kept daily by a beat task), so that anyone
    who noted a head can later prove the chain under it was not rewritten."""

    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True, db_index=True)
    number = models.PositiveIntegerField(_("entry number"))
    entry_hash = models.CharField(_("entry hash"), max_length=64)
    # Whether the whole chain verified when the snapshot was taken.
    chain_verified = models.BooleanField(_("chain verified"), default=False)

    class Meta:
        ordering = ["-taken_at"]
        get_latest_by = "taken_at"

    def __str__(self) -> str:
        return f"{self.number} {self.entry_hash[:12]} @ {self.taken_at:%Y-%m-%d}"
