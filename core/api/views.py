from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import serializers as s
from core.selectors import audit_entries, notifications_for, unread_notification_count
from core.services.notifications import notifications_mark_read


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The signed-in user's notifications, newest first, in their language."""

    serializer_class = s.NotificationSerializer
    filter_backends: list = []

    def get_queryset(self):
        return notifications_for(self.request.user)

    @extend_schema(request=s.NotificationReadInputSerializer, responses=s.CountSerializer)
    @action(detail=False, methods=["post"])
    def read(self, request):
        data = s.NotificationReadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        count = notifications_mark_read(recipient=request.user, ids=data.validated_data.get("ids"))
        return Response({"count": count})

    @extend_schema(responses=s.CountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"count": unread_notification_count(request.user)})


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Who did what to which object. Platform staff only."""

    serializer_class = s.AuditEntrySerializer
    permission_classes = [permissions.IsAdminUser]
    filterset_fields = ["action", "actor", "target_id"]

    def get_queryset(self):
        return audit_entries()
