"""Files in and out: importing series and revisions, exports and their downloads."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.throttling import ScopedWriteRateThrottle
from core.exceptions import Conflict
from core.files import serve_private_file
from scripts_app import permissions
from scripts_app.api import serializers as s
from scripts_app.api.views.shared import revision_by_number
from scripts_app.models import ExportJob
from scripts_app.services.transfer import (
    export_content_type,
    export_download_name,
    export_request,
    revision_import,
    series_import,
)


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
            revision_by_number(series, data.validated_data.get("revision"), field="revision")
            or series.head
        )
        if revision is None:
            raise Conflict({"revision": [_("There is no text to export yet.")]})
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
