from django.urls import path

from scripts_app.api.views import comments, revisions, series, text, transfer

urlpatterns = [
    path("series/", series.SeriesListView.as_view(), name="api-series-list"),
    path("series/import/", transfer.ImportSeriesView.as_view(), name="api-series-import"),
    path("series/<int:pk>/", series.SeriesDetailView.as_view(), name="api-series-detail"),
    path(
        "series/<int:pk>/collaborators/",
        series.CollaboratorListView.as_view(),
        name="api-series-collaborators",
    ),
    path(
        "series/<int:pk>/collaborators/<int:collaborator_pk>/",
        series.CollaboratorDetailView.as_view(),
        name="api-series-collaborator",
    ),
    path(
        "series/<int:pk>/revisions/",
        revisions.RevisionListView.as_view(),
        name="api-series-revisions",
    ),
    path(
        "series/<int:pk>/revisions/<int:number>/",
        revisions.RevisionDetailView.as_view(),
        name="api-series-revision",
    ),
    path(
        "series/<int:pk>/revisions/<int:number>/restore/",
        revisions.RevisionRestoreView.as_view(),
        name="api-series-revision-restore",
    ),
    path("series/<int:pk>/diff/", revisions.DiffView.as_view(), name="api-series-diff"),
    path("series/<int:pk>/analysis/", text.AnalysisView.as_view(), name="api-series-analysis"),
    path("series/<int:pk>/preview/", text.PreviewView.as_view(), name="api-series-preview"),
    path(
        "series/<int:pk>/comments/", comments.CommentListView.as_view(), name="api-series-comments"
    ),
    path(
        "series/<int:pk>/comments/<int:comment_pk>/",
        comments.CommentDetailView.as_view(),
        name="api-series-comment",
    ),
    path(
        "series/<int:pk>/conflicts/",
        revisions.ConflictListView.as_view(),
        name="api-series-conflicts",
    ),
    path(
        "series/<int:pk>/conflicts/<int:conflict_pk>/",
        revisions.ConflictView.as_view(),
        name="api-series-conflict",
    ),
    path(
        "series/<int:pk>/import/",
        transfer.ImportRevisionView.as_view(),
        name="api-series-import-revision",
    ),
    path("series/<int:pk>/exports/", transfer.ExportListView.as_view(), name="api-series-exports"),
    path(
        "series/<int:pk>/exports/<int:job_pk>/",
        transfer.ExportDetailView.as_view(),
        name="api-series-export",
    ),
    path(
        "series/<int:pk>/exports/<int:job_pk>/download/",
        transfer.ExportDownloadView.as_view(),
        name="api-series-export-download",
    ),
    path("parse/", text.ParseView.as_view(), name="api-parse"),
]
