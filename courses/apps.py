from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Courses co-run by universities and studios: cohorts, lessons, assignments that take
    a script, grading and certificates."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        # Certificates
        from accounts.extensions import register_profile_section
        from courses import notifications  # noqa: F401 - registers notification kinds
        from courses.extensions import originality_for_graders, profile_certificates
        from registry.extensions import register_originality_grant

        register_profile_section(profile_certificates)
        register_originality_grant(originality_for_graders)

        from courses.completion import register_completion_rule
        from courses.completion_rules import released_lessons_done, required_assignments_passed

        register_completion_rule(required_assignments_passed)
        register_completion_rule(released_lessons_done)

        from core.files import delete_files_with_rows
        from courses.models import LessonAttachment

        # Lessons: an attachment's private file goes with its row (cascades included).
        delete_files_with_rows(LessonAttachment, "file")
