"""The task outbox: work queued on commit is never lost when the broker is away.

`task_enqueue` is the one way to queue a Celery task from a service. With a broker it
records the task in `OutboxMessage` inside the caller's transaction, publishes it once
that transaction commits and marks it sent. If the broker cannot be reached the request
still succeeds: the row stays pending and `outbox_relay` (a Celery beat task, the
`outbox_relay` management command, and a nudge after any later successful publish)
sends it when the broker is back. The worker marks the row running, then done (see
`core.task_base.OutboxTask`); a row handed over but never run (the broker lost it in a
restart) is sent again after `OUTBOX_REDELIVER_AFTER`. Delivery is therefore at least
once, and every task must be idempotent.

With no broker (`CELERY_TASK_ALWAYS_EAGER`, the embedded default) nothing is recorded:
the task runs in-process when the transaction commits, as it always did.
"""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery import Task, current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.models import OutboxMessage, OutboxStatus
from core.task_base import outbox_task_id

logger = logging.getLogger(__name__)

# A request publishes its own rows right after commit; the relay leaves them alone until then.
_FRESH_ROW_GRACE = timedelta(seconds=10)
# After a refused publish this process stops trying for a moment, so requests during an
# outage do not each wait for the broker's timeout; their rows wait for the relay.
_PAUSE_AFTER_FAILURE = 5.0
# The request path tries once more after a dropped connection, no longer: the relay retries.
_REQUEST_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
_RELAY_BATCH = 100
# Finished rows are kept this long for staff to look at, then removed by the relay.
KEEP_FINISHED = timedelta(days=7)

_state_lock = threading.Lock()
_paused_until = 0.0
_next_nudge_at = 0.0


def task_enqueue(task: Task, /, **kwargs: Any) -> None:
    """Run `task(**kwargs)` once the current transaction commits, even if the broker is down.

    Args:
        task: a Celery task; it must be idempotent (it may run more than once).
        kwargs: JSON-serialisable keyword arguments (ids, not objects).

    Nothing is sent for work that rolls back: the row is part of the same transaction.
    Never raises because the broker is unreachable; never waits longer than the broker
    timeouts in settings (`CELERY_BROKER_TIMEOUT`).
    """
    if task.app.conf.task_always_eager:
        transaction.on_commit(lambda: task.delay(**kwargs))
        return
    now = timezone.now()
    if _publishing_paused():
        OutboxMessage.objects.create(task=task.name, kwargs=kwargs, next_attempt_at=now)
        return
    message = OutboxMessage.objects.create(
        task=task.name, kwargs=kwargs, next_attempt_at=now + _FRESH_ROW_GRACE
    )
    pk = message.pk

    def publish() -> None:
        if _publishing_paused():
            _leave_for_relay(pk, "the broker was unreachable a moment ago", attempted=False)
        elif _publish(pk=pk, task=task, kwargs=kwargs, policy=_REQUEST_RETRY_POLICY):
            _nudge_relay_if_rows_wait()

    transaction.on_commit(publish, robust=True)


@dataclass(slots=True)
class RelayOutcome:
    sent: int = 0
    redelivered: int = 0
    failed: int = 0
    # True when the broker refused a publish and the pass stopped early.
    broker_down: bool = False


def outbox_relay(*, limit: int = 1000) -> RelayOutcome:
    """Publish the rows the broker has not accepted yet, and redeliver the lost ones.

    Pending rows whose time has come are published; rows handed to the broker (or
    started) longer than `OUTBOX_REDELIVER_AFTER` ago without finishing are published
    again. Stops at the first refused publish (the broker is still down). Safe to run
    in several processes at once: each row is claimed with a row lock, skipping locked ones.
    Rows done more than `KEEP_FINISHED` ago are deleted.

    Returns:
        How many rows were sent, redelivered, or failed to publish.
    """
    outcome = RelayOutcome()
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER)
    due = (
        Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        | Q(status=OutboxStatus.SENT, sent_at__lte=stale)
        | Q(status=OutboxStatus.RUNNING, started_at__lte=stale)
    )
    last_pk = 0
    while outcome.sent + outcome.redelivered < limit:
        with transaction.atomic():
            rows = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(due, pk__gt=last_pk)
                .order_by("pk")[: min(_RELAY_BATCH, limit)]
            )
            for row in rows:
                last_pk = row.pk
                task = _task_named(row.task)
                if task is None:
                    OutboxMessage.objects.filter(pk=row.pk).update(
                        status=OutboxStatus.FAILED, last_error=f"No task named {row.task}."
                    )
                    outcome.failed += 1
                    continue
                if not _publish(pk=row.pk, task=task, kwargs=row.kwargs, policy=None):
                    outcome.failed += 1
                    outcome.broker_down = True
                    break
                if row.status == OutboxStatus.PENDING:
                    outcome.sent += 1
                else:
                    outcome.redelivered += 1
                    logger.warning("Outbox: redelivered %s (#%s), never finished", row.task, row.pk)
        if outcome.broker_down or len(rows) < _RELAY_BATCH:
            break
    # Failed rows stay until someone has looked at them (they are few and need a person).
    OutboxMessage.objects.filter(
        status=OutboxStatus.DONE, finished_at__lt=now - KEEP_FINISHED
    ).delete()
    if outcome.sent or outcome.redelivered or outcome.failed:
        logger.info(
            "Outbox relay: %s sent, %s redelivered, %s failed",
            outcome.sent,
            outcome.redelivered,
            outcome.failed,
        )
    return outcome


# The outbox's statuses are delivery bookkeeping, not a workflow (docs/architecture.md):
# each change is one conditional UPDATE, so that two workers can never both claim a row,
# and an audit row per task would bury the trail that people read.
def outbox_claim(*, pk: int, retrying: bool = False) -> bool:
    """Called by the worker before it runs an outbox task: may this delivery run it?

    False when the task already finished (or failed for good), or another worker
    started it recently: a duplicate delivery then does nothing. A retry the task asked
    for itself (`retrying`) may take over a running row.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER)
    running = Q(status=OutboxStatus.RUNNING)
    if not retrying:
        running &= Q(started_at__lte=stale)
    claimable = Q(status__in=[OutboxStatus.PENDING, OutboxStatus.SENT]) | running
    claimed = OutboxMessage.objects.filter(claimable, pk=pk).update(
        status=OutboxStatus.RUNNING, started_at=now
    )
    if claimed:
        return True
    # A row we cannot see (deleted by hand) must not stop the work it asked for.
    return not OutboxMessage.objects.filter(pk=pk).exists()


def outbox_mark_finished(*, pk: int, error: str = "") -> None:
    """Record that an outbox task ran to the end (or failed for good, with `error`)."""
    OutboxMessage.objects.filter(pk=pk).exclude(status=OutboxStatus.DONE).update(
        status=OutboxStatus.FAILED if error else OutboxStatus.DONE,
        finished_at=timezone.now(),
        last_error=error[:2000],
    )


def outbox_mark_retrying(*, pk: int) -> None:
    """The task asked for a retry: the new message it published is what runs next."""
    OutboxMessage.objects.filter(pk=pk, status=OutboxStatus.RUNNING).update(
        status=OutboxStatus.SENT, sent_at=timezone.now()
    )


def _publish(*, pk: int, task: Task, kwargs: dict, policy: dict | None) -> bool:
    options: dict[str, Any] = {"task_id": outbox_task_id(pk), "retry": True}
    if policy is not None:
        options["retry_policy"] = policy
    try:
        task.apply_async(kwargs=kwargs, **options)
    except Exception as error:  # any publish failure leaves the row for the relay
        _pause_publishing()
        _leave_for_relay(pk, f"{type(error).__name__}: {error}")
        return False
    _resume_publishing()
    OutboxMessage.objects.filter(
        pk=pk, status__in=[OutboxStatus.PENDING, OutboxStatus.SENT, OutboxStatus.RUNNING]
    ).update(status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1)
    return True


def _leave_for_relay(pk: int, reason: str, *, attempted: bool = True) -> None:
    logger.warning("Outbox: task #%s left for the relay: %s", pk, reason)
    OutboxMessage.objects.filter(pk=pk, status=OutboxStatus.PENDING).update(
        attempts=F("attempts") + int(attempted),
        last_error=reason[:2000],
        next_attempt_at=timezone.now(),
    )


def _task_named(name: str) -> Task | None:
    app = current_app
    if name not in app.tasks:
        app.loader.import_default_modules()  # a web process imports task modules lazily
    return app.tasks.get(name)


def _publishing_paused() -> bool:
    return time.monotonic() < _paused_until


def _pause_publishing() -> None:
    global _paused_until
    with _state_lock:
        _paused_until = time.monotonic() + _PAUSE_AFTER_FAILURE


def _resume_publishing() -> None:
    global _paused_until
    if _paused_until:
        with _state_lock:
            _paused_until = 0.0


def _nudge_relay_if_rows_wait() -> None:
    """After a successful publish: if rows still wait for the broker, ask a worker to relay.

    At most once per relay interval per process, so a busy site pays one query a minute.
    """
    global _next_nudge_at
    with _state_lock:
        if time.monotonic() < _next_nudge_at:
            return
        _next_nudge_at = time.monotonic() + settings.OUTBOX_RELAY_INTERVAL
    waiting = OutboxMessage.objects.filter(
        status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now()
    ).exists()
    if not waiting:
        return
    relay = _task_named("core.tasks.relay_outbox")
    if relay is None:
        return
    try:
        relay.apply_async(retry=False, expires=settings.OUTBOX_RELAY_INTERVAL)
    except Exception:  # the periodic relay will run anyway
        logger.warning("Outbox: could not nudge the relay", exc_info=True)
