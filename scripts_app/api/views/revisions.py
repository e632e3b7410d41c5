"""Revisions: save, read, name, restore, compare, and the overlaps of co-writers' saves."""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.limits import parse_bounded_int
from scripts_app import permissions, selectors
from scripts_app.api import serializers as s
from scripts_app.api.views.shared import JSON, REVISION_NUMBER, revision_by_number, save_answer
from scripts_app.merging import merge_texts
from scripts_app.services.revisions import (
    conflict_resolve,
    episode_replace_in_revision,
    revision_name,
    revision_restore,
    revision_save,
)


class RevisionListView(GenericAPIView):
    """Every save of the series, newest first (POST saves the writer's text)."""

    serializer_class = s.RevisionSerializer
    filter_backends: list = []

    @extend_schema(responses=s.RevisionSerializer(many=True))
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        page = self.paginate_queryset(selectors.revisions_of(series))
        return self.get_paginated_response(s.RevisionSerializer(page, many=True).data)

    @extend_schema(
        request=s.SaveInputSerializer,
        responses={200: s.SaveOutputSerializer, 201: s.SaveOutputSerializer},
        description=(
            "Save text. `base` is the revision the text was edited from; when someone else saved "
            "since, both edits are merged (status `merged`) or, if they overlap, kept side by side "
            "(status `conflict`, with `conflict_url`). With `episode`, `text` is that episode only."
        ),
    )
    def post(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="edit")
        data = s.SaveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        base = revision_by_number(series, data.validated_data.get("base"), field="base")
        episode = data.validated_data.get("episode")
        text = data.validated_data["text"]
        if episode is not None:
            source = base or series.head
            text = episode_replace_in_revision(source, episode, text) if source else text
        result = revision_save(
            actor=request.user,
            series=series,
            text=text,
            base=base,
            kind="autosave" if data.validated_data["autosave"] else "save",
            note=data.validated_data.get("note", ""),
        )
        code = (
            status.HTTP_201_CREATED if result.status in ("saved", "merged") else status.HTTP_200_OK
        )
        return Response(save_answer(series, result, episode, request.user), status=code)


class RevisionDetailView(APIView):
    @extend_schema(responses=s.RevisionDetailSerializer)
    def get(self, request, pk: int, number: int):
        series = permissions.get_series_for(request.user, pk)
        revision = selectors.get_revision(series, number)
        revision.text = selectors.revision_text(revision)
        return Response(s.RevisionDetailSerializer(revision).data)

    @extend_schema(request=s.MilestoneInputSerializer, responses=s.RevisionSerializer)
    def patch(self, request, pk: int, number: int):
        series = permissions.get_series_for(request.user, pk, action="edit")
        revision = selectors.get_revision(series, number)
        data = s.MilestoneInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        revision = revision_name(actor=request.user, revision=revision, **data.validated_data)
        return Response(s.RevisionSerializer(revision).data)


class RevisionRestoreView(APIView):
    @extend_schema(request=None, responses={201: s.SaveOutputSerializer})
    def post(self, request, pk: int, number: int):
        series = permissions.get_series_for(request.user, pk, action="edit")
        result = revision_restore(
            actor=request.user, revision=selectors.get_revision(series, number)
        )
        return Response(
            save_answer(series, result, None, request.user), status=status.HTTP_201_CREATED
        )


class DiffView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("a", REVISION_NUMBER, required=True),
            OpenApiParameter("b", REVISION_NUMBER, required=True),
        ],
        responses=JSON,
    )
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        numbers = {}
        for key in ("a", "b"):
            number = parse_bounded_int(request.query_params.get(key, ""))
            if number is None:
                raise ValidationError({key: [_("Give a revision number.")]})
            numbers[key] = revision_by_number(series, number, field=key)
        diff = selectors.revisions_diff(numbers["a"], numbers["b"], series.format)
        return Response(
            {
                "a": numbers["a"].number,
                "b": numbers["b"].number,
                "summary": diff.summary,
                "episodes": [asdict(episode) for episode in diff.episodes],
            }  # fmt: skip
        )


class ConflictView(APIView):
    @extend_schema(responses=JSON)
    def get(self, request, pk: int, conflict_pk: int):
        conflict = permissions.get_conflict_for(request.user, pk, conflict_pk)
        texts = selectors.revision_texts([conflict.base, conflict.ours, conflict.theirs])
        merge = merge_texts(
            texts[conflict.base_id], texts[conflict.ours_id], texts[conflict.theirs_id]
        )
        return Response(
            {
                "id": conflict.pk,
                "status": conflict.status,
                "base": conflict.base.number,
                "ours": conflict.ours.number,
                "theirs": conflict.theirs.number,
                "hunks": [asdict(hunk) for hunk in merge.hunks],
            }  # fmt: skip
        )

    @extend_schema(
        request=s.ConflictResolveInputSerializer,
        responses={200: s.SaveOutputSerializer, 201: s.SaveOutputSerializer},
        description=(
            "Resolve with one choice per overlapping change. 201: the resolution is the head. "
            "200 with status `conflict`: a co-writer saved an overlapping change meanwhile; "
            "the same conflict stays open with the resolution as your side."
        ),
    )
    def post(self, request, pk: int, conflict_pk: int):
        conflict = permissions.get_conflict_for(request.user, pk, conflict_pk)
        data = s.ConflictResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        seen = None
        if "ours" in data.validated_data and "theirs" in data.validated_data:
            seen = (data.validated_data["ours"], data.validated_data["theirs"])
        result = conflict_resolve(
            actor=request.user,
            conflict=conflict,
            choices=data.validated_data["choices"],
            seen=seen,
        )
        code = status.HTTP_200_OK if result.status == "conflict" else status.HTTP_201_CREATED
        return Response(save_answer(conflict.series, result, None, request.user), status=code)


class ConflictListView(GenericAPIView):
    """The series' unresolved overlaps, for the editor's banner (editors only)."""

    serializer_class = s.OpenConflictSerializer
    filter_backends: list = []

    @extend_schema(responses=s.OpenConflictSerializer(many=True))
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="edit")
        page = self.paginate_queryset(selectors.open_conflicts_summary(series, request.user))
        return self.get_paginated_response(page)
