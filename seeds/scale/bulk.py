"""Bulk writing for the scale set: batched inserts, explicit timestamps, progress."""

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEntry

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")

BATCH = 2000


def insert(model: type[M], rows: Sequence[M], *, batch_size: int = BATCH) -> Sequence[M]:
    """bulk_create in batches; the rows get their primary keys (PostgreSQL and SQLite
    3.35+ return them)."""
    for start in range(0, len(rows), batch_size):
        model.objects.bulk_create(rows[start : start + batch_size], batch_size=batch_size)
    return rows


def batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let bulk rows carry their own created/updated times.

    `auto_now` and `auto_now_add` fields overwrite any value with "now" on insert, so a
    year of history would all be stamped with the minute the loader ran. For the
    duration of the block they keep the value given (every row must then set one: a
    missing value fails the insert instead of being silently filled).
    """
    patched = [
        (f, f.auto_now, f.auto_now_add)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]
    for f, _now, _add in patched:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in patched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def audit_rows(
    model: type[models.Model],
    entries: Iterable[tuple[int | None, str, models.Model, dict[str, Any], Any]],
    describe: Callable[[Any], str] = str,
) -> list[AuditEntry]:
    """Audit rows as `core.services.audit.audit_record` writes them: (actor id, action,
    target, data, when). `describe` gives the target's text when `str()` would query."""
    target_type = ContentType.objects.get_for_model(model)
    return [
        AuditEntry(
            actor_id=actor_id,
            action=action,
            target_type=target_type,
            target_id=str(target.pk),
            target_repr=describe(target)[:200],
            data=data,
            created_at=when,
        )
        for actor_id, action, target, data, when in entries
    ]


def delivery_key(*parts: object) -> str:
    """A notification's delivery key, stable for the same seed and row."""
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:32]


@dataclass
class Progress:
    """Stage timings and row counts, logged as they happen and summarised at the end."""

    log: Callable[[str], None]
    stages: list[tuple[str, float, str]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @contextmanager
    def stage(self, name: str) -> Iterator[list[str]]:
        """Time a stage; append what it made to the yielded list, for the summary."""
        self.log(f"{name} ...")
        begun = time.perf_counter()
        made: list[str] = []
        yield made
        seconds = time.perf_counter() - begun
        self.stages.append((name, seconds, ", ".join(made)))
        self.log(f"{name}: {', '.join(made) or 'done'} ({seconds:.1f} s)")

    def summary(self) -> str:
        total = time.perf_counter() - self.started
        width = max((len(name) for name, _s, _m in self.stages), default=0)
        lines = [
            f"  {name:<{width}}  {seconds:7.1f} s  {made}" for name, seconds, made in self.stages
        ]
        lines.append(f"  {'total':<{width}}  {total:7.1f} s")
        return "\n".join(lines)
