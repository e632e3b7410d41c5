from django.contrib import admin

from core.models import AuditEntry, Notification, OutboxMessage


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by services and never edited."""

    list_display = ["created_at", "actor", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_repr", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "target_type"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "read_at", "emailed"]
    list_filter = ["kind", "emailed"]
    list_select_related = ["recipient"]
    readonly_fields = ["delivery_key"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: rows are written by core.services.outbox and settled by the worker.

    To send waiting rows now, run `manage.py outbox_relay`.
    """

    list_display = ["created_at", "task", "status", "attempts", "sent_at", "finished_at"]
    list_filter = ["status", "task"]
    search_fields = ["task", "last_error"]
    date_hierarchy = "created_at"

    # Every platform staff member may look (is_staff), not only those granted model rights:
    # a task stuck in the outbox is an operations question.
    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
