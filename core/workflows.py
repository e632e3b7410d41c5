"""Workflows as data: the states of a thing, the moves between them, and one service
that performs a move.

A workflow is declared once, next to its model::

    REQUEST_FLOW = Workflow(
        name="review_request",
        field="status",
        moves=[
            Move("close", source=[OPEN, ASSIGNED], target=CLOSED, allowed=can_close_request),
            Move("expire", source=[OPEN], target=EXPIRED, allowed=system_only,
                 guard=lambda request: None if request.is_overdue else _("Not due yet.")),
        ],
    )

and every change of state goes through `workflow_move`::

    request = workflow_move(REQUEST_FLOW, request, "close", actor=user,
                            changes={"closed_at": timezone.now()},
                            effects=[lambda locked: notify_closed(locked)])

which locks the row, checks that the move exists from the current state, that the actor
may make it and that its guard passes, saves the new state with `update_fields`, writes
the audit row and runs the effects inside the same transaction. Effects announce through
`notification_send` and queue work through `core.services.outbox.task_enqueue`, which
record it in that transaction and deliver only once it commits: nothing is announced for a
move that rolled back, and nothing is lost if the broker is down. A move that is not
allowed raises `core.exceptions.Conflict`, a ValidationError not tied to a field (forms
show it on top, the API answers 409 under "non_field_errors"), and writes nothing: closing
twice is refused the second time, with one audit row in all.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.services.audit import audit_record
from core.types import Actor

_M = TypeVar("_M", bound=models.Model)


def anyone(actor: Actor | None, obj: models.Model) -> bool:
    """Who-may rule for moves that any caller of the service may make."""
    return True


def system_only(actor: Actor | None, obj: models.Model) -> bool:
    """Who-may rule for moves only the platform itself makes (tasks, timers): actor None."""
    return actor is None


@dataclass(frozen=True)
class Move:
    """One allowed move: its name, the states it leaves, the state it reaches, who may
    make it, and an optional guard that returns a refusal message (or None)."""

    name: str
    source: Sequence[str]
    target: str
    allowed: Callable[[Any, Any], bool] = anyone
    guard: Callable[[Any], str | None] | None = None
    audit_action: str = ""  # defaults to "<workflow>.<move>"
    # False only for the half of a change whose other half is an audited move in the same
    # transaction (a review's draft is handed in with its assignment's "submit"): one
    # action, one audit row.
    audited: bool = True


@dataclass(frozen=True)
class Workflow:
    """The moves of one model's state field. `name` prefixes the audit actions."""

    name: str
    moves: Sequence[Move]
    field: str = "status"
    # What the audit row is about, when that is not the moved object itself (an
    # invitation's moves belong in its organisation's trail).
    audit_target: Callable[[Any], models.Model] | None = None
    # What a refused move says, when "it is <state>" would not help the reader.
    refusal: Any = None
    _by_name: dict[str, Move] = dataclass_field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for move in self.moves:
            if move.name in self._by_name:
                raise ValueError(f"{self.name}: move {move.name!r} is declared twice")
            self._by_name[move.name] = move

    def move(self, name: str) -> Move:
        try:
            return self._by_name[name]
        except KeyError:
            raise ValueError(f"{self.name} has no move {name!r}") from None

    def moves_from(self, state: str) -> list[Move]:
        return [move for move in self.moves if state in move.source]

    def can(self, actor: Actor | None, obj: models.Model, name: str) -> bool:
        """Whether `actor` may make move `name` now (for templates and serializers)."""
        move = self.move(name)
        state = getattr(obj, self.field)
        return (
            state in move.source
            and move.allowed(actor, obj)
            and (move.guard is None or move.guard(obj) is None)
        )

    def states(self) -> set[str]:
        return {state for move in self.moves for state in (*move.source, move.target)}


def workflow_move(
    workflow: Workflow,
    obj: _M,
    name: str,
    *,
    actor: Actor | None,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    effects: Iterable[Callable[[_M], object]] = (),
) -> _M:
    """Perform move `name` on `obj` under a row lock, with its audit row.

    Args:
        changes: other fields to set in the same save (timestamps, who decided).
        data: extra details for the audit row.
        effects: callables given the moved instance, run in the move's transaction after
            the save and the audit row (notifications and tasks, which wait for the commit).

    Returns:
        The locked, updated instance; `obj` is updated in place too.

    Raises:
        Conflict (a ValidationError; the API answers 409): the move is not allowed from
            the current state, or its guard refuses.
        PermissionDenied: the actor may not make this move.
    """
    move = workflow.move(name)
    changes = dict(changes or {})
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        source = getattr(locked, workflow.field)
        if source not in move.source:
            message = workflow.refusal or _("This cannot be done now: it is %(state)s.") % {
                "state": _state_label(locked, workflow.field, source)
            }
            raise Conflict(str(message))
        if not move.allowed(actor, locked):
            raise PermissionDenied
        if move.guard is not None:
            refusal = move.guard(locked)
            if refusal:
                raise Conflict(refusal)
        setattr(locked, workflow.field, move.target)
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.save(update_fields=[workflow.field, *changes])
        if move.audited:
            audit_record(
                actor=actor,
                action=move.audit_action or f"{workflow.name}.{move.name}",
                target=workflow.audit_target(locked) if workflow.audit_target else locked,
                data={"from": source, "to": move.target, **(data or {})},
            )
        for effect in effects:
            effect(locked)
    for key in (workflow.field, *changes):
        setattr(obj, key, getattr(locked, key))
    return locked


def workflow_move_all(
    workflow: Workflow,
    queryset: models.QuerySet[Any],
    name: str,
    *,
    actor: Any,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> list[Any]:
    """Perform move `name` on every row of `queryset` the move may leave, under row locks.

    For moves the platform makes in bulk (the unfinished assignments of a request that
    ends). Rows already in another state are left alone rather than refused: a bulk move
    says "whatever is still open, end it". Rows the actor may not move, or whose guard
    refuses, are left alone too. Each moved row gets its audit row, as with
    `workflow_move`; the rows are saved in one UPDATE.

    Returns:
        The moved instances, with their new state.
    """
    move = workflow.move(name)
    changes = dict(changes or {})
    with transaction.atomic():
        candidates = list(
            queryset.select_for_update()
            .filter(**{f"{workflow.field}__in": list(move.source)})
            .order_by("pk")
        )
        moved = [
            obj
            for obj in candidates
            if move.allowed(actor, obj) and (move.guard is None or move.guard(obj) is None)
        ]
        if not moved:
            return []
        sources = {obj.pk: getattr(obj, workflow.field) for obj in moved}
        type(moved[0])._default_manager.filter(pk__in=list(sources)).update(
            **{workflow.field: move.target}, **changes
        )
        for obj in moved:
            setattr(obj, workflow.field, move.target)
            for key, value in changes.items():
                setattr(obj, key, value)
            if move.audited:
                audit_record(
                    actor=actor,
                    action=move.audit_action or f"{workflow.name}.{move.name}",
                    target=workflow.audit_target(obj) if workflow.audit_target else obj,
                    data={"from": sources[obj.pk], "to": move.target, **(data or {})},
                )
    return moved


def _state_label(obj: models.Model, field_name: str, state: str) -> str:
    # A state is a concrete field with choices, never a relation.
    field = cast("models.Field[Any, Any]", obj._meta.get_field(field_name))
    choices = dict(field.flatchoices)
    return str(choices.get(state, state))
