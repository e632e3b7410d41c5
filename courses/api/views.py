"""The courses API: the same access helpers, selectors and services as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import permissions, selectors
from courses.api import manage_serializers as ms
from courses.api import serializers as s
from courses.models import Cohort, CohortRole, Course
from courses.services import assignments as assignment_services
from courses.services import cohorts as cohort_services
from courses.services import grading as grading_services
from scripts_app.models import Revision

FILTERS = ("theme", "language", "level", "organisation")


class PublicReadMixin:
    """Anyone may read; changes need a signed-in person (401 otherwise), whose rights the
    access helpers and services then check."""

    def get_permissions(self):  # type: ignore[no-untyped-def]
        if self.request.method in ("GET", "HEAD", "OPTIONS"):  # type: ignore[attr-defined]
            return [AllowAny()]
        return [IsAuthenticated()]


def _course_detail(user, course: Course) -> dict:  # type: ignore[no-untyped-def]
    cohorts = selectors.cohorts_of(
        course, user, managers=permissions.can_manage_course(user, course)
    )
    return s.CourseDetailSerializer(course, context={"cohorts": cohorts}).data


class CourseListView(PublicReadMixin, GenericAPIView):
    """The catalogue: courses with a cohort open for enrolment. Educators create courses
    for the universities they administer."""

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

    @extend_schema(
        operation_id="course_create",
        request=ms.CourseInputSerializer,
        responses={201: s.CourseDetailSerializer},
        description="Create a course (educators, for a university they administer).",
    )
    def post(self, request):
        universities = permissions.universities_for_new_courses(request.user)
        if not universities.exists():
            raise PermissionDenied
        data = ms.CourseInputSerializer(data=request.data, universities=universities)
        data.is_valid(raise_exception=True)
        course = cohort_services.course_create(actor=request.user, **data.validated_data)
        return Response(_course_detail(request.user, course), status=status.HTTP_201_CREATED)


class CourseDetailView(PublicReadMixin, APIView):
    @extend_schema(responses=s.CourseDetailSerializer)
    def get(self, request, slug: str):
        course = permissions.get_course_for(request.user, slug)
        return Response(_course_detail(request.user, course))

    @extend_schema(
        operation_id="course_update",
        request=ms.CourseUpdateInputSerializer,
        responses=s.CourseDetailSerializer,
        description="Change a course (the admins of its university and of its studio partner).",
    )
    def patch(self, request, slug: str):
        course = permissions.get_course_for(request.user, slug, action="manage")
        data = ms.CourseUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        course = cohort_services.course_update(
            actor=request.user,
            course=course,
            studio=values.pop("studio", course.studio),
            themes=values.pop("themes", None),
            audiences=values.pop("audiences", None),
            **values,
        )
        return Response(_course_detail(request.user, course))


def _cohort(user, pk: int) -> Cohort:  # type: ignore[no-untyped-def]
    return permissions.get_cohort_by_id_for(user, pk)


def cohort_data(cohort: Cohort) -> dict:
    places = selectors.place_counts(cohort)
    cohort.places_left = places["left"]  # type: ignore[attr-defined]
    cohort.waiting = places["waiting"]  # type: ignore[attr-defined]
    return s.CohortSerializer(cohort).data


class CohortDetailView(PublicReadMixin, APIView):
    @extend_schema(responses=s.CohortSerializer)
    def get(self, request, pk: int):
        return Response(cohort_data(_cohort(request.user, pk)))

    @extend_schema(
        operation_id="cohort_update",
        request=ms.CohortUpdateInputSerializer,
        responses=s.CohortSerializer,
        description="Change a cohort (its instructors and the course's managers).",
    )
    def patch(self, request, pk: int):
        cohort = permissions.get_cohort_by_id_for(request.user, pk, action="run")
        data = ms.CohortUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        current = {name: getattr(cohort, name) for name in cohort_services.COHORT_FIELDS}
        cohort = cohort_services.cohort_update(
            actor=request.user, cohort=cohort, **(current | data.validated_data)
        )
        return Response(cohort_data(cohort))


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

    @extend_schema(
        operation_id="cohort_assignment_create",
        request=ms.AssignmentInputSerializer,
        responses={201: s.AssignmentSerializer},
        description="Publish an assignment to the cohort (its instructors and the course's "
        "managers). An admin of the course's studio partner writes the studio's brief.",
    )
    def post(self, request, pk: int):
        cohort = _member_cohort(request.user, pk)
        if not permissions.can_author_assignment(request.user, cohort):
            raise PermissionDenied
        data = ms.AssignmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = assignment_services.assignment_create(
            actor=request.user, cohort=cohort, **data.validated_data
        )
        return Response(s.AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


def member_assignment(user, cohort_pk: int, pk: int):  # type: ignore[no-untyped-def]
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
        _cohort_, assignment = member_assignment(request.user, pk, assignment_pk)
        data = s.RevisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        revision = _own_revision(request.user, data.validated_data["revision"])
        checks = assignment_services.requirement_checks(assignment, revision)
        return Response([check.as_json() for check in checks])


class SubmissionCreateView(APIView):
    @extend_schema(request=s.RevisionInputSerializer, responses={201: s.SubmissionSerializer})
    def post(self, request, pk: int, assignment_pk: int):
        cohort, assignment = member_assignment(request.user, pk, assignment_pk)
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
        cohort, assignment = member_assignment(request.user, pk, assignment_pk)
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
