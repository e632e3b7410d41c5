from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from scouting import permissions, selectors
from scouting.api import serializers as s
from scouting.forms import search_params
from scouting.presenters import result_rows
from scouting.services import listings as services
from scouting.services.listings import ListingChoices


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


def _listing_answer(listing, *, status_code: int = 200) -> Response:  # type: ignore[no-untyped-def]
    consents = list(selectors.listing_consents(listing))
    data = s.ScoutingListingSerializer(listing, context={"consents": consents}).data
    return Response(data, status=status_code)


def _listing_of(series):  # type: ignore[no-untyped-def]
    listing = selectors.listing_of(series)
    if listing is None:
        raise NotFound
    return listing


class ListingView(GenericAPIView):
    """A series' discovery listing, for its writers (owner and co-writers): read it, list
    the series (POST; the other writers are asked to consent), change what it shows
    (PUT; showing more asks them again)."""

    serializer_class = s.ScoutingListingSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_listing_read", responses=s.ScoutingListingSerializer)
    def get(self, request, pk: int):
        series = permissions.get_series_for_listing(request.user, pk)
        return _listing_answer(_listing_of(series))

    @extend_schema(
        operation_id="scouting_listing_create",
        request=s.ScoutingListingChoicesSerializer,
        responses={201: s.ScoutingListingSerializer},
    )
    def post(self, request, pk: int):
        series = permissions.get_series_for_listing(request.user, pk)
        data = s.ScoutingListingChoicesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        listing = services.listing_create(
            actor=request.user, series=series, choices=ListingChoices(**data.validated_data)
        )
        return _listing_answer(listing, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="scouting_listing_update",
        request=s.ScoutingListingChoicesSerializer,
        responses=s.ScoutingListingSerializer,
    )
    def put(self, request, pk: int):
        series = permissions.get_series_for_listing(request.user, pk)
        listing = _listing_of(series)
        data = s.ScoutingListingChoicesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        listing = services.listing_update(
            actor=request.user, listing=listing, choices=ListingChoices(**data.validated_data)
        )
        return _listing_answer(listing)


class ListingUnlistView(GenericAPIView):
    """Take the listing down: scouts no longer find it (409 when already unlisted)."""

    serializer_class = s.ScoutingListingSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_listing_unlist", request=None, responses=s.ScoutingListingSerializer
    )
    def post(self, request, pk: int):
        series = permissions.get_series_for_listing(request.user, pk)
        listing = services.listing_unlist(actor=request.user, listing=_listing_of(series))
        return _listing_answer(listing)


class ListingConsentView(GenericAPIView):
    """A writer of the series consents to the listing (the last consent lists it) or
    withdraws consent (it leaves search at once)."""

    serializer_class = s.ScoutingListingSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_listing_consent",
        request=s.ScoutingConsentAnswerSerializer,
        responses=s.ScoutingListingSerializer,
    )
    def post(self, request, pk: int):
        series = permissions.get_series_for_listing(request.user, pk)
        listing = _listing_of(series)
        data = s.ScoutingConsentAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answer = (
            services.consent_give if data.validated_data["consent"] else services.consent_withdraw
        )
        return _listing_answer(answer(actor=request.user, listing=listing))
