from django.urls import path

from courses.api import lesson_views as v

LESSON = "cohorts/<int:pk>/lessons/<int:lesson_pk>/"

urlpatterns = [
    path("cohorts/<int:pk>/modules/", v.ModuleListView.as_view(), name="api-cohort-modules"),
    path(
        "cohorts/<int:pk>/modules/<int:module_pk>/",
        v.ModuleDetailView.as_view(),
        name="api-cohort-module",
    ),
    path("cohorts/<int:pk>/lessons/", v.LessonListView.as_view(), name="api-cohort-lessons"),
    path("cohorts/<int:pk>/lessons/copy/", v.LessonsCopyView.as_view(), name="api-lessons-copy"),
    path(LESSON, v.LessonDetailView.as_view(), name="api-cohort-lesson"),
    path(LESSON + "done/", v.LessonMarkView.as_view(), name="api-cohort-lesson-done"),
    path(LESSON + "attachments/", v.AttachmentListView.as_view(), name="api-lesson-attachments"),
    path(
        LESSON + "attachments/<int:attachment_pk>/",
        v.AttachmentDetailView.as_view(),
        name="api-lesson-attachment",
    ),
    path(LESSON + "exemplars/", v.ExemplarListView.as_view(), name="api-lesson-exemplars"),
    path(
        LESSON + "exemplars/<int:exemplar_pk>/",
        v.ExemplarDetailView.as_view(),
        name="api-lesson-exemplar",
    ),
    path("cohorts/<int:pk>/progress/", v.ProgressListView.as_view(), name="api-cohort-progress"),
    path(
        "cohorts/<int:pk>/announcements/",
        v.AnnouncementListView.as_view(),
        name="api-cohort-announcements",
    ),
]
