"""Eligibility rules as data: each kind answers met or not, with a reason in the reader's
language; applicants see the answers before they start; submission needs every rule met."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts.models import RoleGrant
from incubator.eligibility import eligibility_check, rule_kinds
from incubator.models import EligibilityRule
from incubator.services.applications import (
    application_field_save,
    application_submit,
    submission_problems,
)
from incubator.services.calls import rule_add
from tests.incubator.support import complete, make_application, make_call, registered_series
from tests.support.factories import UserFactory, full_scores, make_series, peers, review_request

pytestmark = pytest.mark.django_db


def _check(call, user, series=None, application=None):
    return [
        (r.kind, r.met)
        for r in eligibility_check(call, user, series=series, application=application)
    ]


def test_the_registry_holds_every_kind_the_issue_names():
    assert {kind.key for kind in rule_kinds()} == {
        "writer_role", "joined_within_years", "age_under", "min_episodes_written",
        "median_score_at_least", "course_certificate", "registered_revision", "language",
        "audience",
    }  # fmt: skip


def test_the_writer_role_and_years_on_the_platform():
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="writer_role", params={})
    rule_add(actor=call.manager, call=call, kind="joined_within_years", params={"years": 2})
    newcomer = UserFactory(roles=["writer"])
    veteran = UserFactory(roles=["mentor"], date_joined=timezone.now() - timedelta(days=800))

    assert _check(call, newcomer) == [("writer_role", True), ("joined_within_years", True)]
    assert _check(call, veteran) == [("writer_role", False), ("joined_within_years", False)]


def test_reasons_are_worded_when_read_in_the_readers_language():
    from taxonomy.models import Term

    call = make_call()
    rule_add(actor=call.manager, call=call, kind="writer_role", params={})
    rule_add(
        actor=call.manager, call=call, kind="audience", params={"audiences": ["silver-haired"]}
    )
    person = UserFactory(roles=["mentor"])
    silver = Term.objects.get(kind="audience", slug="silver-haired")

    with translation.override("en"):
        english = eligibility_check(call, person)
    with translation.override("zh-hans"):
        chinese = eligibility_check(call, person)

    assert english[0].reason == "Take the writer role on your profile first."
    assert english[0].description == "The applicant holds the writer role."
    # The rule stores slugs, not words: the audience is named in the reader's language.
    assert silver.name_en in english[1].description
    assert silver.name_zh in chinese[1].description


def test_series_rules_wait_for_a_series_and_then_answer():
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="min_episodes_written", params={"episodes": 3})
    rule_add(actor=call.manager, call=call, kind="registered_revision", params={})
    rule_add(actor=call.manager, call=call, kind="language", params={"languages": ["en"]})
    rule_add(
        actor=call.manager, call=call, kind="audience", params={"audiences": ["silver-haired"]}
    )
    series, _entry, _people = registered_series()  # two episodes, Chinese, no audience
    unregistered = make_series()

    assert [met for _kind, met in _check(call, series.owner)] == [None, None, None, None]
    assert _check(call, series.owner, series) == [
        ("min_episodes_written", False), ("registered_revision", True), ("language", False),
        ("audience", False),
    ]  # fmt: skip
    assert _check(call, unregistered.owner, unregistered)[1] == ("registered_revision", False)


def test_an_age_limit_is_declared_in_the_application_and_checked_against_the_close_year():
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="age_under", params={"years": 35})
    application = make_application(call)
    year = call.closes_at.year

    assert _check(call, application.lead, application.series, application) == [("age_under", None)]
    assert "lead_birth_year" in submission_problems(application)
    application_field_save(
        actor=application.lead, application=application, field="lead_birth_year", value=year - 40
    )
    assert _check(call, application.lead, application.series, application) == [("age_under", False)]
    application_field_save(
        actor=application.lead, application=application, field="lead_birth_year", value=year - 30
    )
    assert _check(call, application.lead, application.series, application) == [("age_under", True)]


def test_the_median_boutique_standard_score_of_completed_reviews(run_on_commit):
    from reviews.selectors import median_review_score
    from reviews.services.reviewing import review_save

    call = make_call()
    rule_add(
        actor=call.manager, call=call, kind="median_score_at_least",
        params={"score": "7.5", "reviews": 2},
    )  # fmt: skip
    series = make_series()
    assert _check(call, series.owner, series) == [("median_score_at_least", False)]
    peers(3)
    with run_on_commit():
        request = review_request(series, reviews_needed=3)
    for assignment, value in zip(request.assignments.all(), (6, 8, 9), strict=True):
        review_save(
            actor=assignment.reviewer, assignment=assignment, scores=full_scores(value),
            overall_comment="意见", submit=True,
        )  # fmt: skip

    assert median_review_score(series, rubric_slug="boutique-standard") == (8.0, 3)
    assert _check(call, series.owner, series) == [("median_score_at_least", True)]


def test_a_course_certificate_through_courses_selector():
    from tests.courses.certificate_support import certified

    call = make_call()
    certificate, _instructor, student = certified()
    rule_add(actor=call.manager, call=call, kind="course_certificate", params={})
    rule_add(
        actor=call.manager, call=call, kind="course_certificate",
        params={"course": "another-course"},
    )  # fmt: skip

    assert _check(call, student) == [("course_certificate", True), ("course_certificate", False)]
    assert _check(call, UserFactory()) == [
        ("course_certificate", False),
        ("course_certificate", False),
    ]


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("no_such_rule", {}),
        ("min_episodes_written", {"episodes": 0}),
        ("min_episodes_written", {"episodes": "many"}),
        ("median_score_at_least", {"score": "11"}),
        ("language", {"languages": ["fr"]}),
        ("audience", {"audiences": []}),
    ],
)
def test_bad_rules_are_refused_with_a_reason(kind, params):
    call = make_call()

    with pytest.raises(ValidationError):
        rule_add(actor=call.manager, call=call, kind=kind, params=params)

    assert not call.rules.exists()


def test_a_rule_whose_kind_the_code_no_longer_knows_counts_as_not_met():
    call = make_call()
    EligibilityRule.objects.create(call=call, kind="retired_rule", params={})

    assert _check(call, UserFactory()) == [("retired_rule", False)]


def test_submission_is_refused_while_a_rule_is_not_met_and_says_which():
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="min_episodes_written", params={"episodes": 10})
    application = complete(make_application(call))

    with pytest.raises(ValidationError) as refused:
        application_submit(actor=application.lead, application=application)

    assert "eligibility" in refused.value.message_dict
    assert application.status == "draft"


def test_the_writer_role_is_read_fresh_each_time():
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="writer_role", params={})
    person = UserFactory(roles=["mentor"])
    assert _check(call, person) == [("writer_role", False)]

    RoleGrant.objects.create(user=person, role="writer")

    assert _check(call, person) == [("writer_role", True)]
