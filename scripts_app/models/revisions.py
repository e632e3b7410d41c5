"""Saved versions of a series' text.

A revision is an ordered list of content-addressed chunks: the pre-matter and then
one chunk per episode. An autosave that changes episode 57 stores one new chunk and
a new list, not another copy of the whole series. Revisions are never edited: their
text and SHA-256 are fixed when written; only a milestone name and colour are added
later.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text import validate_single_line


class ScriptChunk(models.Model):
    sha256 = models.CharField(max_length=64, unique=True)
    text = models.TextField()

    class Meta:
        verbose_name = _("text chunk")
        verbose_name_plural = _("text chunks")

    def __str__(self) -> str:
        return self.sha256[:12]


class RevisionKind(models.TextChoices):
    SAVE = "save", pgettext_lazy("kind of revision", "Saved")
    AUTOSAVE = "autosave", _("Autosaved")
    IMPORT = "import", _("Imported")
    RESTORE = "restore", _("Restored")
    MERGE = "merge", _("Merged")
    CONFLICT = "conflict", _("Conflict resolved")


class RevisionColor(models.TextChoices):
    # Production revision colours, in their customary order.
    WHITE = "white", _("White")
    BLUE = "blue", _("Blue")
    PINK = "pink", _("Pink")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green")
    GOLDENROD = "goldenrod", _("Goldenrod")
    BUFF = "buff", _("Buff")
    SALMON = "salmon", _("Salmon")
    CHERRY = "cherry", _("Cherry")


class Revision(models.Model):
    series = models.ForeignKey(
        "scripts_app.Series",
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("series"),
    )
    number = models.PositiveIntegerField(_("number"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A merge revision's second parent: the writer's own text that was merged in.
    merge_parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RevisionKind.choices)
    format = models.CharField(_("format"), max_length=10)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    chunk_ids = models.JSONField(default=list)
    # Small summary for lists: episodes, scenes, words, chars, runtime, outline.
    stats = models.JSONField(default=dict)
    note = models.CharField(_("note"), max_length=300, blank=True)
    name = models.CharField(
        _("milestone name"), max_length=80, blank=True, validators=[validate_single_line]
    )
    color = models.CharField(
        _("revision colour"), max_length=10, choices=RevisionColor.choices, blank=True
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="revision_unique_number"),
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"#{self.number} {self.name}".strip()

    @property
    def is_milestone(self) -> bool:
        return bool(self.name)

    @property
    def label(self) -> str:
        return f"#{self.number} · {self.name}" if self.name else f"#{self.number}"


class MergeConflictStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("conflict status", "Open")
    RESOLVED = "resolved", _("Resolved")


class MergeConflict(models.Model):
    """Two writers changed the same lines. Both versions are kept as revisions until
    one of them decides, hunk by hunk, what the script should say."""

    series = models.ForeignKey(
        "scripts_app.Series", on_delete=models.CASCADE, related_name="conflicts"
    )
    base = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    ours = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    theirs = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=MergeConflictStatus.choices, default=MergeConflictStatus.OPEN
    )
    resolution = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The writer's editor keeps its own text while a conflict is open, so its later
    # saves name one of these revisions as their base: they are merged from the base the
    # editor's text grew from (`writer_base`), not from the last of them, or the writer's
    # own side of the overlap would look unchanged and be merged away.
    writer_base = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    writer_revision_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("merge conflict")
        verbose_name_plural = _("merge conflicts")

    def __str__(self) -> str:
        return f"{self.series}: #{self.ours.number} vs #{self.theirs.number}"


class LineComment(models.Model):
    """A reader's or co-writer's note on one line of a revision.

    The line's text is kept as the anchor so the note follows the line into later
    revisions while that text still exists, and shows as outdated once it does not.
    """

    series = models.ForeignKey(
        "scripts_app.Series", on_delete=models.CASCADE, related_name="line_comments"
    )
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="comments")
    line = models.PositiveIntegerField(_("line"))
    anchor_text = models.CharField(_("quoted line"), max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=4000)
    resolved = models.BooleanField(_("resolved"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["revision", "line", "created_at"]
        verbose_name = _("line comment")
        verbose_name_plural = _("line comments")

    def __str__(self) -> str:
        return f"{self.series} L{self.line}"
