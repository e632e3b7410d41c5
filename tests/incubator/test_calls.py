"""Funds and calls: who manages them, the money they hold, the questions they ask."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import MembershipRole
from core.exceptions import Conflict
from core.models import AuditEntry
from incubator import permissions
from incubator.models import CallStatus
from incubator.services.applications import answer_save, application_submit
from incubator.services.calls import (
    call_cancel,
    call_update,
    form_publish,
    priorities_set,
    rule_add,
)
from incubator.services.funds import fund_create, fund_manager_add, fund_update
from taxonomy.models import Term
from tests.incubator.support import complete, make_application, make_call, make_fund
from tests.support.factories import MembershipFactory, OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def test_only_an_admin_of_a_fund_body_opens_a_fund():
    body = OrganisationFactory(kind="fund_body")
    studio = OrganisationFactory(kind="studio")
    member = member_of(body)
    studio_admin = MembershipFactory(organisation=studio, role=MembershipRole.ADMIN).user

    with pytest.raises(PermissionDenied):
        fund_create(actor=member, body=body, slug="f", budget=Decimal("1"), name_zh="基金")
    with pytest.raises(PermissionDenied):
        fund_create(actor=studio_admin, body=studio, slug="f", budget=Decimal("1"), name_zh="基金")


def test_a_fund_is_managed_by_its_bodys_admins_and_members_given_the_role_while_members():
    fund, admin = make_fund()
    other_fund, other_admin = make_fund()
    member = member_of(fund.body)
    outsider = UserFactory()

    assert permissions.can_manage_fund(admin, fund)
    assert not permissions.can_manage_fund(member, fund)
    assert not permissions.can_manage_fund(other_admin, fund)
    with pytest.raises(ValidationError):
        fund_manager_add(actor=admin, fund=fund, user=outsider)  # not a member of the body
    with pytest.raises(PermissionDenied):
        fund_manager_add(actor=member, fund=fund, user=member)  # only admins appoint

    fund_manager_add(actor=admin, fund=fund, user=member)
    assert permissions.can_manage_fund(member, fund)
    assert not permissions.can_manage_fund(member, other_fund)
    fund.body.memberships.filter(user=member).delete()  # left the body
    assert not permissions.can_manage_fund(member, fund)


def test_the_calls_of_a_fund_stay_within_its_budget_checked_under_its_lock():
    fund, manager = make_fund(budget=Decimal("1000000.00"))
    make_call(fund, manager, budget=Decimal("600000.00"))

    with pytest.raises(ValidationError) as refused:
        make_call(fund, manager, budget=Decimal("400000.01"))
    assert "budget" in refused.value.message_dict
    make_call(fund, manager, budget=Decimal("400000.00"))
    with pytest.raises(ValidationError):
        fund_update(actor=manager, fund=fund, budget=Decimal("999999.99"))


def test_a_call_must_close_after_it_opens_and_hold_its_largest_award():
    fund, manager = make_fund()

    with pytest.raises(ValidationError) as dates:
        make_call(fund, manager, opens_in=timedelta(days=2), closes_in=timedelta(days=1))
    with pytest.raises(ValidationError) as money:
        make_call(fund, manager, award_max=Decimal("500"), budget=Decimal("499.99"))

    assert "closes_at" in dates.value.message_dict
    assert "budget" in money.value.message_dict


def test_a_call_is_published_and_cancelled_through_its_workflow_with_an_audit_row():
    call = make_call(publish=False)
    assert call.status == CallStatus.DRAFT
    assert not permissions.calls_public().filter(pk=call.pk).exists()

    with pytest.raises(ValidationError):
        call_cancel(actor=call.manager, call=call, reason="  ")
    call_cancel(actor=call.manager, call=call, reason="经费调整")

    call.refresh_from_db()
    assert call.status == CallStatus.CANCELLED and call.cancel_reason == "经费调整"
    assert AuditEntry.objects.filter(action="fund.call.cancel").count() == 1


def test_another_funds_manager_cannot_change_a_call():
    call = make_call()
    _fund, stranger = make_fund()

    with pytest.raises(PermissionDenied):
        call_update(actor=stranger, call=call, title_zh="改名")
    with pytest.raises(PermissionDenied):
        rule_add(actor=stranger, call=call, kind="writer_role", params={})


def test_each_save_of_the_questions_is_a_new_version_and_drafts_keep_answers_by_key():
    call = make_call()
    first = form_publish(
        actor=call.manager, call=call,
        questions=[{"key": "pitch", "kind": "long_text", "label_zh": "创作阐述"}],
    )  # fmt: skip
    application = make_application(call)
    answer_save(
        actor=application.lead, application=application, key="pitch", value="一个县城的故事"
    )

    second = form_publish(
        actor=call.manager, call=call,
        questions=[
            {"key": "pitch", "kind": "long_text", "label_zh": "创作阐述（修订）"},
            {"key": "where", "kind": "short_text", "label_zh": "取景地", "required": False},
        ],
    )  # fmt: skip

    assert (first.number, second.number) == (1, 2)
    assert first.questions.get().label_zh == "创作阐述"  # an old version never changes
    assert application.answers.get(key="pitch").text == "一个县城的故事"
    again = form_publish(
        actor=call.manager, call=call,
        questions=[
            {"key": "pitch", "kind": "long_text", "label_zh": "创作阐述（修订）"},
            {"key": "where", "kind": "short_text", "label_zh": "取景地", "required": False},
        ],
    )  # fmt: skip
    assert again.pk == second.pk  # the same questions make no new version


def test_the_form_rules_and_priorities_freeze_once_an_application_is_submitted():
    call = make_call()
    form_publish(
        actor=call.manager, call=call,
        questions=[{"key": "pitch", "kind": "short_text", "label_zh": "一句话"}],
    )  # fmt: skip
    application = complete(make_application(call))
    answer_save(actor=application.lead, application=application, key="pitch", value="好故事")
    application_submit(actor=application.lead, application=application)
    theme = Term.objects.filter(kind="theme").first()

    with pytest.raises(Conflict):
        form_publish(
            actor=call.manager, call=call,
            questions=[{"key": "other", "kind": "short_text", "label_zh": "新问题"}],
        )  # fmt: skip
    with pytest.raises(Conflict):
        rule_add(actor=call.manager, call=call, kind="writer_role", params={})
    with pytest.raises(Conflict):
        priorities_set(actor=call.manager, call=call, priorities=[(theme, Decimal("1"))])
    application.refresh_from_db()
    assert application.form.number == 1 and application.form.frozen_at is not None
    # The dates may still move: a fund may extend its call.
    call_update(actor=call.manager, call=call, closes_at=timezone.now() + timedelta(days=60))


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ({"kind": "choice", "label_zh": "平台", "choices": ["抖音|Douyin"]}, "questions.0"),
        ({"kind": "essay", "label_zh": "?"}, "questions.0"),
        ({"kind": "short_text", "label_zh": ""}, "questions.0"),
        ({"kind": "number", "label_zh": "集数", "min_value": 10, "max_value": 5}, "questions.0"),
    ],
)
def test_a_badly_formed_question_is_refused_beside_it(question, field):
    call = make_call()

    with pytest.raises(ValidationError) as refused:
        form_publish(actor=call.manager, call=call, questions=[question])

    assert field in refused.value.message_dict
    assert not call.forms.exists()


def test_theme_priorities_are_themes_with_a_bonus_from_0_to_10():
    call = make_call()
    theme = Term.objects.filter(kind="theme").first()
    genre = Term.objects.filter(kind="genre").first()

    with pytest.raises(ValidationError):
        priorities_set(actor=call.manager, call=call, priorities=[(genre, Decimal("1"))])
    with pytest.raises(ValidationError):
        priorities_set(actor=call.manager, call=call, priorities=[(theme, Decimal("10.5"))])
    priorities_set(actor=call.manager, call=call, priorities=[(theme, Decimal("1.5"))])

    assert [(p.theme, p.bonus) for p in call.priorities.all()] == [(theme, Decimal("1.50"))]
