from django.urls import path

from courses.api import certificate_views as views

urlpatterns = [
    path("certificates/", views.MyCertificateListView.as_view(), name="api-certificates"),
    path(
        "certificates/verify/<str:code>/",
        views.CertificateVerifyView.as_view(),
        name="api-certificate-verify",
    ),
    path("certificates/<int:pk>/", views.CertificateDetailView.as_view(), name="api-certificate"),
    path(
        "certificates/<int:pk>/revoke/",
        views.CertificateRevokeView.as_view(),
        name="api-certificate-revoke",
    ),
    path(
        "courses/<slug:slug>/cohorts/<int:pk>/certificates/",
        views.CohortCertificateListView.as_view(),
        name="api-cohort-certificates",
    ),
    path(
        "courses/<slug:slug>/cohorts/<int:pk>/certificates/issue-all/",
        views.CohortCertificateIssueAllView.as_view(),
        name="api-cohort-certificates-issue-all",
    ),
]
