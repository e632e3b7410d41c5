from django.urls import path

from taxonomy import views

app_name = "taxonomy"

urlpatterns = [
    path("", views.term_list, name="term_list"),
    path("<str:kind>/<slug:slug>/", views.term_detail, name="term_detail"),
]
