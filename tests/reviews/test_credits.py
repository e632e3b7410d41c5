"""Credits are a ledger the database keeps honest; a request pays only for what it gets."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews.models import (
    AssignmentStatus,
    CreditEntry,
    CreditReason,
    RequestStatus,
    ReviewPolicy,
    Rubric,
)
from reviews.selectors import credit_balance, credits_available
from reviews.services.credits import NotEnoughCredits, credit_add, credits_welcome
from reviews.services.requests import request_close, requests_expire, review_request_create
from reviews.services.reviewing import review_save
from reviews.services.rubrics import version_for_use
from tests.support.factories import UserFactory, full_scores, make_series, peers, review_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_credit():
    ReviewPolicy.objects.update_or_create(pk=1, defaults={"starter_credits": 1})


def _ask(series, **kwargs):
    kwargs.setdefault("kind", "peer")
    return review_request_create(
        actor=series.owner,
        series=series,
        revision=series.head,
        rubric_version=version_for_use(Rubric.objects.get(is_default=True)),
        **kwargs,
    )


def _submit(assignment):
    return review_save(
        actor=assignment.reviewer,
        assignment=assignment,
        scores=full_scores(),
        overall_comment="好",
        submit=True,
    )


# --- the ledger -----------------------------------------------------------------


def test_the_welcome_grant_is_given_once_however_often_it_is_asked_for():
    user = UserFactory()

    credits_welcome(user=user)
    credits_welcome(user=user)

    assert CreditEntry.objects.filter(user=user, reason=CreditReason.STARTER).count() == 1
    assert credit_balance(user) == ReviewPolicy.current().starter_credits


def test_the_database_refuses_a_second_welcome_grant():
    user = UserFactory()
    credits_welcome(user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        CreditEntry.objects.create(
            user=user, delta=3, reason=CreditReason.STARTER, position=99, balance=6
        )


def test_the_database_refuses_a_balance_below_zero_and_two_entries_at_one_place():
    user = UserFactory()
    credit_add(user=user, delta=1, reason=CreditReason.GRANT)

    with pytest.raises(IntegrityError), transaction.atomic():
        CreditEntry.objects.create(
            user=user, delta=-2, reason=CreditReason.REQUEST, position=2, balance=-1
        )
    # Two spends that both read "balance 1 after entry 1" collide on the place.
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditEntry.objects.create(
            user=user, delta=-1, reason=CreditReason.REQUEST, position=1, balance=0
        )


def test_a_spend_larger_than_the_balance_is_refused_and_nothing_is_written():
    user = UserFactory()
    credit_add(user=user, delta=2, reason=CreditReason.GRANT)

    with pytest.raises(NotEnoughCredits):
        credit_add(user=user, delta=-3, reason=CreditReason.REQUEST)

    assert credit_balance(user) == 2
    assert list(CreditEntry.objects.filter(user=user).values_list("position", "balance")) == [
        (1, 2)
    ]


def test_every_entry_carries_its_place_and_the_balance_after_it():
    user = UserFactory()
    for delta in (3, -2, 1):
        credit_add(user=user, delta=delta, reason=CreditReason.GRANT)

    rows = CreditEntry.objects.filter(user=user).order_by("position")
    assert [(e.position, e.delta, e.balance) for e in rows] == [(1, 3, 3), (2, -2, 1), (3, 1, 2)]
    assert credit_balance(user) == 2


# --- asking for what the balance allows ---------------------------------------


def test_without_a_number_a_peer_request_asks_for_what_one_credit_allows(one_credit):
    series = make_series()
    peers(3)

    request = _ask(series)

    assert request.reviews_needed == 1
    assert credit_balance(series.owner) == 0


def test_asking_for_more_than_the_balance_says_what_it_allows(one_credit):
    series = make_series()

    with pytest.raises(ValidationError) as error:
        _ask(series, reviews_needed=3)

    [message] = error.value.message_dict["reviews_needed"]
    assert "1" in message and "3" not in message
    assert not CreditEntry.objects.filter(user=series.owner).exists()  # rolled back


def test_the_request_form_offers_what_the_balance_allows(client, one_credit):
    series = make_series()
    client.force_login(series.owner)

    html = client.get(f"/reviews/series/{series.pk}/request/").content.decode()

    assert 'name="reviews_needed" value="1"' in html


# --- refunds: every way a request ends -------------------------------------------


def test_closing_a_request_with_no_reviews_gives_the_credit_back(one_credit):
    series = make_series()
    peers(1)
    request = _ask(series, reviews_needed=1)
    assert credit_balance(series.owner) == 0

    request_close(actor=series.owner, request=request)

    assert credit_balance(series.owner) == 1
    assert request.assignments.get().status == AssignmentStatus.EXPIRED
    refund = CreditEntry.objects.get(user=series.owner, reason=CreditReason.REFUND)
    assert refund.delta == 1 and refund.request_id == request.pk


def test_closing_refunds_only_the_reviews_not_delivered_and_only_once():
    series = make_series()
    peers(3)
    request = review_request(series, reviews_needed=3)
    before = credit_balance(series.owner)
    _submit(request.assignments.first())

    request_close(actor=series.owner, request=request)
    with pytest.raises(ValidationError):
        request_close(actor=series.owner, request=request)

    assert credit_balance(series.owner) == before + 2
    assert CreditEntry.objects.filter(request=request, reason=CreditReason.REFUND).count() == 1


def test_a_request_long_past_its_due_date_ends_and_refunds_what_did_not_come(run_on_commit):
    series = make_series()
    request = review_request(series, reviews_needed=2)  # nobody to review it
    before = credit_balance(series.owner)
    policy = ReviewPolicy.current()

    assert requests_expire(now=request.due_at + timedelta(days=policy.review_days - 1)) == 0
    with run_on_commit():
        ended = requests_expire(now=request.due_at + timedelta(days=policy.review_days + 1))

    request.refresh_from_db()
    assert ended == 1 and request.status == RequestStatus.EXPIRED
    assert credit_balance(series.owner) == before + 2
    assert series.owner.notifications.filter(kind="review_request_expired").exists()


def test_a_completed_request_keeps_the_credits_of_the_reviews_it_got():
    series = make_series()
    peers(2)
    request = review_request(series, reviews_needed=2)
    before = credit_balance(series.owner)

    for assignment in request.assignments.all():
        _submit(assignment)

    request.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED
    assert credit_balance(series.owner) == before
    assert not CreditEntry.objects.filter(request=request, reason=CreditReason.REFUND).exists()


def test_the_ledger_shows_the_welcome_credits_before_they_are_granted():
    user = UserFactory()

    assert credit_balance(user) == 0
    assert credits_available(user) == ReviewPolicy.current().starter_credits


def test_expiry_leaves_recent_requests_alone():
    series = make_series()
    request = review_request(series, reviews_needed=1)

    requests_expire(now=timezone.now())

    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN


def test_falling_back_never_refunds_an_extra_review_nobody_paid_for():
    from reviews.services.requests import requests_fall_back, staff_decide

    series = make_series()
    [peer] = peers(1)
    request = review_request(series, reviews_needed=1)
    _submit(request.assignments.get())
    before = credit_balance(series.owner)
    staff_decide(
        actor=UserFactory(staff=True, roles=["staff"]),
        request=request,
        decision="再看一次",
        extra_review=True,
    )

    requests_fall_back(now=timezone.now() + timedelta(hours=25))

    request.refresh_from_db()
    assert request.fallback and request.reviews_needed == 2
    assert credit_balance(series.owner) == before
