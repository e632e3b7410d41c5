from django.urls import path

from courses.api import note_views, views

urlpatterns = [
    path("courses/", views.CourseListView.as_view(), name="api-courses"),
    path("courses/<slug:slug>/", views.CourseDetailView.as_view(), name="api-course"),
    path("cohorts/<int:pk>/", views.CohortDetailView.as_view(), name="api-cohort"),
    path("cohorts/<int:pk>/join/", views.CohortJoinView.as_view(), name="api-cohort-join"),
    path("cohorts/<int:pk>/leave/", views.CohortLeaveView.as_view(), name="api-cohort-leave"),
    path(
        "cohorts/<int:pk>/assignments/",
        views.AssignmentListView.as_view(),
        name="api-cohort-assignments",
    ),
    path(
        "cohorts/<int:pk>/assignments/<int:assignment_pk>/check/",
        views.AssignmentCheckView.as_view(),
        name="api-assignment-check",
    ),
    path(
        "cohorts/<int:pk>/assignments/<int:assignment_pk>/submissions/",
        views.SubmissionCreateView.as_view(),
        name="api-assignment-submissions",
    ),
    path("submissions/<int:pk>/", views.SubmissionDetailView.as_view(), name="api-submission"),
    path("submissions/<int:pk>/grade/", views.GradeView.as_view(), name="api-submission-grade"),
    path(
        "submissions/<int:pk>/notes/",
        note_views.GraderNoteListView.as_view(),
        name="api-submission-notes",
    ),
    path(
        "submissions/<int:pk>/notes/<int:note_pk>/",
        note_views.GraderNoteDetailView.as_view(),
        name="api-submission-note",
    ),
    path(
        "cohorts/<int:pk>/assignments/<int:assignment_pk>/release-grades/",
        views.GradesReleaseView.as_view(),
        name="api-assignment-release-grades",
    ),
    path("cohorts/<int:pk>/gradebook/", views.GradebookView.as_view(), name="api-cohort-gradebook"),
]
