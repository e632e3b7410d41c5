"""The fund's API: the same access helpers, selectors and services as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import OrganisationKind
from accounts.selectors import organisations_list
from incubator import permissions, selectors
from incubator.api import serializers as s
from incubator.eligibility import describe_rule, eligibility_check
from incubator.models import Application, ApplicationStatus, CallPhase
from incubator.services import applications as services
from incubator.services import coapplicants as coapplicant_services
from incubator.services import concept as concept_services
from incubator.services import screening as screening_services
from scripts_app.permissions import get_series_for
from scripts_app.selectors import series_people


class CallListView(GenericAPIView):
    """Published calls in one phase: open (default, closing soonest first), upcoming or
    closed. Anyone may read them."""

    permission_classes = [AllowAny]
    serializer_class = s.FundCallSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("phase", str, required=False, enum=list(CallPhase.values)),
        ],
        responses=s.FundCallSerializer(many=True),
    )
    def get(self, request):
        phase = request.query_params.get("phase", CallPhase.OPEN)
        if phase not in CallPhase.values:
            phase = CallPhase.OPEN
        now = timezone.now()
        page = self.paginate_queryset(selectors.calls_in_phase(phase, now=now))
        return self.get_paginated_response(
            s.FundCallSerializer(page, many=True, context={"now": now}).data
        )


class OpenCallsFeedView(GenericAPIView):
    """The open-calls feed (as Hypha's open-calls.json): every call open now, in both
    languages, with its public address. Anyone may read it."""

    permission_classes = [AllowAny]
    serializer_class = s.FundOpenCallSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundOpenCallSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.calls_in_phase(CallPhase.OPEN))
        return self.get_paginated_response(
            s.FundOpenCallSerializer(page, many=True, context={"request": request}).data
        )


class CallDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.FundCallDetailSerializer)
    def get(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug)
        rules = [
            {
                "kind": rule.kind,
                "params": rule.params,
                "description": describe_rule(rule.kind, rule.params),
            }
            for rule in selectors.call_rules(call)
        ]
        return Response(
            s.FundCallDetailSerializer(
                call,
                context={
                    "rules": rules,
                    "form": selectors.current_form(call),
                    "now": timezone.now(),
                },
            ).data
        )


class CallEligibilityView(APIView):
    """Which of the call's rules one of your series (and you) meet, with the reason for each."""

    @extend_schema(request=s.FundEligibilityInputSerializer, responses=s.FundEligibilitySerializer)
    def post(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug)
        data = s.FundEligibilityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        series = get_series_for(request.user, data.validated_data["series"], action="edit")
        results = eligibility_check(call, request.user, series=series)
        return Response(
            s.FundEligibilitySerializer(
                {"eligible": all(r.met for r in results), "rules": [r.as_json() for r in results]}
            ).data
        )


class CallApplicationsView(GenericAPIView):
    """What was submitted to a call (never drafts), for the fund's managers."""

    serializer_class = s.FundManagerApplicationSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status", str, required=False,
                enum=[v for v in ApplicationStatus.values if v != ApplicationStatus.DRAFT],
            )
        ],
        responses=s.FundManagerApplicationSerializer(many=True),
    )  # fmt: skip
    def get(self, request, slug: str):
        call = permissions.get_call_for(request.user, slug, action="manage")
        wanted = request.query_params.get("status", "")
        page = self.paginate_queryset(
            selectors.call_applications(
                call, status=wanted if wanted in ApplicationStatus.values else ""
            )
        )
        return self.get_paginated_response(s.FundManagerApplicationSerializer(page, many=True).data)


def application_data(application: Application) -> dict[str, Any]:
    return s.FundApplicationSerializer(
        application,
        context={
            "lines": selectors.budget_lines(application),
            "answers": list(application.answers.order_by("pk")),
            "coapplicants": selectors.coapplicants_of(application),
        },
    ).data


class ApplicationListView(GenericAPIView):
    """Your applications (as lead or co-applicant); POST starts one."""

    serializer_class = s.FundApplicationListSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Application]:
        return selectors.applications_of(self.request.user)

    @extend_schema(responses=s.FundApplicationListSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.FundApplicationListSerializer(page, many=True).data)

    @extend_schema(
        request=s.FundApplicationCreateSerializer, responses={201: s.FundApplicationSerializer}
    )
    def post(self, request):
        data = s.FundApplicationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call = permissions.get_call_for(request.user, data.validated_data["call"])
        series = get_series_for(request.user, data.validated_data["series"], action="edit")
        entry = series.registry_entries.filter(number=data.validated_data["entry"]).first()
        if entry is None:
            raise ValidationError({"entry": [_("Choose a registered revision of this series.")]})
        application = services.application_start(
            actor=request.user, call=call, series=series, entry=entry
        )
        application = permissions.get_application_for(request.user, application.pk)
        return Response(application_data(application), status=status.HTTP_201_CREATED)


class ApplicationDetailView(APIView):
    @extend_schema(responses=s.FundApplicationSerializer)
    def get(self, request, pk: int):
        return Response(application_data(permissions.get_application_for(request.user, pk)))

    @extend_schema(request=s.FundApplicationUpdateSerializer, responses=s.FundApplicationSerializer)
    def patch(self, request, pk: int):
        """Save the fields given, one at a time (each under the row lock)."""
        application = permissions.get_application_for(request.user, pk, action="edit")
        data = s.FundApplicationUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        bases = values.pop("base", {})
        for field in sorted(values):
            services.application_field_save(
                actor=request.user, application=application, field=field, value=values[field],
                base=bases.get(field),
            )  # fmt: skip
        return Response(application_data(permissions.get_application_for(request.user, pk)))


class BudgetLinesView(APIView):
    @extend_schema(
        request=s.FundBudgetLineInputSerializer, responses={201: s.FundBudgetLineSerializer}
    )
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="edit")
        data = s.FundBudgetLineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = services.budget_line_add(
            actor=request.user, application=application, **data.validated_data
        )
        return Response(s.FundBudgetLineSerializer(line).data, status=status.HTTP_201_CREATED)


def _line(user: Any, pk: int, line_pk: int) -> Any:
    application = permissions.get_application_for(user, pk, action="edit")
    line = application.budget_lines.filter(pk=line_pk).first()
    if line is None:
        raise Http404
    line.application = application
    return line


class BudgetLineDetailView(APIView):
    @extend_schema(request=s.FundBudgetLineUpdateSerializer, responses=s.FundBudgetLineSerializer)
    def patch(self, request, pk: int, line_pk: int):
        line = _line(request.user, pk, line_pk)
        data = s.FundBudgetLineUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = services.budget_line_update(actor=request.user, line=line, **data.validated_data)
        return Response(s.FundBudgetLineSerializer(line).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int, line_pk: int):
        services.budget_line_delete(actor=request.user, line=_line(request.user, pk, line_pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AnswerView(APIView):
    """The answer to one of the call's questions: PUT a text, number or choice; POST a
    file (multipart) for a file question."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="fund_application_answer_save",
        request={"application/json": s.FundAnswerInputSerializer},
        responses=s.FundAnswerSerializer,
    )
    def put(self, request, pk: int, key: str):
        application = permissions.get_application_for(request.user, pk, action="edit")
        data = s.FundAnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answer = services.answer_save(
            actor=request.user, application=application, key=key,
            value=data.validated_data["value"], base=data.validated_data.get("base"),
        )  # fmt: skip
        return Response(s.FundAnswerSerializer(answer).data)

    @extend_schema(
        operation_id="fund_application_answer_upload",
        request={"multipart/form-data": s.FundAnswerUploadSerializer},
        responses=s.FundAnswerSerializer,
    )
    def post(self, request, pk: int, key: str):
        application = permissions.get_application_for(request.user, pk, action="edit")
        data = s.FundAnswerUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answer = services.answer_save(
            actor=request.user, application=application, key=key,
            upload=data.validated_data["file"],
        )  # fmt: skip
        return Response(s.FundAnswerSerializer(answer).data)


class SubmitView(APIView):
    """Submit (the lead). 400 lists every missing piece at once, keyed by field; 409 once
    the call has closed (the draft is kept)."""

    @extend_schema(request=None, responses=s.FundApplicationSerializer)
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="lead")
        services.application_submit(actor=request.user, application=application)
        return Response(application_data(permissions.get_application_for(request.user, pk)))


class WithdrawView(APIView):
    @extend_schema(request=None, responses=s.FundApplicationSerializer)
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="lead")
        services.application_withdraw(actor=request.user, application=application)
        return Response(application_data(permissions.get_application_for(request.user, pk)))


class CoApplicantsView(APIView):
    """Invite a co-writer of the series or a producing studio (the lead)."""

    @extend_schema(
        request=s.FundCoApplicantInviteSerializer, responses={201: s.FundCoApplicantSerializer}
    )
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="lead")
        data = s.FundCoApplicantInviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = None
        if "user" in data.validated_data:
            user = next(
                (
                    p
                    for p in series_people(application.series)
                    if p.pk == data.validated_data["user"]
                ),
                None,
            )
            if user is None:
                raise ValidationError(
                    {"user": [_("Only the series' co-writers can apply with you.")]}
                )
        organisation = None
        if "organisation" in data.validated_data:
            organisation = (
                organisations_list(kind=OrganisationKind.STUDIO)
                .filter(slug=data.validated_data["organisation"])
                .first()
            )
            if organisation is None:
                raise ValidationError({"organisation": [_("No studio has this address name.")]})
        coapplicant = coapplicant_services.coapplicant_invite(
            actor=request.user, application=application, user=user, organisation=organisation
        )
        return Response(
            s.FundCoApplicantSerializer(coapplicant).data, status=status.HTTP_201_CREATED
        )


class CoApplicantDetailView(APIView):
    @extend_schema(responses=s.FundCoApplicantSerializer)
    def delete(self, request, pk: int, coapplicant_pk: int):
        """The lead removes a co-applicant (or an invitation); a co-applicant leaves."""
        application = permissions.get_application_for(request.user, pk, action="edit")
        coapplicant = application.coapplicants.filter(pk=coapplicant_pk).first()
        if coapplicant is None:
            raise Http404
        coapplicant.application = application
        moved = coapplicant_services.coapplicant_remove(actor=request.user, coapplicant=coapplicant)
        return Response(s.FundCoApplicantSerializer(moved).data)


class InvitationListView(GenericAPIView):
    """Open invitations to apply together (to you, or to a studio you administer)."""

    serializer_class = s.FundInvitationSerializer
    filter_backends: list = []

    @extend_schema(responses=s.FundInvitationSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.invitations_for(request.user))
        return self.get_paginated_response(s.FundInvitationSerializer(page, many=True).data)


class InvitationAnswerView(APIView):
    @extend_schema(request=s.FundInvitationAnswerSerializer, responses=s.FundCoApplicantSerializer)
    def post(self, request, pk: int):
        coapplicant = permissions.get_invitation_for(request.user, pk)
        data = s.FundInvitationAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = coapplicant_services.coapplicant_answer(
            actor=request.user, coapplicant=coapplicant, accept=data.validated_data["accept"]
        )
        return Response(s.FundCoApplicantSerializer(moved).data)


class ScreeningView(APIView):
    """A manager starts screening, confirms eligibility, or rules out of remit (with a reason)."""

    @extend_schema(
        request=s.FundScreeningInputSerializer, responses=s.FundManagerApplicationSerializer
    )
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="manage")
        data = s.FundScreeningInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision, reason = data.validated_data["decision"], data.validated_data["reason"]
        if decision == "start":
            screening_services.screening_start(actor=request.user, application=application)
        elif decision == "eligible":
            screening_services.screening_confirm(
                actor=request.user, application=application, note=reason
            )
        else:
            screening_services.screening_out_of_remit(
                actor=request.user, application=application, reason=reason
            )
        return Response(_manager_row(application))


def _manager_row(application: Application) -> dict[str, Any]:
    row = selectors.call_applications(application.call).filter(pk=application.pk).first()
    if row is None:
        raise Http404
    return s.FundManagerApplicationSerializer(row).data


def _deadline_answer(request, pk: int, service) -> Response:  # type: ignore[no-untyped-def]
    application = permissions.get_application_for(request.user, pk, action="manage")
    data = s.FundProposalInviteInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    service(
        actor=request.user, application=application, due_at=data.validated_data["due_at"],
        message=data.validated_data["message"],
    )  # fmt: skip
    return Response(_manager_row(application))


class ProposalInviteView(APIView):
    """The concept-note variant: a manager invites the applicants of a concept under review
    to a full proposal, due at `due_at` (400 under "due_at" unless after now)."""

    @extend_schema(
        operation_id="fund_application_proposal_invite",
        request=s.FundProposalInviteInputSerializer,
        responses=s.FundManagerApplicationSerializer,
    )
    def post(self, request, pk: int):
        return _deadline_answer(request, pk, concept_services.proposal_invite)


class ProposalDeadlineView(APIView):
    """A manager moves an invited full proposal's deadline (any moment after now; also once
    the old one passed). The applicants are told; `message`, if given, replaces the
    invitation's."""

    @extend_schema(
        operation_id="fund_application_proposal_deadline_change",
        request=s.FundProposalInviteInputSerializer,
        responses=s.FundManagerApplicationSerializer,
    )
    def post(self, request, pk: int):
        return _deadline_answer(request, pk, concept_services.proposal_deadline_change)


class ConceptDeclineView(APIView):
    """The concept-note variant: a manager declines a concept under review, with the reason
    sent to the applicants."""

    @extend_schema(
        operation_id="fund_application_concept_decline",
        request=s.FundConceptDeclineInputSerializer,
        responses=s.FundManagerApplicationSerializer,
    )
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="manage")
        data = s.FundConceptDeclineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        concept_services.concept_decline(
            actor=request.user, application=application, reason=data.validated_data["reason"]
        )
        return Response(_manager_row(application))


class ProposalSubmitView(APIView):
    """Submit the invited full proposal (the lead): 400 lists every missing piece at once,
    keyed by field; 409 once its deadline has passed (what was written is kept)."""

    @extend_schema(
        operation_id="fund_application_proposal_submit",
        request=None,
        responses=s.FundApplicationSerializer,
    )
    def post(self, request, pk: int):
        application = permissions.get_application_for(request.user, pk, action="lead")
        concept_services.proposal_submit(actor=request.user, application=application)
        return Response(application_data(permissions.get_application_for(request.user, pk)))
