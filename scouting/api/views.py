from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.files import generated_download
from core.memberships import members_of
from scouting import permissions, selectors
from scouting.agreement_documents import agreement_response
from scouting.api import serializers as s
from scouting.episodes import episode_texts
from scouting.forms import search_params
from scouting.models import PitchStatus, ReadEventKind, StudioScout
from scouting.presenters import result_rows, trail_rows
from scouting.services import briefs as brief_services
from scouting.services import listings as services
from scouting.services import offers as offer_services
from scouting.services import portfolios as portfolio_services
from scouting.services import reads as read_services
from scouting.services import saved_searches as saved_search_services
from scouting.services import scouts as scout_services
from scouting.services import shortlists as shortlist_services
from scouting.services.listings import ListingChoices
from scripts_app.models import Revision
from scripts_app.selectors import revision_text
from taxonomy.models import Term


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
        response.data["facets_approximate"] = result.facets_approximate
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


# --- Shortlists (the scouts of the shortlist's studio; everyone else 404) -----------------


def _entry_answer(entry, *, status_code: int = 200) -> Response:  # type: ignore[no-untyped-def]
    entry = selectors.shortlist_entries(entry.shortlist).get(pk=entry.pk)
    return Response(s.ScoutingShortlistEntrySerializer(entry).data, status=status_code)


class ShortlistsView(GenericAPIView):
    """The shortlists of the studios you scout for (GET), and a new one (POST; name the
    studio by its slug when you scout for several)."""

    serializer_class = s.ScoutingShortlistSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_shortlists_list",
        responses=s.ScoutingShortlistSerializer(many=True),
    )
    def get(self, request):
        if not permissions.can_search_listings(request.user):
            raise PermissionDenied
        page = self.paginate_queryset(selectors.shortlists_of(request.user))
        return self.get_paginated_response(s.ScoutingShortlistSerializer(page, many=True).data)

    @extend_schema(
        operation_id="scouting_shortlist_create",
        request=s.ScoutingShortlistCreateSerializer,
        responses={201: s.ScoutingShortlistSerializer},
    )
    def post(self, request):
        if not permissions.can_search_listings(request.user):
            raise PermissionDenied
        data = s.ScoutingShortlistCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        studios = permissions.scouting_studios(request.user)
        slug = data.validated_data.get("studio")
        if slug:
            studios = studios.filter(slug=slug)
        chosen = list(studios[:2])
        if len(chosen) != 1:
            raise ValidationError({"studio": [_("Name one of the studios you scout for.")]})
        shortlist = shortlist_services.shortlist_create(
            actor=request.user, studio=chosen[0], name=data.validated_data["name"]
        )
        shortlist = selectors.shortlists_of(request.user).get(pk=shortlist.pk)
        return Response(
            s.ScoutingShortlistSerializer(shortlist).data, status=status.HTTP_201_CREATED
        )


class ShortlistView(GenericAPIView):
    """One shortlist with its entries (filter by status): a series no longer listed is
    kept but shows nothing (listing null, no notes). Rename (PATCH), delete (DELETE)."""

    serializer_class = s.ScoutingShortlistDetailSerializer
    filter_backends: list = []

    def _answer(self, request, shortlist) -> Response:  # type: ignore[no-untyped-def]
        query = s.ScoutingShortlistDetailQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        entries = selectors.shortlist_entries(
            shortlist, status=query.validated_data.get("status", "")
        )
        data = s.ScoutingShortlistDetailSerializer(shortlist, context={"entries": entries}).data
        return Response(data)

    @extend_schema(
        operation_id="scouting_shortlist_read",
        parameters=[s.ScoutingShortlistDetailQuerySerializer],
        responses=s.ScoutingShortlistDetailSerializer,
    )
    def get(self, request, pk: int):
        return self._answer(request, permissions.get_shortlist_for(request.user, pk))

    @extend_schema(
        operation_id="scouting_shortlist_rename",
        request=s.ScoutingShortlistRenameSerializer,
        responses=s.ScoutingShortlistDetailSerializer,
    )
    def patch(self, request, pk: int):
        shortlist = permissions.get_shortlist_for(request.user, pk)
        data = s.ScoutingShortlistRenameSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shortlist_services.shortlist_rename(
            actor=request.user, shortlist=shortlist, name=data.validated_data["name"]
        )
        return self._answer(request, shortlist)

    @extend_schema(operation_id="scouting_shortlist_delete", responses={204: None})
    def delete(self, request, pk: int):
        shortlist = permissions.get_shortlist_for(request.user, pk)
        shortlist_services.shortlist_delete(actor=request.user, shortlist=shortlist)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ShortlistEntriesView(GenericAPIView):
    """Put a listed series on the shortlist (400 when it is not listed or already on it)."""

    serializer_class = s.ScoutingShortlistEntrySerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_shortlist_entry_add",
        request=s.ScoutingEntryAddSerializer,
        responses={201: s.ScoutingShortlistEntrySerializer},
    )
    def post(self, request, pk: int):
        shortlist = permissions.get_shortlist_for(request.user, pk)
        data = s.ScoutingEntryAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        listing = (
            permissions.listings_visible_to(request.user)
            .filter(pk=data.validated_data["listing"])
            .first()
        )
        if listing is None:
            raise ValidationError({"listing": [_("This series is not listed.")]})
        entry = shortlist_services.entry_add(
            actor=request.user, shortlist=shortlist, listing=listing
        )
        return _entry_answer(entry, status_code=status.HTTP_201_CREATED)


class ShortlistEntryView(GenericAPIView):
    """Change an entry's status (PATCH; 409 when it already has it), or remove it."""

    serializer_class = s.ScoutingShortlistEntrySerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_shortlist_entry_status",
        request=s.ScoutingEntryStatusSerializer,
        responses=s.ScoutingShortlistEntrySerializer,
    )
    def patch(self, request, pk: int, entry_pk: int):
        shortlist = permissions.get_shortlist_for(request.user, pk)
        entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
        data = s.ScoutingEntryStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shortlist_services.entry_status_set(
            actor=request.user, entry=entry, status=data.validated_data["status"]
        )
        return _entry_answer(entry)

    @extend_schema(operation_id="scouting_shortlist_entry_remove", responses={204: None})
    def delete(self, request, pk: int, entry_pk: int):
        shortlist = permissions.get_shortlist_for(request.user, pk)
        entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
        shortlist_services.entry_remove(actor=request.user, entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ShortlistNotesView(GenericAPIView):
    """Add a note (Markdown) on an entry, seen only by the studio's scouts."""

    serializer_class = s.ScoutingShortlistNoteSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_shortlist_note_add",
        request=s.ScoutingNoteAddSerializer,
        responses={201: s.ScoutingShortlistNoteSerializer},
    )
    def post(self, request, pk: int, entry_pk: int):
        shortlist = permissions.get_shortlist_for(request.user, pk)
        entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
        if not entry.listing.is_findable:
            raise NotFound
        data = s.ScoutingNoteAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = shortlist_services.note_add(
            actor=request.user, entry=entry, body=data.validated_data["body"]
        )
        return Response(
            s.ScoutingShortlistNoteSerializer(note).data, status=status.HTTP_201_CREATED
        )


class ShortlistNoteView(GenericAPIView):
    """Delete a note (its author only: 403 for the other scouts of the studio)."""

    serializer_class = s.ScoutingShortlistNoteSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_shortlist_note_delete", responses={204: None})
    def delete(self, request, pk: int, entry_pk: int, note_pk: int):
        shortlist = permissions.get_shortlist_for(request.user, pk)
        entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
        note = permissions.get_note_for(request.user, entry, note_pk)
        shortlist_services.note_delete(actor=request.user, note=note)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Saved searches (their owner's alone) ---------------------------------------------------


class SavedSearchesView(GenericAPIView):
    """Your saved searches (GET), and a new one (POST: a name and the search's query
    string, validated as the search validates it; 400 with "query" when it is refused)."""

    serializer_class = s.ScoutingSavedSearchSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_saved_searches_list",
        responses=s.ScoutingSavedSearchSerializer(many=True),
    )
    def get(self, request):
        if not permissions.can_search_listings(request.user):
            raise PermissionDenied
        page = self.paginate_queryset(selectors.saved_searches_of(request.user))
        return self.get_paginated_response(s.ScoutingSavedSearchSerializer(page, many=True).data)

    @extend_schema(
        operation_id="scouting_saved_search_create",
        request=s.ScoutingSavedSearchCreateSerializer,
        responses={201: s.ScoutingSavedSearchSerializer},
    )
    def post(self, request):
        if not permissions.can_search_listings(request.user):
            raise PermissionDenied
        data = s.ScoutingSavedSearchCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = saved_search_services.saved_search_create(actor=request.user, **data.validated_data)
        return Response(s.ScoutingSavedSearchSerializer(saved).data, status=status.HTTP_201_CREATED)


class SavedSearchView(GenericAPIView):
    """Delete one of your saved searches (404 for anyone else's)."""

    serializer_class = s.ScoutingSavedSearchSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_saved_search_delete", responses={204: None})
    def delete(self, request, pk: int):
        saved = permissions.get_saved_search_for(request.user, pk)
        saved_search_services.saved_search_delete(actor=request.user, saved=saved)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Public writer portfolios -------------------------------------------------------------


class PortfolioSettingsView(GenericAPIView):
    """Your own portfolio settings: read them (off until turned on) and change them."""

    serializer_class = s.ScoutingPortfolioSettingsSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_portfolio_settings_read")
    def get(self, request):
        portfolio = selectors.portfolio_of(request.user)
        data = {
            "is_public": bool(portfolio and portfolio.is_public),
            "bio": getattr(portfolio, "bio", ""),
        }
        return Response(s.ScoutingPortfolioSettingsSerializer(data).data)

    @extend_schema(
        operation_id="scouting_portfolio_settings_update",
        request=s.ScoutingPortfolioSettingsSerializer,
        responses=s.ScoutingPortfolioSettingsSerializer,
    )
    def put(self, request):
        data = s.ScoutingPortfolioSettingsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        portfolio = portfolio_services.portfolio_update(actor=request.user, **data.validated_data)
        return Response(s.ScoutingPortfolioSettingsSerializer(portfolio).data)


class WriterPortfolioView(GenericAPIView):
    """A writer's public portfolio (anyone, signed in or not; 404 when it is off): their
    listed series as the listings show them, with the "Boutique recommended" badge,
    certificates and the fund awards shown publicly."""

    serializer_class = s.ScoutingPortfolioSerializer
    filter_backends: list = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="scouting_writer_portfolio")
    def get(self, request, pk: int):
        portfolio = permissions.get_public_portfolio(pk)
        return Response(s.ScoutingPortfolioSerializer(selectors.portfolio_page(portfolio)).data)


# Reads ---------------------------------------------------------------------------------


def _read_answer(read, *, status_code: int = 200) -> Response:  # type: ignore[no-untyped-def]
    return Response(s.ScoutingReadDetailSerializer(read).data, status=status_code)


class ReadRequestView(GenericAPIView):
    """A scout asks to read a listed series (the whole script or a range of episodes) for
    named members of their studio. 404 for a listing they cannot find in search; 409 when
    their studio already has a request waiting for it."""

    serializer_class = s.ScoutingReadDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_read_request",
        request=s.ScoutingReadRequestSerializer,
        responses={201: s.ScoutingReadDetailSerializer},
    )
    def post(self, request, pk: int):
        listing = permissions.get_listing_for_read(request.user, pk)
        data = s.ScoutingReadRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        read = read_services.read_request(
            actor=request.user, listing=listing, **data.validated_data
        )
        return _read_answer(read, status_code=status.HTTP_201_CREATED)


class StudioReadsView(GenericAPIView):
    """The reads of the studios the caller scouts for and those naming them as a reader,
    newest first."""

    serializer_class = s.ScoutingReadSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_reads_list", responses=s.ScoutingReadSerializer(many=True)
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.studio_reads(request.user))
        return self.get_paginated_response(s.ScoutingReadSerializer(page, many=True).data)


class SeriesReadsView(GenericAPIView):
    """The reads of a series, for its writers (404 for strangers, 403 for its readers)."""

    serializer_class = s.ScoutingReadSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_series_reads_list", responses=s.ScoutingReadSerializer(many=True)
    )
    def get(self, request, pk: int):
        series = permissions.get_series_for_listing(request.user, pk)
        page = self.paginate_queryset(selectors.series_reads(series))
        return self.get_paginated_response(s.ScoutingReadSerializer(page, many=True).data)


class ReadView(GenericAPIView):
    """One read, for its studio's scouts and the series' writers (404 for anyone else)."""

    serializer_class = s.ScoutingReadDetailSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_read_detail", responses=s.ScoutingReadDetailSerializer)
    def get(self, request, pk: int):
        return _read_answer(permissions.get_read_for(request.user, pk))


class ReadAnswerView(GenericAPIView):
    """A writer answers: accept (window 1–90 days; NDA none, standard or own text) or
    decline. 409 when the read was already answered or withdrawn."""

    serializer_class = s.ScoutingReadDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_read_answer",
        request=s.ScoutingReadAnswerSerializer,
        responses=s.ScoutingReadDetailSerializer,
    )
    def post(self, request, pk: int):
        read = permissions.get_read_for(request.user, pk)
        data = s.ScoutingReadAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answer = dict(data.validated_data)
        if answer.pop("accept"):
            read = read_services.read_accept(actor=request.user, read=read, **answer)
        else:
            read = read_services.read_decline(actor=request.user, read=read)
        return _read_answer(read)


class ReadNdaView(GenericAPIView):
    """A scout of the studio accepts the NDA, sending the SHA-256 of the text they read
    (400 on "sha256" when it is not the text on record). The window starts."""

    serializer_class = s.ScoutingReadDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_read_nda_accept",
        request=s.ScoutingNdaAcceptSerializer,
        responses=s.ScoutingReadDetailSerializer,
    )
    def post(self, request, pk: int):
        read = permissions.get_read_for(request.user, pk)
        data = s.ScoutingNdaAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        read = read_services.read_nda_accept(
            actor=request.user, read=read, sha256=data.validated_data["sha256"]
        )
        return _read_answer(read)


class ReadRevokeView(GenericAPIView):
    """A writer ends access at once (409 when it is not accepted or open)."""

    serializer_class = s.ScoutingReadDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_read_revoke", request=None, responses=s.ScoutingReadDetailSerializer
    )
    def post(self, request, pk: int):
        read = permissions.get_read_for(request.user, pk)
        return _read_answer(read_services.read_revoke(actor=request.user, read=read))


class ReadWithdrawView(GenericAPIView):
    """A scout of the studio withdraws the request before it opens (409 after)."""

    serializer_class = s.ScoutingReadDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_read_withdraw",
        request=None,
        responses=s.ScoutingReadDetailSerializer,
    )
    def post(self, request, pk: int):
        read = permissions.get_read_for(request.user, pk)
        return _read_answer(read_services.read_withdraw(actor=request.user, read=read))


class ReadContentView(GenericAPIView):
    """The episodes in range of the revision frozen at acceptance, as source text, for a
    named reader while the read is open (403 otherwise). Each call is on the trail."""

    serializer_class = s.ScoutingReadContentSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_read_content", responses=s.ScoutingReadContentSerializer)
    def get(self, request, pk: int):
        read = permissions.get_read_for(request.user, pk)
        read_services.read_view_record(actor=request.user, read=read, kind=ReadEventKind.API)
        revision = read.revision
        episodes = episode_texts(
            revision_text(revision), revision.format, read.episodes_from, read.episodes_to
        )
        data = {
            "read_id": read.pk,
            "revision_number": revision.number,
            "format": revision.format,
            "ends_at": read.ends_at,
            "episodes": [vars(episode) for episode in episodes],
        }
        return Response(s.ScoutingReadContentSerializer(data).data)


class SeriesTrailView(GenericAPIView):
    """Every view and download of a series' reads, newest first, for its writers."""

    serializer_class = s.ScoutingTrailEventSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_series_trail", responses=s.ScoutingTrailEventSerializer(many=True)
    )
    def get(self, request, pk: int):
        series = permissions.get_series_for_listing(request.user, pk)
        page = self.paginate_queryset(selectors.series_trail(series))
        rows = trail_rows(list(page))
        return self.get_paginated_response(s.ScoutingTrailEventSerializer(rows, many=True).data)


class CodeLookupView(GenericAPIView):
    """Whose copy a download code was printed on: for platform staff and the series'
    writers; 404 for anyone else and for unknown codes."""

    serializer_class = s.ScoutingCodeLookupSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_code_lookup", responses=s.ScoutingCodeLookupSerializer)
    def get(self, request, code: str):
        event = permissions.get_event_by_code(request.user, code)
        return Response(s.ScoutingCodeLookupSerializer(event).data)


# Briefs and pitches ----------------------------------------------------------------------


def _brief_fields(data: dict) -> brief_services.BriefFields:
    data = dict(data)
    data.pop("studio_id", None)
    slugs = data.pop("terms", [])
    terms = list(Term.objects.filter(slug__in=slugs, is_active=True)) if slugs else []
    if len(terms) != len(set(slugs)):
        raise ValidationError({"terms": [_("Choose themes, genres and audiences that exist.")]})
    return brief_services.BriefFields(**data, terms=terms)


def _brief_answer(brief, *, status_code: int = 200) -> Response:  # type: ignore[no-untyped-def]
    return Response(s.ScoutingBriefSerializer(brief).data, status=status_code)


class BriefsView(GenericAPIView):
    """Open briefs (anyone, signed in or not), and every brief of the studios you scout for
    (drafts and closed ones too), soonest deadline first (GET). A new draft brief of a
    studio you scout for (POST; name the studio when you scout for several)."""

    serializer_class = s.ScoutingBriefSerializer
    filter_backends: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="scouting_briefs_list", responses=s.ScoutingBriefSerializer(many=True)
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.briefs_list(request.user).prefetch_related("terms"))
        return self.get_paginated_response(s.ScoutingBriefSerializer(page, many=True).data)

    @extend_schema(
        operation_id="scouting_brief_create",
        request=s.ScoutingBriefInputSerializer,
        responses={201: s.ScoutingBriefSerializer},
    )
    def post(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated
        data = s.ScoutingBriefInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        studios = permissions.scouting_studios(request.user)
        studio_id = data.validated_data.get("studio_id")
        if studio_id is not None:
            studios = studios.filter(pk=studio_id)
        chosen = list(studios.order_by("pk")[:2])
        if not chosen:
            raise PermissionDenied
        if len(chosen) != 1:
            raise ValidationError({"studio_id": [_("Name one of the studios you scout for.")]})
        brief = brief_services.brief_create(
            actor=request.user, studio=chosen[0], fields=_brief_fields(data.validated_data)
        )
        return _brief_answer(brief, status_code=status.HTTP_201_CREATED)


class BriefView(GenericAPIView):
    """One brief (an open one for anyone; any of your studio's), and its change (PUT, by
    the studio's scouts; 404 for anyone else)."""

    serializer_class = s.ScoutingBriefSerializer
    filter_backends: list = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="scouting_brief_detail", responses=s.ScoutingBriefSerializer)
    def get(self, request, pk: int):
        return _brief_answer(permissions.get_brief_for(request.user, pk))

    @extend_schema(
        operation_id="scouting_brief_update",
        request=s.ScoutingBriefInputSerializer,
        responses=s.ScoutingBriefSerializer,
    )
    def put(self, request, pk: int):
        brief = permissions.get_managed_brief_for(request.user, pk)
        data = s.ScoutingBriefInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        brief = brief_services.brief_update(
            actor=request.user, brief=brief, fields=_brief_fields(data.validated_data)
        )
        return _brief_answer(brief)


class BriefPublishView(GenericAPIView):
    """Open a draft brief for pitches (409 when its deadline has passed)."""

    serializer_class = s.ScoutingBriefSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_brief_publish", request=None, responses=s.ScoutingBriefSerializer
    )
    def post(self, request, pk: int):
        brief = permissions.get_managed_brief_for(request.user, pk)
        return _brief_answer(brief_services.brief_publish(actor=request.user, brief=brief))


class BriefCloseView(GenericAPIView):
    """Close a brief: it takes no more pitches (409 when already closed)."""

    serializer_class = s.ScoutingBriefSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_brief_close", request=None, responses=s.ScoutingBriefSerializer
    )
    def post(self, request, pk: int):
        brief = permissions.get_managed_brief_for(request.user, pk)
        return _brief_answer(brief_services.brief_close(actor=request.user, brief=brief))


def _pitch_answer(pitch, *, status_code: int = 200) -> Response:  # type: ignore[no-untyped-def]
    return Response(s.ScoutingPitchSerializer(pitch).data, status=status_code)


def _pitch_fields(user, data: dict) -> brief_services.PitchFields:  # type: ignore[no-untyped-def]
    series = revision = None
    if data.get("series_id") is not None:
        series = permissions.pitchable_series(user).filter(pk=data["series_id"]).first()
        if series is None:
            raise ValidationError({"series_id": [_("Choose a series you write.")]})
        if data.get("revision_number") is not None:
            revision = Revision.objects.filter(
                series=series, number=data["revision_number"]
            ).first()
            if revision is None:
                raise ValidationError(
                    {"revision_number": [_("The series has no revision of this number.")]}
                )
    return brief_services.PitchFields(
        logline=data["logline"],
        synopsis=data.get("synopsis") or "",
        series=series,
        revision=revision,
        sample_episodes=data.get("sample_episodes") or 0,
    )


class BriefPitchesView(GenericAPIView):
    """The pitches to a brief, for its studio's scouts (never drafts; filter by status),
    newest first (GET; 404 for anyone else). A new draft pitch to an open brief by any
    signed-in person (POST)."""

    serializer_class = s.ScoutingPitchSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_brief_pitches_list",
        parameters=[
            OpenApiParameter(
                "status", str, enum=[v for v in PitchStatus.values if v != "draft"], required=False
            )
        ],
        responses=s.ScoutingPitchSerializer(many=True),
    )
    def get(self, request, pk: int):
        brief = permissions.get_managed_brief_for(request.user, pk)
        wanted = request.query_params.get("status", "")
        if wanted and wanted not in PitchStatus.values:
            raise ValidationError({"status": [_("Choose a status.")]})
        pitches = selectors.brief_pitches(brief, wanted).select_related("brief__studio", "revision")
        page = self.paginate_queryset(pitches)
        return self.get_paginated_response(s.ScoutingPitchSerializer(page, many=True).data)

    @extend_schema(
        operation_id="scouting_pitch_create",
        request=s.ScoutingPitchInputSerializer,
        responses={201: s.ScoutingPitchSerializer},
    )
    def post(self, request, pk: int):
        brief = permissions.get_brief_for(request.user, pk)
        data = s.ScoutingPitchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pitch = brief_services.pitch_create(
            actor=request.user, brief=brief, fields=_pitch_fields(request.user, data.validated_data)
        )
        return _pitch_answer(pitch, status_code=status.HTTP_201_CREATED)


class MyPitchesView(GenericAPIView):
    """Your own pitches, newest first."""

    serializer_class = s.ScoutingPitchSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_my_pitches_list", responses=s.ScoutingPitchSerializer(many=True)
    )
    def get(self, request):
        pitches = selectors.my_pitches(request.user).select_related("author", "revision")
        page = self.paginate_queryset(pitches)
        return self.get_paginated_response(s.ScoutingPitchSerializer(page, many=True).data)


class PitchView(GenericAPIView):
    """One pitch, for its author and (once submitted) the brief's studio (404 for anyone
    else); its author changes a draft (PUT)."""

    serializer_class = s.ScoutingPitchSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_pitch_detail", responses=s.ScoutingPitchSerializer)
    def get(self, request, pk: int):
        pitch = permissions.pitches_visible_to(request.user).filter(pk=pk).first()
        if pitch is None:
            raise NotFound
        return _pitch_answer(pitch)

    @extend_schema(
        operation_id="scouting_pitch_update",
        request=s.ScoutingPitchInputSerializer,
        responses=s.ScoutingPitchSerializer,
    )
    def put(self, request, pk: int):
        pitch = permissions.get_own_pitch_for(request.user, pk)
        data = s.ScoutingPitchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pitch = brief_services.pitch_update(
            actor=request.user, pitch=pitch, fields=_pitch_fields(request.user, data.validated_data)
        )
        return _pitch_answer(pitch)


class PitchSubmitView(GenericAPIView):
    """Send your draft pitch to the studio: its sample is copied now (409 when the brief is
    closed or past its deadline; the draft is kept)."""

    serializer_class = s.ScoutingPitchSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_pitch_submit", request=None, responses=s.ScoutingPitchSerializer
    )
    def post(self, request, pk: int):
        pitch = permissions.get_own_pitch_for(request.user, pk)
        return _pitch_answer(brief_services.pitch_submit(actor=request.user, pitch=pitch))


class PitchWithdrawView(GenericAPIView):
    """Take back your submitted or shortlisted pitch."""

    serializer_class = s.ScoutingPitchSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_pitch_withdraw", request=None, responses=s.ScoutingPitchSerializer
    )
    def post(self, request, pk: int):
        pitch = permissions.get_own_pitch_for(request.user, pk)
        return _pitch_answer(brief_services.pitch_withdraw(actor=request.user, pitch=pitch))


class PitchShortlistView(GenericAPIView):
    """The studio shortlists a submitted pitch, with an optional message to the writer."""

    serializer_class = s.ScoutingPitchSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_pitch_shortlist",
        request=s.ScoutingPitchAnswerSerializer,
        responses=s.ScoutingPitchSerializer,
    )
    def post(self, request, pk: int):
        pitch = permissions.get_studio_pitch_for(request.user, pk)
        data = s.ScoutingPitchAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pitch = brief_services.pitch_shortlist(
            actor=request.user, pitch=pitch, note=data.validated_data["note"]
        )
        return _pitch_answer(pitch)


class PitchDeclineView(GenericAPIView):
    """The studio declines a submitted or shortlisted pitch, with a message to the writer."""

    serializer_class = s.ScoutingPitchSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_pitch_decline",
        request=s.ScoutingPitchAnswerSerializer,
        responses=s.ScoutingPitchSerializer,
    )
    def post(self, request, pk: int):
        pitch = permissions.get_studio_pitch_for(request.user, pk)
        data = s.ScoutingPitchAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pitch = brief_services.pitch_decline(
            actor=request.user, pitch=pitch, note=data.validated_data["note"]
        )
        return _pitch_answer(pitch)


class PitchReadRequestView(GenericAPIView):
    """A scout of the brief's studio asks to read the pitched series (as for a listed one;
    403 for a pitch without a series or no longer standing; 409 when one is waiting)."""

    serializer_class = s.ScoutingReadDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_pitch_read_request",
        request=s.ScoutingPitchReadRequestSerializer,
        responses={201: s.ScoutingReadDetailSerializer},
    )
    def post(self, request, pk: int):
        pitch = permissions.get_studio_pitch_for(request.user, pk)
        data = s.ScoutingPitchReadRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        read = read_services.read_request_pitch(
            actor=request.user, pitch=pitch, **data.validated_data
        )
        return _read_answer(read, status_code=status.HTTP_201_CREATED)


# Offers and deals ------------------------------------------------------------------------

TERMS_INPUT = (*offer_services.TERMS_FIELDS,)


def _offer_answer(offer, *, status_code: int = 200) -> Response:  # type: ignore[no-untyped-def]
    offer = selectors.offers_of_one(offer.pk)
    return Response(s.ScoutingOfferDetailSerializer(offer).data, status=status_code)


def _deal_answer(deal, *, status_code: int = 200) -> Response:  # type: ignore[no-untyped-def]
    return Response(s.ScoutingDealSerializer(deal).data, status=status_code)


def _terms(data: dict) -> dict:  # type: ignore[type-arg]
    return {name: data.get(name) for name in TERMS_INPUT}


class OffersView(GenericAPIView):
    """The offers the caller sees (their studios', on the series they write, on their
    pitches), newest first; and a scout's new offer on a listing they find in search or a
    pitch to their studio's brief (201; 404 for a listing or pitch they cannot see; 409
    when their studio already has an open offer on it)."""

    serializer_class = s.ScoutingOfferSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_offers_list", responses=s.ScoutingOfferSerializer(many=True)
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.offers_of(request.user))
        return self.get_paginated_response(s.ScoutingOfferSerializer(page, many=True).data)

    @extend_schema(
        operation_id="scouting_offer_create",
        request=s.ScoutingOfferCreateSerializer,
        responses={201: s.ScoutingOfferDetailSerializer},
    )
    def post(self, request):
        data = s.ScoutingOfferCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        listing = pitch = None
        if values.get("listing_id"):
            listing = permissions.get_listing_for_offer(request.user, values["listing_id"])
        else:
            pitch = permissions.get_pitch_for_offer(request.user, values["pitch_id"])
        offer = offer_services.offer_make(
            actor=request.user,
            listing=listing,
            pitch=pitch,
            studio_id=values.get("studio_id"),
            kind=values["kind"],
            terms=_terms(values),
            message=values["message"],
            expires_in_days=values.get("expires_in_days"),
        )
        return _offer_answer(offer, status_code=status.HTTP_201_CREATED)


class OfferView(GenericAPIView):
    """One offer with every version of its terms, newest first, and the fields the latest
    changed; for its studio's scouts and the writers' side (404 for anyone else)."""

    serializer_class = s.ScoutingOfferDetailSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_offer_detail", responses=s.ScoutingOfferDetailSerializer)
    def get(self, request, pk: int):
        return _offer_answer(permissions.get_offer_for(request.user, pk))


class OfferCounterView(GenericAPIView):
    """The side the offer waits for proposes new terms (201: the offer with its new
    version). 409 when the offer is closed or expired, or when `seen_version` is not the
    latest; 403 when it is the other side's turn."""

    serializer_class = s.ScoutingOfferDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_offer_counter",
        request=s.ScoutingOfferCounterSerializer,
        responses={201: s.ScoutingOfferDetailSerializer},
    )
    def post(self, request, pk: int):
        offer = permissions.get_offer_for(request.user, pk)
        data = s.ScoutingOfferCounterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        offer_services.offer_counter(
            actor=request.user,
            offer=offer,
            seen_version=values["seen_version"],
            terms=_terms(values),
            message=values["message"],
            expires_in_days=values.get("expires_in_days"),
        )
        return _offer_answer(offer, status_code=status.HTTP_201_CREATED)


class OfferAcceptView(GenericAPIView):
    """The side the offer waits for accepts the latest version, the one it read (409 if
    newer terms exist, or the offer is closed or expired): 201, the deal, whose agreement
    both parties then accept."""

    serializer_class = s.ScoutingDealSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_offer_accept",
        request=s.ScoutingOfferAcceptSerializer,
        responses={201: s.ScoutingDealSerializer},
    )
    def post(self, request, pk: int):
        offer = permissions.get_offer_for(request.user, pk)
        data = s.ScoutingOfferAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deal = offer_services.offer_accept(
            actor=request.user, offer=offer, seen_version=data.validated_data["seen_version"]
        )
        return _deal_answer(deal, status_code=status.HTTP_201_CREATED)


class OfferDeclineView(GenericAPIView):
    """The side the offer waits for declines it (409 when it is no longer open)."""

    serializer_class = s.ScoutingOfferDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_offer_decline",
        request=None,
        responses=s.ScoutingOfferDetailSerializer,
    )
    def post(self, request, pk: int):
        offer = permissions.get_offer_for(request.user, pk)
        return _offer_answer(offer_services.offer_decline(actor=request.user, offer=offer))


class OfferWithdrawView(GenericAPIView):
    """A scout of the studio withdraws the offer while it is open (409 after)."""

    serializer_class = s.ScoutingOfferDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_offer_withdraw",
        request=None,
        responses=s.ScoutingOfferDetailSerializer,
    )
    def post(self, request, pk: int):
        offer = permissions.get_offer_for(request.user, pk)
        return _offer_answer(offer_services.offer_withdraw(actor=request.user, offer=offer))


class DealView(GenericAPIView):
    """A deal: its frozen terms, the agreement text and hash, who accepted it, its dates;
    for whoever sees its offer (404 for anyone else)."""

    serializer_class = s.ScoutingDealSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_deal_detail", responses=s.ScoutingDealSerializer)
    def get(self, request, pk: int):
        return _deal_answer(permissions.get_deal_for(request.user, pk))


class DealAcceptView(GenericAPIView):
    """A writer, or a scout or admin of the studio, accepts the agreement against the
    SHA-256 of the text they read (400 on "sha256" when it is not the text on record; 409
    when their side already accepted). With both sides the deal is in force."""

    serializer_class = s.ScoutingDealSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_deal_agreement_accept",
        request=s.ScoutingAgreementAcceptSerializer,
        responses=s.ScoutingDealSerializer,
    )
    def post(self, request, pk: int):
        deal = permissions.get_deal_for(request.user, pk)
        data = s.ScoutingAgreementAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer_services.deal_agreement_accept(
            actor=request.user, deal=deal, sha256=data.validated_data["sha256"]
        )
        return _deal_answer(permissions.get_deal_for(request.user, pk))


class DealExerciseView(GenericAPIView):
    """A scout or admin of the studio holding an option in force offers to buy the series
    under it (201: a purchase offer the writers answer like any other; 409 when the deal
    is not an option in force or the studio has an open offer on the series; 404 for
    anyone outside the studio). When the purchase is in force the option ends as
    exercised."""

    serializer_class = s.ScoutingOfferDetailSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_deal_exercise",
        request=s.ScoutingOfferTermsInputSerializer,
        responses={201: s.ScoutingOfferDetailSerializer},
    )
    def post(self, request, pk: int):
        deal = permissions.get_deal_for(request.user, pk)
        if not permissions.is_offer_studio(request.user, deal):
            raise NotFound
        data = s.ScoutingOfferTermsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        offer = offer_services.option_exercise(
            actor=request.user, deal=deal, terms=_terms(values), message=values["message"],
            expires_in_days=values.get("expires_in_days"),
        )  # fmt: skip
        return _offer_answer(offer, status_code=status.HTTP_201_CREATED)


class DealDeliveriesView(GenericAPIView):
    """A deal's deliveries, oldest first, with the studio's turnaround; a writer records a
    new one once the deal is in force (201; 409 before)."""

    serializer_class = s.ScoutingDeliverySerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_deal_deliveries_list",
        responses=s.ScoutingDeliverySerializer(many=True),
    )
    def get(self, request, pk: int):
        deal = permissions.get_deal_for(request.user, pk)
        page = self.paginate_queryset(selectors.deal_deliveries(deal))
        return self.get_paginated_response(s.ScoutingDeliverySerializer(page, many=True).data)

    @extend_schema(
        operation_id="scouting_deal_delivery_create",
        request=s.ScoutingDeliveryCreateSerializer,
        responses={201: s.ScoutingDeliverySerializer},
    )
    def post(self, request, pk: int):
        deal = permissions.get_deal_for(request.user, pk)
        data = s.ScoutingDeliveryCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        delivery = offer_services.deal_delivery_record(
            actor=request.user, deal=deal, label=data.validated_data["label"]
        )
        return Response(s.ScoutingDeliverySerializer(delivery).data, status=status.HTTP_201_CREATED)


class DealFeedbackView(GenericAPIView):
    """A scout of the studio records the feedback given on a delivery (once; 409 after)."""

    serializer_class = s.ScoutingDeliverySerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_deal_feedback",
        request=s.ScoutingFeedbackSerializer,
        responses=s.ScoutingDeliverySerializer,
    )
    def post(self, request, pk: int, delivery_pk: int):
        deal = permissions.get_deal_for(request.user, pk)
        delivery = permissions.get_delivery_for(request.user, deal, delivery_pk)
        data = s.ScoutingFeedbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        delivery = offer_services.deal_feedback_record(
            actor=request.user, delivery=delivery, note=data.validated_data["note"]
        )
        return Response(s.ScoutingDeliverySerializer(delivery).data)


# --- Downloads: a deal's agreement, a read's watermarked copy -----------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DealAgreementPdfView(APIView):
    """The agreement as PDF (both languages, both parties, the terms, the registry entry
    and the hash), for whoever sees the deal (404 for anyone else)."""

    @extend_schema(
        operation_id="scouting_deal_agreement_pdf",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        return agreement_response(permissions.get_deal_for(request.user, pk), "pdf")


class DealAgreementDocxView(APIView):
    """The agreement as Word, for whoever sees the deal (404 for anyone else)."""

    @extend_schema(
        operation_id="scouting_deal_agreement_docx", responses={(200, DOCX): OpenApiTypes.BINARY}
    )
    def get(self, request, pk: int):
        return agreement_response(permissions.get_deal_for(request.user, pk), "docx")


class ReadPdfView(APIView):
    """The episodes in range as a PDF watermarked for the caller (name, studio, date and a
    code on every page; the code in the PDF's metadata), while the read is open and the
    caller is one of its readers (403 otherwise). Each download is on the trail."""

    @extend_schema(
        operation_id="scouting_read_pdf", responses={(200, "application/pdf"): OpenApiTypes.BINARY}
    )
    def get(self, request, pk: int):
        read = permissions.get_read_for(request.user, pk)
        copy = read_services.read_download(actor=request.user, read=read)
        return generated_download(
            copy.content, filename=copy.filename, content_type="application/pdf"
        )


# --- A studio's scouts, appointed by its admins ---------------------------------------------


class StudioScoutsView(GenericAPIView):
    """The members a studio's admins appointed to scout for it (its admins scout without
    being listed), and appointing one by e-mail address: a member of the studio (400 on
    "email" otherwise, or when they scout already). 404 for anyone who does not
    administer the studio."""

    serializer_class = s.ScoutingScoutSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="scouting_scouts_list", responses=s.ScoutingScoutSerializer(many=True)
    )
    def get(self, request, slug: str):
        studio = permissions.get_studio_for(request.user, slug)
        page = self.paginate_queryset(members_of(StudioScout, studio))
        return self.get_paginated_response(s.ScoutingScoutSerializer(page, many=True).data)

    @extend_schema(
        operation_id="scouting_scout_add",
        request=s.ScoutingScoutAddSerializer,
        responses={201: s.ScoutingScoutSerializer},
    )
    def post(self, request, slug: str):
        studio = permissions.get_studio_for(request.user, slug)
        data = s.ScoutingScoutAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        scout = scout_services.scout_add_by_email(
            actor=request.user, studio=studio, email=data.validated_data["email"]
        )
        return Response(s.ScoutingScoutSerializer(scout).data, status=status.HTTP_201_CREATED)


class StudioScoutView(GenericAPIView):
    """Take the scout role back (the studio's admins; 404 for anyone else)."""

    serializer_class = s.ScoutingScoutSerializer
    filter_backends: list = []

    @extend_schema(operation_id="scouting_scout_remove", responses={204: None})
    def delete(self, request, slug: str, pk: int):
        studio = permissions.get_studio_for(request.user, slug)
        scout = permissions.get_scout_for(request.user, studio, pk)
        scout_services.scout_remove(actor=request.user, scout=scout)
        return Response(status=status.HTTP_204_NO_CONTENT)
