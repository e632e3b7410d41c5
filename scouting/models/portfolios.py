"""A writer's public portfolio (opt in): off until they turn it on.

The page shows only what is already public or what the writer's listings show scouts (the
listing snapshots of their listed series), never a private series.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

BIO_MAX_LENGTH = 1000


class Portfolio(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scouting_portfolio",
        verbose_name=_("writer"),
    )
    is_public = models.BooleanField(_("public portfolio"), default=False)
    bio = models.TextField(_("short bio"), max_length=BIO_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("writer portfolio")
        verbose_name_plural = _("writer portfolios")

    def __str__(self) -> str:
        return f"portfolio of {self.user_id}"
