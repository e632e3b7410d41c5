from django.urls import path

from accounts.views import organisations, profiles

app_name = "accounts"

urlpatterns = [
    path("people/", profiles.people_list, name="people"),
    path("people/<int:pk>/", profiles.profile_detail, name="profile"),
    path(
        "people/<int:pk>/mentor-verification/",
        profiles.mentor_verification,
        name="mentor_verification",
    ),
    path("profile/", profiles.profile_edit, name="profile_edit"),
    path("orgs/", organisations.organisation_list, name="organisation_list"),
    path("orgs/new/", organisations.organisation_create, name="organisation_create"),
    path(
        "orgs/<slug:slug>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "orgs/<slug:slug>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "orgs/<slug:slug>/members/",
        organisations.organisation_members,
        name="organisation_members",
    ),
    path(
        "orgs/<slug:slug>/members/<int:pk>/role/",
        organisations.membership_role,
        name="membership_role",
    ),
    path(
        "orgs/<slug:slug>/members/<int:pk>/end/",
        organisations.membership_end,
        name="membership_end",
    ),
    path(
        "orgs/<slug:slug>/invitations/<int:pk>/revoke/",
        organisations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "invitations/<str:token>/",
        organisations.invitation_detail,
        name="invitation_detail",
    ),
    path(
        "invitations/<str:token>/respond/",
        organisations.invitation_respond,
        name="invitation_respond",
    ),
]
