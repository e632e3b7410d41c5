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

from scouting.views import reads  # noqa: E402 - the reads slice, appended

urlpatterns += [
    path("listings/<int:pk>/read/", reads.read_request, name="read_request"),
    path("reads/", reads.reads, name="reads"),
    path("reads/<int:pk>/", reads.read_detail, name="read_detail"),
    path("reads/<int:pk>/answer/", reads.read_answer, name="read_answer"),
    path("reads/<int:pk>/nda/", reads.read_nda, name="read_nda"),
    path("reads/<int:pk>/revoke/", reads.read_revoke, name="read_revoke"),
    path("reads/<int:pk>/withdraw/", reads.read_withdraw, name="read_withdraw"),
    path("reads/<int:pk>/script/", reads.read_script, name="read_script"),
    path("reads/<int:pk>/pdf/", reads.read_pdf, name="read_pdf"),
    path("series/<int:pk>/reads/", reads.series_reads, name="series_reads"),
    path("codes/", reads.code_lookup, name="code_lookup"),
]
