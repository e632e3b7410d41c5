from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.api import views

router = SimpleRouter()
router.register("users", views.UserViewSet, basename="user")
router.register("organisations", views.OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("auth/signup/", views.SignupView.as_view(), name="api-signup"),
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path(
        "auth/password/reset/",
        views.PasswordResetView.as_view(),
        name="api-password-reset",
    ),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("users/<int:pk>/roles/", views.UserRolesView.as_view(), name="api-user-roles"),
    path(
        "users/<int:pk>/mentor-verification/",
        views.MentorVerificationView.as_view(),
        name="api-user-mentor-verification",
    ),
    path("me/invitations/", views.MyInvitationsView.as_view(), name="api-my-invitations"),
    path(
        "invitations/<str:token>/answer/",
        views.InvitationAnswerView.as_view(),
        name="api-invitation-answer",
    ),
    *router.urls,
]
