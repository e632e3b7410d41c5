import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from core.models import Notification
from core.services.notifications import notification_deliver, notification_send
from tests.support.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

PARAMS = {"organisation": {"zh": "星河短剧工作室", "en": "Galaxy Shorts Studio"}}


def test_notification_is_delivered_only_after_commit(django_capture_on_commit_callbacks):
    recipient = UserFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)
        assert Notification.objects.count() == 0
    assert len(callbacks) == 1

    for callback in callbacks:
        callback()
    assert Notification.objects.filter(recipient=recipient).count() == 1


def test_nothing_is_announced_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    recipient = UserFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)
                raise RuntimeError("the work failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_delivery_emails_in_the_recipients_language(run_on_commit):
    recipient = UserFactory(language="en")

    with run_on_commit():
        notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)

    assert len(mail.outbox) == 1
    assert "Galaxy Shorts Studio" in mail.outbox[0].body
    assert mail.outbox[0].to == [recipient.email]


def test_delivery_in_chinese_for_chinese_readers(run_on_commit):
    recipient = UserFactory(language="zh-hans")

    with run_on_commit():
        notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)

    assert "星河短剧工作室" in mail.outbox[0].body
    assert "你已被移出" in mail.outbox[0].body


def test_no_email_when_the_recipient_switched_them_off(run_on_commit):
    recipient = UserFactory(email_notifications=False)

    with run_on_commit():
        notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)

    assert Notification.objects.filter(recipient=recipient).exists()
    assert mail.outbox == []


def test_delivery_is_idempotent_for_a_retried_task():
    recipient = UserFactory()
    payload = {
        "recipient_id": recipient.pk,
        "kind": "organisation_removed",
        "actor_id": None,
        "params": PARAMS,
        "url": "/",
        "delivery_key": "same-key",
    }

    first = notification_deliver(**payload)
    second = notification_deliver(**payload)

    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        notification_send(recipient=UserFactory(), kind="no-such-kind")


def test_message_is_rendered_in_the_readers_current_language():
    notification = NotificationFactory(params=PARAMS)

    with translation.override("en"):
        assert "Galaxy Shorts Studio" in notification.message
    with translation.override("zh-hans"):
        assert "星河短剧工作室" in notification.message


def test_notification_page_lists_and_marks_read(client):
    notification = NotificationFactory()
    client.force_login(notification.recipient)

    page = client.get("/notifications/")
    assert page.status_code == 200
    assert "星河" in page.content.decode()

    client.post("/notifications/read/", {"id": notification.pk})
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_htmx_mark_read_returns_the_partial(client):
    notification = NotificationFactory()
    client.force_login(notification.recipient)

    response = client.post("/notifications/read/", {"id": notification.pk}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert f'id="notification-{notification.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_cannot_mark_someone_elses_notification_read(client):
    notification = NotificationFactory()
    client.force_login(UserFactory())

    client.post("/notifications/read/", {"id": notification.pk})

    notification.refresh_from_db()
    assert notification.read_at is None


def test_unread_count_shows_in_the_header(client):
    notification = NotificationFactory()
    NotificationFactory(recipient=notification.recipient)
    client.force_login(notification.recipient)

    html = client.get("/").content.decode()

    assert '<span class="badge"' in html
    assert ">2</span>" in html


def test_notifications_api_lists_counts_and_marks_read(api_client):
    notification = NotificationFactory()
    NotificationFactory()  # someone else's
    api_client.force_authenticate(notification.recipient)

    listing = api_client.get("/api/v1/notifications/").json()
    assert [n["id"] for n in listing["results"]] == [notification.pk]
    assert api_client.get("/api/v1/notifications/unread-count/").json() == {"count": 1}

    assert api_client.post("/api/v1/notifications/read/", {}).json() == {"count": 1}
    assert api_client.get("/api/v1/notifications/unread-count/").json() == {"count": 0}


def test_notifications_api_rejects_bad_ids(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/notifications/read/", {"ids": ["x", -1]}, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"ids.0", "ids.1"}
