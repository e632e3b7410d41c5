"""Applications: starting one with a registered revision, saving a draft field by field
with co-applicants, the budget in Decimal yuan, the call's questions, submitting (every
missing piece at once; refused after the close time with nothing lost) and withdrawing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from incubator.models import Application, ApplicationStatus
from incubator.services.applications import (
    answer_save,
    application_field_save,
    application_start,
    application_submit,
    application_withdraw,
    budget_line_add,
    budget_line_update,
    submission_problems,
    value_hash,
)
from incubator.services.calls import call_update, form_publish
from incubator.services.coapplicants import (
    coapplicant_answer,
    coapplicant_invite,
    coapplicant_remove,
)
from registry.services.registration import registration_request
from scripts_app.services.revisions import revision_save
from scripts_app.services.series import series_update
from tests.incubator.support import (
    complete,
    make_application,
    make_call,
    registered_series,
)
from tests.support.factories import OrganisationFactory, UserFactory, admin_of

pytestmark = pytest.mark.django_db


# --- starting ------------------------------------------------------------------------------


def test_a_writer_starts_with_a_registered_revision_and_the_ai_disclosure_of_the_series():
    call = make_call()
    series, entry, _people = registered_series(ai_assistance="ideas", ai_note="构思阶段用过 AI")

    application = application_start(actor=series.owner, call=call, series=series, entry=entry)

    assert application.status == ApplicationStatus.DRAFT
    assert application.entry == entry and application.entry.revision == series.head
    assert (application.ai_assistance, application.ai_note) == ("ideas", "构思阶段用过 AI")
    assert AuditEntry.objects.filter(action="fund.application_started").count() == 1


def test_only_a_writer_of_the_series_applies_with_it_and_only_with_its_own_entry():
    call = make_call()
    series, entry, _people = registered_series()
    other, other_entry, _ = registered_series()

    with pytest.raises(PermissionDenied):
        application_start(actor=UserFactory(), call=call, series=series, entry=entry)
    with pytest.raises(ValidationError) as wrong:
        application_start(actor=series.owner, call=call, series=series, entry=other_entry)
    assert "entry" in wrong.value.message_dict


def test_one_application_per_series_per_call_until_it_is_withdrawn():
    call = make_call()
    series, entry, (cowriter,) = registered_series(cowriters=1)
    first = application_start(actor=series.owner, call=call, series=series, entry=entry)

    with pytest.raises(ValidationError) as twice:
        application_start(actor=cowriter, call=call, series=series, entry=entry)
    assert "series" in twice.value.message_dict

    application_withdraw(actor=series.owner, application=first)
    again = application_start(actor=cowriter, call=call, series=series, entry=entry)
    assert again.lead == cowriter


def test_no_application_starts_on_a_closed_or_unpublished_call():
    closed = make_call(opens_in=timedelta(days=-10), closes_in=timedelta(days=-1))
    draft = make_call(publish=False)
    series, entry, _people = registered_series()

    for call in (closed, draft):
        with pytest.raises(Conflict):
            application_start(actor=series.owner, call=call, series=series, entry=entry)


def test_the_registered_revision_is_frozen_whatever_the_series_becomes():
    application = complete(make_application())
    series = application.series
    applied = application.entry.revision
    revision_save(actor=series.owner, series=series, text="第1集\n改过了\n", base=series.head)

    application.refresh_from_db()
    assert application.entry.revision == applied
    assert series.revisions.count() == 2


# --- saving a draft ------------------------------------------------------------------------


def test_fields_save_one_at_a_time_with_bounds():
    application = make_application()
    lead = application.lead

    application_field_save(actor=lead, application=application, field="plan_minutes", value="95")
    for field, value in (
        ("plan_minutes", "0"),
        ("plan_shooting_days", "400"),
        ("episodes_from", "x"),
    ):
        with pytest.raises(ValidationError) as refused:
            application_field_save(actor=lead, application=application, field=field, value=value)
        assert field in refused.value.message_dict

    application.refresh_from_db()
    assert application.plan_minutes == 95 and application.plan_shooting_days is None


def test_the_last_episode_covered_must_not_come_before_the_first():
    application = make_application()
    application_field_save(
        actor=application.lead, application=application, field="episodes_from", value=5
    )

    with pytest.raises(ValidationError):
        application_field_save(
            actor=application.lead, application=application, field="episodes_to", value=3
        )


def test_co_applicants_edit_different_fields_at_once_and_lose_nothing():
    application = make_application(cowriters=1)
    cowriter = application.cowriters[0]
    invitation = coapplicant_invite(actor=application.lead, application=application, user=cowriter)
    coapplicant_answer(actor=cowriter, coapplicant=invitation, accept=True)
    # Both loaded the page with empty fields; each saves a different one.
    lead_view = Application.objects.get(pk=application.pk)
    cowriter_view = Application.objects.get(pk=application.pk)

    application_field_save(
        actor=application.lead, application=lead_view, field="plan_team", value="导演：李",
        base=value_hash(""),
    )  # fmt: skip
    application_field_save(
        actor=cowriter, application=cowriter_view, field="plan_minutes", value=90,
        base=value_hash(None),
    )  # fmt: skip

    application.refresh_from_db()
    assert (application.plan_team, application.plan_minutes) == ("导演：李", 90)


def test_a_save_of_the_same_field_over_a_co_applicants_is_refused_and_names_the_field():
    application = make_application()
    lead = application.lead
    start = value_hash(application.plan_team)
    application_field_save(
        actor=lead, application=application, field="plan_team", value="甲", base=start
    )

    with pytest.raises(Conflict) as clash:
        application_field_save(
            actor=lead, application=application, field="plan_team", value="乙", base=start
        )

    assert "plan_team" in clash.value.message_dict
    application.refresh_from_db()
    assert application.plan_team == "甲"
    # Saving what is already there is no clash; nor is a save from the new base.
    application_field_save(
        actor=lead, application=application, field="plan_team", value="甲", base=start
    )
    application_field_save(
        actor=lead, application=application, field="plan_team", value="甲乙", base=value_hash("甲")
    )


def test_a_submitted_application_no_longer_changes():
    application = complete(make_application())
    application_submit(actor=application.lead, application=application)

    with pytest.raises(Conflict):
        application_field_save(
            actor=application.lead, application=application, field="plan_minutes", value=1
        )
    with pytest.raises(Conflict):
        budget_line_add(
            actor=application.lead,
            application=application,
            category="cast",
            description="x",
            amount="1",
        )


def test_strangers_and_the_funds_managers_do_not_edit_a_draft():
    application = make_application()

    for person in (UserFactory(), application.call.manager):
        with pytest.raises(PermissionDenied):
            application_field_save(
                actor=person, application=application, field="plan_minutes", value=1
            )


# --- the budget ----------------------------------------------------------------------------


def test_budget_lines_are_decimal_yuan_and_the_total_stays_within_the_largest_award():
    call = make_call(award_max=Decimal("100000.00"), budget=Decimal("300000.00"))
    application = make_application(call)
    lead = application.lead

    first = budget_line_add(
        actor=lead, application=application, category="cast", description="演员", amount="60000.10"
    )
    second = budget_line_add(
        actor=lead, application=application, category="post", description="后期", amount="39999.90"
    )
    assert first.amount + second.amount == Decimal("100000.00")
    with pytest.raises(ValidationError) as over:
        budget_line_add(
            actor=lead, application=application, category="other", description="杂项", amount="0.01"
        )
    assert "amount" in over.value.message_dict
    with pytest.raises(ValidationError):
        budget_line_update(actor=lead, line=second, amount="40000.00")
    for amount in ("-5", "0", "12.345", "abc", "NaN", "1e30"):
        with pytest.raises(ValidationError):
            budget_line_add(
                actor=lead, application=application, category="cast", description="x", amount=amount
            )
    assert application.budget_lines.count() == 2
    assert AuditEntry.objects.filter(action="fund.budget_line_added").count() == 2


def test_a_budget_line_needs_a_category_and_a_description():
    application = make_application()

    with pytest.raises(ValidationError) as refused:
        budget_line_add(
            actor=application.lead,
            application=application,
            category="bribes",
            description=" ",
            amount="10",
        )

    assert set(refused.value.message_dict) == {"category", "description"}


# --- the call's questions ------------------------------------------------------------------


def _questions(call):
    return form_publish(
        actor=call.manager, call=call,
        questions=[
            {"key": "pitch", "kind": "short_text", "label_zh": "一句话", "max_length": 20},
            {"key": "essay", "kind": "long_text", "label_zh": "阐述"},
            {"key": "episodes", "kind": "number", "label_zh": "集数", "min_value": 10, "max_value": 100},
            {"key": "platform", "kind": "choice", "label_zh": "平台", "choices": ["抖音|Douyin", "快手|Kuaishou"]},
            {"key": "letter", "kind": "file", "label_zh": "意向书", "required": False},
        ],
    )  # fmt: skip


def test_answers_are_checked_by_the_kind_of_question():
    call = make_call()
    _questions(call)
    application = make_application(call)
    lead = application.lead

    answer_save(actor=lead, application=application, key="pitch", value="县城\n律师")
    answer_save(actor=lead, application=application, key="essay", value="**第一段**\n\n第二段")
    answer_save(actor=lead, application=application, key="episodes", value="60")
    answer_save(actor=lead, application=application, key="platform", value="c1")
    answers = {a.key: a for a in application.answers.all()}
    assert answers["pitch"].text == "县城 律师"  # one line
    assert answers["episodes"].number == Decimal("60.00")
    for key, value in (
        ("pitch", "太长" * 11),
        ("episodes", "5"),
        ("episodes", "六十"),
        ("platform", "tiktok"),
    ):
        with pytest.raises(ValidationError) as refused:
            answer_save(actor=lead, application=application, key=key, value=value)
        assert f"answers.{key}" in refused.value.message_dict
    with pytest.raises(ValidationError) as unknown:
        answer_save(actor=lead, application=application, key="nope", value="x")
    assert "key" in unknown.value.message_dict


def test_a_file_answer_is_stored_privately_and_replaced(settings, tmp_path):
    from core.files import PrivateFileSystemStorage

    call = make_call()
    _questions(call)
    application = make_application(call)
    pdf = b"%PDF-1.4\n%fake but with the magic bytes\n"

    first = answer_save(
        actor=application.lead, application=application, key="letter",
        upload=SimpleUploadedFile("意向书.pdf", pdf, content_type="application/pdf"),
    )  # fmt: skip
    assert isinstance(first.file.storage, PrivateFileSystemStorage)
    assert "意向书" not in first.file.name  # stored under a random name
    with pytest.raises(ValidationError):
        answer_save(
            actor=application.lead, application=application, key="letter",
            upload=SimpleUploadedFile("page.pdf", b"<html>", content_type="application/pdf"),
        )  # fmt: skip


# --- submitting ----------------------------------------------------------------------------


def test_submission_lists_every_missing_piece_at_once():
    call = make_call()
    _questions(call)
    application = make_application(call)

    with pytest.raises(ValidationError) as refused:
        application_submit(actor=application.lead, application=application)

    assert set(refused.value.message_dict) == {
        "episodes_from", "plan_episodes", "plan_minutes", "plan_shooting_days", "plan_team",
        "budget", "answers.pitch", "answers.essay", "answers.episodes", "answers.platform",
    }  # fmt: skip
    assert submission_problems(application) == refused.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_lead_submits_and_the_form_version_and_disclosure_are_frozen(run_on_commit):
    call = make_call()
    form = form_publish(
        actor=call.manager, call=call,
        questions=[{"key": "pitch", "kind": "short_text", "label_zh": "一句话"}],
    )  # fmt: skip
    application = complete(make_application(call, cowriters=1))
    cowriter = application.cowriters[0]
    invitation = coapplicant_invite(actor=application.lead, application=application, user=cowriter)
    coapplicant_answer(actor=cowriter, coapplicant=invitation, accept=True)
    answer_save(actor=cowriter, application=application, key="pitch", value="好")
    series_update(actor=application.lead, series=application.series, ai_assistance="editing")

    with pytest.raises(PermissionDenied):
        application_submit(actor=cowriter, application=application)
    with run_on_commit():
        application_submit(actor=application.lead, application=application)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.submitted_at
    assert application.form == form and application.ai_assistance == "editing"
    assert Notification.objects.filter(
        recipient=cowriter, kind="fund_application_submitted"
    ).exists()
    assert AuditEntry.objects.filter(action="fund.application.submit").count() == 1
    with pytest.raises(Conflict):
        application_submit(actor=application.lead, application=application)


def test_after_the_close_time_submission_is_refused_and_the_draft_is_kept():
    call = make_call()
    application = complete(make_application(call))
    before = {f: getattr(application, f) for f in ("plan_team", "plan_minutes", "episodes_to")}
    call_update(actor=call.manager, call=call, closes_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(Conflict) as refused:
        application_submit(actor=application.lead, application=application)

    assert "截止" in refused.value.messages[0]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert {f: getattr(application, f) for f in before} == before
    assert application.budget_lines.count() == 1


def test_an_unanswered_invitation_holds_the_submission():
    application = complete(make_application(cowriters=1))
    coapplicant_invite(
        actor=application.lead, application=application, user=application.cowriters[0]
    )

    with pytest.raises(ValidationError) as refused:
        application_submit(actor=application.lead, application=application)

    assert set(refused.value.message_dict) == {"coapplicants"}


def test_the_lead_withdraws_before_a_decision():
    application = complete(make_application())
    application_submit(actor=application.lead, application=application)

    with pytest.raises(PermissionDenied):
        application_withdraw(actor=application.call.manager, application=application)
    application_withdraw(actor=application.lead, application=application)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN and application.withdrawn_at
    with pytest.raises(Conflict):
        application_withdraw(actor=application.lead, application=application)


# --- co-applicants -------------------------------------------------------------------------


def test_the_lead_invites_co_writers_of_the_series_and_a_studio_each_accepts(run_on_commit):
    application = make_application(cowriters=1)
    cowriter = application.cowriters[0]
    studio = OrganisationFactory(kind="studio")
    studio_admin = admin_of(studio)

    with pytest.raises(ValidationError) as not_a_writer:
        coapplicant_invite(actor=application.lead, application=application, user=UserFactory())
    assert "user" in not_a_writer.value.message_dict
    with pytest.raises(ValidationError):
        coapplicant_invite(
            actor=application.lead, application=application,
            organisation=OrganisationFactory(kind="university"),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        coapplicant_invite(actor=cowriter, application=application, organisation=studio)
    with run_on_commit():
        person = coapplicant_invite(actor=application.lead, application=application, user=cowriter)
        company = coapplicant_invite(
            actor=application.lead, application=application, organisation=studio
        )
    assert Notification.objects.filter(recipient=cowriter, kind="fund_coapplicant_invited").exists()
    assert Notification.objects.filter(
        recipient=studio_admin, kind="fund_coapplicant_invited"
    ).exists()

    with pytest.raises(PermissionDenied):
        coapplicant_answer(actor=UserFactory(), coapplicant=company, accept=True)
    coapplicant_answer(actor=studio_admin, coapplicant=company, accept=True)
    coapplicant_answer(actor=cowriter, coapplicant=person, accept=False)
    with pytest.raises(Conflict):
        coapplicant_answer(actor=cowriter, coapplicant=person, accept=True)  # already answered

    again = coapplicant_invite(actor=application.lead, application=application, user=cowriter)
    assert again.pk == person.pk and again.status == "invited"
    coapplicant_answer(actor=cowriter, coapplicant=again, accept=True)
    coapplicant_remove(actor=cowriter, coapplicant=again)  # leaves
    again.refresh_from_db()
    assert again.status == "left"


def test_a_series_registered_twice_offers_either_entry():
    call = make_call()
    series, entry, _people = registered_series()
    application = application_start(actor=series.owner, call=call, series=series, entry=entry)
    revision_save(actor=series.owner, series=series, text="第1集\n新版\n", base=series.head)
    series.refresh_from_db()
    newer = registration_request(
        actor=series.owner, series=series, revision=series.head, authors=[]
    )
    newer.refresh_from_db()

    application_field_save(
        actor=series.owner, application=application, field="entry", value=newer.entry.number
    )
    application.refresh_from_db()
    assert application.entry == newer.entry
    _other, other_entry, _ = registered_series()
    with pytest.raises(ValidationError):
        application_field_save(
            actor=series.owner, application=application, field="entry", value=other_entry.number
        )
