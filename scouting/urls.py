from django.urls import path

from scouting.views import listings, search

app_name = "scouting"

urlpatterns = [
    path("", search.search, name="search"),
    path("series/<int:pk>/", listings.listing_detail, name="listing"),
    path("series/<int:pk>/unlist/", listings.listing_unlist, name="listing_unlist"),
    path("series/<int:pk>/consent/", listings.listing_consent, name="listing_consent"),
]
