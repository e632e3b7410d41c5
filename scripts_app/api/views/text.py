"""The text as the parser sees it: analysis, the editor's live preview, parsing."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.throttling import ScopedWriteRateThrottle
from core.limits import parse_bounded_int
from scripts_app import permissions, selectors
from scripts_app.api import serializers as s
from scripts_app.api.views.shared import JSON, REVISION_NUMBER, revision_by_number
from scripts_app.document import analyse, parse, to_json
from scripts_app.format_messages import parse_warning_message
from scripts_app.reports import analysis_report
from scripts_app.screenplay import screenplay_html


class AnalysisView(APIView):
    @extend_schema(parameters=[OpenApiParameter("revision", REVISION_NUMBER)], responses=JSON)
    def get(self, request, pk: int):
        series = permissions.get_series_for(request.user, pk)
        number = parse_bounded_int(request.query_params.get("revision", ""))
        revision = revision_by_number(series, number, field="revision") if number else series.head
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
        html = screenplay_html(doc, series.format)
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
            {
                "line": w.line,
                "code": str(w.code),
                "params": w.params,
                "message": parse_warning_message(w.code, w.params, w.message),
            }
            for w in doc.warnings
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
