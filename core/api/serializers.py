from rest_framework import serializers

from core.api.fields import BoundedIntegerField
from core.models import AuditEntry, Notification


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.CharField(read_only=True)
    is_unread = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "url", "created_at", "read_at", "is_unread"]
        read_only_fields = fields


class NotificationReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=BoundedIntegerField(),
        required=False,
        max_length=500,
        help_text="Omit to mark all read.",
    )


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField(read_only=True)


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    target_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "actor",
            "action",
            "target_type",
            "target_id",
            "target_repr",
            "data",
            "created_at",
        ]
        read_only_fields = fields

    def get_actor(self, entry: AuditEntry) -> int | None:
        return entry.actor_id

    def get_target_type(self, entry: AuditEntry) -> str | None:
        return entry.target_type.model if entry.target_type else None
