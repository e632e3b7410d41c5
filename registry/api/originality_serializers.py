from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from registry.models import OriginalityReport


class PassageSideSerializer(serializers.Serializer):
    episode = serializers.IntegerField(allow_null=True)
    line_from = serializers.IntegerField(allow_null=True)
    line_to = serializers.IntegerField(allow_null=True)
    text = serializers.CharField(allow_null=True)


class PassageSerializer(serializers.Serializer):
    ours = PassageSideSerializer()
    theirs = PassageSideSerializer(
        help_text="The other work's side: all null unless the caller may read that work."
    )
    shingles = serializers.IntegerField()


class MatchSerializer(serializers.Serializer):
    readable = serializers.BooleanField(help_text="Whether the caller may read the other work.")
    title = serializers.CharField(allow_null=True)
    series_id = serializers.IntegerField(allow_null=True)
    revision_number = serializers.IntegerField(allow_null=True)
    entry_number = serializers.IntegerField(allow_null=True)
    registered_at = serializers.DateTimeField(allow_null=True)
    fingerprinted_at = serializers.DateTimeField(allow_null=True)
    estimated = serializers.FloatField()
    exact = serializers.FloatField()
    shared = serializers.FloatField()
    passages = PassageSerializer(many=True)


class OriginalityReportSerializer(serializers.ModelSerializer):
    series = serializers.IntegerField(source="series_id", read_only=True)
    revision = serializers.IntegerField(source="revision.number", read_only=True)
    matches = serializers.SerializerMethodField()

    class Meta:
        model = OriginalityReport
        fields = [
            "id",
            "series",
            "revision",
            "status",
            "progress",
            "index_size",
            "candidates",
            "error",
            "created_at",
            "finished_at",
            "matches",
        ]
        read_only_fields = fields

    @extend_schema_field(MatchSerializer(many=True))
    def get_matches(self, report: OriginalityReport) -> list:
        return MatchSerializer(self.context.get("matches", []), many=True).data
