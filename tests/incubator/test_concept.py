"""The concept-note variant end to end: a two-stage call's concept note is submitted with
the concept questions only, screened into the concept review, then a manager invites a
full proposal by a deadline (or declines the concept with a reason); the applicants
complete the proposal and the lead submits it, before the deadline, to the panel."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone, translation

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from incubator.forms import BEIJING
from incubator.models import Application
from incubator.models import ApplicationStatus as S
from incubator.services.applications import (
    answer_save,
    application_field_save,
    application_submit,
    budget_line_add,
)
from incubator.services.calls import form_publish
from incubator.services.coapplicants import coapplicant_answer, coapplicant_invite
from incubator.services.concept import (
    concept_decline,
    proposal_deadline_change,
    proposal_invite,
    proposal_submit,
)
from incubator.services.screening import screening_confirm
from tests.incubator.support import make_application, make_call, make_fund

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"key": "logline", "kind": "short_text", "stage": "concept", "label_zh": "一句话梗概",
     "label_en": "Logline"},
    {"key": "treatment", "kind": "long_text", "stage": "proposal", "label_zh": "分集大纲",
     "label_en": "Episode outline"},
]  # fmt: skip


def _english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def two_stage_call():
    call = make_call(variant="concept")
    form_publish(actor=call.manager, call=call, questions=QUESTIONS)
    return call


def concept_submitted(call=None, *, cowriters=0):
    """A concept note submitted with the concept's pieces only (no plan, no budget, no
    proposal question)."""
    call = call or two_stage_call()
    application = make_application(call, cowriters=cowriters)
    lead = application.lead
    for person in getattr(application, "cowriters", []):
        invitation = coapplicant_invite(actor=lead, application=application, user=person)
        coapplicant_answer(actor=person, coapplicant=invitation, accept=True)
    application_field_save(actor=lead, application=application, field="episodes_from", value=1)
    application_field_save(
        actor=lead, application=application, field="episodes_to",
        value=application.entry.episode_count,
    )  # fmt: skip
    answer_save(actor=lead, application=application, key="logline", value="一个窗口，三种人生")
    application_submit(actor=lead, application=application)
    return application


def in_concept_review(*, cowriters=0):
    application = concept_submitted(cowriters=cowriters)
    call = application.call
    screening_confirm(actor=call.manager, application=application)
    application.refresh_from_db()
    application.call = call  # the test call, which knows its manager
    assert application.status == S.CONCEPT_REVIEW
    return application


def invited(*, cowriters=0, due_in=timedelta(days=14)):
    application = in_concept_review(cowriters=cowriters)
    proposal_invite(
        actor=application.call.manager, application=application,
        due_at=timezone.now() + due_in, message="请补充完整的制作方案。",
    )  # fmt: skip
    call = application.call
    application.refresh_from_db()
    application.call = call
    return application


def complete_proposal(application, actor=None):
    actor = actor or application.lead
    for field, value in (
        ("plan_episodes", 40), ("plan_minutes", 80), ("plan_shooting_days", 12),
        ("plan_team", "导演：待定；制片：星河短剧工作室。"),
    ):  # fmt: skip
        application_field_save(actor=actor, application=application, field=field, value=value)
    budget_line_add(
        actor=actor, application=application, category="cast", description="演员片酬",
        amount="120000",
    )  # fmt: skip
    answer_save(actor=actor, application=application, key="treatment", value="第一集：窗口开张。")


def _past_deadline(application):
    Application.objects.filter(pk=application.pk).update(
        proposal_due_at=timezone.now() - timedelta(minutes=1)
    )
    application.refresh_from_db()


# --- services -----------------------------------------------------------------------------


def test_the_whole_two_stage_path_from_concept_note_to_the_panel(run_on_commit):
    call = two_stage_call()
    application = make_application(call)
    lead = application.lead
    application_field_save(actor=lead, application=application, field="episodes_from", value=1)
    application_field_save(actor=lead, application=application, field="episodes_to", value=1)

    # The concept note asks for the concept's questions only: no plan, budget or proposal.
    with pytest.raises(ValidationError) as missing:
        application_submit(actor=lead, application=application)
    assert set(missing.value.message_dict) == {"answers.logline"}
    answer_save(actor=lead, application=application, key="logline", value="一个窗口，三种人生")
    application_submit(actor=lead, application=application)
    screening_confirm(actor=call.manager, application=application)
    due = timezone.now() + timedelta(days=10)
    with run_on_commit():
        proposal_invite(
            actor=call.manager, application=application, due_at=due, message="期待完整方案"
        )
    application.refresh_from_db()
    assert (application.status, application.proposal_due_at) == (S.INVITED, due)
    assert application.proposal_message == "期待完整方案"

    # The full proposal is checked in full: every missing piece at once.
    with pytest.raises(ValidationError) as incomplete:
        proposal_submit(actor=lead, application=application)
    assert {"plan_episodes", "plan_minutes", "plan_shooting_days", "plan_team", "budget",
            "answers.treatment"} <= set(incomplete.value.message_dict)  # fmt: skip
    assert "answers.logline" not in incomplete.value.message_dict
    complete_proposal(application)
    with run_on_commit():
        proposal_submit(actor=lead, application=application)

    application.refresh_from_db()
    assert application.status == S.PANEL_REVIEW
    assert application.proposal_submitted_at is not None
    trail = AuditEntry.objects.filter(
        action__startswith="fund.application.", target_id=str(application.pk)
    ).order_by("pk")
    assert [e.action for e in trail] == [
        "fund.application.submit", "fund.application.confirm_concept",
        "fund.application.invite_proposal", "fund.application.submit_proposal",
    ]  # fmt: skip
    assert trail[2].data["due_at"] == due.isoformat()


def test_the_invitation_tells_the_applicants_the_deadline_in_their_language(run_on_commit):
    application = in_concept_review(cowriters=1)
    cowriter = _english(application.cowriters[0])
    due = timezone.now() + timedelta(days=3)
    with run_on_commit():
        proposal_invite(
            actor=application.call.manager, application=application, due_at=due,
            message="Add the budget.",
        )  # fmt: skip

    to_lead = Notification.objects.get(recipient=application.lead, kind="fund_proposal_invited")
    to_cowriter = Notification.objects.get(recipient=cowriter, kind="fund_proposal_invited")
    from incubator.services.concept import beijing_time

    assert beijing_time(due) in to_lead.message and beijing_time(due) in to_cowriter.message
    # Each reads it in their own language (the page renders it in the reader's).
    with translation.override(cowriter.language):
        assert "invited to submit a full proposal" in to_cowriter.message
    with translation.override(application.lead.language):
        assert "请于" in to_lead.message and "完整申报书" in to_lead.message
    assert "Add the budget." in to_cowriter.message


def test_the_full_proposal_notifies_the_other_applicants(run_on_commit):
    application = invited(cowriters=1)
    complete_proposal(application, actor=application.cowriters[0])
    with run_on_commit():
        proposal_submit(actor=application.lead, application=application)

    assert Notification.objects.filter(
        recipient=application.cowriters[0], kind="fund_proposal_submitted"
    ).exists()
    assert not Notification.objects.filter(
        recipient=application.lead, kind="fund_proposal_submitted"
    ).exists()


def test_a_declined_concept_keeps_and_sends_its_reason(run_on_commit):
    application = in_concept_review()
    manager = application.call.manager

    with pytest.raises(ValidationError) as no_reason:
        concept_decline(actor=manager, application=application, reason="  ")
    assert "reason" in no_reason.value.message_dict
    with run_on_commit():
        concept_decline(actor=manager, application=application, reason="题材与本专项不符")

    application.refresh_from_db()
    assert application.status == S.DECLINED
    assert application.determination_reason == "题材与本专项不符"
    assert application.determined_by == manager
    notice = Notification.objects.get(recipient=application.lead, kind="fund_concept_declined")
    assert "题材与本专项不符" in notice.message
    entry = AuditEntry.objects.get(action="fund.application.decline_concept")
    assert entry.data["reason"] == "题材与本专项不符"


def test_the_deadline_must_be_in_the_future():
    application = in_concept_review()
    manager = application.call.manager

    for due in (timezone.now() - timedelta(hours=1), None):
        with pytest.raises(ValidationError) as past:
            proposal_invite(actor=manager, application=application, due_at=due)
        assert "due_at" in past.value.message_dict
    application.refresh_from_db()
    assert application.status == S.CONCEPT_REVIEW and application.proposal_due_at is None


def test_after_the_deadline_the_proposal_is_refused_and_nothing_written_is_lost():
    application = invited()
    complete_proposal(application)
    _past_deadline(application)
    before = (application.plan_team, application.answers.get(key="treatment").text)

    with pytest.raises(Conflict) as late:
        proposal_submit(actor=application.lead, application=application)

    assert "无法再提交" in str(late.value.messages[0])
    application.refresh_from_db()
    assert application.status == S.INVITED and application.proposal_submitted_at is None
    assert (application.plan_team, application.answers.get(key="treatment").text) == before
    assert not AuditEntry.objects.filter(action="fund.application.submit_proposal").exists()


def test_only_the_funds_managers_invite_or_decline_and_only_the_lead_submits():
    application = in_concept_review(cowriters=1)
    _fund, other_manager = make_fund()
    due = timezone.now() + timedelta(days=5)

    for person in (application.lead, application.cowriters[0], other_manager):
        with pytest.raises(PermissionDenied):
            proposal_invite(actor=person, application=application, due_at=due)
        with pytest.raises(PermissionDenied):
            concept_decline(actor=person, application=application, reason="否")
    proposal_invite(actor=application.call.manager, application=application, due_at=due)
    complete_proposal(application)
    for person in (application.cowriters[0], application.call.manager, other_manager):
        with pytest.raises(PermissionDenied):
            proposal_submit(actor=person, application=application)
    application.refresh_from_db()
    assert application.status == S.INVITED


def test_the_moves_are_refused_from_any_other_state():
    application = concept_submitted()
    manager = application.call.manager
    due = timezone.now() + timedelta(days=5)

    with pytest.raises(Conflict):
        proposal_invite(actor=manager, application=application, due_at=due)
    with pytest.raises(Conflict):
        proposal_submit(actor=application.lead, application=application)
    screening_confirm(actor=manager, application=application)
    concept_decline(actor=manager, application=application, reason="否")
    with pytest.raises(Conflict):
        proposal_invite(actor=manager, application=application, due_at=due)


# --- pages --------------------------------------------------------------------------------


def test_the_manager_sees_the_invite_and_decline_forms_on_a_concept_under_review():
    application = in_concept_review()
    page = Client()
    page.force_login(_english(application.call.manager))

    html = page.get(f"/fund/applications/{application.pk}/").content.decode()

    assert "Invite a full proposal" in html and "Decline the concept" in html
    assert f"/fund/manage/applications/{application.pk}/invite-proposal/" in html


def test_a_past_deadline_on_the_form_is_shown_beside_the_field_with_what_was_typed():
    application = in_concept_review()
    page = Client()
    page.force_login(_english(application.call.manager))

    response = page.post(
        f"/fund/manage/applications/{application.pk}/invite-proposal/",
        {"due_at": "2020-01-02T10:00", "message": "请补充预算"},
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "The full proposal must be due after now." in html
    assert "2020-01-02T10:00" in html and "请补充预算" in html
    application.refresh_from_db()
    assert application.status == S.CONCEPT_REVIEW


def test_the_manager_invites_and_declines_through_the_page():
    application = in_concept_review()
    page = Client()
    page.force_login(application.call.manager)
    due = (timezone.now() + timedelta(days=7)).astimezone(timezone.get_fixed_timezone(480))

    response = page.post(
        f"/fund/manage/applications/{application.pk}/invite-proposal/",
        {"due_at": due.strftime("%Y-%m-%dT%H:%M"), "message": ""},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.INVITED
    assert application.proposal_due_at == due.replace(second=0, microsecond=0)

    other = in_concept_review()
    page.force_login(other.call.manager)
    refused = page.post(f"/fund/manage/applications/{other.pk}/decline-concept/", {"reason": ""})
    assert refused.status_code == 422
    page.post(f"/fund/manage/applications/{other.pk}/decline-concept/", {"reason": "不符"})
    other.refresh_from_db()
    assert other.status == S.DECLINED


def test_the_applicant_sees_the_deadline_edits_the_proposal_and_submits_it():
    application = invited()
    page = Client()
    page.force_login(_english(application.lead))

    html = page.get(f"/fund/applications/{application.pk}/").content.decode()
    assert "Submit the full proposal" in html and "data-countdown" in html
    due = timezone.localtime(application.proposal_due_at, timezone.get_fixed_timezone(480))
    assert due.strftime("%Y-%m-%d %H:%M") in html
    assert "请补充完整的制作方案。" in html
    assert 'name="value"' in html and "Episode outline" in html

    saved = page.post(
        f"/fund/applications/{application.pk}/field/",
        {"field": "plan_team", "value": "导演：李"},
    )
    assert saved.status_code == 302
    incomplete = page.post(f"/fund/applications/{application.pk}/submit-proposal/")
    assert incomplete.status_code == 422
    assert "Not submitted yet" in incomplete.content.decode()
    complete_proposal(application)
    done = page.post(f"/fund/applications/{application.pk}/submit-proposal/")
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == S.PANEL_REVIEW

    listed = page.get("/fund/applications/").content.decode()
    assert "Panel review" in listed


def test_after_the_deadline_the_button_gives_way_to_a_clear_message():
    application = invited()
    _past_deadline(application)
    page = Client()
    page.force_login(_english(application.lead))

    html = page.get(f"/fund/applications/{application.pk}/").content.decode()
    assert "Submit the full proposal" not in html
    assert "can no longer be submitted" in html

    late = page.post(f"/fund/applications/{application.pk}/submit-proposal/", follow=True)
    assert "can no longer be submitted" in late.content.decode()
    application.refresh_from_db()
    assert application.status == S.INVITED


def test_the_preview_and_my_applications_show_an_invited_application():
    application = invited()
    page = Client()
    page.force_login(_english(application.lead))

    preview = page.get(f"/fund/applications/{application.pk}/preview/")
    listed = page.get("/fund/applications/").content.decode()

    assert preview.status_code == 200
    assert "Invited to a full proposal" in listed


def test_a_co_applicant_edits_the_proposal_but_has_no_submit_button():
    application = invited(cowriters=1)
    page = Client()
    page.force_login(_english(application.cowriters[0]))

    html = page.get(f"/fund/applications/{application.pk}/").content.decode()
    refused = page.post(f"/fund/applications/{application.pk}/submit-proposal/")

    assert "Submit the full proposal" not in html and "Only the lead applicant submits." in html
    assert refused.status_code == 403


def test_another_funds_manager_neither_sees_nor_acts():
    application = in_concept_review()
    _fund, other_manager = make_fund()
    page = Client()
    page.force_login(other_manager)
    due = (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")

    assert page.get(f"/fund/applications/{application.pk}/").status_code == 404
    answer = page.post(
        f"/fund/manage/applications/{application.pk}/invite-proposal/", {"due_at": due}
    )
    assert answer.status_code == 404
    application.refresh_from_db()
    assert application.status == S.CONCEPT_REVIEW


# --- API ----------------------------------------------------------------------------------


def test_the_api_invites_and_the_lead_submits_the_full_proposal(api_client, run_on_commit):
    application = in_concept_review()
    api_client.force_authenticate(application.call.manager)
    due = timezone.now() + timedelta(days=7)

    past = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/invite-proposal/",
        {"due_at": (timezone.now() - timedelta(days=1)).isoformat()}, format="json",
    )  # fmt: skip
    assert past.status_code == 400 and "due_at" in past.json()["errors"]
    with run_on_commit():
        row = api_client.post(
            f"/api/v1/fund/applications/{application.pk}/invite-proposal/",
            {"due_at": due.isoformat(), "message": "请补充"}, format="json",
        )  # fmt: skip
    assert row.status_code == 200
    assert row.json()["status"] == "invited" and row.json()["proposal_due_at"]
    assert Notification.objects.filter(
        recipient=application.lead, kind="fund_proposal_invited"
    ).exists()

    api_client.force_authenticate(application.lead)
    read = api_client.get(f"/api/v1/fund/applications/{application.pk}/").json()
    assert read["proposal_due_at"] and read["proposal_message"] == "请补充"
    missing = api_client.post(f"/api/v1/fund/applications/{application.pk}/submit-proposal/")
    assert missing.status_code == 400
    assert "budget" in missing.json()["errors"] and "answers.treatment" in missing.json()["errors"]
    complete_proposal(application)
    done = api_client.post(f"/api/v1/fund/applications/{application.pk}/submit-proposal/")
    assert done.status_code == 200 and done.json()["status"] == "panel_review"
    assert done.json()["proposal_submitted_at"]


def test_the_api_answers_409_after_the_deadline_and_403_to_a_co_applicant(api_client):
    application = invited(cowriters=1)
    complete_proposal(application)

    api_client.force_authenticate(application.cowriters[0])
    refused = api_client.post(f"/api/v1/fund/applications/{application.pk}/submit-proposal/")
    assert refused.status_code == 403
    _past_deadline(application)
    api_client.force_authenticate(application.lead)
    late = api_client.post(f"/api/v1/fund/applications/{application.pk}/submit-proposal/")
    assert late.status_code == 409
    application.refresh_from_db()
    assert application.status == S.INVITED


def test_the_api_declines_a_concept_with_its_reason(api_client):
    application = in_concept_review()
    _fund, other_manager = make_fund()

    api_client.force_authenticate(other_manager)
    hidden = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/decline-concept/", {"reason": "否"},
        format="json",
    )  # fmt: skip
    assert hidden.status_code == 404
    api_client.force_authenticate(application.lead)
    forbidden = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/decline-concept/", {"reason": "否"},
        format="json",
    )  # fmt: skip
    assert forbidden.status_code == 403
    api_client.force_authenticate(application.call.manager)
    empty = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/decline-concept/", {"reason": ""},
        format="json",
    )  # fmt: skip
    assert empty.status_code == 400
    done = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/decline-concept/", {"reason": "题材不符"},
        format="json",
    )  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "declined"


def test_the_concept_note_marks_the_questions_that_wait_for_the_full_proposal():
    application = make_application(two_stage_call())
    page = Client()
    page.force_login(_english(application.lead))

    html = page.get(f"/fund/applications/{application.pk}/").content.decode()

    assert "Episode outline (asked in the full proposal, if the fund invites one)" in html
    assert "Logline (asked" not in html


# --- moving the deadline ------------------------------------------------------------------


def test_a_manager_moves_a_passed_deadline_and_the_kept_draft_can_then_be_submitted(
    run_on_commit,
):
    application = invited(cowriters=1)
    manager = application.call.manager
    complete_proposal(application)
    _past_deadline(application)
    with pytest.raises(Conflict):
        proposal_submit(actor=application.lead, application=application)

    later = timezone.now() + timedelta(days=3)
    with run_on_commit():
        proposal_deadline_change(actor=manager, application=application, due_at=later,
                                 message="延期三天。")  # fmt: skip
    proposal_submit(actor=application.lead, application=application)

    application.refresh_from_db()
    assert application.status == S.PANEL_REVIEW
    assert application.proposal_due_at == later and application.proposal_message == "延期三天。"
    entry = AuditEntry.objects.get(action="fund.application.proposal_deadline_changed")
    assert entry.data["to"] == later.isoformat() and entry.data["from"]
    told = Notification.objects.filter(kind="fund_proposal_deadline_changed")
    assert {n.recipient_id for n in told} == {application.lead_id, application.cowriters[0].pk}


def test_only_a_manager_moves_the_deadline_of_an_invited_proposal_and_only_into_the_future():
    application = invited()
    manager = application.call.manager
    with pytest.raises(PermissionDenied):
        proposal_deadline_change(actor=application.lead, application=application,
                                 due_at=timezone.now() + timedelta(days=3))  # fmt: skip
    with pytest.raises(ValidationError) as past:
        proposal_deadline_change(actor=manager, application=application,
                                 due_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    assert "due_at" in past.value.message_dict
    concept = in_concept_review()
    with pytest.raises(Conflict):
        proposal_deadline_change(actor=concept.call.manager, application=concept,
                                 due_at=timezone.now() + timedelta(days=3))  # fmt: skip


def test_the_deadline_is_moved_on_the_page_and_through_the_api(api_client):
    application = invited()
    manager = _english(application.call.manager)
    page = Client()
    page.force_login(manager)
    url = f"/fund/manage/applications/{application.pk}/proposal-deadline/"

    html = page.get(f"/fund/applications/{application.pk}/").content.decode()
    assert 'id="proposal-deadline"' in html
    refused = page.post(url, {"due_at": "2001-01-01T09:00", "message": "改期"})
    assert refused.status_code == 422
    assert "改期" in refused.content.decode()  # what was typed comes back
    due = (timezone.now() + timedelta(days=9)).astimezone(BEIJING)
    assert page.post(url, {"due_at": due.strftime("%Y-%m-%dT%H:%M")}).status_code == 302
    application.refresh_from_db()
    assert application.proposal_due_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") == (
        due.strftime("%Y-%m-%d %H:%M")
    )

    api_client.force_login(manager)
    later = timezone.now() + timedelta(days=20)
    answer = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/proposal-deadline/",
        {"due_at": later.isoformat()}, format="json",
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json()["proposal_due_at"]
    api_client.force_login(application.lead)
    assert api_client.post(
        f"/api/v1/fund/applications/{application.pk}/proposal-deadline/",
        {"due_at": later.isoformat()}, format="json",
    ).status_code == 403  # fmt: skip
