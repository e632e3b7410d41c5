from rest_framework import permissions, viewsets

from taxonomy.api.serializers import TermSerializer
from taxonomy.selectors import terms_active


class TermViewSet(viewsets.ReadOnlyModelViewSet):
    """The theme taxonomy: themes, genres and target audiences. Public."""

    serializer_class = TermSerializer
    permission_classes = [permissions.AllowAny]
    filterset_fields = ["kind", "is_encouraged"]
    ordering_fields = ["position", "slug"]

    def get_queryset(self):
        return terms_active()
