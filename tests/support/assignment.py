"""Records for reviews.assignment tests, and the guarantees every assignment must keep."""

from collections import Counter

from reviews.assignment import AssignmentResult, Request, Reviewer


def request(
    id_: int = 1,
    *,
    writer: int = 100,
    k: int = 1,
    cowriters: tuple[int, ...] = (),
    orgs: tuple[int, ...] | frozenset[int] = (),
    blind: bool = False,
    already: tuple[int, ...] = (),
    refused: tuple[int, ...] = (),
) -> Request:
    return Request(
        id=id_,
        writer_id=writer,
        excluded_ids=frozenset({writer, *cowriters}),
        organisation_ids=frozenset(orgs),
        blind=blind,
        k=k,
        already_assigned=frozenset(already),
        previously_refused=frozenset(refused),
    )


def reviewer(
    id_: int,
    *,
    orgs: tuple[int, ...] | frozenset[int] = (),
    load: int = 0,
    conflicts: tuple[int, ...] = (),
    capacity: int | None = None,
) -> Reviewer:
    return Reviewer(
        id=id_,
        organisation_ids=frozenset(orgs),
        current_load=load,
        conflicts=frozenset(conflicts),
        capacity=capacity,
    )


def assert_keeps_every_rule(
    requests: list[Request], reviewers: list[Reviewer], result: AssignmentResult, *, strict: bool
) -> Counter[int]:
    """Fail unless ``result`` keeps every guarantee of ``assign``; return the new reviews
    per reviewer.

    The rules are restated here, not taken from ``is_eligible``, so a mistake there
    cannot hide the same mistake in ``assign``: never the writer, a co-writer, someone
    with a conflict, someone already on the request or who refused it, nor, when blind,
    someone sharing an organisation with the writer; every request listed, no reviewer
    twice on one request, places + shortfall = k; no load above ``max_load`` or a
    personal capacity; ``max_load`` is the fair share, or when stretched at most one
    above the highest current load.
    """
    by_id = {r.id: r for r in reviewers}
    added: Counter[int] = Counter()
    assert list(result.assignments) == sorted(q.id for q in requests)
    for q in requests:
        chosen = result.assignments[q.id]
        assert len(chosen) == len(set(chosen)), ("twice on one request", q.id)
        assert len(chosen) + result.shortfall.get(q.id, 0) == max(0, q.k), q.id
        assert result.shortfall.get(q.id) != 0, "a zero shortfall is listed"
        for reviewer_id in chosen:
            person = by_id[reviewer_id]
            assert reviewer_id != q.writer_id, ("the writer", q.id)
            assert reviewer_id not in q.excluded_ids, ("a co-writer", q.id, reviewer_id)
            assert q.writer_id not in person.conflicts, ("a conflict", q.id, reviewer_id)
            assert reviewer_id not in q.already_assigned, ("already on it", q.id, reviewer_id)
            assert reviewer_id not in q.previously_refused, ("refused it", q.id, reviewer_id)
            colleague = q.organisation_ids & person.organisation_ids
            assert not (q.blind and colleague), ("a colleague, blind", q.id, reviewer_id)
            added[reviewer_id] += 1
    for reviewer_id, count in added.items():
        person = by_id[reviewer_id]
        total = person.current_load + count
        assert total <= result.max_load, ("above the cap", reviewer_id, total)
        assert person.capacity is None or total <= person.capacity, ("capacity", reviewer_id)
    if strict:
        assert result.max_load == result.fair_share
    else:
        highest = max((r.current_load for r in reviewers), default=0)
        assert result.fair_share <= result.max_load <= max(result.fair_share, highest + 1)
    return added
