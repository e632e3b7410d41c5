"""The record export API: start an export, follow it, download it. Only its owner sees
or downloads an export; anyone else's id answers 404.

(Kept in modules of their own, beside the registry API's views, serializers and URLs.)
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.throttling import ScopedWriteRateThrottle
from core.files import serve_private_file
from registry import permissions, selectors
from registry.api.record_serializers import RecordExportSerializer
from registry.services.record import record_export_download_name, record_export_request


class RecordExportListView(GenericAPIView):
    serializer_class = RecordExportSerializer
    filter_backends: list = []
    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "script_export"

    @extend_schema(operation_id="record_exports_list", responses=RecordExportSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.record_exports_of(request.user.pk))
        return self.get_paginated_response(RecordExportSerializer(page, many=True).data)

    @extend_schema(
        operation_id="record_export_start",
        request=None,
        responses={202: RecordExportSerializer},
        description="Start an export of your whole record, or get the one already under way.",
    )
    def post(self, request):
        export = record_export_request(actor=request.user)
        export.refresh_from_db()
        return Response(RecordExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)


class RecordExportDetailView(APIView):
    @extend_schema(operation_id="record_export_status", responses=RecordExportSerializer)
    def get(self, request, pk: int):
        export = permissions.get_record_export_for(request.user, pk)
        return Response(RecordExportSerializer(export).data)


class RecordExportDownloadView(APIView):
    """The export's zip, to its owner only; 404 before it is done and once it expired."""

    @extend_schema(
        operation_id="record_export_download",
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        export = permissions.get_record_export_for(request.user, pk)
        if not export.is_downloadable:
            raise Http404
        return serve_private_file(
            export.file,
            filename=record_export_download_name(export),
            content_type="application/zip",
        )
