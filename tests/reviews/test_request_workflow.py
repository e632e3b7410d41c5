"""Review requests end through core.workflows: once, audited once, by whom the table says."""

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import Conflict
from core.models import AuditEntry
from reviews.models import RequestStatus, ReviewRequest
from reviews.services.requests import request_close, requests_expire
from reviews.workflows import REQUEST_FLOW
from tests.support.factories import UserFactory, peers, review_request

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
    from reviews.services.reviewing import assignment_decline
    from reviews.workflows import ASSIGNMENT_FLOW

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
