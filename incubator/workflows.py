"""The moves of calls, applications and co-applicants (performed by
core.workflows.workflow_move, which locks the row and writes the audit row).

The application's table is the fund's whole review workflow, from the draft to a
completed or terminated project, with the concept-note variant's two stages. Moves this
app's services make: IMPLEMENTED_MOVES (every move of the application's table).
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflows import Move, Workflow
from incubator.models import ApplicationStatus as S
from incubator.models import (
    CallStatus,
    CoApplicantStatus,
    DisbursementStatus,
    MilestoneStatus,
    PanelReviewStatus,
    WorkflowVariant,
)
from incubator.permissions import (
    can_answer_coapplicant,
    can_manage_application,
    can_manage_call,
    can_manage_project,
    is_grantee,
    is_lead,
)


def _manages_call(actor: Any, call: Any) -> bool:
    return can_manage_call(actor, call)


CALL_FLOW = Workflow(
    name="fund.call",
    moves=[
        Move("publish", source=[CallStatus.DRAFT], target=CallStatus.PUBLISHED,
             allowed=_manages_call),
        Move("cancel", source=[CallStatus.DRAFT, CallStatus.PUBLISHED],
             target=CallStatus.CANCELLED, allowed=_manages_call),
    ],
)  # fmt: skip


def _lead(actor: Any, application: Any) -> bool:
    return is_lead(actor, application)


def _manager(actor: Any, application: Any) -> bool:
    return can_manage_application(actor, application)


def _either_side(actor: Any, application: Any) -> bool:
    """The project starts with whichever side accepts the agreement second."""
    return is_lead(actor, application) or can_manage_application(actor, application)


def call_still_open(application: Any) -> str | None:
    """Why the call no longer takes a submission, or None. The server's clock decides:
    after the close time nothing more is submitted."""
    call = application.call
    now = timezone.now()
    if call.status != CallStatus.PUBLISHED:
        return _("This call is not taking applications.")
    if now < call.opens_at:
        return _("This call has not opened yet.")
    if now >= call.closes_at:
        return _(
            "This call closed on %(closed)s (Beijing time): applications can no longer be "
            "submitted. Your draft is kept as it is."
        ) % {"closed": timezone.localtime(call.closes_at, _beijing()).strftime("%Y-%m-%d %H:%M")}
    return None


def _beijing() -> Any:
    from zoneinfo import ZoneInfo

    from incubator.models import FUND_TIME_ZONE

    return ZoneInfo(FUND_TIME_ZONE)


def proposal_still_open(application: Any) -> str | None:
    """Why the invited full proposal can no longer be submitted, or None. The server's
    clock decides, as for the call's close time."""
    due = application.proposal_due_at
    if due is not None and timezone.now() >= due:
        return _(
            "The full proposal was due on %(due)s (Beijing time): it can no longer be "
            "submitted. Everything you wrote is kept as it is."
        ) % {"due": timezone.localtime(due, _beijing()).strftime("%Y-%m-%d %H:%M")}
    return None


def _single_stage(application: Any) -> str | None:
    if application.call.variant != WorkflowVariant.SINGLE:
        return _("This call asks for a concept note first.")
    return None


def _two_stage(application: Any) -> str | None:
    if application.call.variant != WorkflowVariant.CONCEPT:
        return _("This call has a single stage.")
    return None


def _fact_checked(application: Any) -> str | None:
    """A determination waits for every fact-check the series' themes need."""
    from incubator.fact_checks import missing_areas

    if missing_areas(application):
        return _("A required fact-check has no verdict yet.")
    return None


# Everything before a decision: the applicants may still withdraw.
_UNDECIDED = [
    S.DRAFT, S.SUBMITTED, S.SCREENING, S.CONCEPT_REVIEW, S.INVITED, S.PANEL_REVIEW,
    S.FACT_CHECK, S.DETERMINATION, S.MORE_INFO, S.WAITLISTED,
]  # fmt: skip

APPLICATION_FLOW = Workflow(
    name="fund.application",
    refusal=gettext_lazy("This application has moved on since you loaded the page. Reload it."),
    moves=[
        # The applicants.
        Move("submit", source=[S.DRAFT], target=S.SUBMITTED, allowed=_lead,
             guard=call_still_open),
        Move("withdraw", source=_UNDECIDED, target=S.WITHDRAWN, allowed=_lead),
        # Screening: a manager takes it up, then confirms eligibility or rules it out of
        # remit with a reason. Confirmed, it goes to the panel (or, in a two-stage call,
        # to the concept review).
        Move("start_screening", source=[S.SUBMITTED], target=S.SCREENING, allowed=_manager),
        Move("confirm_eligible", source=[S.SUBMITTED, S.SCREENING], target=S.PANEL_REVIEW,
             allowed=_manager, guard=_single_stage),
        Move("confirm_concept", source=[S.SUBMITTED, S.SCREENING], target=S.CONCEPT_REVIEW,
             allowed=_manager, guard=_two_stage),
        Move("out_of_remit", source=[S.SUBMITTED, S.SCREENING], target=S.OUT_OF_REMIT,
             allowed=_manager),
        # The concept-note variant: invited to a full proposal, which the lead submits by
        # a proposal deadline of its own (after the call's close), or the concept declined
        # with a reason (incubator/services/concept.py).
        Move("invite_proposal", source=[S.CONCEPT_REVIEW], target=S.INVITED, allowed=_manager,
             guard=_two_stage),
        Move("decline_concept", source=[S.CONCEPT_REVIEW], target=S.DECLINED, allowed=_manager),
        Move("submit_proposal", source=[S.INVITED], target=S.PANEL_REVIEW, allowed=_lead,
             guard=proposal_still_open),
        # Panel review, the domain fact-check where the series' themes need one, and the
        # determination (built next: panels, sealed scores, fact-check verdicts).
        Move("start_fact_check", source=[S.PANEL_REVIEW], target=S.FACT_CHECK,
             allowed=_manager),
        Move("to_determination", source=[S.PANEL_REVIEW, S.FACT_CHECK], target=S.DETERMINATION,
             allowed=_manager, guard=_fact_checked),
        Move("award", source=[S.DETERMINATION, S.WAITLISTED], target=S.AWARDED,
             allowed=_manager, guard=_fact_checked),
        Move("decline", source=[S.DETERMINATION, S.WAITLISTED], target=S.DECLINED,
             allowed=_manager, guard=_fact_checked),
        Move("waitlist", source=[S.DETERMINATION], target=S.WAITLISTED, allowed=_manager,
             guard=_fact_checked),
        Move("request_more_info", source=[S.DETERMINATION], target=S.MORE_INFO,
             allowed=_manager, guard=_fact_checked),
        Move("resubmit", source=[S.MORE_INFO], target=S.DETERMINATION, allowed=_lead),
        # The award becomes a project.
        Move("start_contracting", source=[S.AWARDED], target=S.CONTRACTING, allowed=_manager),
        Move("start_project", source=[S.CONTRACTING], target=S.IN_PROGRESS,
             allowed=_either_side),
        Move("complete", source=[S.IN_PROGRESS], target=S.COMPLETED, allowed=_manager),
        Move("terminate", source=[S.CONTRACTING, S.IN_PROGRESS], target=S.TERMINATED,
             allowed=_manager),
    ],
)  # fmt: skip

# Moves the services perform: every move of the table (a test holds the two equal).
IMPLEMENTED_MOVES = frozenset(
    {"submit", "withdraw", "start_screening", "confirm_eligible", "confirm_concept",
     "out_of_remit", "invite_proposal", "decline_concept", "submit_proposal",
     "start_fact_check", "to_determination", "award", "decline", "waitlist",
     "request_more_info", "resubmit", "start_contracting", "start_project", "complete",
     "terminate"}
)  # fmt: skip


def _invitee(actor: Any, coapplicant: Any) -> bool:
    return can_answer_coapplicant(actor, coapplicant)


def _lead_of(actor: Any, coapplicant: Any) -> bool:
    return is_lead(actor, coapplicant.application)


def _draft(coapplicant: Any) -> str | None:
    if not coapplicant.application.is_editable:
        return _("The application has been submitted: its applicants no longer change.")
    return None


COAPPLICANT_FLOW = Workflow(
    name="fund.coapplicant",
    audit_target=lambda coapplicant: coapplicant.application,
    refusal=gettext_lazy("This invitation has already been answered. Reload the page."),
    moves=[
        Move("accept", source=[CoApplicantStatus.INVITED], target=CoApplicantStatus.ACCEPTED,
             allowed=_invitee, guard=_draft),
        Move("decline", source=[CoApplicantStatus.INVITED], target=CoApplicantStatus.DECLINED,
             allowed=_invitee),
        Move("leave", source=[CoApplicantStatus.ACCEPTED], target=CoApplicantStatus.LEFT,
             allowed=_invitee, guard=_draft),
        Move("remove", source=[CoApplicantStatus.INVITED, CoApplicantStatus.ACCEPTED],
             target=CoApplicantStatus.REMOVED, allowed=_lead_of, guard=_draft),
        Move("reinvite", source=[CoApplicantStatus.DECLINED, CoApplicantStatus.REMOVED,
                                 CoApplicantStatus.LEFT],
             target=CoApplicantStatus.INVITED, allowed=_lead_of, guard=_draft),
    ],
)  # fmt: skip


def _own_review(actor: Any, review: Any) -> bool:
    return actor is not None and review.reviewer_id == getattr(actor, "pk", None)


PANEL_REVIEW_FLOW = Workflow(
    name="fund.panel_review",
    audit_target=lambda review: review.application,
    refusal=gettext_lazy("This review has been handed in and can no longer change."),
    moves=[
        Move("submit", source=[PanelReviewStatus.ASSIGNED], target=PanelReviewStatus.SUBMITTED,
             allowed=_own_review),
    ],
)  # fmt: skip


# --- funded projects ----------------------------------------------------------------------


def _grantee_of(actor: Any, milestone: Any) -> bool:
    return is_grantee(actor, milestone.project)


def _manages_project(actor: Any, obj: Any) -> bool:
    return can_manage_project(actor, obj.project)


def _running(milestone: Any) -> str | None:
    if milestone.project.application.status != S.IN_PROGRESS:
        return _("The project is not running: both sides accept the agreement first.")
    return None


MILESTONE_FLOW = Workflow(
    name="fund.milestone",
    audit_target=lambda milestone: milestone.project.application,
    refusal=gettext_lazy("This milestone has moved on since you loaded the page. Reload it."),
    moves=[
        Move("deliver", source=[MilestoneStatus.PENDING, MilestoneStatus.RETURNED],
             target=MilestoneStatus.SUBMITTED, allowed=_grantee_of, guard=_running),
        Move("accept", source=[MilestoneStatus.SUBMITTED], target=MilestoneStatus.ACCEPTED,
             allowed=_manages_project),
        Move("return", source=[MilestoneStatus.SUBMITTED], target=MilestoneStatus.RETURNED,
             allowed=_manages_project),
    ],
)  # fmt: skip


def _milestone_met(disbursement: Any) -> str | None:
    milestone = disbursement.milestone
    if milestone is not None and milestone.status != MilestoneStatus.ACCEPTED:
        return _(
            "This tranche is paid on “%(milestone)s”, which the fund has not accepted yet."
        ) % {"milestone": milestone.title}
    if disbursement.project.application.status != S.IN_PROGRESS:
        return _("Tranches are approved while the project is running.")
    return None


DISBURSEMENT_FLOW = Workflow(
    name="fund.disbursement",
    audit_target=lambda disbursement: disbursement.project.application,
    refusal=gettext_lazy("This tranche has moved on since you loaded the page. Reload it."),
    moves=[
        Move("approve", source=[DisbursementStatus.SCHEDULED], target=DisbursementStatus.APPROVED,
             allowed=_manages_project, guard=_milestone_met),
        Move("pay", source=[DisbursementStatus.APPROVED], target=DisbursementStatus.PAID,
             allowed=_manages_project),
        Move("cancel", source=[DisbursementStatus.SCHEDULED, DisbursementStatus.APPROVED],
             target=DisbursementStatus.CANCELLED, allowed=_manages_project),
    ],
)  # fmt: skip
