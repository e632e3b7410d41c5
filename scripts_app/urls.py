from django.urls import path

from scripts_app.views import analysis, revisions, series, transfer, writing

app_name = "scripts"

urlpatterns = [
    path("", series.series_list, name="series_list"),
    path("new/", series.series_create, name="series_create"),
    path("import/", transfer.import_new_series, name="series_import"),
    path("<int:pk>/", series.series_detail, name="series_detail"),
    path("<int:pk>/settings/", series.series_edit, name="series_edit"),
    path("<int:pk>/delete/", series.series_delete, name="series_delete"),
    path("<int:pk>/people/", series.collaborators, name="collaborators"),
    path(
        "<int:pk>/people/<int:collaborator_pk>/role/",
        series.collaborator_role,
        name="collaborator_role",
    ),
    path(
        "<int:pk>/people/<int:collaborator_pk>/remove/",
        series.collaborator_remove,
        name="collaborator_remove",
    ),
    path("<int:pk>/write/", writing.series_write, name="series_write"),
    path("<int:pk>/read/", writing.series_read, name="series_read"),
    path("<int:pk>/comments/", writing.comment_add, name="comment_add"),
    path(
        "<int:pk>/comments/<int:comment_pk>/resolve/",
        writing.comment_resolve,
        name="comment_resolve",
    ),
    path("<int:pk>/analysis/", analysis.series_analysis, name="series_analysis"),
    path("<int:pk>/revisions/", revisions.revision_list, name="revision_list"),
    path("<int:pk>/revisions/<int:number>/", revisions.revision_detail, name="revision_detail"),
    path(
        "<int:pk>/revisions/<int:number>/restore/",
        revisions.revision_restore_view,
        name="revision_restore",
    ),
    path("<int:pk>/compare/", revisions.compare, name="compare"),
    path(
        "<int:pk>/conflicts/<int:conflict_pk>/", revisions.conflict_detail, name="conflict_detail"
    ),
    path("<int:pk>/import/", transfer.import_revision, name="revision_import"),
    path("<int:pk>/export/", transfer.export, name="export"),
    path("<int:pk>/exports/<int:job_pk>/", transfer.export_detail, name="export_detail"),
    path(
        "<int:pk>/exports/<int:job_pk>/download/", transfer.export_download, name="export_download"
    ),
]
