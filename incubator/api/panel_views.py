"""The panel stage's API: the same access helpers, selectors and services as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.memberships import members_of
from incubator import permissions
from incubator.api import panel_serializers as s
from incubator.models import PanelMember
from incubator.ranking import others_reviews_for, ranking, reviews_of
from incubator.services import determinations as determination_services
from incubator.services import factcheck as factcheck_services
from incubator.services import panels as panel_services


class PanelMembersView(GenericAPIView):
    """A call's panel (its managers): list, or seat a platform member by e-mail."""

    serializer_class = s.FundPanelMemberSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundPanelMemberSerializer(many=True))
    def get(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug, action="manage")
        page = self.paginate_queryset(members_of(PanelMember, call))
        return self.get_paginated_response(s.FundPanelMemberSerializer(page, many=True).data)

    @extend_schema(
        request=s.FundPanelMemberInputSerializer, responses={201: s.FundPanelMemberSerializer}
    )
    def post(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug, action="manage")
        data = s.FundPanelMemberInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = panel_services.panel_member_add(
            actor=request.user, call=call, **data.validated_data
        )
        return Response(s.FundPanelMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class PanelAssignView(APIView):
    """Detect conflicts and assign reviewers to every application under panel review."""

    @extend_schema(request=None, responses=s.FundPanelAssignResultSerializer)
    def post(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug, action="manage")
        result = panel_services.panel_assign(actor=request.user, call=call)
        return Response(s.FundPanelAssignResultSerializer(result).data)


class RankingView(GenericAPIView):
    """The call's ranking table (its managers), best first, paginated."""

    serializer_class = s.FundRankingRowSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundRankingRowSerializer(many=True))
    def get(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug, action="manage")
        page = self.paginate_queryset(ranking(call).rows)  # type: ignore[arg-type]
        return self.get_paginated_response(s.FundRankingRowSerializer(page, many=True).data)


class BulkDeterminationView(APIView):
    """The same determination for many applications of the call; refusals per id."""

    @extend_schema(
        request=s.FundBulkDeterminationInputSerializer,
        responses=s.FundBulkDeterminationResultSerializer,
    )
    def post(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug, action="manage")
        data = s.FundBulkDeterminationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        result = determination_services.determinations_bulk(
            actor=request.user, call=call, application_ids=v["applications"],
            outcome=v["outcome"], reason=v["reason"], amount=v.get("amount"),
        )  # fmt: skip
        return Response(
            s.FundBulkDeterminationResultSerializer(
                {"done": result.done, "refused": {str(k): v for k, v in result.refused.items()}}
            ).data
        )


class DeterminationView(APIView):
    """One application's determination, with the reason sent to its applicants."""

    @extend_schema(
        request=s.FundDeterminationInputSerializer, responses=s.FundDeterminationSerializer
    )
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="manage")
        data = s.FundDeterminationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = determination_services.determination_make(
            actor=request.user, application=application, **data.validated_data
        )
        return Response(s.FundDeterminationSerializer(moved).data)


class FactCheckAssignView(APIView):
    """Give an application's fact-check in one area to a verified expert."""

    @extend_schema(
        request=s.FundFactCheckAssignInputSerializer, responses={201: s.FundFactCheckSerializer}
    )
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="manage")
        data = s.FundFactCheckAssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fact_check = factcheck_services.fact_check_assign_by_email(
            actor=request.user, application=application, area=data.validated_data["area"],
            email=data.validated_data["email"],
        )  # fmt: skip
        return Response(s.FundFactCheckSerializer(fact_check).data, status=status.HTTP_201_CREATED)


class MyPanelReviewsView(GenericAPIView):
    """The signed-in reviewer's panel reviews (their dashboard)."""

    serializer_class = s.FundPanelReviewListSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundPanelReviewListSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(reviews_of(request.user))
        return self.get_paginated_response(s.FundPanelReviewListSerializer(page, many=True).data)


def _review_data(review):  # type: ignore[no-untyped-def]
    return s.FundPanelReviewSerializer(review, context={"others": others_reviews_for(review)}).data


class PanelReviewView(APIView):
    """A reviewer's sealed review: read it (with the others' once theirs is submitted),
    save a draft, or submit."""

    @extend_schema(responses=s.FundPanelReviewSerializer)
    def get(self, request, pk: int):
        return Response(_review_data(permissions.get_panel_review_for(request.user, pk)))

    @extend_schema(request=s.FundPanelReviewInputSerializer, responses=s.FundPanelReviewSerializer)
    def patch(self, request, pk: int):
        review = permissions.get_panel_review_for(request.user, pk)
        data = s.FundPanelReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        review = panel_services.panel_review_save(
            actor=request.user, review=review, scores=v.get("scores"),
            recommendation=v.get("recommendation"), comment=v.get("comment"),
            submit=v["submit"],
        )  # fmt: skip
        return Response(_review_data(permissions.get_panel_review_for(request.user, review.pk)))


class PanelReviewConflictView(APIView):
    """The reviewer declares a conflict of interest and steps aside."""

    @extend_schema(request=s.FundConflictInputSerializer, responses={204: None})
    def post(self, request, pk: int):
        review = permissions.get_panel_review_for(request.user, pk)
        data = s.FundConflictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        panel_services.conflict_declare(
            actor=request.user, review=review, reason=data.validated_data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class FactCheckView(APIView):
    """The fact-checker's check: read it, or give the verdict."""

    @extend_schema(responses=s.FundFactCheckSerializer)
    def get(self, request, pk: int):
        return Response(
            s.FundFactCheckSerializer(permissions.get_fact_check_for(request.user, pk)).data
        )

    @extend_schema(
        request=s.FundFactCheckVerdictInputSerializer, responses=s.FundFactCheckSerializer
    )
    def post(self, request, pk: int):
        fact_check = permissions.get_fact_check_for(request.user, pk)
        data = s.FundFactCheckVerdictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = factcheck_services.fact_check_submit(
            actor=request.user, fact_check=fact_check, verdict=data.validated_data["verdict"],
            summary=data.validated_data.get("summary", ""),
        )  # fmt: skip
        return Response(s.FundFactCheckSerializer(done).data)


class FactCheckNotesView(APIView):
    """A line note on the applied revision."""

    @extend_schema(
        request=s.FundFactCheckNoteInputSerializer, responses={201: s.FundFactCheckNoteSerializer}
    )
    def post(self, request, pk: int):
        fact_check = permissions.get_fact_check_for(request.user, pk)
        data = s.FundFactCheckNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = factcheck_services.fact_check_note_add(
            actor=request.user, fact_check=fact_check, **data.validated_data
        )
        return Response(s.FundFactCheckNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class ExpertiseView(GenericAPIView):
    """The signed-in person's declared expertise; declare one more."""

    serializer_class = s.FundExpertiseSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundExpertiseSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(request.user.fund_expertise.order_by("area", "pk"))
        return self.get_paginated_response(s.FundExpertiseSerializer(page, many=True).data)

    @extend_schema(
        request=s.FundExpertiseInputSerializer, responses={201: s.FundExpertiseSerializer}
    )
    def post(self, request):
        data = s.FundExpertiseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        expertise = factcheck_services.expertise_declare(
            actor=request.user, area=data.validated_data["area"],
            note=data.validated_data.get("note", ""),
        )  # fmt: skip
        return Response(s.FundExpertiseSerializer(expertise).data, status=status.HTTP_201_CREATED)
