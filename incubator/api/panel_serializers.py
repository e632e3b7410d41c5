"""The panel stage's API shapes. Reviewers' shapes name applicants only when the call is
not anonymous; applicants' shapes never name reviewers."""

from typing import Any

from rest_framework import serializers

from incubator.blind import applicant_label
from incubator.models import (
    ExpertiseArea,
    FactCheckVerdict,
    PanelRole,
    Recommendation,
)


class FundPanelMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    user_id = serializers.IntegerField()
    name = serializers.CharField(source="user.display_name")
    role = serializers.CharField()


class FundPanelMemberInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=PanelRole.choices)


class FundPanelAssignResultSerializer(serializers.Serializer):
    assigned = serializers.IntegerField()
    short = serializers.IntegerField()


class FundRankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    application_id = serializers.IntegerField(source="application.pk")
    series_title = serializers.CharField(source="application.series_title")
    status = serializers.CharField(source="application.status")
    medians = serializers.ListField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    )
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    bonus = serializers.DecimalField(max_digits=6, decimal_places=2)
    total = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    spread = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    divergent = serializers.BooleanField()
    recommendations = serializers.DictField(child=serializers.IntegerField())
    reviews_counted = serializers.IntegerField()
    reviews_excluded = serializers.IntegerField()
    eligible = serializers.BooleanField()
    fact_check = serializers.CharField()
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    running_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    over_budget = serializers.BooleanField()


class FundDeterminationInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["award", "decline", "waitlist", "request_more_info"])
    reason = serializers.CharField(max_length=5000)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=0,
        max_value=10**12,
    )  # fmt: skip


class FundBulkDeterminationInputSerializer(FundDeterminationInputSerializer):
    applications = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), max_length=500
    )


class FundBulkDeterminationResultSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField())
    refused = serializers.DictField(child=serializers.CharField())


class FundDeterminationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    determination_reason = serializers.CharField()
    award_amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    determined_at = serializers.DateTimeField(allow_null=True)


class FundPanelScoreSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.key")
    score = serializers.IntegerField(allow_null=True)
    comment = serializers.CharField()


class FundPanelReviewListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    application_id = serializers.IntegerField()
    call = serializers.CharField(source="application.call.slug")
    series_title = serializers.CharField(source="application.series_title")
    applicants = serializers.SerializerMethodField()
    status = serializers.CharField()

    def get_applicants(self, review: Any) -> str:
        return applicant_label(review.application)


class FundPanelOtherReviewSerializer(serializers.Serializer):
    recommendation = serializers.CharField()
    total = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    scores = FundPanelScoreSerializer(many=True, source="scores.all")


class FundPanelReviewSerializer(FundPanelReviewListSerializer):
    recommendation = serializers.CharField()
    comment = serializers.CharField()
    total = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    scores = FundPanelScoreSerializer(many=True, source="scores.all")
    others = serializers.SerializerMethodField()

    def get_others(self, review: Any) -> list[dict[str, Any]]:
        return FundPanelOtherReviewSerializer(self.context.get("others", []), many=True).data


class FundPanelScoreInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=100, allow_null=True, required=False)
    comment = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class FundPanelReviewInputSerializer(serializers.Serializer):
    scores = serializers.DictField(child=FundPanelScoreInputSerializer(), required=False)
    recommendation = serializers.ChoiceField(
        choices=[("", "-"), *Recommendation.choices], required=False
    )
    comment = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    submit = serializers.BooleanField(default=False)


class FundConflictInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class FundFactCheckAssignInputSerializer(serializers.Serializer):
    area = serializers.ChoiceField(choices=ExpertiseArea.choices)
    email = serializers.EmailField(help_text="The e-mail address of the verified expert.")


class FundFactCheckNoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    line = serializers.IntegerField()
    anchor_text = serializers.CharField()
    body = serializers.CharField()


class FundFactCheckSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    application_id = serializers.IntegerField()
    series_title = serializers.CharField(source="application.series_title")
    applicants = serializers.SerializerMethodField()
    area = serializers.CharField()
    verdict = serializers.CharField()
    summary = serializers.CharField()
    notes = FundFactCheckNoteSerializer(many=True, source="notes.all")

    def get_applicants(self, fact_check: Any) -> str:
        return applicant_label(fact_check.application)


class FundFactCheckVerdictInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=[c for c in FactCheckVerdict.choices if c[0]])
    summary = serializers.CharField(max_length=10_000, required=False, allow_blank=True)


class FundFactCheckNoteInputSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, max_value=1_000_000)
    body = serializers.CharField(max_length=4000)


class FundExpertiseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    area = serializers.CharField()
    note = serializers.CharField()
    verified = serializers.BooleanField(source="is_verified")


class FundExpertiseInputSerializer(serializers.Serializer):
    area = serializers.ChoiceField(choices=ExpertiseArea.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
