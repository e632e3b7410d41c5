from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from reviews import notifications  # noqa: F401 - registers notification kinds
        from reviews.blindness import visibility_guard
        from scripts_app.services.series import VISIBILITY_GUARDS

        if visibility_guard not in VISIBILITY_GUARDS:
            VISIBILITY_GUARDS.append(visibility_guard)

        from reviews.extensions import ask_for_review
        from scripts_app.extensions import register_series_action

        register_series_action(ask_for_review)

        from registry.record.sections import register_record_section
        from reviews.record import review_record

        register_record_section("reviews", title=_("Reviews"), provide=review_record)
