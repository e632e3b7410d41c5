from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.memberships import AbstractMembership
from core.text import validate_single_line

MAX_PLANNED_EPISODES = 300


if TYPE_CHECKING:
    from scripts_app.permissions import SeriesAbilities


class ScriptFormat(models.TextChoices):
    ZH = "zh", _("Chinese short-drama format")
    FOUNTAIN = "fountain", _("Fountain")


class AIAssistance(models.TextChoices):
    NONE = "none", _("No AI assistance")
    IDEAS = "ideas", _("AI helped with ideas")
    DRAFTING = "drafting", _("AI helped draft text")
    EDITING = "editing", _("AI helped edit text")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private: you and the people you invite")
    PLATFORM = "platform", _("Any signed-in member may read")


class ReaderExports(models.TextChoices):
    """What people who may only read a series (readers, platform members) may export."""

    WATERMARKED = "watermarked", _("Watermarked with their name and the date")
    NOT_ALLOWED = "not_allowed", _("Not allowed: only the writers export")


class Series(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="series_owned",
        verbose_name=_("owner"),
    )
    title = models.CharField(
        pgettext_lazy("name of a work", "title"), max_length=120, validators=[validate_single_line]
    )
    logline = models.CharField(_("logline"), max_length=300, blank=True)
    synopsis = models.TextField(_("synopsis"), max_length=20_000, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    format = models.CharField(
        _("format"), max_length=10, choices=ScriptFormat.choices, default=ScriptFormat.ZH
    )
    themes = models.ManyToManyField(
        "taxonomy.Term", blank=True, related_name="+", limit_choices_to={"kind": "theme"},
        verbose_name=_("themes"),
    )  # fmt: skip
    genres = models.ManyToManyField(
        "taxonomy.Term", blank=True, related_name="+", limit_choices_to={"kind": "genre"},
        verbose_name=_("genres"),
    )  # fmt: skip
    audiences = models.ManyToManyField(
        "taxonomy.Term", blank=True, related_name="+", limit_choices_to={"kind": "audience"},
        verbose_name=_("target audiences"),
    )  # fmt: skip
    planned_episodes = models.PositiveSmallIntegerField(
        _("planned episodes"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLANNED_EPISODES)],
    )
    target_episode_seconds = models.PositiveSmallIntegerField(
        _("target episode length (seconds)"),
        default=90,
        validators=[MinValueValidator(30), MaxValueValidator(600)],
    )
    paywall_episode = models.PositiveSmallIntegerField(
        _("paywall episode (付费卡点)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLANNED_EPISODES)],
    )
    ai_assistance = models.CharField(
        _("AI assistance"), max_length=10, choices=AIAssistance.choices, default=AIAssistance.NONE
    )
    ai_note = models.CharField(_("about the AI assistance"), max_length=500, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    reader_exports = models.CharField(
        _("exports by readers"),
        max_length=12,
        choices=ReaderExports.choices,
        default=ReaderExports.WATERMARKED,
    )
    head = models.ForeignKey(
        "scripts_app.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("current revision"),
    )
    # The head revision's numbers, kept here so lists need no parsing.
    episodes_written = models.PositiveIntegerField(default=0)
    scene_count = models.PositiveIntegerField(default=0)
    word_count = models.PositiveIntegerField(default=0)
    char_count = models.PositiveIntegerField(default=0)
    runtime_seconds = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    # Not columns: the viewer's role and what it allows, left on the instance by
    # scripts_app.permissions.get_series_for for views and templates.
    viewer_role: str | None
    viewer_can: "SeriesAbilities"

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            # Lists are newest first: a page of them is read off this index.
            models.Index(fields=["-updated_at"], name="series_recent"),
            # A writer's own series newest first (the desk), merged with their shared ones
            # (selectors.series_ids_recent_first) without reading every row they own. With
            # the id in the key, a writer's series ids come off the index alone (no visit
            # to the 900 table pages that hold a busy writer's 1,100 series): the set of
            # series they write is read by the ledger, the request lists and the counts.
            models.Index(fields=["owner", "-updated_at", "-id"], name="series_owner_recent_id"),
            # "Open to members" is counted and filtered on its own, and a writer's open
            # series counted off the index alone (permissions.series_visible_count).
            models.Index(fields=["visibility", "owner"], name="series_visibility_owner"),
        ]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("scripts:series_detail", args=[self.pk])

    def clean(self) -> None:
        if self.paywall_episode and self.paywall_episode > self.planned_episodes:
            raise ValidationError(
                {"paywall_episode": _("The paywall must fall within the planned episodes.")}
            )

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.episodes_written / max(1, self.planned_episodes)))


class CollaboratorRole(models.TextChoices):
    COWRITER = "cowriter", _("Co-writer (edits)")
    READER = "reader", _("Reader (reads and comments)")


class Collaborator(AbstractMembership):
    container_field = "series"
    already_member = _("This person already works on the series.")

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="collaborators", verbose_name=_("series")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="collaborations",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=CollaboratorRole.choices)

    class Meta:
        ordering = ["role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["series", "user"], name="collaborator_unique_user"),
        ]
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")

    def __str__(self) -> str:
        return f"{self.user} · {self.series}"
