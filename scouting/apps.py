from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoutingConfig(AppConfig):
    """Discovery: writers list a series for studio scouts (opt in, with every co-writer's
    consent), and scouts search the listings in Chinese and English."""

    name = "scouting"
    verbose_name = _("Scouting")

    def ready(self) -> None:
        from accounts.extensions import register_organisation_links
        from scouting import notifications  # noqa: F401 - registers notification kinds
        from scouting.extensions import deal_status_action, discovery_action, studio_links
        from scouting.services.listings import listing_writers_follow
        from scripts_app.extensions import register_series_action, register_writers_changed

        # The series page links to its "Discovery" section (the workspace never imports us).
        register_series_action(discovery_action)
        # And the deal in force on it: "Optioned until DATE", "Sold", "Commissioned".
        register_series_action(deal_status_action)
        # A co-writer added after listing is asked; a former one's consent stops counting.
        register_writers_changed(listing_writers_follow)
        # A studio's page leads to its record of deals and, for its admins, its scouts.
        register_organisation_links(studio_links)
