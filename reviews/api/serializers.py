"""Review API shapes. People are presented only through reviews.blindness."""

from decimal import Decimal

from rest_framework import serializers

from core.api.fields import BoundedIntegerField, SingleLineCharField
from core.limits import MAX_EPISODES
from core.markdown import render_markdown
from reviews.models import Blindness, Criterion, RequestKind, Rubric, RubricVersion


class CriterionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    anchor_low = serializers.CharField(read_only=True)
    anchor_mid = serializers.CharField(read_only=True)
    anchor_high = serializers.CharField(read_only=True)

    class Meta:
        model = Criterion
        fields = ["key", "name", "description", "weight", "anchor_low", "anchor_mid", "anchor_high",
                  "name_zh", "name_en"]  # fmt: skip
        read_only_fields = fields


class RubricVersionSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = RubricVersion
        fields = [
            "number",
            "scale_min",
            "scale_max",
            "divergence_threshold",
            "content_hash",
            "criteria",
        ]
        read_only_fields = fields


class RubricSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = Rubric
        fields = ["slug", "name", "description", "aggregate_method", "is_default", "current"]
        read_only_fields = fields

    def get_current(self, rubric: Rubric) -> RubricVersionSerializer:
        version = max(rubric.versions.all(), key=lambda v: v.number, default=None)
        return RubricVersionSerializer(version).data if version else None


class CriterionInputSerializer(serializers.Serializer):
    key = serializers.SlugField(max_length=40)
    weight = serializers.DecimalField(max_digits=4, decimal_places=2, min_value=Decimal("0.01"))
    name_zh = SingleLineCharField(max_length=60)
    name_en = SingleLineCharField(max_length=80, required=False, allow_blank=True)
    description_zh = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    anchor_low_zh = serializers.CharField(max_length=200, required=False, allow_blank=True)
    anchor_low_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    anchor_mid_zh = serializers.CharField(max_length=200, required=False, allow_blank=True)
    anchor_mid_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    anchor_high_zh = serializers.CharField(max_length=200, required=False, allow_blank=True)
    anchor_high_en = serializers.CharField(max_length=200, required=False, allow_blank=True)


class RubricCriteriaInputSerializer(serializers.Serializer):
    # A ListField (not many=True) so the schema states minItems/maxItems too.
    criteria = serializers.ListField(child=CriterionInputSerializer(), min_length=1, max_length=30)
    scale_min = serializers.IntegerField(min_value=0, max_value=99, default=1)
    scale_max = serializers.IntegerField(min_value=1, max_value=100, default=10)
    divergence_threshold = serializers.IntegerField(min_value=1, max_value=100, default=4)


class RequestInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    blindness = serializers.ChoiceField(choices=Blindness.choices, default=Blindness.SINGLE)
    reviews_needed = serializers.IntegerField(min_value=1, max_value=5, required=False)
    rubric = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rubric.objects.all(), required=False
    )
    revision = BoundedIntegerField(
        min_value=1, required=False, help_text="Defaults to the current revision."
    )
    mentor = BoundedIntegerField(
        min_value=1, required=False, help_text="A mentor's user id; matched when omitted."
    )
    episode_from = BoundedIntegerField(max_value=MAX_EPISODES, required=False)
    episode_to = BoundedIntegerField(max_value=MAX_EPISODES, required=False)
    due_at = serializers.DateTimeField(required=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class RequestSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    series = serializers.IntegerField(source="series_id")
    series_title = serializers.CharField(source="series.title")
    revision = serializers.IntegerField(source="revision.number")
    kind = serializers.CharField()
    blindness = serializers.CharField()
    status = serializers.CharField()
    fallback = serializers.CharField()
    reviews_needed = serializers.IntegerField()
    submitted = serializers.IntegerField(default=0)
    due_at = serializers.DateTimeField()
    divergent_criteria = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField()


class ScoreOutSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    score = serializers.IntegerField(allow_null=True)
    comment = serializers.CharField()


class ReplyOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(help_text="A name, or a blind label such as “Reviewer A”.")
    body_html = serializers.CharField()
    created_at = serializers.DateTimeField()


class NoteOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reviewer = serializers.CharField()
    line = serializers.IntegerField()
    current_line = serializers.IntegerField(allow_null=True)
    outdated = serializers.BooleanField()
    anchor_text = serializers.CharField()
    body_html = serializers.CharField()
    resolved = serializers.BooleanField()
    replies = ReplyOutSerializer(many=True)


class ReviewOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reviewer = serializers.CharField(help_text="A name, or a blind label such as “Reviewer A”.")
    role = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    overall_html = serializers.CharField()
    scores = ScoreOutSerializer(many=True)
    helpfulness = serializers.IntegerField(
        allow_null=True, help_text="Shown to the writer side only."
    )


class CriterionSummaryOutSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.FloatField()
    count = serializers.IntegerField()
    aggregate = serializers.FloatField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    spread = serializers.FloatField(allow_null=True)
    stdev = serializers.FloatField(allow_null=True)
    diverges = serializers.BooleanField()


class ReportSerializer(serializers.Serializer):
    request = RequestSummarySerializer()
    writer = serializers.CharField(help_text="“Anonymous writer” when the request is double-blind.")
    overall = serializers.FloatField(allow_null=True)
    aggregate_method = serializers.CharField()
    criteria = CriterionSummaryOutSerializer(many=True)
    reviews = ReviewOutSerializer(many=True)
    notes = NoteOutSerializer(many=True)
    staff_decision = serializers.CharField()


def report_data(report) -> dict:
    """Plain data from a selectors.Report: names, and what the viewer may see, are already
    decided by the selector."""
    request = report.request
    request.submitted = report.submitted
    return {
        "request": RequestSummarySerializer(request).data,
        "writer": report.writer_label,
        "overall": report.overall,
        "aggregate_method": request.rubric_version.rubric.aggregate_method,
        "criteria": [
            {
                "criterion": row.criterion.key,
                "name": row.criterion.name,
                "weight": float(row.criterion.weight),
                "count": row.summary.count,
                "aggregate": row.summary.aggregate,
                "mean": row.summary.mean,
                "median": row.summary.median,
                "spread": row.summary.spread,
                "stdev": row.summary.stdev,
                "diverges": row.summary.diverges,
            }  # fmt: skip
            for row in report.rows
        ],
        "reviews": [
            {
                "id": card.assignment.review.pk,
                "reviewer": card.label,
                "role": card.assignment.role,
                "submitted_at": card.assignment.review.submitted_at,
                "overall_html": str(render_markdown(card.assignment.review.overall_comment)),
                "scores": [
                    {"criterion": row.criterion.key, "score": s.score, "comment": s.comment}
                    for row in report.rows
                    if (s := card.scores.get(row.criterion.pk)) is not None
                ],
                "helpfulness": card.helpfulness,
            }
            for card in report.cards
        ],
        "notes": [
            {
                "id": placed.note.pk,
                "reviewer": placed.author_label,
                "line": placed.note.line,
                "current_line": placed.current_line,
                "outdated": placed.outdated,
                "anchor_text": placed.note.anchor_text,
                "body_html": str(render_markdown(placed.note.body)),
                "resolved": placed.note.resolved,
                "replies": [
                    {
                        "id": reply.pk,
                        "author": label,
                        "body_html": str(render_markdown(reply.body)),
                        "created_at": reply.created_at,
                    }
                    for label, reply in placed.replies
                ],
            }  # fmt: skip
            for placed in report.notes
        ],
        "staff_decision": request.staff_decision,
    }


class AssignmentOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    request = serializers.IntegerField(source="request_id")
    series_title = serializers.CharField(source="request.series.title")
    revision = serializers.IntegerField(source="request.revision.number")
    role = serializers.CharField()
    status = serializers.CharField()
    blindness = serializers.CharField(source="request.blindness")
    due_at = serializers.DateTimeField()


class ScoreInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=100, allow_null=True, required=False)
    comment = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class ReviewInputSerializer(serializers.Serializer):
    scores = serializers.DictField(child=ScoreInputSerializer(), required=False, default=dict)
    overall_comment = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    submit = serializers.BooleanField(default=False)


class ReviewStateSerializer(serializers.Serializer):
    status = serializers.CharField()
    scores = serializers.DictField(child=ScoreInputSerializer())
    overall_comment = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)


class LineNoteInputSerializer(serializers.Serializer):
    line = BoundedIntegerField()
    body = serializers.CharField(max_length=4000)


class LineNoteOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    line = serializers.IntegerField()
    anchor_text = serializers.CharField()
    body = serializers.CharField()


class ReplyInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=4000)


class ResolveInputSerializer(serializers.Serializer):
    resolved = serializers.BooleanField()


class RatingInputSerializer(serializers.Serializer):
    helpfulness = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True)


class DeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.CharField(max_length=2000)
    extra_review = serializers.BooleanField(default=False)


class ConflictInputSerializer(serializers.Serializer):
    writer_email = serializers.EmailField(max_length=254)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ConflictOutSerializer(serializers.Serializer):
    """The address as declared; never the name of an account that uses it."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    reason = serializers.CharField()


class CalibrationInputSerializer(serializers.Serializer):
    exemplar = serializers.SlugField()
    scores = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=100))


class CalibrationOutSerializer(serializers.Serializer):
    gap = serializers.FloatField()
    scores = serializers.DictField(child=serializers.IntegerField())
    reference_scores = serializers.DictField(child=serializers.IntegerField())


class LedgerSerializer(serializers.Serializer):
    balance = serializers.IntegerField()
    to_give = serializers.IntegerField()
    awaiting = serializers.IntegerField()
