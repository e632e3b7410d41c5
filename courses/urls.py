from django.urls import path

from courses.views import assignments, certificates, cohorts, grading, lessons

app_name = "courses"

urlpatterns = [
    path("", cohorts.catalogue, name="catalogue"),
    path("new/", cohorts.course_create, name="course_create"),
    # Certificates (before "<slug>/": "certificates" is a reserved course slug)
    path("certificates/", certificates.certificate_lookup, name="certificate_lookup"),
    path("certificates/mine/", certificates.my_certificates, name="my_certificates"),
    path(
        "certificates/issued/<int:pk>/",
        certificates.certificate_detail,
        name="certificate_detail",
    ),
    path(
        "certificates/issued/<int:pk>/certificate.pdf",
        certificates.certificate_download,
        name="certificate_download",
    ),
    path(
        "certificates/issued/<int:pk>/profile/",
        certificates.certificate_visibility,
        name="certificate_visibility",
    ),
    path("certificates/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
    path("<slug:slug>/", cohorts.course_detail, name="course_detail"),
    path("<slug:slug>/edit/", cohorts.course_edit, name="course_edit"),
    path("<slug:slug>/cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("<slug:slug>/cohorts/<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("<slug:slug>/cohorts/<int:pk>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("<slug:slug>/cohorts/<int:pk>/join/", cohorts.cohort_join, name="cohort_join"),
    path("<slug:slug>/cohorts/<int:pk>/leave/", cohorts.cohort_leave, name="cohort_leave"),
    path(
        "<slug:slug>/cohorts/<int:pk>/invitation/",
        cohorts.invitation_respond,
        name="invitation_respond",
    ),
    path("<slug:slug>/cohorts/<int:pk>/roster/", cohorts.cohort_roster, name="cohort_roster"),
    path(
        "<slug:slug>/cohorts/<int:pk>/assignments/",
        assignments.assignment_list,
        name="assignment_list",
    ),
    path(
        "<slug:slug>/cohorts/<int:pk>/assignments/new/",
        assignments.assignment_create,
        name="assignment_create",
    ),
    path(
        "<slug:slug>/cohorts/<int:pk>/assignments/<int:assignment_pk>/",
        assignments.assignment_detail,
        name="assignment_detail",
    ),
    path(
        "<slug:slug>/cohorts/<int:pk>/assignments/<int:assignment_pk>/edit/",
        assignments.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "<slug:slug>/cohorts/<int:pk>/assignments/<int:assignment_pk>/release/",
        grading.release_grades,
        name="release_grades",
    ),
    path("<slug:slug>/cohorts/<int:pk>/gradebook/", grading.gradebook, name="gradebook"),
    path(
        "<slug:slug>/cohorts/<int:pk>/assignments/<int:assignment_pk>/peer-review/",
        assignments.start_peer_review,
        name="start_peer_review",
    ),
    path("submissions/<int:pk>/", assignments.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/grade/", grading.grade_submission, name="grade_submission"),
    path("submissions/<int:pk>/notes/", grading.grader_note_add, name="grader_note_add"),
    path(
        "submissions/<int:pk>/notes/<int:note_pk>/delete/",
        grading.grader_note_delete,
        name="grader_note_delete",
    ),
    path(
        "<slug:slug>/cohorts/<int:pk>/roster/action/",
        cohorts.roster_action,
        name="roster_action",
    ),
    # Certificates
    path(
        "<slug:slug>/cohorts/<int:pk>/certificates/",
        certificates.cohort_certificates,
        name="cohort_certificates",
    ),
    path(
        "<slug:slug>/cohorts/<int:pk>/certificates/action/",
        certificates.certificate_action,
        name="certificate_action",
    ),
    # Lessons, progress and announcements.
    *[
        path(f"<slug:slug>/cohorts/<int:pk>/{route}", view, name=name)
        for route, view, name in [
            ("lessons/", lessons.lesson_list, "lesson_list"),
            ("lessons/new/", lessons.lesson_create, "lesson_create"),
            ("lessons/copy/", lessons.lessons_copy, "lessons_copy"),
            ("lessons/modules/new/", lessons.module_create, "module_create"),
            ("lessons/modules/<int:module_pk>/edit/", lessons.module_edit, "module_edit"),
            ("lessons/<int:lesson_pk>/", lessons.lesson_detail, "lesson_detail"),
            ("lessons/<int:lesson_pk>/edit/", lessons.lesson_edit, "lesson_edit"),
            ("lessons/<int:lesson_pk>/done/", lessons.lesson_mark, "lesson_mark"),
            ("lessons/<int:lesson_pk>/files/new/", lessons.attachment_create, "attachment_create"),
            (
                "lessons/<int:lesson_pk>/files/<int:attachment_pk>/",
                lessons.attachment_download,
                "attachment_download",
            ),
            (
                "lessons/<int:lesson_pk>/files/<int:attachment_pk>/delete/",
                lessons.attachment_delete,
                "attachment_delete",
            ),
            ("lessons/<int:lesson_pk>/excerpts/new/", lessons.exemplar_create, "exemplar_create"),
            (
                "lessons/<int:lesson_pk>/excerpts/<int:exemplar_pk>/delete/",
                lessons.exemplar_delete,
                "exemplar_delete",
            ),
            ("progress/", lessons.cohort_progress, "cohort_progress"),
            ("announcements/", lessons.announcement_list, "announcement_list"),
            ("announcements/new/", lessons.announcement_create, "announcement_create"),
        ]
    ],  # fmt: skip
]
