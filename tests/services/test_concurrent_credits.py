"""Review requests racing for the same credits, through a real server on PostgreSQL.

Two gunicorn worker processes with four threads each serve the requests, so the
spends really run at once: the row lock and the ledger's constraints must let
exactly as many through as the balance pays for, and never answer 500.
"""

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.db.models import Sum
from rest_framework.authtoken.models import Token

from reviews.models import CreditEntry, CreditReason, ReviewPolicy, ReviewRequest, Rubric
from reviews.selectors import credit_balance
from reviews.services.credits import credits_welcome
from tests.support.factories import make_series, peers

pytestmark = pytest.mark.services

RACERS = 8


def _request_at_once(server: str, series_id: int, token: str, count: int) -> list[tuple[int, dict]]:
    """POST `count` peer requests of one review each at the same instant."""
    barrier = threading.Barrier(count)
    answers: list[tuple[int, dict]] = [(0, {}) for _ in range(count)]

    def ask(index: int) -> None:
        request = urllib.request.Request(
            f"{server}/api/v1/series/{series_id}/review-requests/",
            data=json.dumps({"kind": "peer", "reviews_needed": 1}).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            method="POST",
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # our local server
                answers[index] = (response.status, json.loads(response.read()))
        except urllib.error.HTTPError as error:
            body = error.read()
            try:
                answers[index] = (error.code, json.loads(body or b"{}"))
            except ValueError:  # a server error page, not the API's error body
                answers[index] = (error.code, {"page": body[:200].decode(errors="replace")})

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.fixture
def writer(transactional_db):
    from reviews.models import Criterion, RubricVersion
    from reviews.rubric_content import boutique_ensure

    # A transactional test starts from empty tables: put back what migrations loaded.
    boutique_ensure(Rubric, RubricVersion, Criterion)
    ReviewPolicy.objects.update_or_create(pk=1, defaults={"starter_credits": 2})
    series = make_series()
    peers(3)
    return series, Token.objects.create(user=series.owner).key


def _assert_ledger_consistent(user) -> None:
    entries = list(CreditEntry.objects.filter(user=user).order_by("position"))
    assert [e.position for e in entries] == list(range(1, len(entries) + 1))
    running = 0
    for entry in entries:
        running += entry.delta
        assert entry.balance == running >= 0
    assert CreditEntry.objects.filter(user=user).aggregate(s=Sum("delta"))["s"] == running


def test_one_credit_pays_for_one_request_however_many_race_for_it(live_app_server, writer):
    series, token = writer
    credits_welcome(user=series.owner)  # 2 credits
    CreditEntry.objects.create(
        user=series.owner, delta=-1, reason=CreditReason.CORRECTION, position=2, balance=1
    )  # leave exactly one

    answers = _request_at_once(live_app_server, series.pk, token, RACERS)

    statuses = sorted(status for status, _body in answers)
    assert statuses == [201] + [400] * (RACERS - 1), answers
    assert all("reviews_needed" in body["errors"] for status, body in answers if status == 400)
    assert ReviewRequest.objects.filter(series=series).count() == 1
    assert credit_balance(series.owner) == 0
    _assert_ledger_consistent(series.owner)


def test_the_welcome_grant_is_given_once_when_first_requests_race(live_app_server, writer):
    series, token = writer  # never welcomed: the first requests grant 2 credits

    answers = _request_at_once(live_app_server, series.pk, token, RACERS)

    statuses = sorted(status for status, _body in answers)
    assert statuses == [201, 201] + [400] * (RACERS - 2), answers
    assert CreditEntry.objects.filter(user=series.owner, reason=CreditReason.STARTER).count() == 1
    assert ReviewRequest.objects.filter(series=series).count() == 2
    assert credit_balance(series.owner) == 0
    _assert_ledger_consistent(series.owner)
