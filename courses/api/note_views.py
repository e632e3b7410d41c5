"""Graders' line notes on a submission: graders write and read them; the submission's
students read them once the grades are released."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import permissions, selectors
from courses.api import note_serializers as s
from courses.services import grading as services


class GraderNoteListView(GenericAPIView):
    serializer_class = s.GraderNoteSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="submission_notes_list", responses=s.GraderNoteSerializer(many=True)
    )
    def get(self, request, pk: int):
        submission = permissions.get_submission_for(request.user, pk)
        if not permissions.can_see_grader_notes(request.user, submission):
            raise PermissionDenied
        page = self.paginate_queryset(selectors.grader_notes_of(submission))
        return self.get_paginated_response(s.GraderNoteSerializer(page, many=True).data)

    @extend_schema(
        operation_id="submission_note_add",
        request=s.GraderNoteInputSerializer,
        responses={201: s.GraderNoteSerializer},
        description="A note on a line of the submitted revision (instructors and mentors).",
    )
    def post(self, request, pk: int):
        submission = permissions.get_submission_for(request.user, pk)
        data = s.GraderNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = services.grader_note_add(
            actor=request.user, submission=submission, **data.validated_data
        )
        return Response(s.GraderNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class GraderNoteDetailView(APIView):
    @extend_schema(operation_id="submission_note_delete", responses={204: None})
    def delete(self, request, pk: int, note_pk: int):
        note = permissions.get_own_grader_note_for(request.user, pk, note_pk)
        services.grader_note_delete(actor=request.user, note=note)
        return Response(status=status.HTTP_204_NO_CONTENT)
