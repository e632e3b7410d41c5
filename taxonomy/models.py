"""The shared vocabulary: themes, genres and target audiences, in two languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from core.text import validate_single_line


class TermKind(models.TextChoices):
    THEME = "theme", _("Theme")
    GENRE = "genre", _("Genre")
    AUDIENCE = "audience", _("Target audience")


class TermQuerySet(models.QuerySet["Term"]):
    def active(self) -> "TermQuerySet":
        return self.filter(is_active=True)

    def themes(self) -> "TermQuerySet":
        return self.filter(kind=TermKind.THEME)

    def genres(self) -> "TermQuerySet":
        return self.filter(kind=TermKind.GENRE)

    def audiences(self) -> "TermQuerySet":
        return self.filter(kind=TermKind.AUDIENCE)


class Term(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=TermKind.choices, db_index=True)
    slug = models.SlugField(_("slug"), max_length=64)
    name_zh = models.CharField(
        _("name (Chinese)"), max_length=64, validators=[validate_single_line]
    )
    name_en = models.CharField(
        _("name (English)"), max_length=64, validators=[validate_single_line]
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True, max_length=2000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=2000)
    # Themes the regulator encourages are highlighted to writers and funds.
    is_encouraged = models.BooleanField(_("encouraged by policy"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="term_unique_kind_slug"),
        ]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)

    @property
    def description(self) -> str:
        return localized(self.description_zh, self.description_en)
