"""The review API: the same access helpers, services and blind-safe selectors as the pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import users_public
from core.api.pagination import LongListPagination
from core.exceptions import Conflict
from core.pagination import NarrowFirst
from reviews import permissions, selectors
from reviews.api import serializers as s
from reviews.models import LineNote, Review
from reviews.services.calibration import calibration_submit
from reviews.services.conflicts import conflict_declare, conflict_withdraw
from reviews.services.requests import request_close, review_request_create, staff_decide, staff_take
from reviews.services.reviewing import (
    assignment_decline,
    line_note_add,
    line_note_delete,
    note_reply,
    note_set_resolved,
    review_rate,
    review_save,
)
from reviews.services.rubrics import rubric_save_criteria, version_for_use
from scripts_app import permissions as script_permissions


class LedgerView(APIView):
    """Give and get: credits, reviews to give, reviews still awaited."""

    @extend_schema(responses=s.LedgerSerializer)
    def get(self, request):
        ledger = selectors.ledger_for(request.user)
        return Response(
            {"balance": ledger.balance, "to_give": ledger.to_give, "awaiting": ledger.awaiting}
        )


class RubricListView(GenericAPIView):
    serializer_class = s.RubricSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.rubrics_published().prefetch_related("versions__criteria")

    @extend_schema(responses=s.RubricSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.RubricSerializer(page, many=True).data)


class RubricCriteriaView(APIView):
    """Change a rubric's criteria; a version already used by a request is kept and a new one made."""

    @extend_schema(request=s.RubricCriteriaInputSerializer, responses=s.RubricVersionSerializer)
    def put(self, request, slug: str):
        rubric = permissions.get_rubric_for(request.user, slug, action="manage")
        data = s.RubricCriteriaInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        version = rubric_save_criteria(
            actor=request.user,
            rubric=rubric,
            criteria=[{**c, "weight": f"{c['weight']:.2f}"} for c in values["criteria"]],
            scale=(values["scale_min"], values["scale_max"]),
            divergence_threshold=values["divergence_threshold"],
        )
        return Response(s.RubricVersionSerializer(version).data)


class SeriesRequestView(APIView):
    """Ask for review of a revision of a series (the current one by default)."""

    @extend_schema(request=s.RequestInputSerializer, responses={201: s.RequestSummarySerializer})
    def post(self, request, pk: int):
        series = script_permissions.get_series_for(request.user, pk, action="edit")
        data = s.RequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        revision = series.head
        if "revision" in values:
            revision = series.revisions.filter(number=values["revision"]).first()
            if revision is None:
                raise ValidationError(
                    {"revision": [_("No revision with this number in this series.")]}
                )
        if revision is None:
            raise Conflict({"revision": [_("There is no text to review yet.")]})
        mentor = None
        if "mentor" in values:
            mentor = users_public().filter(pk=values["mentor"]).first()
            if mentor is None:
                raise ValidationError({"mentor": [_("No such mentor.")]})
        rubric = values.get("rubric") or selectors.rubric_default()
        if rubric is None:
            raise ValidationError({"rubric": [_("Choose a rubric.")]})
        created = review_request_create(
            actor=request.user, series=series, revision=revision, kind=values["kind"],
            rubric_version=version_for_use(rubric), blindness=values["blindness"],
            reviews_needed=values.get("reviews_needed"), due_at=values.get("due_at"), mentor=mentor,
            episode_from=values.get("episode_from"), episode_to=values.get("episode_to"), note=values.get("note", ""),
        )  # fmt: skip
        created.submitted = 0
        return Response(s.RequestSummarySerializer(created).data, status=status.HTTP_201_CREATED)


class RequestListView(GenericAPIView):
    """Review requests on the series you write."""

    serializer_class = s.RequestSummarySerializer
    filter_backends: list = []

    @extend_schema(responses=s.RequestSummarySerializer(many=True))
    def get(self, request):
        # The page is cut on narrow rows first: joining every request of a writer with
        # 1,100 series to its series and revision before sorting cost 30 ms for 20 rows.
        page = self.paginate_queryset(
            NarrowFirst(
                selectors.requests_for_writer(request.user),
                rows=selectors.requests_for_writer_rows(request.user),
            )
        )
        return self.get_paginated_response(s.RequestSummarySerializer(page, many=True).data)


class RequestDetailView(APIView):
    """The score report, as you may see it (blind review stays blind)."""

    @extend_schema(responses=s.ReportSerializer)
    def get(self, request, pk: int):
        review_request = permissions.get_request_for(request.user, pk)
        report = selectors.report_for(request.user, review_request)
        return Response(s.report_data(report))


class RequestCloseView(APIView):
    @extend_schema(request=None, responses=s.RequestSummarySerializer)
    def post(self, request, pk: int):
        review_request = permissions.get_request_for_writer(request.user, pk)
        closed = request_close(actor=request.user, request=review_request)
        closed.submitted = selectors.report_for(request.user, closed).submitted
        return Response(s.RequestSummarySerializer(closed).data)


class RatingView(APIView):
    @extend_schema(request=s.RatingInputSerializer, responses={204: None})
    def post(self, request, pk: int, review_pk: int):
        review = permissions.get_review_for_writer(request.user, pk, review_pk)
        data = s.RatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review_rate(actor=request.user, review=review, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffDecisionView(APIView):
    @extend_schema(request=s.DecisionInputSerializer, responses=s.RequestSummarySerializer)
    def post(self, request, pk: int):
        review_request = permissions.get_request_for(request.user, pk)
        data = s.DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decided = staff_decide(actor=request.user, request=review_request, **data.validated_data)
        decided.submitted = selectors.report_for(request.user, decided).submitted
        return Response(s.RequestSummarySerializer(decided).data)


class StaffTakeView(APIView):
    @extend_schema(request=None, responses={201: s.AssignmentOutSerializer})
    def post(self, request, pk: int):
        review_request = permissions.get_request_for(request.user, pk)
        assignment = staff_take(actor=request.user, request=review_request)
        return Response(s.AssignmentOutSerializer(assignment).data, status=status.HTTP_201_CREATED)


class AssignmentListView(GenericAPIView):
    """Scripts assigned to you to review."""

    serializer_class = s.AssignmentOutSerializer
    filter_backends: list = []

    @extend_schema(responses=s.AssignmentOutSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.assignments_for_reviewer(request.user))
        return self.get_paginated_response(s.AssignmentOutSerializer(page, many=True).data)


def _review_state(assignment) -> dict:
    review = Review.objects.filter(assignment=assignment).first()
    scores = {}
    if review is not None:
        for score in review.scores.select_related("criterion"):
            scores[score.criterion.key] = {"score": score.score, "comment": score.comment}
    return {
        "status": review.status if review else "draft",
        "scores": scores,
        "overall_comment": review.overall_comment if review else "",
        "submitted_at": review.submitted_at if review else None,
    }


class AssignmentReviewView(APIView):
    """Your review for an assignment: read it, save a draft, or submit it (submit=true)."""

    @extend_schema(responses=s.ReviewStateSerializer)
    def get(self, request, pk: int):
        return Response(_review_state(permissions.get_assignment_for(request.user, pk)))

    @extend_schema(request=s.ReviewInputSerializer, responses=s.ReviewStateSerializer)
    def put(self, request, pk: int):
        assignment = permissions.get_assignment_for(request.user, pk)
        data = s.ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        review_save(
            actor=request.user, assignment=assignment, scores=values["scores"],
            overall_comment=values.get("overall_comment"), submit=values["submit"],
        )  # fmt: skip
        return Response(_review_state(assignment))


class AssignmentDeclineView(APIView):
    @extend_schema(request=s.DeclineInputSerializer, responses={204: None})
    def post(self, request, pk: int):
        assignment = permissions.get_assignment_for(request.user, pk)
        data = s.DeclineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment_decline(
            actor=request.user, assignment=assignment, reason=data.validated_data.get("reason", "")
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class AssignmentNotesView(GenericAPIView):
    serializer_class = s.LineNoteOutSerializer
    pagination_class = LongListPagination
    filter_backends: list = []

    @extend_schema(responses=s.LineNoteOutSerializer(many=True))
    def get(self, request, pk: int):
        assignment = permissions.get_assignment_for(request.user, pk)
        notes = LineNote.objects.filter(review__assignment=assignment).order_by("line", "pk")
        page = self.paginate_queryset(notes)
        return self.get_paginated_response(s.LineNoteOutSerializer(page, many=True).data)

    @extend_schema(request=s.LineNoteInputSerializer, responses={201: s.LineNoteOutSerializer})
    def post(self, request, pk: int):
        assignment = permissions.get_assignment_for(request.user, pk)
        data = s.LineNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = line_note_add(actor=request.user, assignment=assignment, **data.validated_data)
        return Response(s.LineNoteOutSerializer(note).data, status=status.HTTP_201_CREATED)


class AssignmentNoteDeleteView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, pk: int, note_pk: int):
        note = permissions.get_own_note_for(request.user, pk, note_pk)
        line_note_delete(actor=request.user, note=note)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NoteReplyView(APIView):
    @extend_schema(request=s.ReplyInputSerializer, responses={201: None})
    def post(self, request, note_pk: int):
        note = permissions.get_note_for(request.user, note_pk)
        data = s.ReplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note_reply(actor=request.user, note=note, body=data.validated_data["body"])
        return Response(status=status.HTTP_201_CREATED)


class NoteResolveView(APIView):
    @extend_schema(request=s.ResolveInputSerializer, responses={204: None})
    def patch(self, request, note_pk: int):
        note = permissions.get_note_for(request.user, note_pk)
        data = s.ResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note_set_resolved(actor=request.user, note=note, resolved=data.validated_data["resolved"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class ConflictListView(GenericAPIView):
    serializer_class = s.ConflictOutSerializer
    filter_backends: list = []

    @extend_schema(responses=s.ConflictOutSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.conflicts_declared_by(request.user))
        return self.get_paginated_response(s.ConflictOutSerializer(page, many=True).data)

    @extend_schema(request=s.ConflictInputSerializer, responses={201: s.ConflictOutSerializer})
    def post(self, request):
        data = s.ConflictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        conflict = conflict_declare(actor=request.user, **data.validated_data)
        return Response(s.ConflictOutSerializer(conflict).data, status=status.HTTP_201_CREATED)


class ConflictDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, conflict_pk: int):
        conflict = get_object_or_404(request.user.declared_conflicts, pk=conflict_pk)
        conflict_withdraw(actor=request.user, conflict=conflict)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CalibrationView(APIView):
    @extend_schema(
        request=s.CalibrationInputSerializer, responses={201: s.CalibrationOutSerializer}
    )
    def post(self, request, slug: str):
        data = s.CalibrationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        exemplar = permissions.get_exemplar_for(request.user, slug, data.validated_data["exemplar"])
        attempt = calibration_submit(
            actor=request.user, exemplar=exemplar, scores=data.validated_data["scores"]
        )
        return Response(
            {
                "gap": attempt.gap,
                "scores": attempt.scores,
                "reference_scores": exemplar.reference_scores,
            },
            status=status.HTTP_201_CREATED,
        )
