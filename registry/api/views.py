"""The registry API: the public head, entries and text check, and a writer's registrations.
The same services, selectors and access helpers as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from core.api.throttling import ScopedWriteRateThrottle
from registry import permissions, selectors
from registry.api import serializers as s
from registry.matching import check_file, check_text
from registry.models import HeadSnapshot, Registration, RegistryEntry
from registry.services.registration import (
    AuthorChoice,
    registration_answer,
    registration_request,
    registration_withdraw,
    series_writers,
)
from scripts_app import selectors as script_selectors
from scripts_app.permissions import get_series_for

SNAPSHOTS_LISTED = 14


def entry_data(request: Any, entry: RegistryEntry) -> dict[str, Any]:
    return {
        "number": entry.number,
        "title": entry.title,
        "episode_count": entry.episode_count,
        "content_sha256": entry.content_sha256,
        "rights_basis": entry.rights_basis,
        "source_work": entry.source_work,
        "licensor": entry.licensor,
        "recorded_at": entry.recorded_at,
        "previous_hash": entry.previous_hash,
        "entry_hash": entry.entry_hash,
        "authors": [vars(author) for author in selectors.public_authors(entry)],
        "url": request.build_absolute_uri(reverse("registry:entry", args=[entry.number])),
    }


class HeadView(APIView):
    """The chain's head (latest entry number and hash) and the recent daily snapshots."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.ChainHeadSerializer)
    def get(self, request):
        head = selectors.chain_head()
        snapshots = HeadSnapshot.objects.all()[:SNAPSHOTS_LISTED].values(
            "taken_at", "number", "entry_hash", "chain_verified"
        )
        return Response(
            {
                "number": head.number if head else None,
                "entry_hash": head.entry_hash if head else None,
                "recorded_at": head.recorded_at if head else None,
                "snapshots": list(snapshots),
            }
        )


class EntryView(APIView):
    """An entry's public fields and whether the chain verifies up to it."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.EntryDetailSerializer)
    def get(self, request, number: int):
        entry = selectors.entry_by_number(number)
        if entry is None:
            raise Http404(
                _("There is no entry No. %(number)s in the registry.") % {"number": number}
            )
        check = selectors.chain_check_through(number)
        return Response(
            {
                **entry_data(request, entry),
                "chain_holds": check.holds,
                "broken_at": check.broken.number if check.broken else None,
            }
        )


class CheckView(APIView):
    """Does a text or file match a registered revision? Names entries, never text."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "registry_check"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={
            "multipart/form-data": s.CheckInputSerializer,
            "application/json": s.CheckInputSerializer,
        },
        responses=s.CheckOutputSerializer,
    )
    def post(self, request):
        data = s.CheckInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data.get("file")
        if upload is not None:
            result = check_file(upload.name, upload.read())
        else:
            result = check_text(data.validated_data.get("text", ""))
        return Response(
            {
                "content_sha256": result.content_sha256,
                "source": result.source,
                "matches": [entry_data(request, entry) for entry in result.entries],
            }
        )


def _registrations_of(user: User):  # type: ignore[no-untyped-def]
    return (
        Registration.objects.filter(authors__user=user)
        .select_related("entry", "revision")
        .prefetch_related("authors")
        .order_by("-created_at", "-pk")
        .distinct()
    )


class RegistrationListView(GenericAPIView):
    """The registrations that name you (as the one asking or as a co-author)."""

    serializer_class = s.RegistrationSerializer
    filter_backends: list = []

    def get_queryset(self):
        return _registrations_of(self.request.user)

    @extend_schema(responses=s.RegistrationSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.RegistrationSerializer(page, many=True).data)


class SeriesRegistrationView(APIView):
    """Register a revision of a series you write; co-authors named must each consent."""

    @extend_schema(request=s.RegistrationInputSerializer, responses={201: s.RegistrationSerializer})
    def post(self, request, pk: int):
        series = get_series_for(request.user, pk, action="edit")
        data = s.RegistrationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # Only the series' writers may be named: look them up there, not among all users.
        people = {user.pk: user for user in series_writers(series)}
        missing = [a["user"] for a in values["authors"] if a["user"] not in people]
        if missing:
            raise ValidationError(
                {"authors": [_("Not a writer of this series: %(ids)s.") % {"ids": missing}]}
            )
        registration = registration_request(
            actor=request.user,
            series=series,
            revision=script_selectors.get_revision(series, values["revision"]),
            authors=[
                AuthorChoice(
                    user=people[a["user"]],
                    name_zh=a["name_zh"],
                    name_en=a["name_en"],
                    show_publicly=a["show_publicly"],
                )
                for a in values["authors"]
            ],
            rights_basis=values["rights_basis"],
            source_work=values["source_work"],
            licensor=values["licensor"],
        )
        registration = _registrations_of(request.user).get(pk=registration.pk)
        return Response(s.RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)


class RegistrationDetailView(APIView):
    @extend_schema(responses=s.RegistrationSerializer)
    def get(self, request, pk: int):
        registration = permissions.get_registration_for(request.user, pk)
        return Response(s.RegistrationSerializer(registration).data)


class RegistrationAnswerView(APIView):
    """Consent (with the name to record) or decline, as a co-author named."""

    @extend_schema(request=s.AnswerInputSerializer, responses=s.RegistrationSerializer)
    def post(self, request, pk: int):
        registration = permissions.get_registration_for(request.user, pk)
        data = s.AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = registration_answer(
            actor=request.user, registration=registration, **data.validated_data
        )
        return Response(s.RegistrationSerializer(registration).data)


class RegistrationWithdrawView(APIView):
    @extend_schema(request=None, responses=s.RegistrationSerializer)
    def post(self, request, pk: int):
        registration = permissions.get_registration_for(request.user, pk)
        registration = registration_withdraw(actor=request.user, registration=registration)
        return Response(s.RegistrationSerializer(registration).data)
