from django.urls import path

from scripts_app.api import views

urlpatterns = [
    path("series/", views.SeriesListView.as_view(), name="api-series-list"),
    path("series/import/", views.ImportSeriesView.as_view(), name="api-series-import"),
    path("series/<int:pk>/", views.SeriesDetailView.as_view(), name="api-series-detail"),
    path(
        "series/<int:pk>/collaborators/",
        views.CollaboratorListView.as_view(),
        name="api-series-collaborators",
    ),
    path(
        "series/<int:pk>/collaborators/<int:collaborator_pk>/",
        views.CollaboratorDetailView.as_view(),
        name="api-series-collaborator",
    ),
    path(
        "series/<int:pk>/revisions/", views.RevisionListView.as_view(), name="api-series-revisions"
    ),
    path(
        "series/<int:pk>/revisions/<int:number>/",
        views.RevisionDetailView.as_view(),
        name="api-series-revision",
    ),
    path(
        "series/<int:pk>/revisions/<int:number>/restore/",
        views.RevisionRestoreView.as_view(),
        name="api-series-revision-restore",
    ),
    path("series/<int:pk>/diff/", views.DiffView.as_view(), name="api-series-diff"),
    path("series/<int:pk>/analysis/", views.AnalysisView.as_view(), name="api-series-analysis"),
    path("series/<int:pk>/preview/", views.PreviewView.as_view(), name="api-series-preview"),
    path("series/<int:pk>/comments/", views.CommentListView.as_view(), name="api-series-comments"),
    path(
        "series/<int:pk>/comments/<int:comment_pk>/",
        views.CommentDetailView.as_view(),
        name="api-series-comment",
    ),
    path(
        "series/<int:pk>/conflicts/", views.ConflictListView.as_view(), name="api-series-conflicts"
    ),
    path(
        "series/<int:pk>/conflicts/<int:conflict_pk>/",
        views.ConflictView.as_view(),
        name="api-series-conflict",
    ),
    path(
        "series/<int:pk>/import/",
        views.ImportRevisionView.as_view(),
        name="api-series-import-revision",
    ),
    path("series/<int:pk>/exports/", views.ExportListView.as_view(), name="api-series-exports"),
    path(
        "series/<int:pk>/exports/<int:job_pk>/",
        views.ExportDetailView.as_view(),
        name="api-series-export",
    ),
    path(
        "series/<int:pk>/exports/<int:job_pk>/download/",
        views.ExportDownloadView.as_view(),
        name="api-series-export-download",
    ),
    path("parse/", views.ParseView.as_view(), name="api-parse"),
]
