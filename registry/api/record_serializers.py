"""Serializers of the record export API (registry/api/record_views.py)."""

from django.urls import reverse
from rest_framework import serializers

from registry.models import RecordExport


class RecordExportSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = RecordExport
        fields = [
            "id",
            "status",
            "progress",
            "size",
            "error",
            "created_at",
            "finished_at",
            "expires_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, export: RecordExport) -> str | None:
        if not export.is_downloadable:
            return None
        return reverse("api-record-export-download", args=[export.pk])
