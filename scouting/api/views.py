from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView

from scouting import permissions, selectors
from scouting.api import serializers as s
from scouting.forms import search_params
from scouting.presenters import result_rows


class SearchView(GenericAPIView):
    """Search the series writers listed for discovery (scouts of a studio only): full text
    in Chinese and English over title, logline, synopsis and sample, with filters, facets
    per theme and genre, and the matches highlighted."""

    serializer_class = s.ScoutingResultSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_search",
        parameters=[s.ScoutingSearchQuerySerializer],
        responses={200: s.ScoutingSearchPageSerializer},
    )
    def get(self, request):
        if not permissions.can_search_listings(request.user):
            raise PermissionDenied
        query = s.ScoutingSearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.listing_search(request.user, search_params(query.validated_data))
        page = self.paginate_queryset(result.listings)
        rows = result_rows(list(page), result.terms)
        response = self.get_paginated_response(s.ScoutingResultSerializer(rows, many=True).data)
        response.data["facets"] = result.facets
        return response
