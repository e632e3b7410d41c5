"""Awards: the project an awarded application becomes, its agreement, milestones, tranches
within the award and the fund's budget, reports, reminders and its end."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from core.workflows import workflow_move
from incubator import selectors
from incubator.models import ApplicationStatus, DisbursementStatus, MilestoneStatus
from incubator.services.awards import (
    agreement_accept,
    agreement_issue,
    disbursement_approve,
    disbursement_cancel,
    disbursement_mark_paid,
    disbursement_schedule,
    milestone_accept,
    milestone_add,
    milestone_deliver,
    milestone_return,
    overdue_reminders,
    project_complete,
    project_create,
    project_set_public,
    project_terminate,
    report_schedule,
    report_submit,
)
from incubator.services.filing import filing_number_record
from incubator.workflows import APPLICATION_FLOW
from tests.incubator.support import make_call, make_fund, submitted
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + timedelta(days=30)


def awarded(call=None):
    """A submitted application taken through screening, panel and determination to
    awarded (the moves the panel's services make)."""
    call = call or make_call()
    application = submitted(call)
    for move in ("start_screening", "confirm_eligible", "to_determination", "award"):
        workflow_move(APPLICATION_FLOW, application, move, actor=call.manager)
    return application, call.manager


def running(amount="100000.00"):
    """A project whose agreement both sides accepted, with two milestones and two tranches
    (the second paid on the second milestone)."""
    application, manager = awarded()
    project = project_create(actor=manager, application=application, amount=amount)
    draft = milestone_add(
        actor=manager, project=project, title="前15集修订稿", kind="revision", due_on=SOON
    )
    filing = milestone_add(
        actor=manager, project=project, title="取得备案号", kind="filing_number", due_on=SOON
    )
    award = Decimal(amount)
    first = disbursement_schedule(
        actor=manager, project=project, amount=award * 4 / 10, scheduled_on=SOON
    )
    second = disbursement_schedule(
        actor=manager, project=project, amount=award * 6 / 10, scheduled_on=SOON, milestone=filing
    )
    project = agreement_issue(actor=manager, project=project)
    agreement_accept(actor=application.lead, project=project, agreement_hash=project.agreement_hash)
    agreement_accept(actor=manager, project=project, agreement_hash=project.agreement_hash)
    project.refresh_from_db()
    return project, manager, (draft, filing), (first, second)


def test_an_awarded_application_becomes_a_project_being_contracted(run_on_commit):
    application, manager = awarded()

    with run_on_commit():
        project = project_create(
            actor=manager, application=application, amount="120000", conditions="按季度汇报。"
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONTRACTING
    assert project.amount == Decimal("120000.00") and not project.agreement_hash
    assert Notification.objects.filter(
        recipient=application.lead, kind="fund_project_created"
    ).exists()
    with pytest.raises(Conflict):
        project_create(actor=manager, application=application, amount="1")


def test_an_award_stays_within_the_largest_award_and_the_budgets():
    fund, manager = make_fund(budget=Decimal("250000.00"))
    call = make_call(fund, manager, award_max=Decimal("200000.00"), budget=Decimal("240000.00"))
    first, _ = awarded(call)
    second, _ = awarded(call)

    with pytest.raises(ValidationError) as too_big:
        project_create(actor=manager, application=first, amount="200000.01")
    project_create(actor=manager, application=first, amount="200000")
    with pytest.raises(ValidationError) as over_budget:
        project_create(actor=manager, application=second, amount="40000.01")

    assert "amount" in too_big.value.message_dict and "amount" in over_budget.value.message_dict
    assert "40000.00" in over_budget.value.message_dict["amount"][0]
    project_create(actor=manager, application=second, amount="40000")


def test_only_the_funds_managers_set_a_project_up():
    application, manager = awarded()
    other_fund_manager = make_fund()[1]
    for outsider in (application.lead, other_fund_manager, UserFactory()):
        with pytest.raises(PermissionDenied):
            project_create(actor=outsider, application=application, amount="1000")


def test_an_application_not_awarded_has_no_project():
    call = make_call()
    application = submitted(call)
    with pytest.raises(Conflict):
        project_create(actor=call.manager, application=application, amount="1000")


def test_the_agreement_is_accepted_by_both_sides_on_the_text_they_read():
    application, manager = awarded()
    project = project_create(actor=manager, application=application, amount="100000")
    with pytest.raises(Conflict):  # no milestones yet
        agreement_issue(actor=manager, project=project)
    milestone_add(actor=manager, project=project, title="全剧登记", kind="revision", due_on=SOON)
    project = agreement_issue(actor=manager, project=project)
    read = project.agreement_hash

    assert "100000.00" in project.agreement_text and "全剧登记" in project.agreement_text
    assert application.series_title in project.agreement_text
    agreement_accept(actor=application.lead, project=project, agreement_hash=read)
    with pytest.raises(Conflict):  # the lead's side has accepted
        agreement_accept(actor=application.lead, project=project, agreement_hash=read)
    # A change of terms withdraws the agreement: the fund cannot accept the old text.
    milestone_add(actor=manager, project=project, title="取得备案号", kind="filing_number",
                  due_on=SOON)  # fmt: skip
    with pytest.raises(Conflict):
        agreement_accept(actor=manager, project=project, agreement_hash=read)
    project = agreement_issue(actor=manager, project=project)
    assert project.grantee_accepted_at is None and project.agreement_hash != read
    agreement_accept(actor=application.lead, project=project, agreement_hash=project.agreement_hash)
    agreement_accept(actor=manager, project=project, agreement_hash=project.agreement_hash)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_PROGRESS
    with pytest.raises(PermissionDenied):
        agreement_accept(actor=UserFactory(), project=project, agreement_hash=read)


def test_tranches_never_exceed_the_award_nor_the_funds_budget():
    fund, manager = make_fund(budget=Decimal("150000.00"))
    call = make_call(fund, manager, award_max=Decimal("150000.00"), budget=Decimal("150000.00"))
    application, _ = awarded(call)
    project = project_create(actor=manager, application=application, amount="100000")

    disbursement_schedule(actor=manager, project=project, amount="70000", scheduled_on=SOON)
    with pytest.raises(ValidationError) as over_award:
        disbursement_schedule(actor=manager, project=project, amount="30000.01", scheduled_on=SOON)
    last = disbursement_schedule(actor=manager, project=project, amount="30000", scheduled_on=SOON)
    disbursement_cancel(actor=manager, tranche=last)
    again = disbursement_schedule(actor=manager, project=project, amount="30000", scheduled_on=SOON)

    assert "100000.00" in over_award.value.message_dict["amount"][0]
    assert again.amount == Decimal("30000.00")
    # A fund whose budget was cut below what is planned takes no further tranche.
    disbursement_cancel(actor=manager, tranche=again)
    type(fund).objects.filter(pk=fund.pk).update(budget=Decimal("80000.00"))
    with pytest.raises(ValidationError) as over_budget:
        disbursement_schedule(actor=manager, project=project, amount="10000.01", scheduled_on=SOON)
    assert "10000.00" in over_budget.value.message_dict["amount"][0]
    for bad in ("0", "-5", "12.345", "abc", "1e30"):
        with pytest.raises(ValidationError):
            disbursement_schedule(actor=manager, project=project, amount=bad, scheduled_on=SOON)


def test_a_tranche_on_a_milestone_is_approved_only_once_the_milestone_is_accepted(
    run_on_commit,
):
    project, manager, (draft, filing), (first, second) = running()
    lead = project.application.lead

    disbursement_approve(actor=manager, tranche=first)
    with pytest.raises(Conflict):
        disbursement_approve(actor=manager, tranche=second)
    with pytest.raises(ValidationError):
        disbursement_mark_paid(actor=manager, tranche=first, reference=" ")
    with run_on_commit():
        disbursement_mark_paid(actor=manager, tranche=first, reference="BANK-2026-0001")
    milestone_deliver(actor=lead, milestone=filing, filing_number="网微剧备字（2026）第0101号")
    milestone_accept(actor=manager, milestone=filing)
    disbursement_approve(actor=manager, tranche=second)

    first.refresh_from_db()
    assert first.status == DisbursementStatus.PAID and first.payment_reference == "BANK-2026-0001"
    assert Notification.objects.filter(recipient=lead, kind="fund_tranche_paid").exists()
    with pytest.raises(PermissionDenied):
        disbursement_mark_paid(actor=lead, tranche=second, reference="self-paid")
    assert AuditEntry.objects.filter(action="fund.disbursement.pay").exists()


def test_milestones_are_delivered_by_kind_returned_with_a_reason_and_accepted(run_on_commit):
    project, manager, (draft, filing), _ = running()
    lead = project.application.lead
    entry = project.application.entry

    with pytest.raises(ValidationError):
        milestone_deliver(actor=lead, milestone=draft)  # no revision given
    with pytest.raises(PermissionDenied):
        milestone_deliver(actor=UserFactory(), milestone=draft, entry=entry)
    with run_on_commit():
        milestone_deliver(actor=lead, milestone=draft, entry=entry)
    with pytest.raises(ValidationError):
        milestone_return(actor=manager, milestone=draft, reason=" ")
    with run_on_commit():
        milestone_return(actor=manager, milestone=draft, reason="第12集的卡点还没改。")
    draft.refresh_from_db()
    assert draft.status == MilestoneStatus.RETURNED and "卡点" in draft.return_reason
    milestone_deliver(actor=lead, milestone=draft, entry=entry)
    with pytest.raises(PermissionDenied):
        milestone_accept(actor=lead, milestone=draft)
    milestone_accept(actor=manager, milestone=draft)

    draft.refresh_from_db()
    assert draft.status == MilestoneStatus.ACCEPTED and draft.entry_id == entry.pk
    assert Notification.objects.filter(recipient=lead, kind="fund_milestone_returned").exists()
    assert Notification.objects.filter(recipient=manager, kind="fund_milestone_delivered").exists()


def test_a_file_milestone_takes_an_allowed_file_only():
    application, manager = awarded()
    project = project_create(actor=manager, application=application, amount="1000")
    milestone = milestone_add(actor=manager, project=project, title="拍摄计划", kind="file",
                              due_on=SOON)  # fmt: skip
    project = agreement_issue(actor=manager, project=project)
    agreement_accept(actor=application.lead, project=project, agreement_hash=project.agreement_hash)
    agreement_accept(actor=manager, project=project, agreement_hash=project.agreement_hash)

    with pytest.raises(ValidationError):
        milestone_deliver(
            actor=application.lead, milestone=milestone,
            upload=SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/x-msdownload"),
        )  # fmt: skip
    milestone_deliver(
        actor=application.lead, milestone=milestone,
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n",
                                  content_type="application/pdf"),
    )  # fmt: skip
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.SUBMITTED and milestone.file.name


def test_a_filing_number_milestone_takes_a_valid_number_and_records_it_on_the_filing():
    project, manager, (draft, filing), _ = running()
    application = project.application

    with pytest.raises(ValidationError) as refused:
        milestone_deliver(
            actor=application.lead, milestone=filing, filing_number="（2026）第0101号"
        )
    assert "网微剧备字" in str(refused.value.message_dict["deliverable"])
    with pytest.raises(ValidationError):  # nothing given, and nothing recorded yet
        milestone_deliver(actor=application.lead, milestone=filing)
    assert selectors.filing_number_of(application) is None

    milestone_deliver(
        actor=application.lead, milestone=filing, filing_number="(浙) 网微剧审字 (2026) 第012号"
    )

    filing.refresh_from_db()
    assert filing.status == MilestoneStatus.SUBMITTED
    assert filing.filing_number == "（浙）网微剧审字（2026）第012号"
    recorded = selectors.filing_number_of(application)
    assert (recorded.number, recorded.number_kind) == (filing.filing_number, "licence")


def test_a_filing_number_milestone_can_be_delivered_with_the_number_already_recorded():
    project, manager, (draft, filing), _ = running()
    application = project.application
    filing_number_record(
        actor=application.lead, application=application, number="网微剧备字（2026）第0101号"
    )

    milestone_deliver(actor=application.lead, milestone=filing)

    filing.refresh_from_db()
    assert filing.filing_number == "网微剧备字（2026）第0101号"
    assert AuditEntry.objects.filter(action="fund.filing.number_recorded").count() == 1


def test_nothing_is_delivered_before_the_agreement_is_accepted():
    application, manager = awarded()
    project = project_create(actor=manager, application=application, amount="1000")
    milestone = milestone_add(actor=manager, project=project, title="报告", kind="report",
                              due_on=SOON)  # fmt: skip
    with pytest.raises(Conflict):
        milestone_deliver(actor=application.lead, milestone=milestone, report="进展顺利")


def test_reports_are_asked_for_handed_in_once_and_overdue_ones_reminded_weekly(run_on_commit):
    project, manager, (draft, filing), _ = running()
    lead = project.application.lead
    report = report_schedule(actor=manager, project=project, due_on=timezone.localdate())
    with pytest.raises(ValidationError):
        report_schedule(actor=manager, project=project, due_on=timezone.localdate() - timedelta(1))

    later = timezone.now() + timedelta(days=40)
    with run_on_commit():
        assert overdue_reminders(now=later) == 3  # the two milestones and the report
    assert overdue_reminders(now=later + timedelta(days=1)) == 0  # not again within a week
    report_submit(actor=lead, report=report, body="前十集已修订完成。")
    with pytest.raises(Conflict):
        report_submit(actor=lead, report=report, body="again")
    assert overdue_reminders(now=later + timedelta(days=8)) == 2
    assert Notification.objects.filter(recipient=lead, kind="fund_report_overdue").count() == 1


def test_a_project_completes_when_every_milestone_is_accepted():
    project, manager, (draft, filing), _ = running()
    lead = project.application.lead
    with pytest.raises(Conflict):
        project_complete(actor=manager, project=project)
    milestone_deliver(actor=lead, milestone=draft, entry=project.application.entry)
    milestone_accept(actor=manager, milestone=draft)
    milestone_deliver(actor=lead, milestone=filing, filing_number="网微剧备字（2026）第0101号")
    milestone_accept(actor=manager, milestone=filing)

    project_complete(actor=manager, project=project)

    project.application.refresh_from_db()
    assert project.application.status == ApplicationStatus.COMPLETED


def test_termination_needs_a_reason_and_cancels_the_unpaid_tranches():
    project, manager, _, (first, second) = running()
    disbursement_approve(actor=manager, tranche=first)
    disbursement_mark_paid(actor=manager, tranche=first, reference="BANK-1")
    with pytest.raises(ValidationError):
        project_terminate(actor=manager, project=project, reason="")

    project_terminate(actor=manager, project=project, reason="未按期提交修订稿。")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (DisbursementStatus.PAID, DisbursementStatus.CANCELLED)
    assert project.application.status == ApplicationStatus.TERMINATED
    assert project.end_reason == "未按期提交修订稿。"


def test_only_the_lead_makes_the_project_public():
    project, manager, _, _ = running()
    with pytest.raises(PermissionDenied):
        project_set_public(actor=manager, project=project, public=True)
    project_set_public(actor=project.application.lead, project=project, public=True)
    project.refresh_from_db()
    assert project.is_public
