from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.views.sign_in import admin_login
from config import views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("themes/", include("taxonomy.urls")),
    path("scripts/", include("scripts_app.urls")),
    path("registry/", include("registry.urls")),
    path("reviews/", include("reviews.urls")),
    path("courses/", include("courses.urls")),
    path("fund/", include("incubator.urls")),
    path("scouting/", include("scouting.urls")),
    path("accounts/", include("allauth.urls")),
    # Ahead of the admin's own URLs: the admin signs in through allauth (rate-limited).
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        # The split view serves Swagger UI's start-up script as a file, not inline; its
        # icons are data: images, allowed on this page alone.
        csp_update({"img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Under /api/ these answer with the API's error body, not an HTML page.
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
