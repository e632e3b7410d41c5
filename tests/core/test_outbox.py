"""The task outbox: a task queued on commit survives a broker that is away.

The broker is a stand-in here (it leaves the process); the worker is the real task code
run through Celery's own tracer with the message's task id, as a worker would run it.
"""

import ast
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from celery.app.task import Task
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from config.celery import app as celery_app
from core.models import Notification, OutboxMessage, OutboxStatus
from core.services import outbox
from core.services.notifications import notification_send
from scripts_app.models import ExportJob, ExportStatus
from scripts_app.services.transfer import export_request
from tests.support.factories import UserFactory, make_series

pytestmark = pytest.mark.django_db

PARAMS = {"organisation": {"zh": "星河短剧工作室", "en": "Galaxy Shorts Studio"}}


class StandInBroker:
    """Takes messages like Redis would, or refuses them like a Redis that is down."""

    def __init__(self) -> None:
        self.down = False
        self.messages: list[tuple[str, dict, str]] = []
        self.refused = 0

    def apply_async(self, task, args=None, kwargs=None, task_id=None, **options):
        if self.down:
            self.refused += 1
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.messages.append((task.name, kwargs or {}, task_id))

    def work(self, capture, *, failures: int = 0) -> list[str]:
        """Run every waiting message as a worker would (and what those tasks queue)."""
        ran, failed = [], 0
        while self.messages:
            name, kwargs, task_id = self.messages.pop(0)
            with capture(execute=True):
                # throw=False: a failure goes through the task's on_failure, as in a worker.
                result = celery_app.tasks[name].apply(kwargs=kwargs, task_id=task_id, throw=False)
            failed += result.failed()
            ran.append(name)
        assert failed == failures
        return ran


@pytest.fixture
def broker(monkeypatch):
    stand_in = StandInBroker()
    monkeypatch.setattr(
        Task, "apply_async", lambda self, *a, **kw: stand_in.apply_async(self, *a, **kw)
    )
    monkeypatch.setattr(outbox, "_paused_until", 0.0)
    monkeypatch.setattr(outbox, "_next_nudge_at", 0.0)
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False  # as with a broker configured
    yield stand_in
    celery_app.conf.task_always_eager = eager


def _export(api_client, series, capture) -> int:
    api_client.force_authenticate(series.owner)
    with capture(execute=True):
        response = api_client.post(
            f"/api/v1/series/{series.pk}/exports/", {"format": "fountain"}, format="json"
        )
    assert response.status_code == 202, response.content
    return response.json()["id"]


def test_a_refused_publish_leaves_the_task_pending_and_the_request_succeeds(
    broker, api_client, django_capture_on_commit_callbacks
):
    series = make_series()
    broker.down = True

    job_id = _export(api_client, series, django_capture_on_commit_callbacks)

    assert broker.refused == 1
    row = OutboxMessage.objects.get()
    assert row.task == "scripts_app.tasks.run_export"
    assert row.kwargs == {"job_id": job_id}
    assert row.status == OutboxStatus.PENDING
    assert row.attempts == 1
    assert "Connection refused" in row.last_error
    assert ExportJob.objects.get(pk=job_id).status == ExportStatus.QUEUED


def test_the_relay_sends_a_pending_task_once_the_broker_is_back(
    broker, api_client, django_capture_on_commit_callbacks
):
    series = make_series()
    broker.down = True
    job_id = _export(api_client, series, django_capture_on_commit_callbacks)
    assert outbox.outbox_relay().broker_down  # still down: nothing sent, nothing lost
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING

    broker.down = False
    outcome = outbox.outbox_relay()

    assert (outcome.sent, outcome.failed) == (1, 0)
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.SENT
    assert broker.messages == [
        ("scripts_app.tasks.run_export", {"job_id": job_id}, f"outbox-{row.pk}")
    ]
    ran = broker.work(django_capture_on_commit_callbacks)
    assert ran == ["scripts_app.tasks.run_export", "core.tasks.deliver_notification"]
    assert ExportJob.objects.get(pk=job_id).status == ExportStatus.DONE
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.DONE}
    assert [m.to for m in mail.outbox] == [[series.owner.email]]


def test_sent_and_finished_tasks_are_not_sent_again(
    broker, api_client, django_capture_on_commit_callbacks
):
    series = make_series()
    _export(api_client, series, django_capture_on_commit_callbacks)
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
    assert len(broker.messages) == 1

    assert outbox.outbox_relay().sent == 0  # handed over: the relay leaves it alone
    broker.work(django_capture_on_commit_callbacks)
    assert outbox.outbox_relay().sent == 0

    assert broker.messages == []
    assert OutboxMessage.objects.filter(status=OutboxStatus.DONE).count() == 2
    assert len(mail.outbox) == 1


def test_a_task_delivered_twice_sends_one_email(broker, django_capture_on_commit_callbacks):
    recipient = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)
    broker.messages.append(broker.messages[0])  # relayed twice, or redelivered

    broker.work(django_capture_on_commit_callbacks)

    assert Notification.objects.filter(recipient=recipient).count() == 1
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.DONE


def test_a_task_the_broker_lost_is_sent_again_after_the_redelivery_window(
    broker, settings, django_capture_on_commit_callbacks
):
    recipient = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)
    broker.messages.clear()  # the broker restarted empty
    assert outbox.outbox_relay().redelivered == 0  # too early to call it lost

    OutboxMessage.objects.update(
        sent_at=timezone.now() - timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER + 1)
    )
    assert outbox.outbox_relay().redelivered == 1
    broker.work(django_capture_on_commit_callbacks)

    assert Notification.objects.get(recipient=recipient).emailed
    assert len(mail.outbox) == 1


def test_work_that_rolls_back_queues_nothing(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notification_send(
                    recipient=UserFactory(), kind="organisation_removed", params=PARAMS
                )
                raise RuntimeError("the work failed")
        except RuntimeError:
            pass

    assert OutboxMessage.objects.count() == 0
    assert broker.messages == []


def test_after_a_refused_publish_requests_stop_waiting_for_the_broker(
    broker, django_capture_on_commit_callbacks
):
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=UserFactory(), kind="organisation_removed", params=PARAMS)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=UserFactory(), kind="organisation_removed", params=PARAMS)

    assert broker.refused == 1  # the second request did not try (nor wait)
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 2
    broker.down = False
    assert outbox.outbox_relay().sent == 2


def test_a_later_successful_publish_nudges_the_relay(broker, django_capture_on_commit_callbacks):
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=UserFactory(), kind="organisation_removed", params=PARAMS)
    broker.down = False
    outbox._paused_until = 0.0  # the pause is over

    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=UserFactory(), kind="organisation_removed", params=PARAMS)

    assert [name for name, _, _ in broker.messages] == [
        "core.tasks.deliver_notification",
        "core.tasks.relay_outbox",
    ]
    broker.work(django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 2
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.DONE}


def test_the_management_command_relays_and_reports(broker, django_capture_on_commit_callbacks):
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=UserFactory(), kind="organisation_removed", params=PARAMS)
    broker.down = False

    out = StringIO()
    call_command("outbox_relay", stdout=out)

    assert "sent 1" in out.getvalue() and "still waiting 0" in out.getvalue()
    assert len(broker.messages) == 1


def test_a_task_that_fails_for_good_is_marked_failed_and_not_relayed(
    broker, django_capture_on_commit_callbacks, monkeypatch
):
    series = make_series()
    monkeypatch.setattr(
        "scripts_app.services.transfer._render_export",
        lambda job: (_ for _ in ()).throw(ValueError("bad text")),
    )
    with django_capture_on_commit_callbacks(execute=True):
        export_request(actor=series.owner, series=series, revision=series.head, format="fountain")
    broker.work(django_capture_on_commit_callbacks, failures=1)

    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.FAILED and "bad text" in row.last_error
    assert outbox.outbox_relay().sent == 0


def test_without_a_broker_tasks_run_in_process_and_nothing_is_recorded(
    django_capture_on_commit_callbacks,
):
    assert celery_app.conf.task_always_eager  # the embedded default
    recipient = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=recipient, kind="organisation_removed", params=PARAMS)

    assert Notification.objects.filter(recipient=recipient, emailed=True).count() == 1
    assert OutboxMessage.objects.count() == 0


def test_the_outbox_is_read_only_in_the_admin(client, broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=UserFactory(), kind="organisation_removed", params=PARAMS)
    row = OutboxMessage.objects.get()
    client.force_login(UserFactory(staff=True))  # platform staff, no model rights granted

    assert client.get("/admin/core/outboxmessage/").status_code == 200
    page = client.get(f"/admin/core/outboxmessage/{row.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.get("/admin/core/outboxmessage/add/").status_code == 403
    assert client.post(f"/admin/core/outboxmessage/{row.pk}/delete/").status_code == 403
    assert client.get("/admin/core/outboxmessage/", {"status": "sent"}).status_code == 200
    client.force_login(UserFactory())
    assert client.get("/admin/core/outboxmessage/").status_code == 302  # to the admin login


def test_the_relay_forgets_finished_tasks_after_a_week_but_keeps_failed_ones(broker):
    old = timezone.now() - outbox.KEEP_FINISHED - timedelta(hours=1)
    for status in (OutboxStatus.DONE, OutboxStatus.FAILED):
        OutboxMessage.objects.create(
            task="core.tasks.relay_outbox", status=status, next_attempt_at=old, finished_at=old
        )
    OutboxMessage.objects.create(
        task="core.tasks.relay_outbox", status=OutboxStatus.DONE, next_attempt_at=old,
        finished_at=timezone.now(),
    )  # fmt: skip

    outbox.outbox_relay()

    assert sorted(OutboxMessage.objects.values_list("status", flat=True)) == ["done", "failed"]
    assert broker.messages == []


def test_no_code_queues_a_task_around_the_outbox():
    """Every task is queued through task_enqueue: a bare .delay() is lost when the broker is down."""
    root = Path(__file__).resolve().parents[2]
    allowed = {root / "core/services/outbox.py"}
    packages = ["config", "core", "taxonomy", "accounts", "scripts_app", "reviews", "seeds"]
    packages += ["courses", "incubator", "scouting"]  # the apps to come
    offenders = []
    for package in packages:
        for path in (root / package).rglob("*.py"):
            if path in allowed or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"delay", "apply_async", "send_task"}
                ):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == [], "queue tasks with core.services.outbox.task_enqueue"
