from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import ResetPasswordForm, SignupForm
from allauth.account.models import EmailAddress
from allauth.account.utils import complete_signup
from allauth.core import ratelimit
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import permissions as access
from accounts.api import serializers as s
from accounts.models import Role
from accounts.selectors import (
    invitations_open_for_organisation,
    invitations_open_for_user,
    mentors_verified,
    organisation_members,
    organisations_list,
    users_public,
)
from accounts.services import organisations as org_services
from accounts.services.mentors import mentor_unverify, mentor_verify
from accounts.services.profiles import user_profile_update, user_roles_set
from accounts.services.users import api_token_issue, api_token_revoke


def _form_errors(form) -> ValidationError:
    return ValidationError({field: list(errors) for field, errors in form.errors.items()})


class AuthThrottleMixin:
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


def _allauth_rate_limit(request, *, action: str, key: str | None = None) -> None:
    """Count this request against allauth's own limit for ``action``, as its pages do.

    allauth applies its limits in its views, not its forms, so an API view that uses
    the forms directly must consume them itself, or the API would be a way round them.
    """
    if not ratelimit.consume(request._request, action=action, key=key):
        raise Throttled(detail=_("Too many requests; try again later."))


class SignupView(AuthThrottleMixin, APIView):
    """Create an account. A verification link is e-mailed; sign in after verifying.

    The answer is the same whether or not the address already has an account.
    """

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(request=s.SignupInputSerializer, responses={201: s.MessageSerializer})
    def post(self, request):
        s.SignupInputSerializer(data=request.data).is_valid(raise_exception=True)
        _allauth_rate_limit(request, action="signup")
        form = SignupForm(data=request.data)
        if not form.is_valid():
            raise _form_errors(form)
        with transaction.atomic():
            # For a taken address allauth mails its owner instead of creating an
            # account, and we answer exactly as for a new one: no enumeration.
            user, _response = form.try_save(request._request)
            if user is not None:
                complete_signup(request._request, user, allauth_settings.EMAIL_VERIFICATION, None)
        return Response(
            {"detail": _("Check your e-mail for a link to verify your address.")},
            status=status.HTTP_201_CREATED,
        )


class TokenView(AuthThrottleMixin, APIView):
    """Exchange e-mail and password for an API token (POST) or revoke it (DELETE)."""

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    @extend_schema(request=s.TokenInputSerializer, responses={200: s.TokenSerializer})
    def post(self, request):
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email, password = data.validated_data["email"], data.validated_data["password"]
        # allauth's own sign-in check, so the API and the sign-in form share one
        # failed-attempt allowance per account and per address (login_failed).
        try:
            user = get_adapter(request._request).authenticate(
                request._request, email=email.lower(), password=password
            )
        except forms.ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise Throttled(detail=error.messages[0]) from error
            raise
        if user is None:
            raise ValidationError(_("The e-mail address and password do not match."))
        if not EmailAddress.objects.filter(user=user, verified=True).exists():
            raise ValidationError({"email": [_("Verify your e-mail address first.")]})
        return Response({"token": api_token_issue(user=user)})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        api_token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetView(AuthThrottleMixin, APIView):
    """E-mail a password-reset link. Answers the same whether or not the address has an account."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(request=s.PasswordResetInputSerializer, responses={202: s.MessageSerializer})
    def post(self, request):
        s.PasswordResetInputSerializer(data=request.data).is_valid(raise_exception=True)
        form = ResetPasswordForm(data=request.data)
        if not form.is_valid():
            raise _form_errors(form)
        # Per address and per e-mail, shared with the reset page: no mail-bombing an address.
        _allauth_rate_limit(
            request, action="reset_password", key=form.cleaned_data["email"].lower()
        )
        form.save(request._request)
        return Response(
            {"detail": _("If the address has an account, a reset link is on its way.")},
            status=status.HTTP_202_ACCEPTED,
        )


class MeView(APIView):
    """The signed-in user's own profile."""

    @extend_schema(responses=s.MeSerializer)
    def get(self, request):
        return Response(s.MeSerializer(users_public().get(pk=request.user.pk)).data)

    @extend_schema(request=s.ProfileUpdateInputSerializer, responses=s.MeSerializer)
    def patch(self, request):
        data = s.ProfileUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        themes = changes.pop("expertise_themes", None)
        roles = changes.pop("roles", None)
        with transaction.atomic():
            user_profile_update(
                actor=request.user,
                user=request.user,
                expertise_themes=themes,
                **changes,
            )
            if roles is not None:
                user_roles_set(actor=request.user, user=request.user, roles=roles)
        return Response(s.MeSerializer(users_public().get(pk=request.user.pk)).data)


@extend_schema(responses=s.MyInvitationSerializer(many=True))
class MyInvitationsView(GenericAPIView):
    """Open invitations sent to the signed-in user's verified addresses."""

    serializer_class = s.MyInvitationSerializer
    filter_backends: list = []

    @extend_schema(responses=s.MyInvitationSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(invitations_open_for_user(request.user))
        return self.get_paginated_response(s.MyInvitationSerializer(page, many=True).data)


class InvitationAnswerView(APIView):
    """Accept or decline an invitation (only the invited, verified address may)."""

    @extend_schema(request=s.InvitationAnswerInputSerializer, responses={200: s.MessageSerializer})
    def post(self, request, token: str):
        data = s.InvitationAnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = access.get_invitation_by_token(request.user, token)
        if data.validated_data["answer"] == "accept":
            org_services.invitation_accept(actor=request.user, invitation=invitation)
            return Response({"detail": _("You joined the organisation.")})
        org_services.invitation_decline(actor=request.user, invitation=invitation)
        return Response({"detail": _("You declined the invitation.")})


@extend_schema(
    parameters=[
        OpenApiParameter("role", str, enum=Role.values),
        OpenApiParameter("theme", str, description="A theme slug"),
    ]
)
class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Public profiles. E-mail addresses are never shown."""

    serializer_class = s.UserPublicSerializer
    permission_classes = [permissions.AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        people = users_public()
        role = self.request.query_params.get("role")
        theme = self.request.query_params.get("theme")
        if role == Role.MENTOR:
            # Offered as a mentor only once verified.
            people = people.filter(pk__in=mentors_verified().values("pk"))
        elif role:
            people = people.filter(role_grants__role=role)
        if theme:
            people = people.filter(expertise_themes__slug=theme, expertise_themes__kind="theme")
        return people.distinct()


class UserRolesView(APIView):
    """Set a person's roles (platform staff; people change their own self-service roles via /me/)."""

    @extend_schema(request=s.RolesInputSerializer, responses=s.UserPublicSerializer)
    def put(self, request, pk: int):
        person = access.get_person_for(request.user, pk, action="roles")
        data = s.RolesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user_roles_set(actor=request.user, user=person, roles=data.validated_data["roles"])
        # A deactivated account has no public profile, but staff may still take roles off it.
        return Response(
            s.UserPublicSerializer(users_public(include_inactive=True).get(pk=person.pk)).data
        )


class MentorVerificationView(APIView):
    """Verify a mentor (platform staff, or an organisation's admin vouching for its member)
    or withdraw the verification. Only verified mentors are offered to writers."""

    @extend_schema(request=s.MentorVerificationInputSerializer, responses=s.UserPublicSerializer)
    def post(self, request, pk: int):
        person = access.get_person_for(request.user, pk)
        data = s.MentorVerificationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        slug = data.validated_data.get("organisation")
        organisation = access.get_organisation_for(request.user, slug) if slug else None
        mentor_verify(actor=request.user, user=person, organisation=organisation)
        return Response(s.UserPublicSerializer(users_public().get(pk=person.pk)).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        person = access.get_person_for(request.user, pk)
        mentor_unverify(actor=request.user, user=person)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Universities, studios and fund bodies. Anyone may read; admins edit their own."""

    serializer_class = s.OrganisationSerializer
    lookup_field = "slug"
    filterset_fields = ["kind"]

    def get_permissions(self):
        if self.action in ("list", "retrieve", "members"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        return organisations_list()

    @extend_schema(
        request=s.OrganisationCreateInputSerializer,
        responses={201: s.OrganisationSerializer},
    )
    def create(self, request):
        data = s.OrganisationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = org_services.organisation_create(actor=request.user, **data.validated_data)
        return Response(
            s.OrganisationSerializer(self.get_queryset().get(pk=organisation.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.OrganisationUpdateInputSerializer, responses=s.OrganisationSerializer)
    def partial_update(self, request, slug: str):
        organisation = access.get_organisation_for(request.user, slug, action="manage")
        data = s.OrganisationUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        org_services.organisation_update(
            actor=request.user, organisation=organisation, **data.validated_data
        )
        return Response(s.OrganisationSerializer(self.get_queryset().get(pk=organisation.pk)).data)

    @extend_schema(responses=s.MembershipSerializer(many=True))
    @action(detail=True, methods=["get"])
    def members(self, request, slug: str):
        organisation = access.get_organisation_for(request.user, slug, action="view")
        page = self.paginate_queryset(organisation_members(organisation))
        return self.get_paginated_response(s.MembershipSerializer(page, many=True).data)

    @extend_schema(request=s.MembershipUpdateInputSerializer, responses=s.MembershipSerializer)
    @action(detail=True, methods=["patch"], url_path=r"members/(?P<member_id>\d+)")
    def member_update(self, request, slug: str, member_id: str):
        organisation = access.get_organisation_for(request.user, slug, action="manage")
        membership = access.get_membership_for(request.user, organisation, int(member_id))
        data = s.MembershipUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = org_services.membership_change_role(
            actor=request.user, membership=membership, role=data.validated_data["role"]
        )
        return Response(s.MembershipSerializer(membership).data)

    @extend_schema(request=None, responses={204: None})
    @member_update.mapping.delete
    def member_end(self, request, slug: str, member_id: str):
        """Leave (your own membership) or remove a member (admins)."""
        organisation = access.get_organisation_for(request.user, slug, action="view")
        membership = access.get_membership_for(request.user, organisation, int(member_id))
        org_services.membership_end(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["GET"], responses=s.InvitationSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=s.InvitationCreateInputSerializer,
        responses={201: s.InvitationSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def invitations(self, request, slug: str):
        organisation = access.get_organisation_for(request.user, slug, action="manage")
        if request.method == "GET":
            page = self.paginate_queryset(invitations_open_for_organisation(organisation))
            return self.get_paginated_response(s.InvitationSerializer(page, many=True).data)
        data = s.InvitationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = org_services.invitation_create(
            actor=request.user, organisation=organisation, **data.validated_data
        )
        return Response(s.InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"invitations/(?P<invitation_id>\d+)")
    def invitation_revoke(self, request, slug: str, invitation_id: str):
        organisation = access.get_organisation_for(request.user, slug, action="manage")
        invitation = access.get_pending_invitation_for(
            request.user, organisation, int(invitation_id)
        )
        org_services.invitation_revoke(actor=request.user, invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)
