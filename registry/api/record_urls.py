from django.urls import path

from registry.api import record_views

urlpatterns = [
    path("record/exports/", record_views.RecordExportListView.as_view(), name="api-record-exports"),
    path(
        "record/exports/<int:pk>/",
        record_views.RecordExportDetailView.as_view(),
        name="api-record-export",
    ),
    path(
        "record/exports/<int:pk>/download/",
        record_views.RecordExportDownloadView.as_view(),
        name="api-record-export-download",
    ),
]
