from django.urls import path

from scouting.api import views

urlpatterns = [
    path("scouting/search/", views.SearchView.as_view(), name="api-scouting-search"),
]
