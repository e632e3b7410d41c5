"""The domain fact-check, the ranking and determinations (money under locks)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from incubator.models import ApplicationStatus as S
from incubator.models import Expertise, FactCheckVerdict, PanelReview, ThemePriority
from incubator.ranking import ranking
from incubator.services.determinations import (
    application_resubmit,
    determination_make,
    determinations_bulk,
)
from incubator.services.factcheck import (
    expertise_declare,
    expertise_verify,
    fact_check_assign,
    fact_check_note_add,
    fact_check_submit,
)
from incubator.services.panels import panel_assign, panel_review_save
from taxonomy.models import Term
from tests.incubator.panel_support import in_panel_review, mentor, seat
from tests.incubator.support import make_call
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def lawyer():
    person = UserFactory()
    expertise = expertise_declare(actor=person, area="law", note="执业律师证 1101")
    expertise_verify(actor=UserFactory(staff=True), expertise=expertise)
    return person


def test_expertise_counts_only_once_staff_verify_it():
    person = UserFactory()
    expertise = expertise_declare(actor=person, area="law")
    with pytest.raises(ValidationError):
        expertise_declare(actor=person, area="astrology")
    with pytest.raises(PermissionDenied):
        expertise_verify(actor=UserFactory(), expertise=expertise)
    call = make_call()
    application = in_panel_review(call, themes=["rule-of-law"])
    with pytest.raises(ValidationError) as error:
        fact_check_assign(actor=call.manager, application=application, area="law", checker=person)
    assert "checker" in error.value.message_dict
    expertise_verify(actor=UserFactory(staff=True), expertise=expertise)
    assert Expertise.objects.get(pk=expertise.pk).is_verified
    check = fact_check_assign(actor=call.manager, application=application, area="law",
                              checker=person)  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.FACT_CHECK and check.checker == person


def test_a_theme_without_a_mapping_needs_no_fact_check():
    call = make_call()
    application = in_panel_review(call, themes=["cultural-tourism"])
    with pytest.raises(ValidationError):
        fact_check_assign(actor=call.manager, application=application, area="law",
                          checker=lawyer())  # fmt: skip
    determination_make(actor=call.manager, application=application, outcome="decline",
                       reason="题材与本期重点不符")  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.DECLINED


def test_no_determination_while_a_required_fact_check_is_missing(run_on_commit):
    call = make_call()
    application = in_panel_review(call, themes=["rule-of-law"])
    with pytest.raises(Conflict):
        determination_make(actor=call.manager, application=application, outcome="decline",
                           reason="不予资助")  # fmt: skip
    checker = lawyer()
    check = fact_check_assign(actor=call.manager, application=application, area="law",
                              checker=checker)  # fmt: skip
    note = fact_check_note_add(actor=checker, fact_check=check, line=1, body="取保候审的条件写错了")
    assert note.anchor_text and note.revision_id == application.entry.revision_id
    with pytest.raises(ValidationError):
        fact_check_note_add(actor=checker, fact_check=check, line=99_999, body="x")
    with pytest.raises(PermissionDenied):
        fact_check_note_add(actor=UserFactory(), fact_check=check, line=1, body="x")
    with pytest.raises(ValidationError):  # fix needed says what
        fact_check_submit(actor=checker, fact_check=check, verdict="fix", summary=" ")
    with pytest.raises(Conflict):
        determination_make(actor=call.manager, application=application, outcome="decline",
                           reason="不予资助")  # fmt: skip
    fact_check_submit(actor=checker, fact_check=check, verdict="fix", summary="第3集程序有误")
    assert ranking(call).rows[0].fact_check == FactCheckVerdict.FIX
    with run_on_commit():
        determination_make(actor=call.manager, application=application,
                           outcome="request_more_info", reason="请修改第3集的法律程序")  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.MORE_INFO
    assert Notification.objects.filter(
        recipient=application.lead, kind="fund_application_more_info"
    ).exists()
    application_resubmit(actor=application.lead, application=application)
    application.refresh_from_db()
    assert application.status == S.DETERMINATION


def test_awards_are_held_to_the_calls_max_budget_count_and_the_funds_budget(run_on_commit):
    call = make_call(awards_count=2, award_max=Decimal("200000.00"), budget=Decimal("300000.00"))
    a, b, c = (in_panel_review(call) for _ in range(3))
    manager = call.manager
    with pytest.raises(ValidationError) as error:
        determination_make(actor=manager, application=a, outcome="award", reason="优秀",
                           amount="200000.01")  # fmt: skip
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError):
        determination_make(actor=manager, application=a, outcome="award", reason="优秀",
                           amount="abc")  # fmt: skip
    with pytest.raises(ValidationError):
        determination_make(actor=manager, application=a, outcome="award", reason=" ",
                           amount="100")  # fmt: skip
    with run_on_commit():
        determination_make(actor=manager, application=a, outcome="award", reason="优秀",
                           amount="200000.00")  # fmt: skip
    a.refresh_from_db()
    assert a.status == S.AWARDED and a.award_amount == Decimal("200000.00")
    assert a.determination_reason == "优秀" and a.determined_by == manager
    assert Notification.objects.filter(recipient=a.lead, kind="fund_application_awarded").exists()
    audit = AuditEntry.objects.filter(action="fund.application.award", target_id=a.pk).get()
    assert audit.data["amount"] == "200000.00"
    with pytest.raises(ValidationError) as error:  # the call's budget
        determination_make(actor=manager, application=b, outcome="award", reason="好",
                           amount="100000.01")  # fmt: skip
    assert "本次征集的预算" in str(error.value)
    determination_make(actor=manager, application=b, outcome="award", reason="好",
                       amount="100000.00")  # fmt: skip
    with pytest.raises(ValidationError):  # the number of awards
        determination_make(actor=manager, application=c, outcome="award", reason="好",
                           amount="1.00")  # fmt: skip
    with pytest.raises(PermissionDenied):
        determination_make(actor=UserFactory(), application=c, outcome="decline", reason="x")


def test_the_funds_budget_holds_across_its_calls():
    from incubator.models import Application, Fund

    call = make_call()
    fund = call.fund
    application = in_panel_review(call)
    other = make_call(fund, call.manager, budget=Decimal("600000.00"))
    # The fund's budget was cut after its calls opened, and awards elsewhere have spent
    # it down to 100 yuan (recorded directly).
    Fund.objects.filter(pk=fund.pk).update(budget=Decimal("600000.00"))

    filler = in_panel_review(other)
    Application.objects.filter(pk=filler.pk).update(award_amount=Decimal("599900.00"))
    Application.objects.filter(pk=filler.pk).update(status=S.AWARDED)
    with pytest.raises(ValidationError) as error:
        determination_make(actor=call.manager, application=application, outcome="award",
                           reason="好", amount="200.00")  # fmt: skip
    assert "基金的预算" in str(error.value)


def test_bulk_determinations_report_each_refusal():
    call = make_call()
    waiting = [in_panel_review(call) for _ in range(3)]
    law = in_panel_review(call, themes=["rule-of-law"])
    other_call = make_call()
    stranger = in_panel_review(other_call)
    result = determinations_bulk(
        actor=call.manager, call=call,
        application_ids=[a.pk for a in waiting] + [law.pk, stranger.pk],
        outcome="waitlist", reason="预算有限，列入候补",
    )  # fmt: skip
    assert result.done == [a.pk for a in waiting]
    assert set(result.refused) == {law.pk, stranger.pk}
    for application in waiting:
        application.refresh_from_db()
        assert application.status == S.WAITLISTED
    with pytest.raises(PermissionDenied):
        determinations_bulk(actor=UserFactory(), call=call, application_ids=[law.pk],
                            outcome="decline", reason="x")  # fmt: skip


def test_ranking_columns_medians_bonus_spread_recommendations_and_running_total():
    call = make_call(panel_size=3, budget=Decimal("300000.00"))
    theme = Term.objects.get(kind="theme", slug="cultural-tourism")
    ThemePriority.objects.create(call=call, theme=theme, bonus=Decimal("0.50"))
    favoured = in_panel_review(call, themes=["cultural-tourism"])
    plain = in_panel_review(call)
    people = [mentor() for _ in range(3)]
    seat(call, people)
    panel_assign(actor=call.manager, call=call)
    criteria = list(call.rubric_version.criteria.all())
    marks = {favoured.pk: [6, 6, 9], plain.pk: [6, 6, 1]}
    for application in (favoured, plain):
        for review, score in zip(
            PanelReview.objects.filter(application=application).order_by("reviewer_id"),
            marks[application.pk], strict=True,
        ):  # fmt: skip
            panel_review_save(
                actor=review.reviewer, review=review,
                scores={c.key: {"score": score} for c in criteria},
                recommendation="yes" if score > 5 else "no", comment="理由", submit=True,
            )  # fmt: skip
    table = ranking(call)
    first, second = table.rows
    assert first.application == favoured  # 6 + 0.5 beats 6
    assert first.score == Decimal("6.00") and first.bonus == Decimal("0.50")
    assert first.total == Decimal("6.50")
    assert first.medians == [Decimal("6.00")] * len(criteria)
    assert second.score == Decimal("6.00") and second.bonus == 0
    assert second.spread == Decimal("5.00") and second.divergent  # 6 - 1 > 4
    assert first.spread == Decimal("3.00") and not first.divergent
    assert second.recommendations == {"yes": 2, "maybe": 0, "no": 1}
    assert first.running_total == Decimal("150000.00")
    assert second.running_total == Decimal("300000.00") and not second.over_budget
    assert first.eligible and first.fact_check == ""


def test_sealed_one_reviewer_reads_others_only_after_submitting():
    from incubator.ranking import others_reviews_for

    call = make_call(panel_size=2)
    application = in_panel_review(call)
    seat(call, [mentor(), mentor()])
    panel_assign(actor=call.manager, call=call)
    mine, theirs = PanelReview.objects.filter(application=application).order_by("pk")
    panel_review_save(actor=theirs.reviewer, review=theirs, recommendation="yes",
                      comment="好", scores={c.key: {"score": 5} for c in
                                           call.rubric_version.criteria.all()}, submit=True)  # fmt: skip
    assert others_reviews_for(mine) == []
    panel_review_save(actor=mine.reviewer, review=mine, recommendation="no",
                      comment="一般", scores={c.key: {"score": 4} for c in
                                            call.rubric_version.criteria.all()}, submit=True)  # fmt: skip
    mine.refresh_from_db()
    assert [r.pk for r in others_reviews_for(mine)] == [theirs.pk]
    assert timezone.now()
