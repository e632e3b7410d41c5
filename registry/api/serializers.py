from rest_framework import serializers

from registry.models import Registration, RegistrationAuthor, RightsBasis


class PublicAuthorSerializer(serializers.Serializer):
    shown = serializers.BooleanField(help_text="False where the author keeps their name private.")
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class EntrySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    episode_count = serializers.IntegerField()
    content_sha256 = serializers.CharField()
    rights_basis = serializers.CharField()
    source_work = serializers.CharField()
    licensor = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    previous_hash = serializers.CharField()
    entry_hash = serializers.CharField()
    authors = PublicAuthorSerializer(many=True)
    url = serializers.CharField()


class EntryDetailSerializer(EntrySerializer):
    chain_holds = serializers.BooleanField(help_text="The chain verifies from entry 1 to this one.")
    broken_at = serializers.IntegerField(allow_null=True)


class ChainHeadSerializer(serializers.Serializer):
    number = serializers.IntegerField(allow_null=True)
    entry_hash = serializers.CharField(allow_null=True)
    recorded_at = serializers.DateTimeField(allow_null=True)
    snapshots = serializers.ListField(child=serializers.DictField())


class CheckInputSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False)


class CheckOutputSerializer(serializers.Serializer):
    content_sha256 = serializers.CharField()
    source = serializers.CharField()
    matches = EntrySerializer(many=True)


class RegistrationAuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegistrationAuthor
        fields = ["user", "name_zh", "name_en", "show_publicly", "consent", "answered_at"]


class RegistrationSerializer(serializers.ModelSerializer):
    revision = serializers.IntegerField(source="revision.number")
    entry = serializers.SerializerMethodField()
    authors = RegistrationAuthorSerializer(many=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "series",
            "revision",
            "status",
            "rights_basis",
            "source_work",
            "licensor",
            "requested_by",
            "created_at",
            "decided_at",
            "entry",
            "authors",
        ]

    def get_entry(self, registration: Registration) -> int | None:
        entry = getattr(registration, "entry", None)
        return entry.number if entry else None


class AuthorInputSerializer(serializers.Serializer):
    user = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    name_zh = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    name_en = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    show_publicly = serializers.BooleanField(required=False, default=False)


class RegistrationInputSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=1, max_value=2_147_483_647, help_text="The revision's number within the series."
    )
    authors = AuthorInputSerializer(many=True, required=False, default=list)
    rights_basis = serializers.ChoiceField(
        choices=RightsBasis.choices, default=RightsBasis.ORIGINAL
    )
    source_work = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    licensor = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AnswerInputSerializer(serializers.Serializer):
    consent = serializers.BooleanField()
    name_zh = serializers.CharField(max_length=100, required=False)
    name_en = serializers.CharField(max_length=100, required=False)
    show_publicly = serializers.BooleanField(required=False)
