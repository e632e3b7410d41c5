"""Funded projects in the API. Money is a decimal string in yuan."""

from decimal import Decimal

from rest_framework import serializers

from core.api.fields import BoundedIntegerField, SingleLineCharField
from incubator.models import (
    Disbursement,
    Milestone,
    MilestoneKind,
    ProgressReport,
    Project,
)

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.01"),
         "max_value": Decimal("9999999999.99")}  # fmt: skip


class FundMilestoneSerializer(serializers.ModelSerializer):
    entry_number = serializers.IntegerField(source="entry.number", allow_null=True, default=None)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id", "title", "kind", "due_on", "status", "entry_number", "has_file", "report",
            "filing_number", "submitted_at", "decided_at", "return_reason",
        ]  # fmt: skip

    def get_has_file(self, milestone: Milestone) -> bool:
        return bool(milestone.file)


class FundTrancheSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disbursement
        fields = [
            "id", "amount", "status", "scheduled_on", "milestone", "note", "payment_reference",
            "approved_at", "paid_at",
        ]  # fmt: skip


class FundReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressReport
        fields = ["id", "due_on", "body", "submitted_at"]


class FundProjectSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="application_id")
    series_title = serializers.CharField(source="application.series_title")
    status = serializers.CharField(source="application.status")
    milestones = FundMilestoneSerializer(many=True)

    class Meta:
        model = Project
        fields = [
            "id", "application", "series_title", "status", "amount", "conditions",
            "agreement_text", "agreement_hash", "grantee_accepted_at", "fund_accepted_at",
            "is_public", "end_reason", "milestones", "created_at",
        ]  # fmt: skip


class FundPublicProjectSerializer(serializers.ModelSerializer):
    series_title = serializers.CharField(source="application.series_title")
    status = serializers.CharField(source="application.status")
    fund = serializers.CharField(source="application.call.fund.name")
    call = serializers.CharField(source="application.call.title")
    lead = serializers.CharField(source="application.lead.__str__")

    class Meta:
        model = Project
        fields = ["id", "series_title", "status", "fund", "call", "lead", "amount", "created_at"]


class FundProjectCreateSerializer(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY)
    conditions = serializers.CharField(max_length=10_000, required=False, allow_blank=True,
                                       default="")  # fmt: skip


class FundMilestoneInputSerializer(serializers.Serializer):
    title = SingleLineCharField(max_length=200)
    kind = serializers.ChoiceField(choices=MilestoneKind.choices)
    due_on = serializers.DateField()


class FundDeliverSerializer(serializers.Serializer):
    entry = BoundedIntegerField(required=False)
    file = serializers.FileField(required=False)
    report = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    filing_number = SingleLineCharField(max_length=80, required=False, allow_blank=True,
                                        default="")  # fmt: skip


class FundReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class FundTrancheInputSerializer(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY)
    scheduled_on = serializers.DateField()
    milestone = BoundedIntegerField(required=False, allow_null=True)
    note = SingleLineCharField(max_length=500, required=False, allow_blank=True, default="")


class FundTrancheMoveSerializer(serializers.Serializer):
    move = serializers.ChoiceField(choices=["approve", "pay", "cancel"])
    reference = SingleLineCharField(max_length=120, required=False, allow_blank=True, default="")


class FundAgreementAcceptSerializer(serializers.Serializer):
    agreement_hash = serializers.RegexField(r"^[0-9a-f]{64}$")


class FundReportInputSerializer(serializers.Serializer):
    due_on = serializers.DateField()


class FundReportSubmitSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000)


class FundProjectMoveSerializer(serializers.Serializer):
    move = serializers.ChoiceField(choices=["issue_agreement", "complete", "terminate",
                                            "public", "private"])  # fmt: skip
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
