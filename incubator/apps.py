from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    """The boutique fund: funds, calls with theme priorities and eligibility rules,
    applications with co-applicants, and their review workflow."""

    name = "incubator"
    verbose_name = _("Boutique fund")

    def ready(self) -> None:
        from core.files import delete_files_with_rows
        from incubator import notifications  # noqa: F401 - registers notification kinds
        from incubator.eligibility_rules import register_builtin_rules
        from incubator.models import Answer

        register_builtin_rules()

        from incubator.theme_sections import calls_section
        from taxonomy.extensions import register_theme_section

        register_theme_section(calls_section)
        # An answer's uploaded file goes with its row (cascades included).
        delete_files_with_rows(Answer, "file")
