"""Review lists (the inbox, the score report, rubrics, conflicts, the staff queue, notes):
fixed query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.services.conflicts import conflict_declare
from reviews.services.requests import (
    requests_fall_back,
    review_request_create,
    reviewers_assign,
)
from reviews.services.reviewing import line_note_add, note_reply, review_save
from reviews.services.rubrics import rubric_create, rubric_save_criteria
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    full_scores,
    make_series,
    peers,
    review_request,
    verified_mentor,
)
from tests.support.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.mark.measures("reviews:request_detail")
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

    # 10: the series' current revision comes with the request, the requester does not
    # (the report does not show them), and the rubric version's criteria come from the
    # cache (named by the version's content hash).
    assert_constant_queries(
        submit, lambda: client.get(request.get_absolute_url()), n=2, expected=10
    )


@pytest.mark.measures("reviews:inbox", "api-review-requests", "api-review-assignments")
def test_inbox_does_not_grow_with_requests_or_assignments(client):
    writer = peers(1)[0]
    client.force_login(writer)

    def more(k):
        for _ in range(k):
            review_request(make_series(owner=writer), reviews_needed=1)
            theirs = review_request(make_series(), reviews_needed=1, auto_assign=False)
            # Assigned to the writer by hand, so the writer's lists really grow.
            reviewers_assign(actor=None, request=theirs, reviewers=[writer], role="peer")

    # Two bounded lists (to review, recently reviewed) instead of one unbounded one, each
    # one query of narrow rows; the requests on the writer's series are cut on their ids
    # first (then those rows joined). The ledger (reviews to give, awaited, the balance)
    # is one query.
    assert_constant_queries(more, lambda: client.get("/reviews/"), expected=8)
    assert_constant_queries(more, lambda: client.get("/api/v1/reviews/requests/"), expected=5)
    assert_constant_queries(more, lambda: client.get("/api/v1/reviews/assignments/"), expected=4)


@pytest.mark.measures("reviews:assignment_detail")
def test_review_page_does_not_grow_with_notes(client):
    series = make_series()
    peers(1)
    request = review_request(series, reviews_needed=1)
    [assignment] = request.assignments.select_related("reviewer")
    client.force_login(assignment.reviewer)

    def notes(k):
        for _ in range(k):
            line_note_add(actor=assignment.reviewer, assignment=assignment, line=7, body="注")

    # 8: the review is read once, the writer's name comes with the series, the side of a
    # reviewer of a request that does not hide its writer is not asked, and neither the
    # script's text (once its screenplay is cached) nor the criteria (cached by the
    # rubric version's content hash) are read.
    assert_constant_queries(notes, lambda: client.get(assignment.get_absolute_url()), expected=8)


def _criteria(count: int) -> list[dict]:
    return [
        {"key": f"c{i}", "name_zh": f"标准{i}", "name_en": f"Criterion {i}", "weight": "1.00"}
        for i in range(count)
    ]


@pytest.mark.measures("reviews:rubric_list", "api-rubrics")
def test_rubric_page_and_endpoint_do_not_grow_with_rubrics(client):
    staff = UserFactory(staff=True)
    client.force_login(UserFactory())
    counter = iter(range(10_000))

    def publish(k):
        for _ in range(k):
            i = next(counter)
            # An organisation's rubric: the page shows the organisation's name too.
            rubric = rubric_create(
                actor=staff,
                slug=f"rubric-{i}",
                organisation=OrganisationFactory(),
                name_zh=f"标准{i}",
            )
            rubric_save_criteria(actor=staff, rubric=rubric, criteria=_criteria(3))

    assert_constant_queries(
        publish, lambda: client.get("/reviews/rubrics/"), expected=5
    )  # whether the viewer may create a rubric (the button)
    assert_constant_queries(publish, lambda: client.get("/api/v1/reviews/rubrics/"), expected=6)


@pytest.mark.measures("reviews:rubric_detail")
def test_rubric_page_does_not_grow_with_versions_or_criteria(client):
    staff = UserFactory(staff=True)
    rubric = rubric_create(actor=staff, slug="course", name_zh="课程标准")
    sizes = iter(range(1, 10_000))

    def revise(k):
        for _ in range(k):
            # Once a request used the latest version, a change makes a new one.
            version = rubric_save_criteria(
                actor=staff, rubric=rubric, criteria=_criteria(next(sizes))
            )
            series = make_series()
            review_request_create(
                actor=series.owner, series=series, revision=series.head, kind="mentor",
                rubric_version=version, mentor=verified_mentor(), auto_assign=False,
            )  # fmt: skip

    assert_constant_queries(revise, lambda: client.get(rubric.get_absolute_url()), expected=3)


@pytest.mark.measures("reviews:conflicts", "api-review-conflicts")
def test_conflict_page_and_endpoint_do_not_grow_with_declarations(client):
    reviewer = UserFactory()
    client.force_login(reviewer)
    counter = iter(range(10_000))

    def declare(k):
        for _ in range(k):
            # Half the addresses belong to an account, half to nobody yet.
            email = UserFactory().email if next(counter) % 2 else f"x{next(counter)}@example.com"
            conflict_declare(actor=reviewer, writer_email=email, reason="同学")

    assert_constant_queries(declare, lambda: client.get("/reviews/conflicts/"), expected=4)
    assert_constant_queries(declare, lambda: client.get("/api/v1/reviews/conflicts/"), expected=4)


@pytest.mark.measures("reviews:staff_queue")
def test_staff_queue_does_not_grow_with_waiting_or_divergent_requests(client):
    client.force_login(UserFactory(staff=True))

    def queue(k):
        for _ in range(k):
            # Nobody to review it: after the grace time it falls back to the staff queue.
            review_request(reviews_needed=1, auto_assign=False)
            requests_fall_back(now=timezone.now() + timedelta(hours=25))
            # Two reviewers who disagree on structure: staff must settle it.
            request = review_request(reviews_needed=2, auto_assign=False)
            first, second = peers(2)
            reviewers_assign(actor=None, request=request, reviewers=[first, second], role="peer")
            for assignment, structure in zip(
                request.assignments.select_related("reviewer"), (2, 9), strict=True
            ):
                review_save(
                    actor=assignment.reviewer,
                    assignment=assignment,
                    scores=full_scores(7, structure=structure),
                    overall_comment="意见",
                    submit=True,
                )

    assert_constant_queries(queue, lambda: client.get("/reviews/staff/"), expected=5)
    # Both lists grew: six requests to take, six disagreements to settle.
    page = client.get("/reviews/staff/").content.decode()
    assert page.count("/take/") == 6 and page.count("/decide/") == 6


@pytest.mark.measures("api-review-assignment-notes")
def test_assignment_notes_endpoint_does_not_grow_with_notes(client):
    peers(1)
    request = review_request(make_series(), reviews_needed=1)
    [assignment] = request.assignments.select_related("reviewer")
    client.force_login(assignment.reviewer)

    def notes(k):
        for i in range(k):
            line_note_add(actor=assignment.reviewer, assignment=assignment, line=7 + i, body="注")

    assert_constant_queries(
        notes, lambda: client.get(f"/api/v1/reviews/assignments/{assignment.pk}/notes/"), expected=5
    )
