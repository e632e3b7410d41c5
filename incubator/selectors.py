"""Reads that the fund's pages and API share, each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Membership, MembershipRole
from core.permissions import is_signed_in
from core.types import Actor
from incubator import permissions
from incubator.models import (
    Answer,
    Application,
    ApplicationFiling,
    ApplicationStatus,
    BudgetLine,
    Call,
    CallForm,
    CallPhase,
    CallStatus,
    CoApplicant,
    CoApplicantStatus,
    Disbursement,
    DisbursementStatus,
    Fund,
    FundMember,
    FundRole,
    Milestone,
    ProgressReport,
    Project,
    Question,
    QuestionStage,
    ThemePriority,
)
from registry.models import RegistryEntry
from scripts_app.models import Series

ZERO = Decimal("0.00")


def calls_budget_total(fund: Fund, *, exclude: int | None = None) -> Decimal:
    """What the fund's calls (not cancelled) hold together."""
    calls = fund.calls.exclude(status=CallStatus.CANCELLED)
    if exclude is not None:
        calls = calls.exclude(pk=exclude)
    return calls.aggregate(total=Sum("budget"))["total"] or ZERO


def _with_priorities(calls: QuerySet[Call]) -> QuerySet[Call]:
    return calls.select_related("fund__body").prefetch_related(
        Prefetch(
            "priorities",
            queryset=ThemePriority.objects.select_related("theme").order_by("-bonus", "pk"),
        )
    )


def calls_in_phase(phase: str, *, now: datetime | None = None) -> QuerySet[Call]:
    """Published calls that are open (closing soonest first), upcoming (opening soonest
    first) or closed (most recently closed first), with their funds and priorities."""
    now = now or timezone.now()
    calls = permissions.calls_public()
    if phase == CallPhase.UPCOMING:
        calls = calls.filter(opens_at__gt=now).order_by("opens_at", "pk")
    elif phase == CallPhase.CLOSED:
        calls = calls.filter(closes_at__lte=now).order_by("-closes_at", "pk")
    else:
        calls = calls.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")
    return _with_priorities(calls)


def phase_counts(*, now: datetime | None = None) -> dict[str, int]:
    """How many published calls are in each phase (one query)."""
    now = now or timezone.now()
    counts = permissions.calls_public().aggregate(
        upcoming=Count("pk", filter=Q(opens_at__gt=now)),
        open=Count("pk", filter=Q(opens_at__lte=now, closes_at__gt=now)),
        closed=Count("pk", filter=Q(closes_at__lte=now)),
    )
    return {key: counts[key] or 0 for key in CallPhase.values}


def calls_of_fund(fund: Fund) -> QuerySet[Call]:
    """Every call of a fund, drafts included (for its managers)."""
    return fund.calls.annotate(
        submitted=Count("applications", filter=Q(applications__submitted_at__isnull=False))
    ).order_by("-opens_at", "pk")


def current_form(call: Call) -> CallForm | None:
    """The call's latest form version with its questions (two queries)."""
    return (
        CallForm.objects.filter(call=call)
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position")))
        .order_by("-number")
        .first()
    )


def call_priorities(call: Call) -> list[ThemePriority]:
    return list(call.priorities.select_related("theme").order_by("-bonus", "pk"))


def call_rules(call: Call) -> list[Any]:
    return list(call.rules.order_by("position", "pk"))


# --- applications -------------------------------------------------------------------------


def _budget_total() -> Coalesce:
    lines = (
        BudgetLine.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(lines, output_field=DecimalField(max_digits=14, decimal_places=2)),
        Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def applications_of(user: Actor) -> QuerySet[Application]:
    """The applications a person applies in (lead or co-applicant), newest first."""
    return (
        permissions.applications_visible_to(user)
        .select_related("call__fund__body", "lead")
        .annotate(budget_total=_budget_total())
        .order_by("-created_at", "-pk")
    )


def call_applications(call: Call, *, status: str = "") -> QuerySet[Application]:
    """What has been submitted to a call (never drafts), for its managers: lead, series,
    registered revision, budget asked and accepted co-applicants, in a fixed number of
    queries. Oldest submission first."""
    applications = (
        call.applications.filter(submitted_at__isnull=False)
        .select_related("lead", "entry")
        .annotate(budget_total=_budget_total())
        .prefetch_related(
            Prefetch(
                "coapplicants",
                queryset=CoApplicant.objects.filter(status=CoApplicantStatus.ACCEPTED)
                .select_related("user", "organisation")
                .order_by("created_at", "pk"),
                to_attr="accepted_coapplicants",
            )
        )
        .order_by("submitted_at", "pk")
    )
    if status:
        applications = applications.filter(status=status)
    return applications


def budget_lines(application: Application) -> list[BudgetLine]:
    return list(application.budget_lines.order_by("position", "pk"))


def budget_total(lines: list[BudgetLine]) -> Decimal:
    return sum((line.amount for line in lines), start=ZERO)


def budget_by_category(lines: list[BudgetLine]) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.get_category_display()] = totals.get(line.get_category_display(), ZERO) + (
            line.amount
        )
    return sorted(totals.items(), key=lambda item: -item[1])


def answers_by_key(application: Application) -> dict[str, Answer]:
    return {answer.key: answer for answer in application.answers.all()}


def coapplicants_of(application: Application) -> list[CoApplicant]:
    return list(
        application.coapplicants.select_related("user", "organisation", "invited_by").order_by(
            "created_at", "pk"
        )
    )


def invitations_for(user: Actor) -> QuerySet[CoApplicant]:
    """Open co-applicant invitations to a person, or to an organisation they administer."""
    if not is_signed_in(user):
        return CoApplicant.objects.none()
    administered = Membership.objects.filter(user_id=user.pk, role=MembershipRole.ADMIN).values(
        "organisation_id"
    )
    return (
        CoApplicant.objects.filter(status=CoApplicantStatus.INVITED)
        .filter(Q(user_id=user.pk) | Q(organisation_id__in=administered))
        .select_related("application__call", "application__lead", "organisation")
        .order_by("-created_at", "-pk")
    )


@dataclass(slots=True)
class SeriesChoice:
    series: Series
    entries: list[RegistryEntry] = field(default_factory=list)


def series_to_apply_with(user: Actor) -> list[SeriesChoice]:
    """The series a person writes (owner or co-writer), each with its registered
    revisions, newest first: what the start form offers. Two queries."""
    from scripts_app.permissions import series_ids_of

    if not is_signed_in(user):
        return []
    from scripts_app.models import Collaborator, CollaboratorRole

    written = Series.objects.filter(
        Q(owner_id=user.pk)
        | Q(
            pk__in=Collaborator.objects.filter(
                user_id=user.pk, role=CollaboratorRole.COWRITER
            ).values("series_id")
        )
    ).filter(pk__in=series_ids_of(user))
    choices = {s.pk: SeriesChoice(s) for s in written.order_by("-updated_at")[:100]}
    for entry in (
        RegistryEntry.objects.filter(series_id__in=list(choices))
        .select_related("revision")
        .order_by("-number")
    ):
        choices[entry.series_id].entries.append(entry)
    return list(choices.values())


def questions_for_stage(form: CallForm | None, *, concept_only: bool) -> list[Question]:
    if form is None:
        return []
    questions = list(form.questions.all())
    if concept_only:
        questions = [q for q in questions if q.stage == QuestionStage.CONCEPT]
    return questions


def fund_managers(fund: Fund) -> QuerySet[Any]:
    """The people who manage a fund: its body's admins, and its appointed managers while
    they are still members of the body (as permissions.managed_fund_ids)."""
    from accounts.models import User

    members = Membership.objects.filter(organisation_id=fund.body_id)
    appointed = FundMember.objects.filter(fund=fund, role=FundRole.MANAGER).values("user_id")
    return User.objects.filter(is_active=True).filter(
        Q(pk__in=members.filter(role=MembershipRole.ADMIN).values("user_id"))
        | Q(pk__in=appointed, id__in=members.values("user_id"))
    )


# --- funded projects ----------------------------------------------------------------------


def project_milestones(project: Project) -> list[Milestone]:
    return list(project.milestones.select_related("entry"))


def project_tranches(project: Project) -> list[Disbursement]:
    return list(project.disbursements.select_related("milestone"))


def project_reports(project: Project) -> list[ProgressReport]:
    return list(project.reports.all())


def fund_ledger(fund: Fund) -> QuerySet[Disbursement]:
    """Every tranche of a fund's projects, newest plans first."""
    return (
        Disbursement.objects.filter(project__application__call__fund=fund)
        .select_related("project__application", "milestone")
        .order_by("-scheduled_on", "-pk")
    )


def ledger_totals(tranches: QuerySet[Disbursement]) -> dict[str, Decimal]:
    """Amount per tranche status, in one query."""
    totals = {status: Decimal("0.00") for status in DisbursementStatus.values}
    for row in tranches.order_by().values("status").annotate(total=Sum("amount")):
        totals[row["status"]] = row["total"]
    return totals


def public_projects() -> QuerySet[Project]:
    """Funded projects whose grantees chose to show them, for the fund's transparency."""
    return (
        Project.objects.filter(
            is_public=True,
            application__status__in=[
                ApplicationStatus.IN_PROGRESS,
                ApplicationStatus.COMPLETED,
            ],
        )  # fmt: skip
        .select_related("application__call__fund__body", "application__lead")
        .order_by("-created_at", "pk")
    )


def projects_of_fund(fund: Fund) -> QuerySet[Project]:
    return (
        Project.objects.filter(application__call__fund=fund)
        .select_related("application__call", "application__lead")
        .order_by("-created_at", "pk")
    )


def project_of(application: Application) -> Project | None:
    return Project.objects.filter(application=application).first()


def filing_number_of(obj: Application | Series) -> ApplicationFiling | None:
    """The filing or licence number recorded for an application, or for a series (the most
    recently recorded over its applications): an `ApplicationFiling` with `number`,
    `number_kind` and `number_obtained_on`, or None. For the opening credits and for a
    milestone that requires the number."""
    filings = ApplicationFiling.objects.exclude(number="")
    if isinstance(obj, Series):
        filings = filings.filter(application__series=obj)
    else:
        filings = filings.filter(application=obj)
    return filings.order_by("-number_recorded_at", "-pk").first()
