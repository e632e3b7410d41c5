"""Certificates in the API: the same services, selectors and access helpers as the pages."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import permissions, selectors
from courses.api import certificate_serializers as s
from courses.models import CohortRole
from courses.services import certificates as services


class CertificateVerifyView(APIView):
    """Check a certificate by its code, without signing in: genuine, revoked or not."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.PublicCertificateSerializer)
    def get(self, request, code: str):
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            raise Http404(_("No certificate has this code. Check it and try again."))
        return Response(s.PublicCertificateSerializer(certificate).data)


class MyCertificateListView(GenericAPIView):
    """Your certificates, revoked ones included."""

    serializer_class = s.CertificateSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.certificates_held_by(self.request.user)

    @extend_schema(responses=s.CertificateSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.CertificateSerializer(page, many=True).data)


class CertificateDetailView(APIView):
    """A certificate, for the student it was issued to and the cohort's staff; its student
    chooses whether their profile shows it."""

    @extend_schema(responses=s.CertificateSerializer)
    def get(self, request, pk: int):
        return Response(
            s.CertificateSerializer(permissions.get_certificate_for(request.user, pk)).data
        )

    @extend_schema(request=s.CertificateUpdateInputSerializer, responses=s.CertificateSerializer)
    def patch(self, request, pk: int):
        certificate = permissions.get_certificate_for(request.user, pk, action="choose_visibility")
        data = s.CertificateUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = services.certificate_set_visibility(
            actor=request.user,
            certificate=certificate,
            show_on_profile=data.validated_data["show_on_profile"],
        )
        return Response(s.CertificateSerializer(certificate).data)


class CertificateRevokeView(APIView):
    """Revoke a certificate (the record stays; its verification says it was revoked)."""

    @extend_schema(request=s.CertificateRevokeInputSerializer, responses=s.CertificateSerializer)
    def post(self, request, pk: int):
        certificate = permissions.get_certificate_for(request.user, pk, action="revoke")
        data = s.CertificateRevokeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = services.certificate_revoke(
            actor=request.user, certificate=certificate, reason=data.validated_data["reason"]
        )
        return Response(s.CertificateSerializer(certificate).data)


class CohortCertificateListView(GenericAPIView):
    """A cohort's students with their completion and certificates (its staff); issue one."""

    serializer_class = s.CertificateRowSerializer
    filter_backends: list = []

    @extend_schema(responses=s.CertificateRowSerializer(many=True))
    def get(self, request, slug: str, pk: int):
        cohort = permissions.get_cohort_for(request.user, slug, pk, action="roster")
        page = self.paginate_queryset(selectors.cohort_certificate_rows(cohort))
        return self.get_paginated_response(s.CertificateRowSerializer(page, many=True).data)

    @extend_schema(
        request=s.CertificateIssueInputSerializer, responses={201: s.CertificateSerializer}
    )
    def post(self, request, slug: str, pk: int):
        cohort = permissions.get_cohort_for(request.user, slug, pk, action="run")
        data = s.CertificateIssueInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        member = (
            cohort.members.filter(role=CohortRole.STUDENT, user_id=values["student"])
            .select_related("user")
            .first()
        )
        if member is None:
            raise Http404(_("This person is not a student of the cohort."))
        certificate = services.certificate_issue(
            actor=request.user,
            cohort=cohort,
            student=member.user,
            grade_band=values["grade_band"],
            override_reason=values["override_reason"],
        )
        return Response(s.CertificateSerializer(certificate).data, status=status.HTTP_201_CREATED)


class CohortCertificateIssueAllView(APIView):
    """Issue a certificate to every student who has completed the cohort and holds none."""

    @extend_schema(request=None, responses={200: s.BulkIssueSerializer})
    def post(self, request, slug: str, pk: int):
        cohort = permissions.get_cohort_for(request.user, slug, pk, action="run")
        result = services.certificate_issue_all(actor=request.user, cohort=cohort)
        return Response(
            s.BulkIssueSerializer(
                {
                    "issued": result.issued,
                    "not_completed": [
                        {"student": student, "reasons": reasons}
                        for student, reasons in result.not_completed.items()
                    ],
                    "already_certified": result.already_certified,
                }
            ).data
        )
