from django.urls import path

from courses.api import manage_views, note_views, views

COHORT = "cohorts/<int:pk>/"

urlpatterns = [
    path("courses/", views.CourseListView.as_view(), name="api-courses"),
    path("courses/<slug:slug>/", views.CourseDetailView.as_view(), name="api-course"),
    path(
        "courses/<slug:slug>/cohorts/",
        manage_views.CohortCreateView.as_view(),
        name="api-course-cohorts",
    ),
    path("cohorts/<int:pk>/", views.CohortDetailView.as_view(), name="api-cohort"),
    path(COHORT + "move/", manage_views.CohortMoveView.as_view(), name="api-cohort-move"),
    path(COHORT + "members/", manage_views.RosterView.as_view(), name="api-cohort-members"),
    path(
        COHORT + "members/<int:member_pk>/",
        manage_views.RosterMemberView.as_view(),
        name="api-cohort-member",
    ),
    path(
        COHORT + "enrolments/",
        manage_views.EnrolmentListView.as_view(),
        name="api-cohort-enrolments",
    ),
    path(
        COHORT + "enrolments/<int:enrolment_pk>/decision/",
        manage_views.EnrolmentDecisionView.as_view(),
        name="api-cohort-enrolment-decision",
    ),
    path(
        COHORT + "assignments/<int:assignment_pk>/",
        manage_views.AssignmentDetailView.as_view(),
        name="api-cohort-assignment",
    ),
    path(
        COHORT + "assignments/<int:assignment_pk>/peer-review/",
        manage_views.PeerReviewStartView.as_view(),
        name="api-assignment-peer-review",
    ),
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
