from rest_framework import serializers

from taxonomy.models import Term


class TermSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Term
        fields = [
            "id", "kind", "slug", "name", "name_zh", "name_en",
            "description_zh", "description_en", "is_encouraged",
        ]  # fmt: skip
        read_only_fields = fields
