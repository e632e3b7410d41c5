from django.urls import path

from registry.api import views

urlpatterns = [
    path("registry/head/", views.HeadView.as_view(), name="api-registry-head"),
    path("registry/entries/<int:number>/", views.EntryView.as_view(), name="api-registry-entry"),
    path("registry/check/", views.CheckView.as_view(), name="api-registry-check"),
    path(
        "registry/registrations/",
        views.RegistrationListView.as_view(),
        name="api-registry-registrations",
    ),
    path(
        "registry/registrations/<int:pk>/",
        views.RegistrationDetailView.as_view(),
        name="api-registry-registration",
    ),
    path(
        "registry/registrations/<int:pk>/answer/",
        views.RegistrationAnswerView.as_view(),
        name="api-registry-registration-answer",
    ),
    path(
        "registry/registrations/<int:pk>/withdraw/",
        views.RegistrationWithdrawView.as_view(),
        name="api-registry-registration-withdraw",
    ),
    path(
        "series/<int:pk>/registrations/",
        views.SeriesRegistrationView.as_view(),
        name="api-series-registrations",
    ),
]
