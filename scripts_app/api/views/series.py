"""Series and their people: list, create, read, change, delete; co-writers and readers."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import NarrowFirst
from scripts_app import permissions, selectors
from scripts_app.api import serializers as s
from scripts_app.services import series as series_services


class SeriesListView(GenericAPIView):
    """Series you own or work on (?scope=all adds those opened to the platform)."""

    serializer_class = s.SeriesSerializer
    filter_backends: list = []

    def _scope(self) -> str:
        return "all" if self.request.query_params.get("scope") == "all" else "mine"

    def get_queryset(self):
        return selectors.series_list_for(self.request.user, scope=self._scope())

    def get_list(self) -> NarrowFirst:
        # Pages are cut on narrow rows first (core.pagination.NarrowFirst).
        return NarrowFirst(
            self.get_queryset(),
            ids=selectors.series_ids_recent_first(self.request.user, scope=self._scope()),
            # The answer lists no collaborators.
            rows=selectors.series_rows_for(
                self.request.user, scope=self._scope(), collaborators=False
            ),
        )

    def list_count(self) -> int:
        return selectors.series_count_for(self.request.user, scope=self._scope())

    @extend_schema(
        operation_id="series_list",
        parameters=[OpenApiParameter("scope", str, enum=["mine", "all"])],
        responses=s.SeriesSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_list())
        return self.get_paginated_response(s.series_list_data(page))

    @extend_schema(request=s.SeriesInputSerializer, responses={201: s.SeriesSerializer})
    def post(self, request):
        data = s.SeriesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        series = series_services.series_create(actor=request.user, **data.validated_data)
        return Response(s.SeriesSerializer(series).data, status=status.HTTP_201_CREATED)


class SeriesDetailView(APIView):
    @extend_schema(operation_id="series_retrieve", responses=s.SeriesSerializer)
    def get(self, request, pk: int):
        return Response(s.SeriesSerializer(permissions.get_series_for(request.user, pk)).data)

    @extend_schema(request=s.SeriesUpdateInputSerializer, responses=s.SeriesSerializer)
    def patch(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="edit")
        data = s.SeriesUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        series = series_services.series_update(
            actor=request.user, series=series, **data.validated_data
        )
        return Response(s.SeriesSerializer(series).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="manage")
        series_services.series_delete(actor=request.user, series=series)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CollaboratorListView(GenericAPIView):
    serializer_class = s.CollaboratorSerializer
    filter_backends: list = []

    @extend_schema(responses=s.CollaboratorSerializer(many=True))
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        people = selectors.series_collaborators(series).order_by("pk")
        page = self.paginate_queryset(people)
        return self.get_paginated_response(s.CollaboratorSerializer(page, many=True).data)

    @extend_schema(request=s.CollaboratorInputSerializer, responses={201: s.CollaboratorSerializer})
    def post(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="manage")
        data = s.CollaboratorInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        collaborator = series_services.collaborator_add(
            actor=request.user, series=series, **data.validated_data
        )
        return Response(s.CollaboratorSerializer(collaborator).data, status=status.HTTP_201_CREATED)


class CollaboratorDetailView(APIView):
    @extend_schema(request=s.CollaboratorRoleInputSerializer, responses=s.CollaboratorSerializer)
    def patch(self, request, pk: int, collaborator_pk: int):
        collaborator = permissions.get_collaborator_for(request.user, pk, collaborator_pk)
        data = s.CollaboratorRoleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        collaborator = series_services.collaborator_change_role(
            actor=request.user, collaborator=collaborator, role=data.validated_data["role"]
        )
        return Response(s.CollaboratorSerializer(collaborator).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int, collaborator_pk: int):
        series_services.collaborator_remove(
            actor=request.user,
            collaborator=permissions.get_collaborator_for(request.user, pk, collaborator_pk),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
