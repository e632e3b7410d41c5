"""The register of commission terms in the API: public figures, and a studio's own
record for its members (scouting.terms_register)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from scouting import permissions
from scouting.terms_register import studio_record, terms_register


class RegisterFigureSerializer(serializers.Serializer):
    median = serializers.DecimalField(max_digits=14, decimal_places=2)
    low = serializers.DecimalField(max_digits=14, decimal_places=2)
    high = serializers.DecimalField(max_digits=14, decimal_places=2)


class RegisterRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    # null: too few deals, or deals from too few studios, to show the figure.
    guarantee = RegisterFigureSerializer(allow_null=True)
    share_percent = RegisterFigureSerializer(source="share", allow_null=True)
    promised_feedback_days = RegisterFigureSerializer(source="promised_days", allow_null=True)
    kept_feedback_days = RegisterFigureSerializer(source="kept_days", allow_null=True)


class RegisterSectionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    # null until there are at least `min_deals` deals of this kind.
    deals = serializers.IntegerField(allow_null=True)
    rows = RegisterRowSerializer(many=True)


class StudioTurnaroundSerializer(serializers.Serializer):
    studio = serializers.CharField(source="studio_name")
    promised_feedback_days = serializers.DecimalField(
        source="promised_days", max_digits=6, decimal_places=1
    )
    kept_feedback_days = serializers.DecimalField(
        source="kept_days", max_digits=6, decimal_places=1
    )


class TermsRegisterSerializer(serializers.Serializer):
    min_deals = serializers.IntegerField()
    min_studios = serializers.IntegerField()
    sections = RegisterSectionSerializer(many=True)
    studios = StudioTurnaroundSerializer(many=True)


class StudioDealLineSerializer(serializers.Serializer):
    deal = serializers.IntegerField(source="deal.pk")
    kind = serializers.CharField(source="deal.kind")
    series_title = serializers.CharField(source="deal.series.title", default=None)
    agreed_at = serializers.DateTimeField(source="deal.created_at")
    promised_feedback_days = serializers.IntegerField(source="deal.terms.feedback_days")
    kept_feedback_days = serializers.DecimalField(
        source="kept_days", max_digits=6, decimal_places=1, allow_null=True
    )
    deliveries = serializers.IntegerField()
    answered = serializers.IntegerField()
    answered_in_time = serializers.IntegerField()


class StudioRecordSerializer(serializers.Serializer):
    studio = serializers.CharField(source="studio.name")
    deliveries = serializers.IntegerField()
    answered = serializers.IntegerField()
    answered_in_time = serializers.IntegerField()
    deals = StudioDealLineSerializer(many=True, source="lines")


class TermsRegisterView(GenericAPIView):
    """The public register of commission terms: for each kind of deal, overall and by
    genre, theme and episode count, the median and range of the minimum guarantee, the
    revenue share and the feedback turnaround promised and kept. A figure is null unless
    it aggregates at least `min_deals` deals from at least `min_studios` studios."""

    serializer_class = TermsRegisterSerializer
    filter_backends: list = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="scouting_terms_register")
    def get(self, request):
        return Response(TermsRegisterSerializer(terms_register()).data)


class StudioRecordView(GenericAPIView):
    """A studio's own record, deal by deal (its members only; 404 for anyone else)."""

    serializer_class = StudioRecordSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_studio_record")
    def get(self, request, slug: str):
        studio = permissions.get_studio_record_for(request.user, slug)
        return Response(StudioRecordSerializer(studio_record(studio)).data)
