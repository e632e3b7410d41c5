"""The shared vocabulary: themes, genres and target audiences, in two languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
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
    name = Bilingual(
        models.CharField,
        _("name (Chinese)"),
        _("name (English)"),
        max_length=64,
        validators=[validate_single_line],
    )
    description = Bilingual(
        models.TextField,
        _("description (Chinese)"),
        _("description (English)"),
        blank=True,
        max_length=2000,
    )
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
