"""A cohort's teaching material: modules of lessons released on their dates, with
attachments (private files) and exemplar excerpts of scripts; each student's progress;
the instructors' announcements.

Lessons belong to a cohort, not to the course: each run has its own schedule (an
instructor may copy another cohort's modules and lessons, dates shifted).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import PrivateUploadTo, private_storage
from core.i18n import Bilingual
from core.text import validate_single_line
from courses.models.cohorts import Cohort

# Below the site's upload limit (FILE_UPLOAD_MAX_BYTES, 10 MB by default), so that a file
# over it is answered beside the field by the form, not by the 413 page.
ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024

# What an attachment may be: its extension, the type it is served with, and the bytes the
# file must start with (None: text, checked to decode as UTF-8 instead).
ATTACHMENT_TYPES: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        b"PK\x03\x04",
    ),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".txt": ("text/plain; charset=utf-8", None),
    ".md": ("text/markdown; charset=utf-8", None),
    ".fountain": ("text/plain; charset=utf-8", None),
    ".fdx": ("application/xml", None),
}


class Module(models.Model):
    """A part of a cohort's syllabus: lessons under one title, in order."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="modules", verbose_name=_("cohort")
    )
    title = Bilingual(
        models.CharField, _("title (Chinese)"), _("title (English)"),
        max_length=120, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    title_zh: str
    title_en: str
    position = models.PositiveIntegerField(_("position"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """A lesson in markdown, shown to students from `release_at` (staff see it earlier)."""

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("module")
    )
    title = Bilingual(
        models.CharField, _("title (Chinese)"), _("title (English)"),
        max_length=120, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    title_zh: str
    title_en: str
    body = models.TextField(_("lesson (markdown)"), max_length=50_000, blank=True)
    position = models.PositiveIntegerField(_("position"), default=1)
    release_at = models.DateTimeField(_("released at"))
    # Set once, by the one conditional UPDATE that claims the "lesson released" notice:
    # the periodic task may run twice, the students hear of each lesson once.
    release_announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [models.Index(fields=["release_at"], name="courses_lesson_release_at")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_released(self) -> bool:
        return self.release_at <= timezone.now()


class LessonAttachment(models.Model):
    """A file for a lesson: private, served only after a permission check."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("lesson")
    )
    file = models.FileField(storage=private_storage, upload_to=PrivateUploadTo("lessons"))
    name = models.CharField(_("file name"), max_length=200, validators=[validate_single_line])
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class ExemplarFormat(models.TextChoices):
    ZH = "zh", _("Chinese short-drama format")
    FOUNTAIN = "fountain", _("Fountain")


class Exemplar(models.Model):
    """A passage of a script shown in screenplay layout: a good cold open, a weak hook."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="exemplars", verbose_name=_("lesson")
    )
    caption = Bilingual(
        models.CharField, _("caption (Chinese)"), _("caption (English)"),
        max_length=160, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    note = Bilingual(
        models.TextField, _("note (Chinese, markdown)"), _("note (English, markdown)"),
        max_length=10_000, blank=True,
    )  # fmt: skip
    caption_zh: str
    caption_en: str
    note_zh: str
    note_en: str
    format = models.CharField(
        _("format"), max_length=10, choices=ExemplarFormat.choices, default=ExemplarFormat.ZH
    )
    text = models.TextField(_("excerpt"), max_length=20_000)
    # Where the text was taken from, when it was (the text is a copy: the revision may go).
    source_revision = models.ForeignKey(
        "scripts_app.Revision", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("taken from revision"),
    )  # fmt: skip
    position = models.PositiveIntegerField(_("position"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("exemplar excerpt")
        verbose_name_plural = _("exemplar excerpts")

    def __str__(self) -> str:
        return self.caption


class LessonProgress(models.Model):
    """A student marked a lesson done."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["student", "lesson"], name="courses_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.student_id} ✓ {self.lesson_id}"


class Announcement(models.Model):
    """News from a cohort's instructors to its students (and an in-app and e-mail notice)."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("cohort")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=160, validators=[validate_single_line])
    body = models.TextField(_("message (markdown)"), max_length=20_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title
