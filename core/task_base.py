"""The base class of every Celery task (config/celery.py sets it as the app's task class).

A message published from the outbox carries the row in its task id (`outbox-<pk>`). Before
running it the worker claims the row, so a duplicate delivery (relayed twice, redelivered
after a broker restart) does nothing once the task has finished; afterwards it marks the row
done or failed. Tasks started any other way (in-process, by beat) are untouched and cost
no query. Models are imported lazily: this module is loaded while the Celery app is set up.
"""

import logging
from typing import Any

from celery import Task

logger = logging.getLogger(__name__)

TASK_ID_PREFIX = "outbox-"


def outbox_task_id(pk: int) -> str:
    """The Celery task id of an outbox row's message (the worker finds the row by it)."""
    return f"{TASK_ID_PREFIX}{pk}"


def _outbox_pk(task_id: str | None) -> int | None:
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return None
    try:
        return int(task_id.removeprefix(TASK_ID_PREFIX))
    except ValueError:
        return None


class OutboxTask(Task):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        pk = _outbox_pk(self.request.id)
        if pk is None:
            return super().__call__(*args, **kwargs)
        from core.services.outbox import outbox_claim

        # A retry's message may arrive before on_retry has run: it may take over.
        if not outbox_claim(pk=pk, retrying=bool(self.request.retries)):
            logger.info(
                "Outbox: %s (#%s) already handled, duplicate delivery ignored", self.name, pk
            )
            return None
        # Called by the worker's tracer, which has pushed this request already.
        return self.run(*args, **kwargs)

    def on_success(self, retval: Any, task_id: str, args: Any, kwargs: Any) -> None:
        pk = _outbox_pk(task_id)
        if pk is not None:
            from core.services.outbox import outbox_mark_finished

            outbox_mark_finished(pk=pk)
        super().on_success(retval, task_id, args, kwargs)

    def on_retry(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        pk = _outbox_pk(task_id)
        if pk is not None:
            from core.services.outbox import outbox_mark_retrying

            outbox_mark_retrying(pk=pk)
        super().on_retry(exc, task_id, args, kwargs, einfo)

    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        pk = _outbox_pk(task_id)
        if pk is not None:
            from core.services.outbox import outbox_mark_finished

            outbox_mark_finished(pk=pk, error=f"{type(exc).__name__}: {exc}")
        super().on_failure(exc, task_id, args, kwargs, einfo)
