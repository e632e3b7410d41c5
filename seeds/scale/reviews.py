"""Review requests, assignments, reviews, scores and line notes for the scale set, in bulk.

`seeds.scale.review_plan` decides who reviews what and what became of it, in time order
and by the platform's rules; this module writes it, with the audit rows and notifications
the services would have written. Credits, calibration and reputation follow from it
(`seeds.scale.ledger`): a peer request spends what it asks for (after the welcome credits,
and a grant when the writer had too few), a peer review earns one, an ended request
refunds what it did not get.
"""

from datetime import datetime, timedelta
from types import SimpleNamespace

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, Notification
from reviews import scoring
from reviews.blindness import Blanker, identity_terms
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    Blindness,
    Criterion,
    LineNote,
    NoteReply,
    RequestKind,
    RequestStatus,
    Review,
    ReviewAssignment,
    ReviewPolicy,
    ReviewRequest,
    ReviewScore,
    ReviewStatus,
    Rubric,
)
from reviews.services.rubrics import version_for_use
from scripts_app.models import Revision
from scripts_app.selectors import revision_texts
from seeds.scale.bulk import Progress, audit_rows, batched, delivery_key, insert
from seeds.scale.ledger import LedgerEvents, load_ledger
from seeds.scale.review_plan import (
    PlannedAssignment,
    PlannedRequest,
    Rules,
    assign,
    between,
    plan_requests,
)
from seeds.scale.state import World

CHUNK = 5000

_NOTES = ["这句台词可以更短更狠。", "这里的动作描写太长，拍不出来。", "人物动机在这里不够清楚。",
          "这个反转来得太突然，前面需要铺垫。", "This line could be cut.",
          "The reversal needs set-up earlier."]  # fmt: skip
_REPLIES = [
    "谢谢，已经改了。",
    "这里是故意留白，后面会解释。",
    "Good catch, fixed in the next draft.",
]
_ANSWERS = ["明白了，期待下一稿。", "Makes sense now, thanks."]


def load_reviews(world: World, progress: Progress) -> None:
    rng = world.rng("reviews")
    policy = ReviewPolicy.current()
    version = version_for_use(Rubric.objects.get(is_default=True))
    assert version is not None, "the default rubric has a published version (migrations)"
    criteria = list(Criterion.objects.filter(version=version).order_by("position"))
    with progress.stage("review requests") as made:
        requests = plan_requests(world, rng, policy)
        rules = Rules(world)
        for request in requests:
            assign(world, rng, rules, request, criteria, version.divergence_threshold)
        ledger = LedgerEvents()
        counts = dict.fromkeys(("requests", "assignments", "reviews", "notes"), 0)
        for part in batched(requests, CHUNK):
            _write(world, rng, list(part), criteria, version, ledger, counts)
            progress.log(f"  requests {counts['requests']:,}/{len(requests):,}")
        made += [
            f"{counts['requests']:,} requests",
            f"{counts['assignments']:,} assignments",
            f"{counts['reviews']:,} reviews",
            f"{counts['notes']:,} line notes",
        ]
    with progress.stage("credits, calibration and reputation") as made:
        made += load_ledger(world, ledger, version, policy.starter_credits)


def _write(world: World, rng, requests, criteria, version, ledger: "LedgerEvents", counts) -> None:
    now = world.now
    with transaction.atomic():
        rows = [
            ReviewRequest(
                series_id=r.series.pk, revision_id=r.revision.pk, kind=r.kind,
                blindness=r.blindness, reviews_needed=r.needed, rubric_version=version,
                requested_by_id=r.requested_by, note=r.note, due_at=r.due_at, status=r.status,
                episode_from=r.episode_from, episode_to=r.episode_to, created_at=r.created_at,
                completed_at=r.completed_at,
                requested_mentor_id=r.assignments[-1].reviewer
                if r.kind == RequestKind.MENTOR and r.assignments and rng.random() < 0.5 else None,
            )
            for r in requests
        ]  # fmt: skip
        for request, row in zip(requests, rows, strict=True):
            request.row = row
        assignments = []
        for request in requests:
            for a in request.assignments:
                a.row = ReviewAssignment(
                    request=request.row, reviewer_id=a.reviewer, role=a.role, position=a.position,
                    status=a.status, due_at=a.due_at, assigned_at=a.assigned_at,
                    finished_at=a.finished_at, decline_reason=a.decline_reason,
                    reminded_at=_reminded(a, now),
                )  # fmt: skip
                assignments.append(a)
        # Scores of submitted reviews decide which criteria diverge.
        for request, row in zip(requests, rows, strict=True):
            by_criterion: dict[int, list[float]] = {}
            for a in request.assignments:
                if a.review is not None and a.review.status == ReviewStatus.SUBMITTED:
                    for pk, (score, _comment) in a.review.scores.items():
                        by_criterion.setdefault(pk, []).append(float(score))
            keys = {c.pk: c.key for c in criteria}
            row.divergent_criteria = sorted(
                keys[pk] for pk, values in by_criterion.items()
                if scoring.diverges(values, version.divergence_threshold)
            )  # fmt: skip
        insert(ReviewRequest, rows)
        insert(ReviewAssignment, [a.row for a in assignments])
        reviewed = [a for a in assignments if a.review is not None]
        reviews = [
            Review(
                assignment=a.row, status=a.review.status, overall_comment=a.review.overall,
                submitted_at=a.review.submitted_at, updated_at=a.review.updated_at,
                helpfulness=a.review.helpfulness, rated_at=a.review.rated_at,
                helpfulness_comment="很有帮助。" if a.review.helpfulness and a.review.helpfulness >= 4 else "",
            )
            for a in reviewed
        ]  # fmt: skip
        insert(Review, reviews)
        for a, review in zip(reviewed, reviews, strict=True):
            a.review.row = review
        insert(
            ReviewScore,
            [
                ReviewScore(review=review, criterion_id=pk, score=score, comment=comment)
                for a, review in zip(reviewed, reviews, strict=True)
                for pk, (score, comment) in a.review.scores.items()
            ],
        )
        notes, _replies = _notes(world, rng, requests, reviewed, reviews)
        audit = _audit(requests)
        insert(AuditEntry, audit)
        insert(Notification, _notifications(world, rng, requests))
        for request in requests:
            ledger.add_request(request)
        counts["requests"] += len(rows)
        counts["assignments"] += len(assignments)
        counts["reviews"] += len(reviews)
        counts["notes"] += len(notes)


def _reminded(a: PlannedAssignment, now: datetime) -> datetime | None:
    """Reviewers still working a day before the due time were reminded then."""
    moment = a.due_at - timedelta(hours=24)
    if moment < now and (a.finished_at is None or a.finished_at > moment):
        return moment
    return None


def _notes(world, rng, requests, reviewed, reviews) -> tuple[list[LineNote], list[NoteReply]]:
    """Line notes on lines with text of the reviewed revision, quoted as the reviewer saw
    them (blanked of the writers' names in a double-blind request), with some replies."""
    wanted = {a.row.request.revision_id for a in reviewed if a.review.notes}
    if not wanted:
        return [], []
    lines: dict[int, list[str]] = {}
    for part in batched(sorted(wanted), 500):
        found = list(Revision.objects.filter(pk__in=part).only("pk", "chunk_ids"))
        for pk, text in revision_texts(found).items():
            lines[pk] = text.split("\n")
    by_request = {r.row.pk: r for r in requests}
    notes, replies = [], []
    note_reviews = []
    for a, review in zip(reviewed, reviews, strict=True):
        if not a.review.notes:
            continue
        request = by_request[a.row.request_id]
        text = lines[request.revision.pk]
        blanker = _blanker(world, request) if request.blindness == Blindness.DOUBLE else None
        body = _body_lines(text, request.series.fmt, request.episode_to)
        for _note in range(a.review.notes):
            number = rng.choice(body)
            quote = blanker.line(text[number - 1]) if blanker else text[number - 1]
            created = between(rng, a.assigned_at, a.review.submitted_at or a.review.updated_at)
            notes.append(
                LineNote(
                    review=review, revision_id=request.revision.pk, line=number,
                    anchor_text=quote.strip()[:500], body=rng.choice(_NOTES), created_at=created,
                    resolved=a.review.status == ReviewStatus.SUBMITTED and rng.random() < 0.2,
                )
            )  # fmt: skip
            note_reviews.append((a, request))
    insert(LineNote, notes)
    for note, (a, request) in zip(notes, note_reviews, strict=True):
        if a.review.status != ReviewStatus.SUBMITTED or rng.random() > 0.3:
            continue
        answered = between(rng, a.review.submitted_at, world.now)
        replies.append(
            NoteReply(
                note=note,
                author_id=request.requested_by,
                body=rng.choice(_REPLIES),
                created_at=answered,
            )
        )
        if rng.random() < 0.4:
            replies.append(
                NoteReply(
                    note=note,
                    author_id=a.reviewer,
                    body=rng.choice(_ANSWERS),
                    created_at=between(rng, answered, world.now),
                )
            )
    insert(NoteReply, replies)
    return notes, replies


def _body_lines(lines: list[str], fmt: str, last_episode: int | None) -> list[int]:
    """1-based numbers of dialogue and action lines after the first episode heading (and
    before episode `last_episode` + 1: a reviewer of a range sees only those episodes)."""
    heading = ("第", "# Episode")
    start = next((i for i, line in enumerate(lines) if line.startswith(heading)), 0)
    end = len(lines)
    if last_episode is not None:
        after = (f"第{last_episode + 1}集", f"# Episode {last_episode + 1}:")
        end = next((i for i, line in enumerate(lines) if line.startswith(after)), end)
    if fmt == "zh":
        chosen = [
            i + 1 for i in range(start, end) if lines[i].startswith("△") or "：" in lines[i][:12]
        ]
    else:
        chosen = [
            i + 1 for i in range(start, end) if lines[i][:1].isalpha() and not lines[i].isupper()
        ]
    return chosen or [i + 1 for i, line in enumerate(lines[:end]) if line.strip()]


def _blanker(world: World, request: PlannedRequest) -> Blanker:
    people = [world.people[pk] for pk in sorted(request.series.writer_side)]
    users = [
        SimpleNamespace(email=p.email, display_name_zh=p.name_zh, display_name_en=p.name_en)
        for p in people
    ]
    return Blanker.for_terms(identity_terms(users))


def _audit(requests: list[PlannedRequest]) -> list[AuditEntry]:
    entries = []
    for r in requests:
        row = r.row
        entries.append(
            (
                r.requested_by,
                "review.requested",
                row,
                {
                    "kind": r.kind,
                    "blindness": r.blindness,
                    "needed": r.needed,
                    "revision": r.revision.number,
                },
                r.created_at,
            )
        )
        groups: dict[datetime, list[int]] = {}
        for a in r.assignments:
            groups.setdefault(a.assigned_at, []).append(a.reviewer)
        role = r.assignments[0].role if r.assignments else AssignmentRole.PEER
        for when, reviewers in groups.items():
            entries.append(
                (None, "review.assigned", row, {"reviewers": reviewers, "role": role}, when)
            )
        for a in r.assignments:
            move = {"from": AssignmentStatus.ASSIGNED, "to": a.status, "assignment": a.row.pk}
            if a.status == AssignmentStatus.SUBMITTED:
                entries.append((a.reviewer, "review.submitted", row, move, a.finished_at))
            elif a.status == AssignmentStatus.DECLINED:
                entries.append((a.reviewer, "review.declined", row, move, a.finished_at))
            elif a.status == AssignmentStatus.EXPIRED and r.status == RequestStatus.EXPIRED:
                entries.append((None, "review.assignment_expired", row, move, a.finished_at))
                entries.append(
                    (None, "review.expired", row, {"assignment": a.row.pk}, a.finished_at)
                )
            elif a.status == AssignmentStatus.EXPIRED:
                entries.append(
                    (
                        r.requested_by,
                        "review.assignment_ended",
                        row,
                        {"from": AssignmentStatus.ASSIGNED, "to": a.status},
                        a.finished_at,
                    )
                )
        if row.divergent_criteria:
            entries.append(
                (
                    None,
                    "review.divergence_flagged",
                    row,
                    {"criteria": row.divergent_criteria},
                    r.completed_at or r.ended_at or r.created_at,
                )
            )
        if r.completed_at is not None:
            entries.append(
                (
                    None,
                    "review.completed",
                    row,
                    {"from": RequestStatus.OPEN, "to": RequestStatus.COMPLETED},
                    r.completed_at,
                )
            )
        if r.status == RequestStatus.CLOSED:
            source = RequestStatus.COMPLETED if r.completed_at else RequestStatus.OPEN
            entries.append(
                (
                    r.requested_by,
                    "review.closed",
                    row,
                    {"from": source, "to": RequestStatus.CLOSED},
                    r.ended_at,
                )
            )
        elif r.status == RequestStatus.EXPIRED:
            entries.append(
                (
                    None,
                    "review.request_expired",
                    row,
                    {"from": RequestStatus.OPEN, "to": RequestStatus.EXPIRED},
                    r.ended_at,
                )
            )
    # As ReviewRequest.__str__ reads, without its two queries a row.
    names = {r.row.pk: f"{r.series.title} #{r.revision.number} ({r.kind})" for r in requests}
    return audit_rows(ReviewRequest, entries, describe=lambda row: names[row.pk])  # fmt: skip


def _notifications(world: World, rng, requests: list[PlannedRequest]) -> list[Notification]:
    now, seed = world.now, world.options.seed
    assignment_url = reverse("reviews:assignment_detail", args=[1]).replace("/1/", "/{}/")
    request_url = reverse("reviews:request_detail", args=[1]).replace("/1/", "/{}/")
    rows = []

    def note(recipient: int, kind: str, params: dict, url: str, when: datetime, key: tuple) -> None:
        read = when + timedelta(hours=rng.uniform(0.2, 48))
        rows.append(
            Notification(
                recipient_id=recipient, kind=kind, params=params, url=url, created_at=when,
                delivery_key=delivery_key("scale", seed, *key), emailed=True,
                read_at=read if read < now - timedelta(days=1) or rng.random() < 0.5 else None,
            )
        )  # fmt: skip

    for r in requests:
        title = r.series.title
        for a in r.assignments:
            due = timezone.localtime(a.due_at).strftime("%Y-%m-%d %H:%M")
            note(a.reviewer, "review_assigned", {"series": title, "due": due},
                 assignment_url.format(a.row.pk), a.assigned_at, ("assigned", a.row.pk))  # fmt: skip
        done = 0
        for a in sorted(r.assignments, key=lambda a: a.finished_at or now):
            if a.status == AssignmentStatus.SUBMITTED:
                done += 1
                note(r.requested_by, "review_received", {"series": title, "done": done, "needed": r.needed},
                     request_url.format(r.row.pk), a.finished_at, ("received", a.row.pk))  # fmt: skip
        if r.completed_at is not None:
            note(r.requested_by, "review_completed", {"series": title},
                 request_url.format(r.row.pk), r.completed_at, ("completed", r.row.pk))  # fmt: skip
    return rows
