"""The workspace API: the same access helpers and services as the pages."""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import LongListPagination
from core.api.throttling import ScopedWriteRateThrottle
from core.exceptions import Conflict
from core.files import serve_private_file
from core.limits import DB_INT_MAX, parse_bounded_int
from scripts_app import permissions, selectors
from scripts_app.api import serializers as s
from scripts_app.comments import comments_for_display
from scripts_app.diffing import diff_texts
from scripts_app.document import analyse, parse, to_json
from scripts_app.merging import merge_texts
from scripts_app.models import ExportJob, Revision
from scripts_app.reports import analysis_report
from scripts_app.services import series as series_services
from scripts_app.services.comments import comment_create, comment_set_resolved
from scripts_app.services.revisions import (
    SaveResult,
    conflict_resolve,
    episode_replace_in_revision,
    episode_text,
    revision_name,
    revision_restore,
    revision_save,
)
from scripts_app.services.transfer import (
    export_content_type,
    export_download_name,
    export_request,
    revision_import,
    series_import,
)

# Responses whose shape is the parser's and documented in docs/parsed-document-schema.md.
JSON = OpenApiTypes.OBJECT
# ?revision=, ?a=, ?b=: what parse_bounded_int accepts.
REVISION_NUMBER = {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}


def _revision(series, number: int | None, *, field: str) -> Revision | None:
    if number is None:
        return None
    revision = series.revisions.filter(number=number).first()
    if revision is None:
        raise ValidationError({field: ["No revision with this number in this series."]})
    return revision


class SeriesListView(GenericAPIView):
    """Series you own or work on (?scope=all adds those opened to the platform)."""

    serializer_class = s.SeriesSerializer
    filter_backends: list = []

    def get_queryset(self):
        scope = "all" if self.request.query_params.get("scope") == "all" else "mine"
        return selectors.series_list_for(self.request.user, scope=scope)

    @extend_schema(
        operation_id="series_list",
        parameters=[OpenApiParameter("scope", str, enum=["mine", "all"])],
        responses=s.SeriesSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.SeriesSerializer(page, many=True).data)

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


def _save_output(series, result: SaveResult, episode: int | None, viewer) -> dict:
    text = result.text
    if text is not None and episode is not None:
        text = episode_text(text, series.format, episode)
    conflict = result.conflict if result.status == "conflict" else None
    return {
        "status": result.status,
        "head": {"number": result.head.number, "sha256": result.head.sha256},
        "own": {"number": result.own.number, "sha256": result.own.sha256} if result.own else None,
        "text": text,
        "conflict_url": reverse("scripts:conflict_detail", args=[series.pk, conflict.pk])
        if conflict
        else None,
        "open_conflicts": selectors.open_conflicts_summary(series, viewer),
    }


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
        base = _revision(series, data.validated_data.get("base"), field="base")
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
        return Response(_save_output(series, result, episode, request.user), status=code)


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
            _save_output(series, result, None, request.user), status=status.HTTP_201_CREATED
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
                raise ValidationError({key: ["Give a revision number."]})
            numbers[key] = _revision(series, number, field=key)
        texts = selectors.revision_texts(numbers.values())
        diff = diff_texts(texts[numbers["a"].pk], texts[numbers["b"].pk], series.format)
        return Response(
            {
                "a": numbers["a"].number,
                "b": numbers["b"].number,
                "summary": diff.summary,
                "episodes": [asdict(episode) for episode in diff.episodes],
            }  # fmt: skip
        )


class AnalysisView(APIView):
    @extend_schema(parameters=[OpenApiParameter("revision", REVISION_NUMBER)], responses=JSON)
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        number = parse_bounded_int(request.query_params.get("revision", ""))
        revision = _revision(series, number, field="revision") if number else series.head
        if revision is None:
            raise Http404
        return Response(analysis_report(series, revision, selectors.revision_text(revision)))


class PreviewView(APIView):
    """The editor's live preview: screenplay HTML, the outline and the characters."""

    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "script_preview"

    @extend_schema(request=s.PreviewInputSerializer, responses=s.PreviewOutputSerializer)
    def post(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        data = s.PreviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        doc = parse(data.validated_data["text"], series.format)
        html = render_to_string(
            "scripts_app/partials/screenplay.html", {"doc": doc, "format": series.format}
        )
        outline = [
            {
                "number": episode.number,
                "title": episode.title or "",
                "line": episode.line,
                "scenes": [
                    {"number": sc.number or "", "heading": sc.heading, "line": sc.line}
                    for sc in episode.scenes
                ],
            }
            for episode in doc.episodes
        ]
        characters = [
            {"name": c.name, "lines": c.speeches, "first_line": c.first_line}
            for c in analyse(doc).characters
        ]
        warnings = [
            {"line": w.line, "code": str(w.code), "message": w.message} for w in doc.warnings
        ]
        return Response(
            {"html": html, "outline": outline, "characters": characters, "warnings": warnings}
        )


class ParseView(APIView):
    """Parse posted text into the document model (docs/parsed-document-schema.md)."""

    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "script_parse"

    @extend_schema(request=s.ParseInputSerializer, responses=JSON)
    def post(self, request):
        data = s.ParseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(to_json(parse(data.validated_data["text"], data.validated_data["format"])))


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
        revision = _revision(series, number, field="revision") if number else series.head
        placed = (
            comments_for_display(series, revision, selectors.revision_text(revision))
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
            _revision(series, data.validated_data.get("revision"), field="revision") or series.head
        )
        if revision is None:
            raise Conflict({"revision": ["There is no text to comment on yet."]})
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
        return Response(_save_output(conflict.series, result, None, request.user), status=code)


class ConflictListView(GenericAPIView):
    """The series' unresolved overlaps, for the editor's banner (editors only)."""

    serializer_class = s.OpenConflictSerializer
    filter_backends: list = []

    @extend_schema(responses=s.OpenConflictSerializer(many=True))
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="edit")
        page = self.paginate_queryset(selectors.open_conflicts_summary(series, request.user))
        return self.get_paginated_response(page)


class ImportSeriesView(APIView):
    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "script_import"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="series_import",
        request={"multipart/form-data": s.UploadInputSerializer},
        responses={201: s.ImportOutputSerializer},
    )
    def post(self, request):
        data = s.UploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        outcome = series_import(actor=request.user, filename=upload.name, data=upload.read())
        return Response(_import_output(outcome), status=status.HTTP_201_CREATED)


class ImportRevisionView(APIView):
    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "script_import"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="series_import_revision",
        request={"multipart/form-data": s.UploadInputSerializer},
        responses={201: s.ImportOutputSerializer},
    )
    def post(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk, action="edit")
        data = s.UploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        outcome = revision_import(
            actor=request.user, series=series, filename=upload.name, data=upload.read()
        )
        return Response(_import_output(outcome), status=status.HTTP_201_CREATED)


def _import_output(outcome) -> dict:
    outcome.series.refresh_from_db()
    return {
        "series": s.SeriesSerializer(outcome.series).data,
        "status": outcome.save.status if outcome.save else None,
        "detected_format": outcome.detected_format,
        "warnings": outcome.warnings,
    }


class ExportListView(GenericAPIView):
    serializer_class = s.ExportJobSerializer
    filter_backends: list = []
    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "script_export"

    @extend_schema(responses=s.ExportJobSerializer(many=True))
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        jobs = ExportJob.objects.filter(series=series, requested_by=request.user).select_related(
            "revision"
        )
        page = self.paginate_queryset(jobs)
        return self.get_paginated_response(s.ExportJobSerializer(page, many=True).data)

    @extend_schema(request=s.ExportInputSerializer, responses={202: s.ExportJobSerializer})
    def post(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        data = s.ExportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        revision = (
            _revision(series, data.validated_data.get("revision"), field="revision") or series.head
        )
        if revision is None:
            raise Conflict({"revision": ["There is no text to export yet."]})
        job = export_request(
            actor=request.user, series=series, revision=revision,
            format=data.validated_data["format"], watermark=data.validated_data.get("watermark", ""),
        )  # fmt: skip
        job.refresh_from_db()
        return Response(s.ExportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ExportDetailView(APIView):
    @extend_schema(responses=s.ExportJobSerializer)
    def get(self, request, pk: int, job_pk: int):
        return Response(
            s.ExportJobSerializer(permissions.get_export_for(request.user, pk, job_pk)).data
        )


class ExportDownloadView(APIView):
    """The export's file, after a permission check; 404 once it has expired."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int, job_pk: int):
        job = permissions.get_export_for(request.user, pk, job_pk)
        if not job.is_downloadable:
            raise Http404
        return serve_private_file(
            job.file, filename=export_download_name(job),
            content_type=export_content_type(job.format),
        )  # fmt: skip
