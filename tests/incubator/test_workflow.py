"""The application workflow as data: one table of (from, to, who may), performed by
core.workflows.workflow_move with an audit row; this session's moves are submit, withdraw
and screening."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from core.workflows import workflow_move
from incubator.models import ApplicationStatus as S
from incubator.models import CallStatus, CoApplicantStatus
from incubator.services.screening import (
    screening_confirm,
    screening_out_of_remit,
    screening_start,
)
from incubator.workflows import (
    APPLICATION_FLOW,
    CALL_FLOW,
    COAPPLICANT_FLOW,
    IMPLEMENTED_MOVES,
)
from tests.incubator.support import make_call, make_fund, submitted

pytestmark = pytest.mark.django_db


def test_the_table_covers_every_state_of_the_issue():
    assert APPLICATION_FLOW.states() == set(S.values)
    assert CALL_FLOW.states() == set(CallStatus.values)
    assert COAPPLICANT_FLOW.states() == set(CoApplicantStatus.values)
    assert {move.name for move in APPLICATION_FLOW.moves} >= IMPLEMENTED_MOVES


def test_every_state_is_reached_from_the_draft_and_ends_somewhere():
    reached, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        state = frontier.pop()
        for move in APPLICATION_FLOW.moves_from(state):
            if move.target not in reached:
                reached.add(move.target)
                frontier.append(move.target)
    assert reached == set(S.values)
    ends = {s for s in S.values if not APPLICATION_FLOW.moves_from(s)}
    assert ends == {S.OUT_OF_REMIT, S.DECLINED, S.COMPLETED, S.TERMINATED, S.WITHDRAWN}


def test_the_concept_variant_adds_its_two_stages():
    concept_moves = {m.name: (set(m.source), m.target) for m in APPLICATION_FLOW.moves}
    assert concept_moves["confirm_concept"][1] == S.CONCEPT_REVIEW
    assert concept_moves["invite_proposal"] == ({S.CONCEPT_REVIEW}, S.INVITED)
    assert concept_moves["submit_proposal"] == ({S.INVITED}, S.PANEL_REVIEW)


def test_a_manager_screens_and_confirms_eligibility_to_the_panel(run_on_commit):
    application = submitted()
    manager = application.call.manager

    screening_start(actor=manager, application=application)
    with run_on_commit():
        screening_confirm(actor=manager, application=application, note="符合申报条件")

    application.refresh_from_db()
    assert application.status == S.PANEL_REVIEW
    assert application.screened_by == manager and application.screened_at
    trail = AuditEntry.objects.filter(action__startswith="fund.application.").order_by("pk")
    assert [e.action for e in trail] == [
        "fund.application.submit", "fund.application.start_screening",
        "fund.application.confirm_eligible",
    ]  # fmt: skip
    assert Notification.objects.filter(
        recipient=application.lead, kind="fund_application_eligible"
    ).exists()


def test_a_two_stage_call_goes_to_the_concept_review():
    call = make_call(variant="concept")
    application = submitted(call)

    screening_confirm(actor=call.manager, application=application)

    application.refresh_from_db()
    assert application.status == S.CONCEPT_REVIEW


def test_out_of_remit_needs_a_reason_which_the_applicants_read(run_on_commit):
    application = submitted()
    manager = application.call.manager

    with pytest.raises(ValidationError) as no_reason:
        screening_out_of_remit(actor=manager, application=application, reason=" ")
    assert "reason" in no_reason.value.message_dict
    with run_on_commit():
        screening_out_of_remit(actor=manager, application=application, reason="不属于本专项题材")

    application.refresh_from_db()
    assert (application.status, application.screening_reason) == (
        S.OUT_OF_REMIT,
        "不属于本专项题材",
    )
    notice = Notification.objects.get(
        recipient=application.lead, kind="fund_application_out_of_remit"
    )
    assert "不属于本专项题材" in notice.message
    entry = AuditEntry.objects.get(action="fund.application.out_of_remit")
    assert entry.data["reason"] == "不属于本专项题材" and entry.data["from"] == "submitted"


def test_only_the_funds_managers_screen_and_only_what_waits_for_screening():
    application = submitted()
    _fund, other_manager = make_fund()

    for person in (application.lead, other_manager):
        with pytest.raises(PermissionDenied):
            screening_start(actor=person, application=application)
    screening_out_of_remit(actor=application.call.manager, application=application, reason="否")
    with pytest.raises(Conflict):
        screening_confirm(actor=application.call.manager, application=application)
    assert AuditEntry.objects.filter(action="fund.application.confirm_eligible").count() == 0


def test_later_moves_are_in_the_table_with_who_may_make_them():
    application = submitted()
    manager = application.call.manager
    screening_confirm(actor=manager, application=application)

    with pytest.raises(PermissionDenied):
        workflow_move(APPLICATION_FLOW, application, "to_determination", actor=application.lead)
    workflow_move(APPLICATION_FLOW, application, "to_determination", actor=manager)
    workflow_move(APPLICATION_FLOW, application, "request_more_info", actor=manager)
    workflow_move(APPLICATION_FLOW, application, "resubmit", actor=application.lead)

    application.refresh_from_db()
    assert application.status == S.DETERMINATION
