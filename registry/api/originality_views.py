from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.throttling import ScopedWriteRateThrottle
from registry import permissions, selectors
from registry.api.originality_serializers import OriginalityReportSerializer
from registry.services.originality import originality_report_request
from scripts_app.api.views.shared import revision_by_number
from scripts_app.permissions import get_series_for


def _output(report, viewer) -> dict:
    matches = selectors.originality_report_view(report, viewer) if report.is_finished else []
    return OriginalityReportSerializer(report, context={"matches": matches}).data


class OriginalityReportCreateView(APIView):
    throttle_classes = [ScopedWriteRateThrottle]
    throttle_scope = "originality_report"

    @extend_schema(
        operation_id="originality_report_create",
        request=None,
        responses={202: OriginalityReportSerializer},
    )
    def post(self, request, pk: int, number: int):
        """Queue an originality report on a revision; poll the report for its progress."""
        series = get_series_for(request.user, pk)
        revision = revision_by_number(series, number, field="revision")
        report = originality_report_request(actor=request.user, revision=revision)
        report.refresh_from_db()
        return Response(_output(report, request.user), status=status.HTTP_202_ACCEPTED)


class OriginalityReportDetailView(APIView):
    @extend_schema(operation_id="originality_report_detail", responses=OriginalityReportSerializer)
    def get(self, request, pk: int):
        """A report, with the other works' text only where the caller may read them."""
        report = permissions.get_originality_report_for(request.user, pk)
        return Response(_output(report, request.user))
