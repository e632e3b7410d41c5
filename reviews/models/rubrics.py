"""Rubrics are published standards. A version a review has used never changes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from core.text import validate_single_line


class AggregateMethod(models.TextChoices):
    MEDIAN = "median", _("Median (robust to one outlier)")
    MEAN = "mean", _("Mean")


class Rubric(models.Model):
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = Bilingual(
        models.CharField,
        _("name (Chinese)"),
        _("name (English)"),
        max_length=100,
        blank="en",
        validators=[validate_single_line],
    )
    description = Bilingual(
        models.TextField,
        _("description (Chinese)"),
        _("description (English)"),
        blank=True,
        max_length=4000,
    )
    # A rubric of an organisation (for its courses and calls) is managed by its admins;
    # a rubric without one is the platform's, managed by staff.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rubrics",
        verbose_name=_("organisation"),
    )
    aggregate_method = models.CharField(
        _("aggregate"),
        max_length=10,
        choices=AggregateMethod.choices,
        default=AggregateMethod.MEDIAN,
    )
    is_default = models.BooleanField(_("platform default"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "slug"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:rubric_detail", args=[self.slug])


class RubricVersion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    divergence_threshold = models.PositiveSmallIntegerField(
        _("divergence threshold"),
        default=4,
        help_text=_("Flag a request when scores on a criterion differ by more than this."),
    )
    content_hash = models.CharField(max_length=64, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rubric", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "number"], name="rubricversion_unique_number")
        ]
        verbose_name = _("rubric version")
        verbose_name_plural = _("rubric versions")

    def __str__(self) -> str:
        return f"{self.rubric} v{self.number}"

    @property
    def scale(self) -> tuple[int, int]:
        return (self.scale_min, self.scale_max)


class Criterion(models.Model):
    version = models.ForeignKey(RubricVersion, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)
    name = Bilingual(
        models.CharField,
        _("name (Chinese)"),
        _("name (English)"),
        max_length=60,
        blank="en",
        validators=[validate_single_line],
        en_options={"max_length": 80},  # English names run longer
    )
    description = Bilingual(
        models.CharField, _("description (Chinese)"), _("description (English)"),
        max_length=300, blank=True,
    )  # fmt: skip
    anchor_low = Bilingual(
        models.CharField, _("low score means (Chinese)"), _("low score means (English)"),
        max_length=200, blank=True,
    )  # fmt: skip
    anchor_mid = Bilingual(
        models.CharField, _("middle score means (Chinese)"), _("middle score means (English)"),
        max_length=200, blank=True,
    )  # fmt: skip
    anchor_high = Bilingual(
        models.CharField, _("high score means (Chinese)"), _("high score means (English)"),
        max_length=200, blank=True,
    )  # fmt: skip

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="criterion_unique_key")
        ]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name
