from django.urls import path

from reviews.api import views

urlpatterns = [
    path("reviews/ledger/", views.LedgerView.as_view(), name="api-review-ledger"),
    path("reviews/rubrics/", views.RubricListView.as_view(), name="api-rubrics"),
    path(
        "reviews/rubrics/<slug:slug>/criteria/",
        views.RubricCriteriaView.as_view(),
        name="api-rubric-criteria",
    ),
    path(
        "reviews/rubrics/<slug:slug>/calibration/",
        views.CalibrationView.as_view(),
        name="api-calibration",
    ),
    path(
        "series/<int:pk>/review-requests/",
        views.SeriesRequestView.as_view(),
        name="api-series-review-request",
    ),
    path("reviews/requests/", views.RequestListView.as_view(), name="api-review-requests"),
    path(
        "reviews/requests/<int:pk>/", views.RequestDetailView.as_view(), name="api-review-request"
    ),
    path(
        "reviews/requests/<int:pk>/close/",
        views.RequestCloseView.as_view(),
        name="api-review-request-close",
    ),
    path(
        "reviews/requests/<int:pk>/reviews/<int:review_pk>/rating/",
        views.RatingView.as_view(),
        name="api-review-rating",
    ),
    path(
        "reviews/requests/<int:pk>/decision/",
        views.StaffDecisionView.as_view(),
        name="api-review-decision",
    ),
    path("reviews/requests/<int:pk>/take/", views.StaffTakeView.as_view(), name="api-review-take"),
    path("reviews/assignments/", views.AssignmentListView.as_view(), name="api-review-assignments"),
    path(
        "reviews/assignments/<int:pk>/review/",
        views.AssignmentReviewView.as_view(),
        name="api-review-assignment-review",
    ),
    path(
        "reviews/assignments/<int:pk>/decline/",
        views.AssignmentDeclineView.as_view(),
        name="api-review-assignment-decline",
    ),
    path(
        "reviews/assignments/<int:pk>/notes/",
        views.AssignmentNotesView.as_view(),
        name="api-review-assignment-notes",
    ),
    path(
        "reviews/assignments/<int:pk>/notes/<int:note_pk>/",
        views.AssignmentNoteDeleteView.as_view(),
        name="api-review-assignment-note",
    ),
    path(
        "reviews/notes/<int:note_pk>/replies/",
        views.NoteReplyView.as_view(),
        name="api-review-note-replies",
    ),
    path("reviews/notes/<int:note_pk>/", views.NoteResolveView.as_view(), name="api-review-note"),
    path("reviews/conflicts/", views.ConflictListView.as_view(), name="api-review-conflicts"),
    path(
        "reviews/conflicts/<int:conflict_pk>/",
        views.ConflictDetailView.as_view(),
        name="api-review-conflict",
    ),
]
