"""Who scouts for a studio.

A scout is a member of a studio organisation (accounts.Organisation of kind STUDIO) who
holds the scouting role *for that studio*: a `StudioScout` row, kept with the shared
membership mechanism (core.memberships), as the fund keeps its managers in
incubator.FundMember. The studio's admins are scouts without a row. A row counts only
while its holder is still a member of the studio (scouting.permissions checks both), so
leaving the studio ends the role at once.

Why not the platform role accounts.Role.SCOUT: it is a label on a person's profile,
granted by platform staff and tied to no studio. Search opens writers' listings to a
studio; which of its people may look is the studio's decision, made by its admins, and
ends with their membership. Role.SCOUT stays what it is today (courses reads it, with a
studio membership, for studio briefs); scouting neither requires nor consults it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.memberships import AbstractMembership


class ScoutRole(models.TextChoices):
    SCOUT = "scout", _("Scout")


class StudioScout(AbstractMembership):
    """A member of a studio who scouts for it."""

    container_field = "studio"
    already_member = _("This person already scouts for the studio.")

    studio = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="scouts",
        verbose_name=_("studio"),
        limit_choices_to={"kind": "studio"},
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="studio_scout_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=16, choices=ScoutRole.choices)

    class Meta:
        ordering = ["role", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["studio", "user"], name="scouting_studioscout_once")
        ]
        verbose_name = _("studio scout")
        verbose_name_plural = _("studio scouts")
