"""The filing tier, the filing record and the dossier downloads in the JSON API: the same
access helpers and services as the pages (`incubator/views/filing.py`)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.i18n import localized
from incubator.filing.dossier import BODY_NAMES
from incubator.filing.forms import MAX_FIGURE
from incubator.filing.permissions import get_application_for_filing
from incubator.filing.tiers import SPECIAL_SUBJECTS, TIER_NAMES, TIERS
from incubator.models import NumberKind, ReviewBody
from incubator.services import filing as services
from incubator.views.filing import dossier_response

# --- serializers --------------------------------------------------------------------------


class FundFilingRuleSetSerializer(serializers.Serializer):
    effective_from = serializers.DateField()
    key_min = serializers.DecimalField(max_digits=14, decimal_places=2)
    ordinary_min = serializers.DecimalField(max_digits=14, decimal_places=2)
    special_subjects = serializers.ListField(child=serializers.CharField())
    special_makes_key = serializers.BooleanField()
    placement_makes_key = serializers.BooleanField()
    secondary_source = serializers.BooleanField()
    source = serializers.CharField()


class FundFilingTierSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=TIERS)
    tier_zh = serializers.CharField()
    tier_en = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    on = serializers.DateField()
    reviewed_by = serializers.ChoiceField(choices=ReviewBody.choices)
    reviewed_by_zh = serializers.CharField()
    reviewed_by_en = serializers.CharField()
    prepare = serializers.CharField()
    rule_set = FundFilingRuleSetSerializer()


def tier_data(tier: services.Tier) -> dict[str, Any]:
    rule_set = tier.rule_set
    body = BODY_NAMES.get(tier.body, (tier.body, tier.body))
    return {
        "tier": tier.tier,
        "tier_zh": TIER_NAMES[tier.tier][0],
        "tier_en": TIER_NAMES[tier.tier][1],
        "reasons": list(tier.result.reasons),
        "budget": tier.budget,
        "on": tier.on,
        "reviewed_by": tier.body,
        "reviewed_by_zh": body[0],
        "reviewed_by_en": body[1],
        "prepare": tier.prepare,
        "rule_set": {
            "effective_from": rule_set.effective_from,
            "key_min": rule_set.key_min,
            "ordinary_min": rule_set.ordinary_min,
            "special_subjects": rule_set.special_subjects,
            "special_makes_key": rule_set.special_makes_key,
            "placement_makes_key": rule_set.placement_makes_key,
            "secondary_source": rule_set.secondary_source,
            "source": localized(rule_set.source_zh, rule_set.source_en),
        },
    }


class FundFilingFlagsInputSerializer(serializers.Serializer):
    special_subjects = serializers.ListField(
        child=serializers.ChoiceField(choices=list(SPECIAL_SUBJECTS)), required=False,
        max_length=len(SPECIAL_SUBJECTS), default=list,
    )  # fmt: skip
    placement = serializers.BooleanField(required=False, default=False)
    voluntary_key = serializers.BooleanField(required=False, default=False)


class FundFilingTierInputSerializer(FundFilingFlagsInputSerializer):
    budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, max_value=MAX_FIGURE
    )
    on = serializers.DateField(required=False, allow_null=True, default=None)


class FundFilingNumberInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40, allow_blank=True)
    obtained_on = serializers.DateField(required=False, allow_null=True, default=None)


class FundApplicationFilingSerializer(serializers.Serializer):
    tier = FundFilingTierSerializer(allow_null=True)
    special_subjects = serializers.ListField(child=serializers.CharField())
    placement = serializers.BooleanField()
    voluntary_key = serializers.BooleanField()
    number = serializers.CharField()
    number_kind = serializers.ChoiceField(choices=[("", ""), *NumberKind.choices])
    number_obtained_on = serializers.DateField(allow_null=True)
    number_recorded_at = serializers.DateTimeField(allow_null=True)
    dossier_docx = serializers.CharField()
    dossier_pdf = serializers.CharField()


def filing_data(application: Any) -> dict[str, Any]:
    filing = services.filing_of(application)
    try:
        tier: dict[str, Any] | None = tier_data(services.application_tier(application))
    except ValidationError:
        tier = None
    return {
        "tier": tier,
        "special_subjects": filing.special_subjects,
        "placement": filing.placement,
        "voluntary_key": filing.voluntary_key,
        "number": filing.number,
        "number_kind": filing.number_kind,
        "number_obtained_on": filing.number_obtained_on,
        "number_recorded_at": filing.number_recorded_at,
        "dossier_docx": reverse("api-fund-filing-dossier-docx", args=[application.pk]),
        "dossier_pdf": reverse("api-fund-filing-dossier-pdf", args=[application.pk]),
    }


# --- views --------------------------------------------------------------------------------


class FilingTierView(APIView):
    """The filing tier of given figures (budget in yuan, flags, a date; today in Beijing by
    default), under the rule set in force on that date. Signed-in people."""

    @extend_schema(request=FundFilingTierInputSerializer, responses=FundFilingTierSerializer)
    def post(self, request):
        data = FundFilingTierInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        tier = services.tier_for(**data.validated_data)
        return Response(FundFilingTierSerializer(tier_data(tier)).data)


class ApplicationFilingView(APIView):
    """An application's tier, flags and number (its applicants and its fund's managers);
    PATCH saves the flags (the applicants)."""

    @extend_schema(responses=FundApplicationFilingSerializer)
    def get(self, request, pk: int):
        application = get_application_for_filing(request.user, pk, action="view")
        return Response(FundApplicationFilingSerializer(filing_data(application)).data)

    @extend_schema(
        request=FundFilingFlagsInputSerializer, responses=FundApplicationFilingSerializer
    )
    def patch(self, request, pk: int):
        application = get_application_for_filing(request.user, pk, action="record")
        data = FundFilingFlagsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.filing_flags_save(
            actor=request.user, application=application, **data.validated_data
        )
        return Response(FundApplicationFilingSerializer(filing_data(application)).data)


class FilingNumberView(APIView):
    """Record (or clear, with an empty number) the filing or licence number (the applicants)."""

    @extend_schema(
        request=FundFilingNumberInputSerializer, responses=FundApplicationFilingSerializer
    )
    def put(self, request, pk: int):
        application = get_application_for_filing(request.user, pk, action="record")
        data = FundFilingNumberInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.filing_number_record(
            actor=request.user, application=application, **data.validated_data
        )
        return Response(FundApplicationFilingSerializer(filing_data(application)).data)


class FilingDossierDocxView(APIView):
    """The dossier as Word (generated now from the application)."""

    @extend_schema(
        operation_id="fund_filing_dossier_docx",
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml"
                         ".document"): OpenApiTypes.BINARY},
    )  # fmt: skip
    def get(self, request, pk: int):
        return dossier_response(get_application_for_filing(request.user, pk, action="view"), "docx")


class FilingDossierPdfView(APIView):
    """The dossier as PDF (the CJK font embedded)."""

    @extend_schema(
        operation_id="fund_filing_dossier_pdf",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        return dossier_response(get_application_for_filing(request.user, pk, action="view"), "pdf")


urlpatterns = [
    path("fund/filing/tier/", FilingTierView.as_view(), name="api-fund-filing-tier"),
    path(
        "fund/applications/<int:pk>/filing/",
        ApplicationFilingView.as_view(),
        name="api-fund-application-filing",
    ),
    path(
        "fund/applications/<int:pk>/filing/number/",
        FilingNumberView.as_view(),
        name="api-fund-filing-number",
    ),
    path(
        "fund/applications/<int:pk>/filing/dossier.docx",
        FilingDossierDocxView.as_view(),
        name="api-fund-filing-dossier-docx",
    ),
    path(
        "fund/applications/<int:pk>/filing/dossier.pdf",
        FilingDossierPdfView.as_view(),
        name="api-fund-filing-dossier-pdf",
    ),
]
