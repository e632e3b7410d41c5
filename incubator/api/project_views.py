"""Funded projects in the API: the same access helpers, selectors and services as the
project's page (incubator/views/projects.py)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from incubator import permissions, selectors
from incubator.api import project_serializers as s
from incubator.services import awards as services


def _project_data(project):  # type: ignore[no-untyped-def]
    fresh = permissions.get_project_for_api(project)
    return s.FundProjectSerializer(fresh).data


class ProjectCreateView(APIView):
    """A fund manager turns an awarded application into a project (contracting)."""

    @extend_schema(request=s.FundProjectCreateSerializer, responses={201: s.FundProjectSerializer})
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="manage")
        data = s.FundProjectCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = services.project_create(
            actor=request.user, application=application, **data.validated_data
        )
        return Response(_project_data(project), status=status.HTTP_201_CREATED)


class ProjectDetailView(APIView):
    """A funded project with its agreement and milestones (its applicants and the fund's
    managers)."""

    @extend_schema(responses=s.FundProjectSerializer)
    def get(self, request, pk: int):
        return Response(_project_data(permissions.get_project_for(request.user, pk)))

    @extend_schema(
        operation_id="fund_project_move",
        request=s.FundProjectMoveSerializer,
        responses=s.FundProjectSerializer,
        description="issue_agreement, complete, terminate (with a reason): the fund's "
        "managers; public / private (the public list of awards): the lead.",
    )
    def post(self, request, pk: int):
        project = permissions.get_project_for(request.user, pk)
        data = s.FundProjectMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        move, user = data.validated_data["move"], request.user
        if move == "issue_agreement":
            services.agreement_issue(actor=user, project=project)
        elif move == "complete":
            services.project_complete(actor=user, project=project)
        elif move == "terminate":
            services.project_terminate(
                actor=user, project=project, reason=data.validated_data["reason"]
            )
        else:
            services.project_set_public(actor=user, project=project, public=move == "public")
        return Response(_project_data(project))


class AgreementAcceptView(APIView):
    """Accept the issued agreement: the lead for the grantees, a manager for the fund. Send
    the hash of the text you read; if it changed since, nothing is accepted (409)."""

    @extend_schema(request=s.FundAgreementAcceptSerializer, responses=s.FundProjectSerializer)
    def post(self, request, pk: int):
        project = permissions.get_project_for(request.user, pk)
        data = s.FundAgreementAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.agreement_accept(
            actor=request.user, project=project,
            agreement_hash=data.validated_data["agreement_hash"],
        )  # fmt: skip
        return Response(_project_data(project))


class MilestonesView(APIView):
    @extend_schema(
        request=s.FundMilestoneInputSerializer, responses={201: s.FundMilestoneSerializer}
    )
    def post(self, request, pk: int):
        project = permissions.get_project_for(request.user, pk)
        data = s.FundMilestoneInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        milestone = services.milestone_add(
            actor=request.user, project=project, **data.validated_data
        )
        return Response(s.FundMilestoneSerializer(milestone).data, status=status.HTTP_201_CREATED)


def _milestone(request, pk: int, milestone_pk: int):  # type: ignore[no-untyped-def]
    project = permissions.get_project_for(request.user, pk)
    milestone = project.milestones.filter(pk=milestone_pk).first()
    if milestone is None:
        raise Http404
    milestone.project = project
    return milestone


class MilestoneDeliverView(APIView):
    """The grantees deliver a milestone: a registered revision (entry id), a file, a report
    or the filing number, as its kind asks."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request=s.FundDeliverSerializer, responses=s.FundMilestoneSerializer)
    def post(self, request, pk: int, milestone_pk: int):
        milestone = _milestone(request, pk, milestone_pk)
        data = s.FundDeliverSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = None
        if data.validated_data.get("entry"):
            entry = milestone.project.application.series.registry_entries.filter(
                pk=data.validated_data["entry"]
            ).first()
        moved = services.milestone_deliver(
            actor=request.user, milestone=milestone, entry=entry,
            upload=data.validated_data.get("file"), report=data.validated_data["report"],
            filing_number=data.validated_data["filing_number"],
        )  # fmt: skip
        return Response(s.FundMilestoneSerializer(moved).data)


class MilestoneAcceptView(APIView):
    @extend_schema(request=None, responses=s.FundMilestoneSerializer)
    def post(self, request, pk: int, milestone_pk: int):
        moved = services.milestone_accept(
            actor=request.user, milestone=_milestone(request, pk, milestone_pk)
        )
        return Response(s.FundMilestoneSerializer(moved).data)


class MilestoneReturnView(APIView):
    @extend_schema(request=s.FundReasonSerializer, responses=s.FundMilestoneSerializer)
    def post(self, request, pk: int, milestone_pk: int):
        milestone = _milestone(request, pk, milestone_pk)
        data = s.FundReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = services.milestone_return(
            actor=request.user, milestone=milestone, reason=data.validated_data["reason"]
        )
        return Response(s.FundMilestoneSerializer(moved).data)


class TranchesView(GenericAPIView):
    """The project's tranches (its ledger), and planning one (the fund's managers)."""

    serializer_class = s.FundTrancheSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundTrancheSerializer(many=True))
    def get(self, request, pk: int):
        project = permissions.get_project_for(request.user, pk)
        page = self.paginate_queryset(project.disbursements.order_by("scheduled_on", "pk"))
        return self.get_paginated_response(s.FundTrancheSerializer(page, many=True).data)

    @extend_schema(request=s.FundTrancheInputSerializer, responses={201: s.FundTrancheSerializer})
    def post(self, request, pk: int):
        project = permissions.get_project_for(request.user, pk)
        data = s.FundTrancheInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        milestone_pk = fields.pop("milestone", None)
        milestone = None
        if milestone_pk is not None:
            milestone = project.milestones.filter(pk=milestone_pk).first()
            if milestone is None:
                raise Http404
        tranche = services.disbursement_schedule(
            actor=request.user, project=project, milestone=milestone, **fields
        )
        return Response(s.FundTrancheSerializer(tranche).data, status=status.HTTP_201_CREATED)


class TrancheMoveView(APIView):
    """approve (under the tranche's row lock; one paid on a milestone waits for it), pay
    (with the payment's reference) or cancel."""

    @extend_schema(
        operation_id="fund_project_tranche_move",
        request=s.FundTrancheMoveSerializer,
        responses=s.FundTrancheSerializer,
    )
    def post(self, request, pk: int, tranche_pk: int):
        project = permissions.get_project_for(request.user, pk)
        tranche = project.disbursements.filter(pk=tranche_pk).first()
        if tranche is None:
            raise Http404
        tranche.project = project
        data = s.FundTrancheMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        move = data.validated_data["move"]
        if move == "approve":
            moved = services.disbursement_approve(actor=request.user, tranche=tranche)
        elif move == "pay":
            moved = services.disbursement_mark_paid(
                actor=request.user, tranche=tranche, reference=data.validated_data["reference"]
            )
        else:
            moved = services.disbursement_cancel(actor=request.user, tranche=tranche)
        return Response(s.FundTrancheSerializer(moved).data)


class ReportsView(GenericAPIView):
    serializer_class = s.FundReportSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundReportSerializer(many=True))
    def get(self, request, pk: int):
        project = permissions.get_project_for(request.user, pk)
        page = self.paginate_queryset(project.reports.order_by("due_on", "pk"))
        return self.get_paginated_response(s.FundReportSerializer(page, many=True).data)

    @extend_schema(request=s.FundReportInputSerializer, responses={201: s.FundReportSerializer})
    def post(self, request, pk: int):
        project = permissions.get_project_for(request.user, pk)
        data = s.FundReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_schedule(
            actor=request.user, project=project, **data.validated_data
        )
        return Response(s.FundReportSerializer(report).data, status=status.HTTP_201_CREATED)


class ReportSubmitView(APIView):
    @extend_schema(
        operation_id="fund_project_report_submit",
        request=s.FundReportSubmitSerializer,
        responses=s.FundReportSerializer,
    )
    def post(self, request, pk: int, report_pk: int):
        project = permissions.get_project_for(request.user, pk)
        report = project.reports.filter(pk=report_pk).first()
        if report is None:
            raise Http404
        report.project = project
        data = s.FundReportSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        submitted = services.report_submit(
            actor=request.user, report=report, body=data.validated_data["body"]
        )
        return Response(s.FundReportSerializer(submitted).data)


class PublicProjectsView(GenericAPIView):
    """Funded projects whose grantees chose to show them. Anyone may read them."""

    permission_classes = [AllowAny]
    serializer_class = s.FundPublicProjectSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundPublicProjectSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.public_projects())
        return self.get_paginated_response(s.FundPublicProjectSerializer(page, many=True).data)
