from django.urls import path

from registry.api import originality_views as views

urlpatterns = [
    path(
        "series/<int:pk>/revisions/<int:number>/originality-reports/",
        views.OriginalityReportCreateView.as_view(),
        name="api-originality-report-create",
    ),
    path(
        "originality-reports/<int:pk>/",
        views.OriginalityReportDetailView.as_view(),
        name="api-originality-report",
    ),
]
