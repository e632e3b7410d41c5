"""The inbox lists a bounded number of assignments, the most urgent first, whatever a
reviewer's history; the whole list is the API's, page by page."""

import pytest

from reviews.models import AssignmentStatus
from reviews.services.requests import staff_take
from reviews.views import inbox as inbox_view
from tests.support.factories import UserFactory, peers, review_request

pytestmark = pytest.mark.django_db


def test_the_inbox_shows_at_most_its_limit_most_urgent_first(client, monkeypatch):
    peers(2)
    requests = [review_request(reviews_needed=1) for _ in range(3)]
    staff = UserFactory(staff=True)  # after the requests, so no peer matching picks them
    for request in requests:
        staff_take(actor=staff, request=request)
    mine = staff.review_assignments.filter(status=AssignmentStatus.ASSIGNED)
    assert mine.count() == 3
    monkeypatch.setattr(inbox_view, "INBOX_LIMIT", 2)
    client.force_login(staff)

    page = client.get("/reviews/")

    shown = [row.pk for row in page.context["to_review"]]
    assert shown == list(mine.order_by("due_at").values_list("pk", flat=True)[:2])
    html = page.content.decode()
    assert all(f'href="/reviews/assignments/{pk}/"' in html for pk in shown)
    assert page.context["ledger"].to_give == mine.count()
