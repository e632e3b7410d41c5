from django.urls import path

from scouting.api import register, views

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

urlpatterns += [
    path("scouting/shortlists/", views.ShortlistsView.as_view(), name="api-scouting-shortlists"),
    path(
        "scouting/shortlists/<int:pk>/",
        views.ShortlistView.as_view(),
        name="api-scouting-shortlist",
    ),
    path(
        "scouting/shortlists/<int:pk>/entries/",
        views.ShortlistEntriesView.as_view(),
        name="api-scouting-shortlist-entries",
    ),
    path(
        "scouting/shortlists/<int:pk>/entries/<int:entry_pk>/",
        views.ShortlistEntryView.as_view(),
        name="api-scouting-shortlist-entry",
    ),
    path(
        "scouting/shortlists/<int:pk>/entries/<int:entry_pk>/notes/",
        views.ShortlistNotesView.as_view(),
        name="api-scouting-shortlist-notes",
    ),
    path(
        "scouting/shortlists/<int:pk>/entries/<int:entry_pk>/notes/<int:note_pk>/",
        views.ShortlistNoteView.as_view(),
        name="api-scouting-shortlist-note",
    ),
    path("scouting/searches/", views.SavedSearchesView.as_view(), name="api-scouting-searches"),
    path(
        "scouting/searches/<int:pk>/",
        views.SavedSearchView.as_view(),
        name="api-scouting-search-saved",
    ),
]

urlpatterns += [
    path(
        "scouting/portfolio/",
        views.PortfolioSettingsView.as_view(),
        name="api-scouting-portfolio",
    ),
    path(
        "scouting/writers/<int:pk>/",
        views.WriterPortfolioView.as_view(),
        name="api-scouting-writer",
    ),
]

urlpatterns += [
    path(
        "scouting/listings/<int:pk>/reads/",
        views.ReadRequestView.as_view(),
        name="api-scouting-read-request",
    ),
    path("scouting/reads/", views.StudioReadsView.as_view(), name="api-scouting-reads"),
    path("scouting/reads/<int:pk>/", views.ReadView.as_view(), name="api-scouting-read"),
    path(
        "scouting/reads/<int:pk>/answer/",
        views.ReadAnswerView.as_view(),
        name="api-scouting-read-answer",
    ),
    path("scouting/reads/<int:pk>/nda/", views.ReadNdaView.as_view(), name="api-scouting-read-nda"),
    path(
        "scouting/reads/<int:pk>/revoke/",
        views.ReadRevokeView.as_view(),
        name="api-scouting-read-revoke",
    ),
    path(
        "scouting/reads/<int:pk>/withdraw/",
        views.ReadWithdrawView.as_view(),
        name="api-scouting-read-withdraw",
    ),
    path("scouting/reads/<int:pk>/pdf/", views.ReadPdfView.as_view(), name="api-scouting-read-pdf"),
    path(
        "scouting/reads/<int:pk>/content/",
        views.ReadContentView.as_view(),
        name="api-scouting-read-content",
    ),
    path(
        "scouting/series/<int:pk>/reads/",
        views.SeriesReadsView.as_view(),
        name="api-scouting-series-reads",
    ),
    path(
        "scouting/series/<int:pk>/trail/",
        views.SeriesTrailView.as_view(),
        name="api-scouting-series-trail",
    ),
    path(
        "scouting/codes/<str:code>/",
        views.CodeLookupView.as_view(),
        name="api-scouting-code-lookup",
    ),
    path("scouting/offers/", views.OffersView.as_view(), name="api-scouting-offers"),
    path("scouting/offers/<int:pk>/", views.OfferView.as_view(), name="api-scouting-offer"),
    path(
        "scouting/offers/<int:pk>/counter/",
        views.OfferCounterView.as_view(),
        name="api-scouting-offer-counter",
    ),
    path(
        "scouting/offers/<int:pk>/accept/",
        views.OfferAcceptView.as_view(),
        name="api-scouting-offer-accept",
    ),
    path(
        "scouting/offers/<int:pk>/decline/",
        views.OfferDeclineView.as_view(),
        name="api-scouting-offer-decline",
    ),
    path(
        "scouting/offers/<int:pk>/withdraw/",
        views.OfferWithdrawView.as_view(),
        name="api-scouting-offer-withdraw",
    ),
    path("scouting/deals/<int:pk>/", views.DealView.as_view(), name="api-scouting-deal"),
    path(
        "scouting/deals/<int:pk>/exercise/",
        views.DealExerciseView.as_view(),
        name="api-scouting-deal-exercise",
    ),
    path(
        "scouting/deals/<int:pk>/accept/",
        views.DealAcceptView.as_view(),
        name="api-scouting-deal-accept",
    ),
    path(
        "scouting/deals/<int:pk>/agreement.pdf",
        views.DealAgreementPdfView.as_view(),
        name="api-scouting-deal-agreement-pdf",
    ),
    path(
        "scouting/deals/<int:pk>/agreement.docx",
        views.DealAgreementDocxView.as_view(),
        name="api-scouting-deal-agreement-docx",
    ),
    path(
        "scouting/deals/<int:pk>/deliveries/",
        views.DealDeliveriesView.as_view(),
        name="api-scouting-deal-deliveries",
    ),
    path(
        "scouting/deals/<int:pk>/deliveries/<int:delivery_pk>/feedback/",
        views.DealFeedbackView.as_view(),
        name="api-scouting-deal-feedback",
    ),
]

urlpatterns += [
    path("scouting/terms/", register.TermsRegisterView.as_view(), name="api-scouting-terms"),
    path(
        "scouting/studios/<slug:slug>/record/",
        register.StudioRecordView.as_view(),
        name="api-scouting-studio-record",
    ),
    path("scouting/briefs/", views.BriefsView.as_view(), name="api-scouting-briefs"),
    path("scouting/briefs/<int:pk>/", views.BriefView.as_view(), name="api-scouting-brief"),
    path(
        "scouting/briefs/<int:pk>/publish/",
        views.BriefPublishView.as_view(),
        name="api-scouting-brief-publish",
    ),
    path(
        "scouting/briefs/<int:pk>/close/",
        views.BriefCloseView.as_view(),
        name="api-scouting-brief-close",
    ),
    path(
        "scouting/briefs/<int:pk>/pitches/",
        views.BriefPitchesView.as_view(),
        name="api-scouting-brief-pitches",
    ),
    path("scouting/pitches/", views.MyPitchesView.as_view(), name="api-scouting-my-pitches"),
    path("scouting/pitches/<int:pk>/", views.PitchView.as_view(), name="api-scouting-pitch"),
    path(
        "scouting/pitches/<int:pk>/submit/",
        views.PitchSubmitView.as_view(),
        name="api-scouting-pitch-submit",
    ),
    path(
        "scouting/pitches/<int:pk>/withdraw/",
        views.PitchWithdrawView.as_view(),
        name="api-scouting-pitch-withdraw",
    ),
    path(
        "scouting/pitches/<int:pk>/shortlist/",
        views.PitchShortlistView.as_view(),
        name="api-scouting-pitch-shortlist",
    ),
    path(
        "scouting/pitches/<int:pk>/decline/",
        views.PitchDeclineView.as_view(),
        name="api-scouting-pitch-decline",
    ),
    path(
        "scouting/pitches/<int:pk>/read/",
        views.PitchReadRequestView.as_view(),
        name="api-scouting-pitch-read",
    ),
    path(
        "scouting/studios/<slug:slug>/scouts/",
        views.StudioScoutsView.as_view(),
        name="api-scouting-scouts",
    ),
    path(
        "scouting/studios/<slug:slug>/scouts/<int:pk>/",
        views.StudioScoutView.as_view(),
        name="api-scouting-scout",
    ),
]
