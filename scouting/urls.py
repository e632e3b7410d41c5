from django.urls import path

from scouting.views import listings, scouts, search

app_name = "scouting"

urlpatterns = [
    path("", search.search, name="search"),
    path("series/<int:pk>/", listings.listing_detail, name="listing"),
    path("series/<int:pk>/unlist/", listings.listing_unlist, name="listing_unlist"),
    path("series/<int:pk>/consent/", listings.listing_consent, name="listing_consent"),
    path("studios/<slug:slug>/scouts/", scouts.scouts, name="scouts"),
    path("studios/<slug:slug>/scouts/add/", scouts.scout_add, name="scout_add"),
    path("studios/<slug:slug>/scouts/<int:pk>/remove/", scouts.scout_remove, name="scout_remove"),
]
