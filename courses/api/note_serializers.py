from rest_framework import serializers

from courses.models import GraderNote


class GraderNoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.__str__", read_only=True)

    class Meta:
        model = GraderNote
        fields = ["id", "line", "anchor_text", "body", "author", "created_at"]


class GraderNoteInputSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, max_value=1_000_000)
    body = serializers.CharField(max_length=4000)
