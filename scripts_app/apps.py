from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScriptsAppConfig(AppConfig):
    name = "scripts_app"
    verbose_name = _("Script workspace")

    def ready(self) -> None:
        from core.files import delete_files_with_rows
        from scripts_app import notifications  # noqa: F401 - registers notification kinds
        from scripts_app.compliance import ruleset  # noqa: F401 - rule changes bump the token
        from scripts_app.models import ExportJob

        delete_files_with_rows(ExportJob, "file")

        from scripts_app.theme_sections import series_section
        from taxonomy.extensions import register_theme_section

        register_theme_section(series_section)
