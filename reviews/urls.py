from django.urls import path

from reviews.views import inbox, requests, reviewing, rubrics, staff

app_name = "reviews"

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("conflicts/", inbox.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/remove/", inbox.conflict_remove, name="conflict_remove"),
    path("rubrics/", rubrics.rubric_list, name="rubric_list"),
    path("rubrics/new/", rubrics.rubric_edit, name="rubric_create"),
    path("rubrics/<slug:slug>/", rubrics.rubric_detail, name="rubric_detail"),
    path("rubrics/<slug:slug>/edit/", rubrics.rubric_edit, name="rubric_edit"),
    path("rubrics/<slug:slug>/calibration/", reviewing.calibration, name="calibration"),
    path("series/<int:series_pk>/request/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/close/", requests.request_close_view, name="request_close"),
    path(
        "requests/<int:pk>/reviews/<int:review_pk>/rate/",
        requests.review_rate_view,
        name="review_rate",
    ),
    path(
        "requests/<int:pk>/notes/<int:note_pk>/reply/", requests.note_reply_view, name="note_reply"
    ),
    path(
        "requests/<int:pk>/notes/<int:note_pk>/resolve/",
        requests.note_resolve_view,
        name="note_resolve",
    ),
    path("assignments/<int:pk>/", reviewing.assignment_detail, name="assignment_detail"),
    path(
        "assignments/<int:pk>/decline/",
        reviewing.assignment_decline_view,
        name="assignment_decline",
    ),
    path("assignments/<int:pk>/script.pdf", reviewing.assignment_script_pdf, name="assignment_pdf"),
    path("assignments/<int:pk>/notes/", reviewing.note_add, name="note_add"),
    path(
        "assignments/<int:pk>/notes/<int:note_pk>/delete/",
        reviewing.note_delete,
        name="note_delete",
    ),
    path("staff/", staff.staff_queue, name="staff_queue"),
    path("staff/requests/<int:pk>/take/", staff.staff_take_view, name="staff_take"),
    path("staff/requests/<int:pk>/decide/", staff.staff_decide_view, name="staff_decide"),
]
