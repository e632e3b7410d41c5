"""The instructor side of the courses API: cohorts of a course, their moves, assignments,
peer review, and the roster (staff, invitations, applications, removals).

Each view loads through the same access helpers as the pages (`courses.permissions`) and
calls the same service: a stranger or another cohort's instructor gets 404 for a cohort
being prepared and 403 for a public one, as on the roster page; a student gets 403.
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import permissions, selectors
from courses.api import manage_serializers as ms
from courses.api import serializers as s
from courses.api.views import cohort_data, member_assignment
from courses.services import assignments as assignment_services
from courses.services import cohorts as services
from courses.services.peer_review import peer_review_start

# --- Cohorts ------------------------------------------------------------------------------


class CohortCreateView(APIView):
    @extend_schema(
        operation_id="course_cohort_create",
        request=ms.CohortInputSerializer,
        responses={201: s.CohortSerializer},
        description="A new cohort of the course, being prepared (the course's managers); "
        "you are its first instructor. Open it with POST /api/v1/cohorts/{id}/move/.",
    )
    def post(self, request, slug: str):
        course = permissions.get_course_for(request.user, slug, action="manage")
        data = ms.CohortInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cohort = services.cohort_create(actor=request.user, course=course, **data.validated_data)
        return Response(cohort_data(cohort), status=status.HTTP_201_CREATED)


class CohortMoveView(APIView):
    @extend_schema(
        operation_id="cohort_move",
        request=ms.CohortMoveInputSerializer,
        responses=s.CohortSerializer,
        description="Open, close or finish the cohort (its instructors and the course's "
        "managers); a move the cohort's state does not allow answers 409.",
    )
    def post(self, request, pk: int):
        cohort = permissions.get_cohort_by_id_for(request.user, pk, action="run")
        data = ms.CohortMoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cohort = services.cohort_move(
            actor=request.user, cohort=cohort, move=data.validated_data["move"]
        )
        return Response(cohort_data(cohort))


# --- Assignments --------------------------------------------------------------------------


class AssignmentDetailView(APIView):
    @extend_schema(operation_id="cohort_assignment_detail", responses=s.AssignmentSerializer)
    def get(self, request, pk: int, assignment_pk: int):
        _cohort, assignment = member_assignment(request.user, pk, assignment_pk)
        return Response(s.AssignmentSerializer(assignment).data)

    @extend_schema(
        operation_id="cohort_assignment_update",
        request=ms.AssignmentUpdateInputSerializer,
        responses=s.AssignmentSerializer,
        description="Change an assignment (the cohort's instructors and the course's managers).",
    )
    def patch(self, request, pk: int, assignment_pk: int):
        _cohort, assignment = member_assignment(request.user, pk, assignment_pk)
        if not permissions.can_edit_assignment(request.user, assignment):
            raise PermissionDenied
        data = ms.AssignmentUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = assignment_services.assignment_update(
            actor=request.user, assignment=assignment, **data.validated_data
        )
        return Response(s.AssignmentSerializer(assignment).data)


class PeerReviewStartView(APIView):
    @extend_schema(
        operation_id="cohort_assignment_peer_review_start",
        request=None,
        responses=ms.PeerReviewStartedSerializer,
        description="Start the cohort's peer review of an assignment before submissions "
        "close (its instructors and the course's managers).",
    )
    def post(self, request, pk: int, assignment_pk: int):
        cohort = permissions.get_cohort_by_id_for(request.user, pk, action="run")
        assignment = permissions.get_assignment_for(request.user, cohort, assignment_pk)
        assigned = peer_review_start(actor=request.user, assignment=assignment)
        return Response({"assigned": assigned})


# --- The roster ---------------------------------------------------------------------------


class RosterView(GenericAPIView):
    serializer_class = ms.RosterMemberSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="cohort_members_list",
        responses=ms.RosterMemberSerializer(many=True),
        description="The roster: staff and students with the lessons each student marked "
        "done (the cohort's staff and the course's managers).",
    )
    def get(self, request, pk: int):
        cohort = permissions.get_cohort_by_id_for(request.user, pk, action="roster")
        page = self.paginate_queryset(selectors.roster_with_progress(cohort))
        context = {"released": selectors.released_count(cohort)}
        return self.get_paginated_response(
            ms.RosterMemberSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        operation_id="cohort_staff_add",
        request=ms.StaffAddInputSerializer,
        responses={201: ms.RosterMemberSerializer},
        description="Add an instructor, a mentor or a teaching assistant by their address.",
    )
    def post(self, request, pk: int):
        cohort = permissions.get_cohort_by_id_for(request.user, pk, action="run")
        data = ms.StaffAddInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = services.staff_add_by_email(
            actor=request.user, cohort=cohort, **data.validated_data
        )
        context = {"released": selectors.released_count(cohort)}
        return Response(
            ms.RosterMemberSerializer(member, context=context).data, status=status.HTTP_201_CREATED
        )


class RosterMemberView(APIView):
    @extend_schema(
        operation_id="cohort_staff_role_change",
        request=ms.StaffRoleInputSerializer,
        responses=ms.RosterMemberSerializer,
        description="Give a member of staff another staff role; a cohort keeps an instructor.",
    )
    def patch(self, request, pk: int, member_pk: int):
        member = permissions.get_cohort_member_for(request.user, pk, member_pk)
        data = ms.StaffRoleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = services.staff_role_change(
            actor=request.user, member=member, role=data.validated_data["role"]
        )
        context = {"released": selectors.released_count(member.cohort)}
        return Response(ms.RosterMemberSerializer(member, context=context).data)

    @extend_schema(
        operation_id="cohort_member_remove",
        responses={204: None},
        description="Take someone off the roster: a student (told; the place goes to the "
        "wait list) or a member of staff (not the last instructor).",
    )
    def delete(self, request, pk: int, member_pk: int):
        member = permissions.get_cohort_member_for(request.user, pk, member_pk)
        services.roster_member_remove(actor=request.user, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EnrolmentListView(GenericAPIView):
    serializer_class = ms.CohortEnrolmentSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="cohort_enrolments_list",
        responses=ms.CohortEnrolmentSerializer(many=True),
        description="Invitations, applications and the wait list, oldest first (the "
        "cohort's staff and the course's managers).",
    )
    def get(self, request, pk: int):
        cohort = permissions.get_cohort_by_id_for(request.user, pk, action="roster")
        page = self.paginate_queryset(selectors.waiting_list(cohort))
        return self.get_paginated_response(ms.CohortEnrolmentSerializer(page, many=True).data)

    @extend_schema(
        operation_id="cohort_invite",
        request=ms.InviteInputSerializer,
        responses={201: ms.CohortEnrolmentSerializer},
        description="Invite a platform member, by their address, to join as a student.",
    )
    def post(self, request, pk: int):
        cohort = permissions.get_cohort_by_id_for(request.user, pk, action="run")
        data = ms.InviteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = services.invite_by_email(
            actor=request.user, cohort=cohort, email=data.validated_data["email"]
        )
        return Response(
            ms.CohortEnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED
        )


class EnrolmentDecisionView(APIView):
    @extend_schema(
        operation_id="cohort_enrolment_decide",
        request=ms.EnrolmentDecisionInputSerializer,
        responses=ms.CohortEnrolmentSerializer,
        description="Approve or decline an application, or decline a place on the wait "
        "list; the person is told. A decision the enrolment's state refuses answers 409.",
    )
    def post(self, request, pk: int, enrolment_pk: int):
        enrolment = permissions.get_enrolment_for(request.user, pk, enrolment_pk)
        data = ms.EnrolmentDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = services.application_decide(
            actor=request.user, enrolment=enrolment, approve=data.validated_data["approve"]
        )
        return Response(ms.CohortEnrolmentSerializer(enrolment).data)
