"""The courses API: the same access helpers, selectors and services as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import permissions, selectors
from courses.api import serializers as s
from courses.models import Cohort, CohortRole
from courses.services import assignments as assignment_services
from courses.services import cohorts as cohort_services
from courses.services import grading as grading_services
from scripts_app.models import Revision

FILTERS = ("theme", "language", "level", "organisation")


class CourseListView(GenericAPIView):
    """The catalogue: courses with a cohort open for enrolment."""

    permission_classes = [AllowAny]
    serializer_class = s.CourseSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.catalogue(
            self.request.user, **{key: self.request.query_params.get(key, "") for key in FILTERS}
        )

    @extend_schema(
        parameters=[OpenApiParameter(key, str, required=False) for key in FILTERS],
        responses=s.CourseSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.CourseSerializer(page, many=True).data)


class CourseDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.CourseDetailSerializer)
    def get(self, request, slug: str):
        course = permissions.get_course_for(request.user, slug)
        cohorts = selectors.cohorts_of(
            course, request.user, managers=permissions.can_manage_course(request.user, course)
        )
        return Response(s.CourseDetailSerializer(course, context={"cohorts": cohorts}).data)


def _cohort(user, pk: int) -> Cohort:  # type: ignore[no-untyped-def]
    return permissions.get_cohort_by_id_for(user, pk)


def _cohort_data(cohort: Cohort) -> dict:
    places = selectors.place_counts(cohort)
    cohort.places_left = places["left"]  # type: ignore[attr-defined]
    cohort.waiting = places["waiting"]  # type: ignore[attr-defined]
    return s.CohortSerializer(cohort).data


class CohortDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.CohortSerializer)
    def get(self, request, pk: int):
        return Response(_cohort_data(_cohort(request.user, pk)))


class CohortJoinView(APIView):
    """Join an open cohort (or its wait list), or apply to one that approves."""

    @extend_schema(request=s.JoinInputSerializer, responses={201: s.EnrolmentSerializer})
    def post(self, request, pk: int):
        cohort = _cohort(request.user, pk)
        data = s.JoinInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = cohort_services.enrol_self(
            actor=request.user, cohort=cohort, message=data.validated_data["message"]
        )
        return Response({"status": enrolment.status}, status=status.HTTP_201_CREATED)


class CohortLeaveView(APIView):
    @extend_schema(request=None, responses=s.EnrolmentSerializer)
    def post(self, request, pk: int):
        cohort = _cohort(request.user, pk)
        enrolment = cohort_services.leave(actor=request.user, cohort=cohort)
        return Response({"status": enrolment.status})


def _member_cohort(user, pk: int) -> Cohort:  # type: ignore[no-untyped-def]
    cohort = _cohort(user, pk)
    if cohort.viewer_role is None and not permissions.can_manage_course(user, cohort.course):  # type: ignore[attr-defined]
        raise Http404
    return cohort


class AssignmentListView(GenericAPIView):
    """A cohort's assignments, for its students, staff and the course's managers."""

    serializer_class = s.AssignmentSerializer
    filter_backends: list = []

    @extend_schema(responses=s.AssignmentSerializer(many=True))
    def get(self, request, pk: int):
        cohort = _member_cohort(request.user, pk)
        page = self.paginate_queryset(selectors.assignments_of(cohort))
        return self.get_paginated_response(s.AssignmentSerializer(page, many=True).data)


def _assignment(user, cohort_pk: int, pk: int):  # type: ignore[no-untyped-def]
    cohort = _member_cohort(user, cohort_pk)
    return cohort, permissions.get_assignment_for(user, cohort, pk)


def _own_revision(user, pk: int) -> Revision:  # type: ignore[no-untyped-def]
    revision = selectors.writable_revision(user, pk)
    if revision is None:
        raise Http404
    return revision


class AssignmentCheckView(APIView):
    """The requirement checks of one of your revisions, before you submit it."""

    @extend_schema(request=s.RevisionInputSerializer, responses=s.CheckSerializer(many=True))
    def post(self, request, pk: int, assignment_pk: int):
        _cohort_, assignment = _assignment(request.user, pk, assignment_pk)
        data = s.RevisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        revision = _own_revision(request.user, data.validated_data["revision"])
        checks = assignment_services.requirement_checks(assignment, revision)
        return Response([check.as_json() for check in checks])


class SubmissionCreateView(APIView):
    @extend_schema(request=s.RevisionInputSerializer, responses={201: s.SubmissionSerializer})
    def post(self, request, pk: int, assignment_pk: int):
        cohort, assignment = _assignment(request.user, pk, assignment_pk)
        if cohort.viewer_role != CohortRole.STUDENT:  # type: ignore[attr-defined]
            raise PermissionDenied
        data = s.RevisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        submission = assignment_services.submit(
            actor=request.user,
            assignment=assignment,
            revision=_own_revision(request.user, data.validated_data["revision"]),
            studio_may_read=data.validated_data["studio_may_read"],
        )
        return Response(s.SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)


class SubmissionDetailView(APIView):
    @extend_schema(responses=s.SubmissionSerializer)
    def get(self, request, pk: int):
        return Response(
            s.SubmissionSerializer(permissions.get_submission_for(request.user, pk)).data
        )


class GradeView(APIView):
    """Your grade of a submission (instructors and mentors of its cohort)."""

    @extend_schema(request=s.GradeInputSerializer, responses=s.GradeSerializer)
    def put(self, request, pk: int):
        submission = permissions.get_submission_for(request.user, pk)
        data = s.GradeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        grade = grading_services.grade_save(
            actor=request.user,
            submission=submission,
            scores=data.validated_data["scores"],
            feedback=data.validated_data["feedback"],
        )
        return Response(s.GradeSerializer(grade).data)


class GradesReleaseView(APIView):
    @extend_schema(request=None, responses=s.AssignmentSerializer)
    def post(self, request, pk: int, assignment_pk: int):
        cohort, assignment = _assignment(request.user, pk, assignment_pk)
        assignment = grading_services.grades_release(actor=request.user, assignment=assignment)
        return Response(s.AssignmentSerializer(assignment).data)


class GradebookView(GenericAPIView):
    """Students × assignments with final grades, a page of students at a time. Staff get
    every row; a student gets their own, with only released grades."""

    serializer_class = s.GradebookRowSerializer
    filter_backends: list = []

    @extend_schema(responses=s.GradebookRowSerializer(many=True))
    def get(self, request, pk: int):
        cohort = _member_cohort(request.user, pk)
        staff = permissions.can_see_roster(request.user, cohort, role=cohort.viewer_role)  # type: ignore[attr-defined]
        if not staff and cohort.viewer_role != CohortRole.STUDENT:  # type: ignore[attr-defined]
            raise PermissionDenied
        assignments, rows = selectors.gradebook(
            cohort, only_user_id=None if staff else request.user.pk
        )
        released = {a.pk: a.grades_released_at is not None for a in assignments}
        rows = self.paginate_queryset(rows)  # type: ignore[arg-type]
        return self.get_paginated_response(
            s.GradebookRowSerializer(
                [
                    {
                        "student": row.student.pk,
                        "name": str(row.student),
                        "cells": [
                            {
                                "assignment": assignment.pk,
                                "submission": cell.submission_id,
                                "graded": cell.graded and (staff or released[assignment.pk]),
                                "points": cell.points if staff or released[assignment.pk] else None,
                                "late_days": cell.late_days,
                            }
                            for assignment, cell in zip(assignments, row.cells, strict=True)
                        ],
                        "total": sum(
                            (
                                cell.points
                                for assignment, cell in zip(assignments, row.cells, strict=True)
                                if cell.points is not None and (staff or released[assignment.pk])
                            ),
                            start=row.total * 0,
                        ),
                    }
                    for row in rows
                ],
                many=True,
            ).data
        )
