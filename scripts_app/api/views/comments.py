"""Line comments on a series."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import LongListPagination
from core.exceptions import Conflict
from core.limits import parse_bounded_int
from scripts_app import permissions, selectors
from scripts_app.api import serializers as s
from scripts_app.api.views.shared import REVISION_NUMBER, revision_by_number
from scripts_app.comments import comments_for_display
from scripts_app.services.comments import comment_create, comment_set_resolved


class CommentListView(GenericAPIView):
    serializer_class = s.CommentSerializer
    pagination_class = LongListPagination
    filter_backends: list = []

    @extend_schema(
        parameters=[OpenApiParameter("revision", REVISION_NUMBER)],
        responses=s.CommentSerializer(many=True),
    )
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        number = parse_bounded_int(request.query_params.get("revision", ""))
        revision = revision_by_number(series, number, field="revision") if number else series.head
        placed = (
            # The text is read only if a comment made earlier must find its line in it.
            comments_for_display(series, revision, lambda: selectors.revision_text(revision))
            if revision is not None
            else []
        )
        for item in placed:
            item.comment.current_line, item.comment.outdated = item.current_line, item.outdated
        page = self.paginate_queryset([item.comment for item in placed])
        return self.get_paginated_response(s.CommentSerializer(page, many=True).data)

    @extend_schema(request=s.CommentInputSerializer, responses={201: s.CommentSerializer})
    def post(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="comment")
        data = s.CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        revision = (
            revision_by_number(series, data.validated_data.get("revision"), field="revision")
            or series.head
        )
        if revision is None:
            raise Conflict({"revision": [_("There is no text to comment on yet.")]})
        comment = comment_create(
            actor=request.user,
            revision=revision,
            line=data.validated_data["line"],
            body=data.validated_data["body"],
        )
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentDetailView(APIView):
    @extend_schema(request=s.CommentUpdateInputSerializer, responses=s.CommentSerializer)
    def patch(self, request, pk: int, comment_pk: int):
        series = permissions.get_series_for(request.user, pk, action="comment")
        comment = get_object_or_404(
            series.line_comments.select_related("author", "revision"), pk=comment_pk
        )
        data = s.CommentUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = comment_set_resolved(
            actor=request.user, comment=comment, resolved=data.validated_data["resolved"]
        )
        return Response(s.CommentSerializer(comment).data)
