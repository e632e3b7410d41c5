"""The records assignment works on, and the rules a reviewer must pass
(:func:`is_eligible`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Request:
    """A review request that needs ``k`` more reviewers.

    ``k`` counts new reviewers only: reviewers in ``already_assigned`` are not part of it.
    ``excluded_ids`` holds the writer's own id and the co-writers'; ``organisation_ids``
    the writer's organisations (used only when ``blind``).
    """

    id: int
    writer_id: int
    excluded_ids: frozenset[int]
    organisation_ids: frozenset[int]
    blind: bool
    k: int
    already_assigned: frozenset[int] = frozenset()
    previously_refused: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A possible reviewer. ``capacity`` caps their total load (open reviews), if set."""

    id: int
    organisation_ids: frozenset[int]
    current_load: int
    conflicts: frozenset[int]  # writer ids they declared a conflict of interest with
    capacity: int | None = None


@dataclass(slots=True)
class AssignmentResult:
    """What :func:`assign` decided.

    ``assignments`` maps every request id (ascending) to its NEW reviewer ids, in the
    order they were chosen; ``shortfall`` maps the ids of requests that could not be
    filled to the number of places left (the caller falls back to a mentor or staff).
    ``fair_share`` is the even-spread cap; ``max_load`` the cap finally used, which is
    higher only when a request could not otherwise get its reviewers (see :func:`assign`).
    """

    assignments: dict[int, list[int]]
    shortfall: dict[int, int]
    max_load: int
    fair_share: int


def is_eligible(request: Request, reviewer: Reviewer) -> bool:
    """Whether ``reviewer`` may review ``request``; the rules in the module docstring.

    :func:`assign` applies the same rules through per-request exclusion sets and
    organisation groups, for speed; this is the readable statement of them.
    """
    rid = reviewer.id
    return not (
        rid == request.writer_id
        or rid in request.excluded_ids
        or request.writer_id in reviewer.conflicts
        or rid in request.already_assigned
        or rid in request.previously_refused
        or (request.blind and not request.organisation_ids.isdisjoint(reviewer.organisation_ids))
    )
