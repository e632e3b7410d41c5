from django.urls import path

from registry.views import originality, public, record, registrations

app_name = "registry"

urlpatterns = [
    path("", public.registry_home, name="home"),
    path("entries/<int:number>/", public.entry_detail, name="entry"),
    path("check/", public.check, name="check"),
    path("series/<int:pk>/register/", registrations.register, name="register"),
    path("registrations/<int:pk>/", registrations.registration_detail, name="registration"),
    path(
        "registrations/<int:pk>/respond/",
        registrations.registration_respond,
        name="registration_respond",
    ),
    path("record/", record.record, name="record"),
    path("record/exports/<int:pk>/", record.record_export, name="record_export"),
    path(
        "record/exports/<int:pk>/download/",
        record.record_export_download,
        name="record_export_download",
    ),
    path(
        "registrations/<int:pk>/certificate.pdf",
        registrations.certificate,
        name="certificate",
    ),
    path(
        "registrations/<int:pk>/name-visibility/",
        registrations.name_visibility,
        name="name_visibility",
    ),
    path(
        "series/<int:pk>/revisions/<int:number>/originality/",
        originality.originality,
        name="originality",
    ),
    path("originality/<int:pk>/", originality.originality_report, name="originality_report"),
]
