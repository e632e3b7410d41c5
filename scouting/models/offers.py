"""Offers a studio makes for a series (or on a writer's pitch to its brief), negotiated as
a thread of versioned terms, and the deal an accepted offer becomes.

An offer is an option (the exclusive or open right to produce for a term, at a price), a
purchase, or a commission (the writer writes to the studio's brief). Its terms are data,
never prose: every counter-offer is a new `OfferTerms` version, numbered from 1, proposed
by one side and answered by the other; the latest version is what is on the table, and
the one accepted is frozen on the `Deal`. Amounts are Decimal in yuan.

The writers' side is the series' writers (any one of them answers for all; each move is
audited and every writer is told); for a pitch without a series, the pitch's author.

A deal keeps the agreement both parties accept against its hash, and its deliveries: each
draft the writer delivers and the day the studio gave feedback, so the terms register can
set each studio's real feedback turnaround against the days it promised.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from scripts_app.models import Revision, Series

# The longest an option may run, and the most a studio may promise to take over feedback.
MAX_OPTION_MONTHS = 60
MAX_FEEDBACK_DAYS = 90
MAX_OFFER_DAYS = 60
DEFAULT_OFFER_DAYS = 14
MAX_AMOUNT = Decimal("999999999.99")


class OfferKind(models.TextChoices):
    OPTION = "option", _("Option")
    PURCHASE = "purchase", _("Purchase")
    COMMISSION = "commission", _("Commission")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Under negotiation")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class OfferSide(models.TextChoices):
    STUDIO = "studio", _("Studio")
    WRITERS = "writers", _("Writers")


class RevenueCycle(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")


class OverseasRights(models.TextChoices):
    INCLUDED = "included", _("Included in this offer")
    EXCLUDED = "excluded", _("Kept by the writers")
    SEPARATE = "separate", _("Licensed separately, for the fee below")


class Offer(models.Model):
    studio = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scouting_offers",
        verbose_name=_("studio"), limit_choices_to={"kind": "studio"},
    )  # fmt: skip
    # A listed series, or a pitch to one of the studio's briefs (with or without a series).
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, null=True, blank=True, related_name="scouting_offers",
        verbose_name=_("series"),
    )  # fmt: skip
    pitch = models.ForeignKey(
        "scouting.Pitch", on_delete=models.CASCADE, null=True, blank=True, related_name="offers",
        verbose_name=_("pitch"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=12, choices=OfferKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    # Whose answer the latest terms wait for.
    awaiting = models.CharField(
        _("waiting for"), max_length=8, choices=OfferSide.choices, default=OfferSide.WRITERS
    )
    expires_at = models.DateTimeField(_("open until"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(series__isnull=False) | models.Q(pitch__isnull=False),
                name="scouting_offer_concerns_something",
            )
        ]
        indexes = [
            models.Index(fields=["studio", "-created_at"], name="scouting_offer_studio"),
            models.Index(fields=["series", "-created_at"], name="scouting_offer_series"),
            models.Index(fields=["status", "expires_at"], name="scouting_offer_due"),
        ]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return f"{self.kind} offer {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.OPEN and timezone.now() < self.expires_at

    @property
    def shown_status(self) -> str:
        if self.status == OfferStatus.OPEN and not self.is_open:
            return str(OfferStatus.EXPIRED.label)
        return str(self.get_status_display())


def _money(verbose_name: object, **options: object) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,  # type: ignore[arg-type]
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
        **options,  # type: ignore[arg-type]
    )


class OfferTerms(models.Model):
    """One version of an offer's terms: the first is the studio's offer, each later one a
    counter by the side whose turn it was. Never edited once written."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    proposed_by_side = models.CharField(_("proposed by"), max_length=8, choices=OfferSide.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=4000, blank=True)

    # Option price, purchase price or commission fee (yuan).
    amount = _money(_("amount (yuan)"))
    option_months = models.PositiveSmallIntegerField(
        _("option term (months)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OPTION_MONTHS)],
    )  # fmt: skip
    minimum_guarantee = _money(_("minimum guarantee (保底, yuan)"), null=True, blank=True)
    revenue_share_percent = models.DecimalField(
        _("revenue share (分成, %)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )  # fmt: skip
    revenue_share_cycle = models.CharField(
        _("revenue share paid"), max_length=12, choices=RevenueCycle.choices, blank=True
    )
    credit_wording = models.CharField(_("credit wording"), max_length=200, blank=True)
    exclusive = models.BooleanField(_("exclusive"), default=True)
    territory = models.CharField(_("territory"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    overseas_rights = models.CharField(
        _("overseas adaptation rights"), max_length=10, choices=OverseasRights.choices,
        default=OverseasRights.EXCLUDED,
    )  # fmt: skip
    overseas_fee = _money(_("overseas adaptation fee (yuan)"), null=True, blank=True)
    first_delivery_on = models.DateField(_("first draft due"), null=True, blank=True)
    final_delivery_on = models.DateField(_("final draft due"), null=True, blank=True)
    feedback_days = models.PositiveSmallIntegerField(
        _("studio's feedback turnaround (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_FEEDBACK_DAYS)],
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)

    class Meta:
        ordering = ["offer", "version"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "version"], name="scouting_terms_version_once")
        ]
        verbose_name = _("offer terms")
        verbose_name_plural = _("offer terms")

    def __str__(self) -> str:
        return f"offer {self.offer_id} v{self.version}"


class DealStatus(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement to accept")
    ACTIVE = "active", _("In force")
    ENDED = "ended", _("Ended")


class DealEnd(models.TextChoices):
    # An option whose last day has passed without a purchase.
    LAPSED = "lapsed", _("The option lapsed")
    # An option the studio took up: its purchase of the series came into force.
    EXERCISED = "exercised", _("The option was exercised")


class Deal(models.Model):
    """An accepted offer: its frozen terms, the agreement both parties accept against its
    hash, and the figures the terms register aggregates (copied here so that the register
    reads one table)."""

    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="deal")
    terms = models.OneToOneField(OfferTerms, on_delete=models.PROTECT, related_name="+")
    studio = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="scouting_deals",
        verbose_name=_("studio"),
    )  # fmt: skip
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, null=True, blank=True, related_name="scouting_deals",
        verbose_name=_("series"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=12, choices=OfferKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DealStatus.choices, default=DealStatus.AGREEMENT
    )
    # The revision the deal concerns, and its registry entry number when it has one.
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registry_number = models.PositiveIntegerField(_("registry entry"), null=True, blank=True)
    episode_count = models.PositiveIntegerField(_("episodes"), null=True, blank=True)
    terms_list = models.ManyToManyField(
        "taxonomy.Term", blank=True, related_name="scouting_deals", verbose_name=_("terms")
    )

    # The agreement: its frozen text and hash, accepted by one writer and one studio admin.
    agreement_text = models.TextField(blank=True)
    agreement_sha256 = models.CharField(max_length=64, blank=True)
    writers_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    writers_accepted_at = models.DateTimeField(null=True, blank=True)
    studio_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    studio_accepted_at = models.DateTimeField(null=True, blank=True)

    starts_on = models.DateField(_("starts on"))
    # An option's last day; the series is hidden from search until then if exclusive.
    option_ends_on = models.DateField(_("option ends on"), null=True, blank=True)
    created_at = models.DateTimeField(_("agreed at"), auto_now_add=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("how it ended"), max_length=10, choices=DealEnd.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["studio", "-created_at"], name="scouting_deal_studio"),
            models.Index(fields=["kind", "status"], name="scouting_deal_kind"),
        ]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self) -> str:
        return f"{self.kind} deal {self.pk}"


class DealDelivery(models.Model):
    """A draft the writers delivered under a deal, and when the studio answered it: the
    studio's real turnaround, set against the feedback_days it promised."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="deliveries")
    label = models.CharField(_("what was delivered"), max_length=120)
    delivered_at = models.DateTimeField(_("delivered at"), default=timezone.now)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    feedback_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    feedback_note = models.TextField(_("feedback"), max_length=4000, blank=True)

    class Meta:
        ordering = ["deal", "delivered_at", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.label} (deal {self.deal_id})"

    @property
    def turnaround_days(self) -> int | None:
        if self.feedback_at is None:
            return None
        return (self.feedback_at - self.delivered_at).days
