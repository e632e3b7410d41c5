"""Every app's API under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from core.api.views import AuditEntryViewSet, NotificationViewSet
from taxonomy.api.views import TermViewSet

router = SimpleRouter()
router.register("terms", TermViewSet, basename="term")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("audit", AuditEntryViewSet, basename="audit")

urlpatterns = [
    path("", include("accounts.api.urls")),
    path("", include("scripts_app.api.urls")),
    path("", include("registry.api.urls")),
    path("", include("registry.api.record_urls")),
    path("", include("registry.api.originality_urls")),
    path("", include("reviews.api.urls")),
    path("", include("courses.api.urls")),
    path("", include("courses.api.certificate_urls")),
    path("", include("courses.api.lesson_urls")),
    path("", include("incubator.api.urls")),
    path("", include("scouting.api.urls")),
    *router.urls,
]
