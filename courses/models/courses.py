from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.i18n import Bilingual
from core.text import validate_single_line
from taxonomy.models import Term


class CourseLevel(models.TextChoices):
    INTRODUCTORY = "intro", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Course(models.Model):
    """A course a university runs, optionally with a studio partner; both organisations'
    admins co-manage it and both names show wherever the course does."""

    slug = models.SlugField(_("address name"), max_length=64, unique=True)
    title = Bilingual(
        models.CharField, _("title (Chinese)"), _("title (English)"),
        max_length=120, blank="en", validators=[validate_single_line],
    )  # fmt: skip
    description = Bilingual(
        models.TextField, _("description (Chinese, markdown)"), _("description (English, markdown)"),
        max_length=20_000, blank=True,
    )  # fmt: skip
    # The columns Bilingual adds, spelled out for the type checker.
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    language = models.CharField(_("teaching language"), max_length=10, choices=settings.LANGUAGES)
    level = models.CharField(_("level"), max_length=16, choices=CourseLevel.choices)
    themes = models.ManyToManyField(
        Term, blank=True, related_name="+", limit_choices_to={"kind": "theme"},
        verbose_name=_("themes"),
    )  # fmt: skip
    audiences = models.ManyToManyField(
        Term, blank=True, related_name="+", limit_choices_to={"kind": "audience"},
        verbose_name=_("audiences"),
    )  # fmt: skip
    university = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="courses_run",
        verbose_name=_("university"),
    )  # fmt: skip
    studio = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="courses_partnered",
        null=True, blank=True, verbose_name=_("studio partner"),
    )  # fmt: skip
    # Certificates: whether they state a grade band (given by the instructor at issue).
    certificate_shows_grade = models.BooleanField(
        _("certificates show a grade band"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:course_detail", args=[self.slug])
