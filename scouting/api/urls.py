from django.urls import path

from scouting.api import views

urlpatterns = [
    path("scouting/search/", views.SearchView.as_view(), name="api-scouting-search"),
    path(
        "scouting/series/<int:pk>/listing/",
        views.ListingView.as_view(),
        name="api-scouting-listing",
    ),
    path(
        "scouting/series/<int:pk>/listing/unlist/",
        views.ListingUnlistView.as_view(),
        name="api-scouting-listing-unlist",
    ),
    path(
        "scouting/series/<int:pk>/listing/consent/",
        views.ListingConsentView.as_view(),
        name="api-scouting-listing-consent",
    ),
]
