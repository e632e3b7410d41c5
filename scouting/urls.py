from django.urls import path

from scouting.views import (
    briefs,
    listing_page,
    listings,
    offers,
    portfolios,
    reads,
    register,
    saved_searches,
    scouts,
    search,
    shortlists,
)

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

urlpatterns += [
    path("shortlists/", shortlists.shortlists, name="shortlists"),
    path("shortlists/add/", shortlists.entry_add, name="shortlist_entry_add"),
    path("shortlists/<int:pk>/", shortlists.shortlist_detail, name="shortlist"),
    path("shortlists/<int:pk>/rename/", shortlists.shortlist_rename, name="shortlist_rename"),
    path("shortlists/<int:pk>/delete/", shortlists.shortlist_delete, name="shortlist_delete"),
    path(
        "shortlists/<int:pk>/entries/<int:entry_pk>/status/",
        shortlists.entry_status,
        name="shortlist_entry_status",
    ),
    path(
        "shortlists/<int:pk>/entries/<int:entry_pk>/remove/",
        shortlists.entry_remove,
        name="shortlist_entry_remove",
    ),
    path(
        "shortlists/<int:pk>/entries/<int:entry_pk>/notes/",
        shortlists.note_add,
        name="shortlist_note_add",
    ),
    path(
        "shortlists/<int:pk>/entries/<int:entry_pk>/notes/<int:note_pk>/delete/",
        shortlists.note_delete,
        name="shortlist_note_delete",
    ),
]

urlpatterns += [
    path("searches/", saved_searches.saved_searches, name="saved_searches"),
    path("searches/save/", saved_searches.saved_search_create, name="saved_search_create"),
    path(
        "searches/<int:pk>/delete/",
        saved_searches.saved_search_delete,
        name="saved_search_delete",
    ),
]

urlpatterns += [
    path("portfolio/", portfolios.portfolio_settings, name="portfolio"),
    path("writers/<int:pk>/", portfolios.writer_portfolio, name="writer"),
]

urlpatterns += [
    path("listings/<int:pk>/", listing_page.listing_page, name="listing_page"),
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

urlpatterns += [
    path("terms/", register.register, name="terms_register"),
    path("studios/<slug:slug>/record/", register.studio_record_page, name="studio_record"),
    path("briefs/", briefs.briefs, name="briefs"),
    path("briefs/new/", briefs.brief_create, name="brief_create"),
    path("briefs/<int:pk>/", briefs.brief_detail, name="brief"),
    path("briefs/<int:pk>/edit/", briefs.brief_edit, name="brief_edit"),
    path("briefs/<int:pk>/publish/", briefs.brief_publish, name="brief_publish"),
    path("briefs/<int:pk>/close/", briefs.brief_close, name="brief_close"),
    path("briefs/<int:pk>/pitches/", briefs.brief_pitches, name="brief_pitches"),
    path("briefs/<int:pk>/pitch/", briefs.pitch_create, name="pitch_create"),
    path("pitches/", briefs.my_pitches, name="my_pitches"),
    path("pitches/<int:pk>/", briefs.my_pitch, name="my_pitch"),
    path("pitches/<int:pk>/submit/", briefs.pitch_submit, name="pitch_submit"),
    path("pitches/<int:pk>/withdraw/", briefs.pitch_withdraw, name="pitch_withdraw"),
    path("studio-pitches/<int:pk>/", briefs.studio_pitch, name="studio_pitch"),
    path("studio-pitches/<int:pk>/answer/", briefs.pitch_answer, name="pitch_answer"),
    path("studio-pitches/<int:pk>/read/", reads.pitch_read_request, name="pitch_read_request"),
    path("listings/<int:pk>/offer/", offers.offer_make, name="offer_make"),
    path("studio-pitches/<int:pk>/offer/", offers.offer_make_pitch, name="offer_make_pitch"),
    path("offers/", offers.offers, name="offers"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/counter/", offers.offer_counter, name="offer_counter"),
    path("offers/<int:pk>/accept/", offers.offer_accept, name="offer_accept"),
    path("offers/<int:pk>/decline/", offers.offer_decline, name="offer_decline"),
    path("offers/<int:pk>/withdraw/", offers.offer_withdraw, name="offer_withdraw"),
    path("deals/<int:pk>/", offers.deal_detail, name="deal_detail"),
    path("deals/<int:pk>/accept/", offers.deal_accept, name="deal_accept"),
    path("deals/<int:pk>/exercise/", offers.deal_exercise, name="deal_exercise"),
    path("deals/<int:pk>/agreement.<str:kind>", offers.deal_agreement, name="deal_agreement"),
    path("deals/<int:pk>/deliveries/", offers.deal_delivery, name="deal_delivery"),
    path(
        "deals/<int:pk>/deliveries/<int:delivery_pk>/feedback/",
        offers.deal_feedback,
        name="deal_feedback",
    ),
]
