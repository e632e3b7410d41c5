from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Membership
from reviews.models import (
    AssignmentStatus,
    ConflictOfInterest,
    Fallback,
    ReviewAssignment,
    ReviewPolicy,
    Rubric,
)
from reviews.selectors import Ledger, credit_balance, credits_available, ledger_for
from reviews.services.requests import (
    request_close,
    requests_fall_back,
    review_request_create,
)
from reviews.services.reviewing import assignment_decline, assignments_expire, reminders_send
from reviews.services.rubrics import version_for_use
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    add_collaborator,
    make_series,
    peers,
    review_request,
    verified_mentor,
)

pytestmark = pytest.mark.django_db


def _reviewers(request) -> set[int]:
    return set(request.assignments.filter(status="assigned").values_list("reviewer_id", flat=True))


def test_peer_review_costs_a_credit_per_review_and_assigns_at_once(run_on_commit):
    series = make_series()
    pool = peers(4)
    with run_on_commit():
        request = review_request(series, reviews_needed=3)

    assigned = _reviewers(request)
    assert len(assigned) == 3 and assigned <= {p.pk for p in pool}
    # The factory grants 10 on top of the welcome credits.
    assert credit_balance(series.owner) == 10 + ReviewPolicy.current().starter_credits - 3
    for reviewer in pool:
        if reviewer.pk in assigned:
            assert reviewer.notifications.filter(kind="review_assigned").exists()


def test_without_credits_a_writer_is_told_to_review_others_first():
    series = make_series()
    peers(3)
    ReviewPolicy.objects.update_or_create(pk=1, defaults={"starter_credits": 1})

    with pytest.raises(ValidationError) as error:
        review_request_create(
            actor=series.owner, series=series, revision=series.head, kind="peer",
            rubric_version=version_for_use(Rubric.objects.get(is_default=True)), reviews_needed=3,
        )  # fmt: skip

    assert "reviews_needed" in error.value.message_dict


def test_never_the_writer_a_cowriter_or_someone_with_a_conflict():
    series = make_series()
    cowriter = add_collaborator(series, roles=["writer"])
    conflicted, fine = peers(2)
    ConflictOfInterest.objects.create(reviewer=conflicted, writer=series.owner)

    request = review_request(series, reviews_needed=3)

    assert _reviewers(request) == {fine.pk}
    assert series.owner.pk not in _reviewers(request) and cowriter.pk not in _reviewers(request)


def test_blind_review_skips_the_writers_organisation_open_review_does_not():
    organisation = OrganisationFactory()
    series = make_series()
    Membership.objects.create(organisation=organisation, user=series.owner)
    colleague = UserFactory(roles=["writer"])
    Membership.objects.create(organisation=organisation, user=colleague)

    blind = review_request(series, blindness="double", reviews_needed=1)
    assert _reviewers(blind) == set()
    open_request = review_request(
        make_series(owner=series.owner, title="另一部"), blindness="open", reviews_needed=1
    )
    assert _reviewers(open_request) == {colleague.pk}


def test_only_people_who_can_edit_the_series_ask_for_review():
    series = make_series()
    reader = add_collaborator(series, role="reader")

    with pytest.raises(PermissionDenied):
        review_request_create(
            actor=reader, series=series, revision=series.head, kind="mentor",
            rubric_version=version_for_use(Rubric.objects.get(is_default=True)),
        )  # fmt: skip


def test_mentor_review_goes_to_the_best_matched_mentor():
    from taxonomy.models import Term

    series = make_series()
    series.themes.add(Term.objects.get(slug="rule-of-law"))
    expert, generalist = verified_mentor(), verified_mentor()
    expert.expertise_themes.add(Term.objects.get(slug="rule-of-law"))

    request = review_request(series, kind="mentor")

    assert _reviewers(request) == {expert.pk}
    assert request.assignments.get().role == "mentor"
    assert generalist.pk not in _reviewers(request)


def test_a_chosen_mentor_is_assigned():
    series = make_series()
    chosen = verified_mentor()
    verified_mentor()

    request = review_request(series, kind="mentor", mentor=chosen)

    assert _reviewers(request) == {chosen.pk}


def test_declining_hands_the_review_to_someone_else():
    series = make_series()
    first, second = peers(2)
    request = review_request(series, reviews_needed=1)
    [assignment] = request.assignments.all()
    other = second if assignment.reviewer == first else first

    assignment_decline(actor=assignment.reviewer, assignment=assignment, reason="太忙")

    assert _reviewers(request) == {other.pk}
    assert ReviewAssignment.objects.get(pk=assignment.pk).status == AssignmentStatus.DECLINED


def test_missed_deadlines_expire_and_are_reassigned(run_on_commit):
    series = make_series()
    peers(2)
    request = review_request(series, reviews_needed=1)
    [late] = request.assignments.all()
    ReviewAssignment.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(minutes=1))

    with run_on_commit():
        assert assignments_expire() == 1

    late.refresh_from_db()
    assert late.status == AssignmentStatus.EXPIRED
    assert len(_reviewers(request)) == 1 and late.reviewer_id not in _reviewers(request)
    assert late.reviewer.notifications.filter(kind="review_expired").exists()


def test_reminders_go_out_once_before_the_due_time(run_on_commit):
    series = make_series()
    peers(1)
    request = review_request(series, reviews_needed=1)
    request.assignments.update(due_at=timezone.now() + timedelta(hours=2))

    with run_on_commit():
        assert reminders_send() == 1
        assert reminders_send() == 0

    assert (
        request.assignments.get().reviewer.notifications.filter(kind="review_reminder").count() == 1
    )


def test_no_one_waits_forever_the_request_falls_back_to_a_mentor_and_credits_come_back(
    run_on_commit,
):
    series = make_series()
    peers(1)
    mentor = verified_mentor()
    request = review_request(series, reviews_needed=3)
    assert len(_reviewers(request)) == 1
    balance = credit_balance(series.owner)

    with run_on_commit():
        moved = requests_fall_back(now=timezone.now() + timedelta(hours=25))

    request.refresh_from_db()
    assert moved == 1 and request.fallback == Fallback.MENTOR
    assert mentor.pk in _reviewers(request)
    assert credit_balance(series.owner) == balance + 2
    assert series.owner.notifications.filter(kind="review_fallback").exists()


def test_with_no_mentor_free_it_goes_to_the_staff_queue():
    series = make_series()
    request = review_request(series, reviews_needed=2)

    requests_fall_back(now=timezone.now() + timedelta(hours=25))

    request.refresh_from_db()
    assert request.fallback == Fallback.STAFF


def test_the_ledger_says_what_to_give_and_what_is_awaited():
    series = make_series()
    reviewer = peers(1)[0]
    review_request(series, reviews_needed=2)

    assert ledger_for(series.owner).awaiting == 2
    assert ledger_for(reviewer).to_give == 1


def test_the_ledger_counts_open_requests_on_series_one_writes_and_the_welcome_credits(
    run_on_commit,
):
    series = make_series()
    cowriter = add_collaborator(series, role="cowriter")
    reader = add_collaborator(series, role="reader")
    [first, *_others] = peers(4)
    with run_on_commit():
        review_request(series, reviews_needed=2)
        closed = review_request(series, reviews_needed=1)
        request_close(actor=series.owner, request=closed)
    newcomer = UserFactory()

    # Open requests only, on series one owns or co-writes; each counts what it still waits for.
    assert ledger_for(series.owner).awaiting == ledger_for(cowriter).awaiting == 2
    assert ledger_for(reader).awaiting == 0
    # The balance is what can be spent: the ledger's, or the welcome credits not yet granted.
    assert ledger_for(series.owner).balance == credits_available(series.owner)
    assert ledger_for(newcomer) == Ledger(ReviewPolicy.current().starter_credits, 0, 0)
    assert (
        ledger_for(first).to_give
        == ReviewAssignment.objects.filter(reviewer=first, status=AssignmentStatus.ASSIGNED).count()
    )


def test_no_peer_is_given_more_open_reviews_than_the_policy_allows():
    ReviewPolicy.objects.update_or_create(pk=1, defaults={"peer_capacity": 2})
    [only_reviewer] = peers(1)

    for _ in range(3):  # owners who are not writers, so the one reviewer is the whole pool
        review_request(make_series(owner=UserFactory(roles=["mentor"])), reviews_needed=1)

    assert ReviewAssignment.objects.filter(reviewer=only_reviewer, status="assigned").count() == 2
