from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """Authorship registry (a hash chain), the originality index, the writer's record."""

    name = "registry"
    verbose_name = _("Authorship registry")

    def ready(self) -> None:
        from accounts.extensions import register_profile_section
        from registry import notifications  # noqa: F401 - registers notification kinds
        from registry.extensions import profile_registrations, register_action, revision_links
        from scripts_app.extensions import register_revision_links, register_series_action

        register_series_action(register_action)
        register_revision_links(revision_links)
        register_profile_section(profile_registrations)

        from core.files import delete_files_with_rows
        from registry.models import RecordExport

        delete_files_with_rows(RecordExport, "file")
