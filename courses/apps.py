from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Courses co-run by universities and studios: cohorts, lessons, assignments that take
    a script, grading and certificates."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from core.files import delete_files_with_rows
        from courses import notifications  # noqa: F401 - registers notification kinds
        from courses.models import LessonAttachment

        # Lessons: an attachment's private file goes with its row (cascades included).
        delete_files_with_rows(LessonAttachment, "file")
