"""Work queued on commit reaches a real Celery worker through Redis, end to end."""

import json
import time
import urllib.request

import pytest
from django.db import transaction
from rest_framework.authtoken.models import Token

from config.celery import app as celery_app
from core.models import Notification
from core.services.notifications import notification_send
from tests.support.factories import OrganisationFactory, UserFactory, admin_of

pytestmark = pytest.mark.services


@pytest.fixture
def real_queue():
    # The rest of the suite runs tasks in-process; these tests send them to the broker.
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = eager


def _wait_for_notification(*, mailed: bool = True, **lookup) -> Notification:
    """The notification, once the worker has delivered it (and e-mailed it, if `mailed`)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        notification = Notification.objects.filter(**lookup).first()
        if notification is not None and (notification.emailed or not mailed):
            return notification
        time.sleep(0.25)
    raise AssertionError(f"No delivered notification matching {lookup} within 60 s")


def test_notification_task_enqueued_on_commit_is_delivered_by_the_worker(celery_worker, real_queue):
    recipient = UserFactory()

    with transaction.atomic():
        key = notification_send(
            recipient=recipient,
            kind="organisation_removed",
            params={"organisation": {"zh": "星河", "en": "Galaxy"}},
        )
        # Not before the commit: the worker must not see work that might roll back.
        assert not Notification.objects.filter(delivery_key=key).exists()

    notification = _wait_for_notification(delivery_key=key)
    assert notification.recipient == recipient
    log = celery_worker.read_text()
    assert "core.tasks.deliver_notification" in log and "succeeded" in log


def test_invitation_through_a_real_server_reaches_the_worker(
    celery_worker, live_app_server, real_queue
):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    invitee = UserFactory()
    token = Token.objects.create(user=admin)

    request = urllib.request.Request(
        f"{live_app_server}/api/v1/organisations/{organisation.slug}/invitations/",
        data=json.dumps({"email": invitee.email, "role": "member"}).encode(),
        headers={"Authorization": f"Token {token.key}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201

    # In-app only: the invitation's own e-mail carries the link (one e-mail, not two).
    notification = _wait_for_notification(
        mailed=False, recipient=invitee, kind="organisation_invitation"
    )
    assert organisation.slug not in notification.url  # links to the invitation, by token
    assert not notification.emailed
    deadline = time.monotonic() + 60
    while "accounts.tasks.send_invitation_email" not in celery_worker.read_text():
        assert time.monotonic() < deadline, "The worker never ran send_invitation_email"
        time.sleep(0.25)
