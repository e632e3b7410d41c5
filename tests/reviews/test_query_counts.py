"""The inbox, the review page and the score report: fixed query counts."""

import pytest

from reviews.services.requests import reviewers_assign
from reviews.services.reviewing import line_note_add, note_reply, review_save
from tests.support.factories import full_scores, make_series, peers, review_request
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_score_report_does_not_grow_with_reviews_and_notes(client):
    series = make_series()
    client.force_login(series.owner)
    request = review_request(series, blindness="double", reviews_needed=5)
    assignments = iter(list(request.assignments.select_related("reviewer")))
    peers(10)  # spare reviewers (the request asked for 5 but the pool was empty at first)
    from reviews.services.requests import request_assign

    request_assign(request=request)
    assignments = iter(list(request.assignments.select_related("reviewer")))

    def submit(k):
        for _ in range(k):
            assignment = next(assignments)
            note = line_note_add(
                actor=assignment.reviewer, assignment=assignment, line=7, body="注"
            )
            review_save(
                actor=assignment.reviewer,
                assignment=assignment,
                scores=full_scores(6),
                overall_comment="好",
                submit=True,
            )
            note_reply(actor=series.owner, note=note, body="谢谢")

    assert_constant_queries(
        submit, lambda: client.get(request.get_absolute_url()), n=2, expected=13
    )


def test_inbox_does_not_grow_with_requests_or_assignments(client):
    writer = peers(1)[0]
    client.force_login(writer)

    def more(k):
        for _ in range(k):
            review_request(make_series(owner=writer), reviews_needed=1)
            theirs = review_request(make_series(), reviews_needed=1, auto_assign=False)
            # Assigned to the writer by hand, so the writer's lists really grow.
            reviewers_assign(actor=None, request=theirs, reviewers=[writer], role="peer")

    assert_constant_queries(more, lambda: client.get("/reviews/"), expected=9)
    assert_constant_queries(more, lambda: client.get("/api/v1/reviews/requests/"), expected=4)
    assert_constant_queries(more, lambda: client.get("/api/v1/reviews/assignments/"), expected=4)


def test_review_page_does_not_grow_with_notes(client):
    series = make_series()
    peers(1)
    request = review_request(series, reviews_needed=1)
    [assignment] = request.assignments.select_related("reviewer")
    client.force_login(assignment.reviewer)

    def notes(k):
        for _ in range(k):
            line_note_add(actor=assignment.reviewer, assignment=assignment, line=7, body="注")

    assert_constant_queries(notes, lambda: client.get(assignment.get_absolute_url()), expected=13)
