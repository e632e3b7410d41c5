"""Awards: the project an awarded application becomes.

A fund manager sets the project up from an awarded application (the amount, at most the
call's largest award, within the call's and the fund's budgets), with its milestones and
the tranches paid on them. The manager then issues the agreement: its text is generated
from the project (both parties, amount, milestones, tranches, rights clauses, in both
languages) and frozen with its hash. The lead applicant and a fund manager each accept
that exact text; once both have, the project runs. Changing the milestones or tranches
while contracting withdraws the issued agreement, so nobody accepts a text that no longer
says what was agreed.

Money: every amount is a Decimal in yuan; a project's tranches (cancelled ones aside) never
exceed its award, and the fund's projects and tranches never exceed its budget. Both are
checked under the fund's row lock, so two managers cannot overspend at once.
"""

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.text import single_line
from core.workflows import workflow_move
from incubator import permissions, selectors
from incubator.filing import numbers
from incubator.models import (
    Application,
    ApplicationStatus,
    CoApplicantStatus,
    Disbursement,
    DisbursementStatus,
    Fund,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    ProgressReport,
    Project,
)
from incubator.services.applications import _parse_amount, notify_applicants
from incubator.services.filing import filing_number_record
from incubator.workflows import APPLICATION_FLOW, DISBURSEMENT_FLOW, MILESTONE_FLOW
from registry.models import RegistryEntry

ZERO = Decimal("0.00")
MAX_MILESTONES = 30
REMIND_EVERY = timedelta(days=7)


def _require_manager(actor: User, project: Project) -> None:
    if not permissions.can_manage_project(actor, project):
        raise PermissionDenied


def _locked_fund(fund_id: int) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund_id)


def committed_to_projects(fund: Fund, *, call_id: int | None = None) -> Decimal:
    """What the fund's projects (those not terminated before a tranche was paid) were
    awarded."""
    projects = Project.objects.filter(application__call__fund=fund)
    if call_id is not None:
        projects = projects.filter(application__call_id=call_id)
    return projects.aggregate(total=Sum("amount"))["total"] or ZERO


def tranches_total(*, project: Project | None = None, fund: Fund | None = None) -> Decimal:
    """The tranches scheduled, approved or paid (cancelled ones aside)."""
    tranches = Disbursement.objects.exclude(status=DisbursementStatus.CANCELLED)
    if project is not None:
        tranches = tranches.filter(project=project)
    if fund is not None:
        tranches = tranches.filter(project__application__call__fund=fund)
    return tranches.aggregate(total=Sum("amount"))["total"] or ZERO


# --- setting up ---------------------------------------------------------------------------


def project_create(
    *, actor: User, application: Application, amount: Any, conditions: str = ""
) -> Project:
    """Turn an awarded application into a project being contracted.

    Raises:
        PermissionDenied: the actor does not manage the application's fund.
        ValidationError: under "amount": above the call's largest award, or beyond what is
            left of the call's or the fund's budget.
        Conflict: the application is not awarded, or already has a project.
    """
    if not permissions.can_manage_application(actor, application):
        raise PermissionDenied
    value = _parse_amount(amount)
    call = application.call
    if application.award_amount is not None and value > application.award_amount:
        raise ValidationError(
            {
                "amount": [
                    _("The determination awarded %(award)s yuan.")
                    % {"award": application.award_amount}
                ]
            }
        )
    if value > call.award_max:
        raise ValidationError(
            {"amount": [_("The call's largest award is %(max)s yuan.") % {"max": call.award_max}]}
        )
    with transaction.atomic():
        fund = _locked_fund(call.fund_id)
        if Project.objects.filter(application=application).exists():
            raise Conflict(_("This application already has a project."))
        for limit, committed in (
            (call.budget, committed_to_projects(fund, call_id=call.pk)),
            (fund.budget, committed_to_projects(fund)),
        ):
            if committed + value > limit:
                raise ValidationError(
                    {
                        "amount": [
                            _("Only %(left)s yuan is left of the budget of %(limit)s yuan.")
                            % {"left": max(ZERO, limit - committed), "limit": limit}
                        ]
                    }
                )
        project = Project.objects.create(
            application=application,
            amount=value,
            conditions=conditions.strip()[:10_000],
            agreement_text="",
            agreement_hash="",
            created_by=actor,
        )
        workflow_move(
            APPLICATION_FLOW, application, "start_contracting", actor=actor,
            data={"project": project.pk, "amount": str(value)},
            effects=[lambda moved: notify_applicants(
                moved, "fund_project_created", actor=actor, amount=str(value))],
        )  # fmt: skip
    return project


def _contracting(project: Project) -> None:
    if project.application.status != ApplicationStatus.CONTRACTING:
        raise Conflict(_("Milestones and tranches are set while the agreement is being made."))


def _withdraw_agreement(project: Project) -> None:
    """The terms changed: an agreement issued before no longer says what was agreed."""
    if project.agreement_hash:
        Project.objects.filter(pk=project.pk).update(
            agreement_text="", agreement_hash="", grantee_accepted_at=None,
            grantee_accepted_by=None, fund_accepted_at=None, fund_accepted_by=None,
        )  # fmt: skip
        project.agreement_text = project.agreement_hash = ""
        project.grantee_accepted_at = project.fund_accepted_at = None


def milestone_add(
    *, actor: User, project: Project, title: str, kind: str, due_on: date
) -> Milestone:
    """Add a milestone while contracting (it withdraws an issued agreement).

    Raises:
        ValidationError: per field (an empty title, an unknown deliverable, a date past).
    """
    _require_manager(actor, project)
    title = single_line(title or "")
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Name the milestone.")]
    elif len(title) > 200:
        errors["title"] = [_("At most %(count)s characters.") % {"count": 200}]
    if kind not in MilestoneKind.values:
        errors["kind"] = [_("Choose what is delivered.")]
    if due_on < timezone.localdate():
        errors["due_on"] = [_("Choose a date from today on.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = (
            Project.objects.select_for_update().select_related("application").get(pk=project.pk)
        )
        _contracting(locked)
        count = locked.milestones.count()
        if count >= MAX_MILESTONES:
            raise ValidationError(
                {"title": [_("At most %(count)s milestones.") % {"count": MAX_MILESTONES}]}
            )
        milestone = Milestone.objects.create(
            project=locked, position=count, title=title, kind=kind, due_on=due_on
        )
        _withdraw_agreement(locked)
        audit_record(
            actor=actor, action="fund.milestone_added", target=locked.application,
            data={"milestone": milestone.pk, "title": title, "due_on": due_on.isoformat()},
        )  # fmt: skip
    return milestone


def disbursement_schedule(
    *,
    actor: User,
    project: Project,
    amount: Any,
    scheduled_on: date,
    milestone: Milestone | None = None,
    note: str = "",
) -> Disbursement:
    """Plan a tranche of the award, optionally paid on a milestone.

    Under the fund's row lock: the project's tranches stay within its award and the fund's
    tranches within its budget.

    Raises:
        ValidationError: under "amount" beyond the award or the budget; under "milestone"
            for another project's milestone.
        Conflict: the project is finished.
    """
    _require_manager(actor, project)
    value = _parse_amount(amount)
    if milestone is not None and milestone.project_id != project.pk:
        raise ValidationError({"milestone": [_("Choose a milestone of this project.")]})
    with transaction.atomic():
        fund = _locked_fund(project.application.call.fund_id)
        locked = (
            Project.objects.select_for_update().select_related("application").get(pk=project.pk)
        )
        if locked.application.status not in (
            ApplicationStatus.CONTRACTING,
            ApplicationStatus.IN_PROGRESS,
        ):
            raise Conflict(_("Tranches are planned while the project is contracted or running."))
        scheduled = tranches_total(project=locked)
        if scheduled + value > locked.amount:
            raise ValidationError(
                {
                    "amount": [
                        _(
                            "The tranches would come to %(total)s yuan, above the award of "
                            "%(award)s yuan."
                        )
                        % {"total": scheduled + value, "award": locked.amount}
                    ]
                }
            )
        in_fund = tranches_total(fund=fund)
        if in_fund + value > fund.budget:
            raise ValidationError(
                {
                    "amount": [
                        _("Only %(left)s yuan is left of the budget of %(limit)s yuan.")
                        % {"left": max(ZERO, fund.budget - in_fund), "limit": fund.budget}
                    ]
                }
            )
        tranche = Disbursement.objects.create(
            project=locked, milestone=milestone, amount=value, scheduled_on=scheduled_on,
            note=single_line(note)[:500], created_by=actor,
        )  # fmt: skip
        if locked.application.status == ApplicationStatus.CONTRACTING:
            _withdraw_agreement(locked)
        audit_record(
            actor=actor, action="fund.tranche_scheduled", target=locked.application,
            data={"tranche": tranche.pk, "amount": str(value),
                  "milestone": milestone.pk if milestone else None},
        )  # fmt: skip
    return tranche


# --- the agreement ------------------------------------------------------------------------


def agreement_render(project: Project) -> str:
    """The agreement's text from its template, in both languages: the parties, the series
    and its registry entry, the amount, the milestones and tranches, conditions and the
    rights clauses."""
    application = project.application
    people = [application.lead] + [
        c.user
        for c in application.coapplicants.filter(
            status=CoApplicantStatus.ACCEPTED, user__isnull=False
        ).select_related("user")
    ]
    studios = [
        c.organisation
        for c in application.coapplicants.filter(
            status=CoApplicantStatus.ACCEPTED, organisation__isnull=False
        ).select_related("organisation")
    ]
    with translation.override("zh-hans"):
        return (
            render_to_string(
                "incubator/agreement.txt",
                {
                    "project": project,
                    "application": application,
                    "call": application.call,
                    "fund": application.call.fund,
                    "people": people,
                    "studios": studios,
                    "milestones": list(project.milestones.all()),
                    "tranches": list(
                        project.disbursements.exclude(
                            status=DisbursementStatus.CANCELLED
                        ).select_related("milestone")
                    ),
                },
            ).strip()
            + "\n"
        )


def agreement_issue(*, actor: User, project: Project) -> Project:
    """Generate the agreement from the project as it stands and freeze it for both sides
    to accept (any earlier acceptance is void).

    Raises:
        Conflict: not contracting, or no milestone yet.
    """
    _require_manager(actor, project)
    with transaction.atomic():
        locked = (
            Project.objects.select_for_update().select_related("application").get(pk=project.pk)
        )
        _contracting(locked)
        if not locked.milestones.exists():
            raise Conflict(_("Add the project's milestones before issuing the agreement."))
        text = agreement_render(locked)
        digest = hashlib.sha256(text.encode()).hexdigest()
        Project.objects.filter(pk=locked.pk).update(
            agreement_text=text, agreement_hash=digest, grantee_accepted_at=None,
            grantee_accepted_by=None, fund_accepted_at=None, fund_accepted_by=None,
        )  # fmt: skip
        audit_record(
            actor=actor, action="fund.agreement_issued", target=locked.application,
            data={"project": locked.pk, "hash": digest},
        )  # fmt: skip
        notify_applicants(locked.application, "fund_agreement_issued", actor=actor)
    project.refresh_from_db()
    return project


def agreement_accept(*, actor: User, project: Project, agreement_hash: str) -> Project:
    """Accept the issued agreement, on the applicants' side (the lead) or the fund's (a
    manager). `agreement_hash` is the text the person read: if it changed since, nothing is
    accepted. When both sides have accepted, the project starts.

    Raises:
        PermissionDenied: neither the lead nor a manager.
        Conflict: no agreement issued, it changed since it was read, or this side accepted.
    """
    lead = permissions.is_project_lead(actor, project)
    manager = permissions.can_manage_project(actor, project)
    if not (lead or manager):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        locked = (
            Project.objects.select_for_update().select_related("application").get(pk=project.pk)
        )
        _contracting(locked)
        if not locked.agreement_hash:
            raise Conflict(_("The fund has not issued the agreement yet."))
        if agreement_hash != locked.agreement_hash:
            raise Conflict(_("The agreement changed since you read it. Read it again."))
        side = "grantee" if lead else "fund"
        if getattr(locked, f"{side}_accepted_at") is not None:
            raise Conflict(_("Your side has already accepted this agreement."))
        Project.objects.filter(pk=locked.pk).update(
            **{f"{side}_accepted_at": now, f"{side}_accepted_by": actor}
        )
        audit_record(
            actor=actor, action="fund.agreement_accepted", target=locked.application,
            data={"project": locked.pk, "side": side, "hash": locked.agreement_hash},
        )  # fmt: skip
        locked.refresh_from_db()
        if locked.grantee_accepted_at and locked.fund_accepted_at:
            workflow_move(
                APPLICATION_FLOW, locked.application, "start_project", actor=actor,
                data={"project": locked.pk},
                effects=[lambda moved: notify_applicants(moved, "fund_project_started", actor=actor)],
            )  # fmt: skip
    project.refresh_from_db()
    project.application.refresh_from_db()
    return project


def project_set_public(*, actor: User, project: Project, public: bool) -> Project:
    """The lead chooses whether the public list of awards shows the project."""
    if not permissions.is_project_lead(actor, project):
        raise PermissionDenied
    Project.objects.filter(pk=project.pk).update(is_public=public)
    project.is_public = public
    audit_record(
        actor=actor, action="fund.project_visibility", target=project.application,
        data={"public": public},
    )  # fmt: skip
    return project


# --- milestones ---------------------------------------------------------------------------


def milestone_deliver(
    *,
    actor: User,
    milestone: Milestone,
    entry: RegistryEntry | None = None,
    upload: UploadedFile | None = None,
    report: str = "",
    filing_number: str = "",
) -> Milestone:
    """The grantees deliver a milestone: what its kind asks for.

    Raises:
        ValidationError: under "deliverable" when what was given does not fit the kind.
        Conflict: the project is not running, or the milestone is delivered or accepted.
    """
    changes: dict[str, Any] = {"submitted_at": timezone.now(), "submitted_by": actor,
                               "return_reason": ""}  # fmt: skip
    series_id = milestone.project.application.series_id
    if milestone.kind == MilestoneKind.REVISION:
        if entry is None or entry.series_id != series_id:
            raise ValidationError(
                {"deliverable": [_("Choose a registered revision of the funded series.")]}
            )
        changes["entry"] = entry
    elif milestone.kind == MilestoneKind.REPORT:
        report = (report or "").replace("\r\n", "\n").strip()
        if not report:
            raise ValidationError({"deliverable": [_("Write the report.")]})
        changes["report"] = report[:20_000]
    elif milestone.kind == MilestoneKind.FILING_NUMBER:
        given = single_line(filing_number or "")
        if given and numbers.parse(given) is None:
            raise ValidationError({"deliverable": [_(
                "Write the number as it was issued, e.g. 网微剧备字（2025）第0123号 or "
                "（浙）网微剧审字（2025）第012号."
            )]})  # fmt: skip
        if not given:
            recorded = selectors.filing_number_of(milestone.project.application)
            if recorded is None:
                raise ValidationError({"deliverable": [_(
                    "Enter the filing or licence number: none is recorded for this "
                    "application yet."
                )]})  # fmt: skip
            given = recorded.number
        changes["filing_number"] = numbers.normalise(given)
    elif milestone.kind == MilestoneKind.FILE:
        if upload is None:
            raise ValidationError({"deliverable": [_("Choose a file to upload.")]})
        from courses.services.lessons import attachment_type

        try:
            attachment_type(upload)
        except ValidationError as error:
            raise ValidationError({"deliverable": error.messages}) from None
    with transaction.atomic():
        if upload is not None and milestone.kind == MilestoneKind.FILE:
            milestone.file.save(upload.name or "deliverable", upload, save=False)
            changes["file"] = milestone.file.name
        if milestone.kind == MilestoneKind.FILING_NUMBER:
            # The application's filing record is the one place the number lives (the
            # opening credits and the dossier read it there): a number delivered here is
            # recorded there too.
            application = milestone.project.application
            recorded = selectors.filing_number_of(application)
            if recorded is None or recorded.number != changes["filing_number"]:
                filing_number_record(
                    actor=actor, application=application, number=changes["filing_number"]
                )
        moved = workflow_move(
            MILESTONE_FLOW, milestone, "deliver", actor=actor, changes=changes,
            data={"milestone": milestone.pk},
            effects=[lambda m: _tell_managers(m.project, "fund_milestone_delivered", actor,
                                              milestone=m.title)],
        )  # fmt: skip
    return moved


def milestone_accept(*, actor: User, milestone: Milestone) -> Milestone:
    return workflow_move(
        MILESTONE_FLOW, milestone, "accept", actor=actor,
        changes={"decided_at": timezone.now(), "decided_by": actor},
        data={"milestone": milestone.pk},
        effects=[lambda m: notify_applicants(
            m.project.application, "fund_milestone_accepted", actor=actor, milestone=m.title)],
    )  # fmt: skip


def milestone_return(*, actor: User, milestone: Milestone, reason: str) -> Milestone:
    """Send a delivery back with what to change (the grantees are told).

    Raises:
        ValidationError: under "reason" when none is given.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what should change.")]})
    return workflow_move(
        MILESTONE_FLOW, milestone, "return", actor=actor,
        changes={"decided_at": timezone.now(), "decided_by": actor,
                 "return_reason": reason[:2000]},
        data={"milestone": milestone.pk, "reason": reason[:2000]},
        effects=[lambda m: notify_applicants(
            m.project.application, "fund_milestone_returned", actor=actor, milestone=m.title,
            reason=reason[:2000])],
    )  # fmt: skip


def _tell_managers(project: Project, kind: str, actor: User | None, **params: Any) -> None:
    from core.services.notifications import notification_send

    for manager in selectors.fund_managers(project.application.call.fund):
        if actor is not None and manager.pk == actor.pk:
            continue
        notification_send(
            recipient=manager, kind=kind, actor=actor,
            params={"series": project.application.series_title, **params},
            url=project.get_absolute_url(),
        )  # fmt: skip


# --- tranches -----------------------------------------------------------------------------


def disbursement_approve(*, actor: User, tranche: Disbursement) -> Disbursement:
    """Approve a tranche (under its row lock); one paid on a milestone waits for it."""
    return workflow_move(
        DISBURSEMENT_FLOW, tranche, "approve", actor=actor,
        changes={"approved_at": timezone.now(), "approved_by": actor},
        data={"tranche": tranche.pk, "amount": str(tranche.amount)},
    )  # fmt: skip


def disbursement_mark_paid(*, actor: User, tranche: Disbursement, reference: str) -> Disbursement:
    """Record that the fund paid an approved tranche, with its payment reference.

    Raises:
        ValidationError: under "reference" when none is given.
    """
    reference = single_line(reference or "")
    if not reference:
        raise ValidationError({"reference": [_("Enter the payment's reference.")]})
    return workflow_move(
        DISBURSEMENT_FLOW, tranche, "pay", actor=actor,
        changes={"paid_at": timezone.now(), "paid_by": actor,
                 "payment_reference": reference[:120]},
        data={"tranche": tranche.pk, "amount": str(tranche.amount), "reference": reference[:120]},
        effects=[lambda t: notify_applicants(
            t.project.application, "fund_tranche_paid", actor=actor, amount=str(t.amount))],
    )  # fmt: skip


def disbursement_cancel(*, actor: User, tranche: Disbursement) -> Disbursement:
    moved = workflow_move(
        DISBURSEMENT_FLOW,
        tranche,
        "cancel",
        actor=actor,
        data={"tranche": tranche.pk, "amount": str(tranche.amount)},
    )
    project = moved.project
    if project.application.status == ApplicationStatus.CONTRACTING:
        _withdraw_agreement(project)
    return moved


# --- progress reports ---------------------------------------------------------------------


def report_schedule(*, actor: User, project: Project, due_on: date) -> ProgressReport:
    _require_manager(actor, project)
    if project.application.status != ApplicationStatus.IN_PROGRESS:
        raise Conflict(_("Reports are asked for while the project is running."))
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": [_("Choose a date from today on.")]})
    report = ProgressReport.objects.create(project=project, due_on=due_on)
    audit_record(
        actor=actor, action="fund.report_scheduled", target=project.application,
        data={"report": report.pk, "due_on": due_on.isoformat()},
    )  # fmt: skip
    return report


def report_submit(*, actor: User, report: ProgressReport, body: str) -> ProgressReport:
    """The grantees hand in a progress report (once; it is then the fund's record).

    Raises:
        ValidationError: under "body" when empty.
        Conflict: already handed in.
    """
    if not permissions.is_grantee(actor, report.project):
        raise PermissionDenied
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError({"body": [_("Write the report.")]})
    with transaction.atomic():
        locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if locked.submitted_at is not None:
            raise Conflict(_("This report was already handed in."))
        locked.body, locked.submitted_at, locked.submitted_by = body[:20_000], timezone.now(), actor
        locked.save(update_fields=["body", "submitted_at", "submitted_by"])
        audit_record(
            actor=actor, action="fund.report_submitted", target=report.project.application,
            data={"report": report.pk},
        )  # fmt: skip
        _tell_managers(report.project, "fund_report_submitted", actor)
    return locked


# --- ending -------------------------------------------------------------------------------


def project_complete(*, actor: User, project: Project) -> Project:
    """The project is done: every milestone accepted.

    Raises:
        Conflict: a milestone is not accepted yet.
    """
    _require_manager(actor, project)
    if project.milestones.exclude(status=MilestoneStatus.ACCEPTED).exists():
        raise Conflict(_("Every milestone must be accepted before the project is completed."))
    workflow_move(
        APPLICATION_FLOW, project.application, "complete", actor=actor,
        data={"project": project.pk},
        effects=[lambda moved: notify_applicants(moved, "fund_project_completed", actor=actor)],
    )  # fmt: skip
    return project


def project_terminate(*, actor: User, project: Project, reason: str) -> Project:
    """End the project early, with the reason the grantees are sent; tranches not yet paid
    are cancelled.

    Raises:
        ValidationError: under "reason" when none is given.
    """
    _require_manager(actor, project)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the project ends.")]})
    with transaction.atomic():
        workflow_move(
            APPLICATION_FLOW, project.application, "terminate", actor=actor,
            data={"project": project.pk, "reason": reason[:1000]},
            effects=[lambda moved: notify_applicants(
                moved, "fund_project_terminated", actor=actor, reason=reason[:1000])],
        )  # fmt: skip
        Project.objects.filter(pk=project.pk).update(end_reason=reason[:1000])
        for tranche in project.disbursements.filter(
            status__in=[DisbursementStatus.SCHEDULED, DisbursementStatus.APPROVED]
        ):
            workflow_move(DISBURSEMENT_FLOW, tranche, "cancel", actor=actor,
                          data={"tranche": tranche.pk, "reason": "terminated"})  # fmt: skip
    project.refresh_from_db()
    return project


# --- reminders (beat) ---------------------------------------------------------------------


def overdue_reminders(*, now: datetime | None = None) -> int:
    """Remind the grantees of milestones and reports past their date, at most once a
    week each. Returns how many reminders went out."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    quiet = Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_EVERY)
    running = Q(project__application__status=ApplicationStatus.IN_PROGRESS)
    sent = 0
    milestones = Milestone.objects.filter(
        running, quiet, due_on__lt=today,
        status__in=[MilestoneStatus.PENDING, MilestoneStatus.RETURNED],
    ).select_related("project__application__call")  # fmt: skip
    for milestone in milestones:
        notify_applicants(
            milestone.project.application, "fund_milestone_overdue", actor=None,
            milestone=milestone.title, due=milestone.due_on.isoformat(),
        )  # fmt: skip
        Milestone.objects.filter(pk=milestone.pk).update(reminded_at=now)
        sent += 1
    reports = ProgressReport.objects.filter(
        running, quiet, due_on__lt=today, submitted_at__isnull=True
    ).select_related("project__application__call")
    for report in reports:
        notify_applicants(
            report.project.application, "fund_report_overdue", actor=None,
            due=report.due_on.isoformat(),
        )  # fmt: skip
        ProgressReport.objects.filter(pk=report.pk).update(reminded_at=now)
        sent += 1
    return sent
