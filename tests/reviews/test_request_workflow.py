"""Review requests end through core.workflows: once, audited once, by whom the table says."""

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import Conflict
from core.models import AuditEntry
from core.workflows import workflow_move
from reviews.models import AssignmentStatus, RequestStatus, ReviewRequest, ReviewStatus
from reviews.services.requests import request_close, requests_expire, staff_decide
from reviews.services.reviewing import assignment_decline, review_save
from reviews.workflows import ASSIGNMENT_FLOW, REQUEST_FLOW, REVIEW_FLOW
from tests.support.factories import UserFactory, full_scores, peers, review_request

pytestmark = pytest.mark.django_db


def test_a_double_close_is_refused_and_writes_one_audit_row(api_client):
    peers(3)
    request = review_request()
    request_close(actor=request.requested_by, request=request)

    with pytest.raises(Conflict):
        request_close(actor=request.requested_by, request=request)

    api_client.force_authenticate(request.requested_by)
    answer = api_client.post(f"/api/v1/reviews/requests/{request.pk}/close/")
    assert answer.status_code == 409, answer.content
    assert AuditEntry.objects.filter(action="review.closed").count() == 1


@pytest.mark.parametrize("ended", [RequestStatus.CLOSED, RequestStatus.EXPIRED])
def test_an_ended_request_neither_closes_nor_expires(ended):
    peers(3)
    request = review_request()
    ReviewRequest.objects.filter(pk=request.pk).update(status=ended)
    request.refresh_from_db()

    with pytest.raises(Conflict):
        request_close(actor=request.requested_by, request=request)
    assert requests_expire() == 0
    assert not AuditEntry.objects.filter(action__in=["review.closed", "review.request_expired"])


def test_only_a_writer_closes_and_only_the_platform_expires():
    peers(3)
    request = review_request()
    with pytest.raises(PermissionDenied):
        request_close(actor=UserFactory(), request=request)
    assert not REQUEST_FLOW.can(request.requested_by, request, "expire")
    assert REQUEST_FLOW.can(None, request, "expire")
    assert REQUEST_FLOW.can(request.requested_by, request, "close")


def test_an_assignment_is_answered_once_and_only_by_its_reviewer():
    peers(3)
    request = review_request(reviews_needed=1)
    assignment = request.assignments.get()
    with pytest.raises(PermissionDenied):
        assignment_decline(actor=UserFactory(), assignment=assignment)

    assignment_decline(actor=assignment.reviewer, assignment=assignment)

    with pytest.raises(Conflict):
        assignment_decline(actor=assignment.reviewer, assignment=assignment)
    assignment.refresh_from_db()
    assert not ASSIGNMENT_FLOW.can(assignment.reviewer, assignment, "submit")
    assert AuditEntry.objects.filter(action="review.declined").count() == 1


def _submit(assignment, score: int = 7):
    review_save(
        actor=assignment.reviewer,
        assignment=assignment,
        scores=full_scores(score),
        overall_comment="ok",
        submit=True,
    )


def test_the_last_review_completes_the_request_once_through_its_workflow():
    peers(3)
    request = review_request(reviews_needed=2)
    first, second = request.assignments.select_related("reviewer")
    _submit(first)
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    assert not AuditEntry.objects.filter(action="review.completed").exists()

    _submit(second)

    request.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED and request.completed_at is not None
    entry = AuditEntry.objects.get(action="review.completed")
    assert entry.actor is None and entry.data == {"from": "open", "to": "completed"}
    assert not REQUEST_FLOW.can(None, request, "complete")
    assert first.review.status == ReviewStatus.SUBMITTED
    # Handing a review in is one audited action: the assignment's, not the review's too.
    assert AuditEntry.objects.filter(action="review.submitted").count() == 2
    assert not AuditEntry.objects.filter(action__startswith="review.review.").exists()


def test_a_handed_in_review_is_not_handed_in_again():
    peers(3)
    request = review_request(reviews_needed=2)
    assignment = request.assignments.select_related("reviewer").first()
    _submit(assignment)
    review = assignment.review

    with pytest.raises(Conflict):
        workflow_move(REVIEW_FLOW, review, "submit", actor=assignment.reviewer)
    assert not REVIEW_FLOW.can(assignment.reviewer, review, "submit")


def test_staff_reopen_a_completed_request_for_one_more_review_audited():
    peers(4)
    request = review_request(reviews_needed=1)
    _submit(request.assignments.select_related("reviewer").get())
    request.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED
    staff = UserFactory(staff=True)
    assert not REQUEST_FLOW.can(request.requested_by, request, "reopen")

    staff_decide(actor=staff, request=request, decision="再请一位", extra_review=True)

    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN and request.reviews_needed == 2
    assert AuditEntry.objects.get(action="review.reopened").actor == staff
    assert request.assignments.filter(status=AssignmentStatus.ASSIGNED).count() == 1


@pytest.mark.parametrize("ended", [RequestStatus.CLOSED, RequestStatus.EXPIRED])
def test_staff_cannot_ask_an_ended_request_for_another_review(ended):
    peers(3)
    request = review_request()
    ReviewRequest.objects.filter(pk=request.pk).update(status=ended)
    request.refresh_from_db()

    with pytest.raises(Conflict):
        staff_decide(
            actor=UserFactory(staff=True), request=request, decision="再来", extra_review=True
        )

    request.refresh_from_db()
    assert request.status == ended and request.staff_decision == ""
    assert not AuditEntry.objects.filter(action__in=["review.reopened", "review.staff_decision"])


def test_closing_a_request_ends_only_its_unfinished_assignments_each_audited():
    peers(4)
    request = review_request(reviews_needed=3)
    done, declined, waiting = request.assignments.select_related("reviewer")
    _submit(done)
    assignment_decline(actor=declined.reviewer, assignment=declined)
    open_now = list(request.assignments.filter(status=AssignmentStatus.ASSIGNED))

    request_close(actor=request.requested_by, request=request)

    statuses = dict(request.assignments.values_list("pk", "status"))
    assert statuses[done.pk] == AssignmentStatus.SUBMITTED
    assert statuses[declined.pk] == AssignmentStatus.DECLINED
    assert all(statuses[a.pk] == AssignmentStatus.EXPIRED for a in open_now) and open_now
    ended = AuditEntry.objects.filter(action="review.assignment_ended")
    assert ended.count() == len(open_now)
    assert {e.target_id for e in ended} == {str(request.pk)}
    waiting.refresh_from_db()
    assert waiting.status == AssignmentStatus.EXPIRED
    assert not ASSIGNMENT_FLOW.can(request.requested_by, waiting, "end_with_request")
