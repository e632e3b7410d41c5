"""Review requests, assignments, reviews, scores and line notes for the scale set, in bulk.

Requests are played out in time order, so the rules hold as the services hold them:

* a reviewer never works on the series (owner, co-writer, reader) nor declared a conflict
  with its writers;
* a blind request (single or double) never goes to a member of an organisation of the
  writer side; a double-blind one never to anyone who already knew the authorship (the
  series' people and the reviewers of its earlier open or single-blind requests), and
  never on a series open to the platform;
* mentor reviews go to verified mentors; nobody holds more open reviews than the policy's
  capacity (peer 4, mentor 5);
* an open request has its reviewers and is not yet complete; a completed one has every
  review in; a closed or expired one ended its unfinished assignments.

Credits (`seeds.scale.ledger`) follow from what happened: a peer request spends what it
asks for (after the welcome credits, and a grant when the writer had too few), a peer
review earns one, an ended request refunds what it did not get.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
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
from seeds.scale.state import RevisionInfo, SeriesInfo, World

CHUNK = 5000
BUSY_MENTOR_SHARE = 0.03  # of mentor requests the busy reviewer takes when free
BUSY_PEER_SHARE = 0.001

_OVERALL = {
    "zh": ["开篇节奏紧凑，主角动机清楚；中段反转略显仓促，建议把关键证据提前埋设。",
           "题材贴近生活，人物对白有烟火气；集尾钩子强弱不一，第二集的卡点可以再狠一点。",
           "整体完成度较高，普法点融入自然；配角功能重复，可以合并。",
           "设定新颖，但前三集信息量过大，观众不容易跟上，建议删减支线。"],
    "en": ["A strong opening and a clear want for the lead; the midpoint reversal feels rushed.",
           "Grounded and warm; the episode endings vary in strength, and episode 2 lands softly.",
           "Well built overall; two supporting characters do the same job and could be merged.",
           "A fresh premise, but the first three episodes carry too much exposition."],
}  # fmt: skip
_SCORE_COMMENTS = ["钩子成立。", "节奏偏慢。", "人物动机需要再清楚一些。", "对白自然。", "Works well.",
                   "Needs a sharper turn here."]  # fmt: skip
_NOTES = ["这句台词可以更短更狠。", "这里的动作描写太长，拍不出来。", "人物动机在这里不够清楚。",
          "这个反转来得太突然，前面需要铺垫。", "This line could be cut.",
          "The reversal needs set-up earlier."]  # fmt: skip
_REPLIES = [
    "谢谢，已经改了。",
    "这里是故意留白，后面会解释。",
    "Good catch, fixed in the next draft.",
]
_ANSWERS = ["明白了，期待下一稿。", "Makes sense now, thanks."]


@dataclass(slots=True)
class PlannedReview:
    status: str
    updated_at: datetime
    submitted_at: datetime | None = None
    overall: str = ""
    scores: dict[int, tuple[int | None, str]] = field(default_factory=dict)
    helpfulness: int | None = None
    rated_at: datetime | None = None
    notes: int = 0
    row: Review | None = None


@dataclass(slots=True)
class PlannedAssignment:
    reviewer: int
    role: str
    position: int
    status: str
    assigned_at: datetime
    due_at: datetime
    finished_at: datetime | None = None
    decline_reason: str = ""
    review: PlannedReview | None = None
    row: ReviewAssignment | None = None


@dataclass(slots=True)
class PlannedRequest:
    series: SeriesInfo
    revision: RevisionInfo
    kind: str
    blindness: str
    needed: int
    requested_by: int
    created_at: datetime
    due_at: datetime
    status: str
    ended_at: datetime | None = None
    completed_at: datetime | None = None
    episode_from: int | None = None
    episode_to: int | None = None
    note: str = ""
    mentor: int | None = None
    assignments: list[PlannedAssignment] = field(default_factory=list)
    row: ReviewRequest | None = None


class Rules:
    """Who may review what, from what has happened so far (time order)."""

    def __init__(self, world: World):
        self.world = world
        people = world.people.values()
        self.peers = [p.pk for p in people if Role.WRITER in p.roles]
        self.mentors = [p.pk for p in people if Role.MENTOR in p.roles]
        self.organisations = {p.pk: p.organisations for p in people}
        self.conflicts = world.conflicts
        self.known: dict[int, set[int]] = {}  # series -> who knows its authorship
        self.load: dict[int, int] = {}  # reviewer -> open (assigned) reviews now

    def knows(self, series: SeriesInfo) -> set[int]:
        known = self.known.get(series.pk)
        if known is None:
            known = self.known[series.pk] = set(series.people)
        return known

    def allows(self, reviewer: int, request: PlannedRequest, role: str, taken: set[int]) -> bool:
        series = request.series
        if reviewer in taken or reviewer in series.people or reviewer == request.requested_by:
            return False
        writers = series.writer_side
        if self.conflicts.get(reviewer, set()) & writers:
            return False
        if request.blindness != Blindness.OPEN:
            writer_orgs = frozenset().union(*(self.organisations[w] for w in writers))
            if self.organisations[reviewer] & writer_orgs:
                return False
        if request.blindness == Blindness.DOUBLE and reviewer in self.knows(series):
            return False
        if request.status == RequestStatus.OPEN:
            capacity = 5 if role == AssignmentRole.MENTOR else 4
            if self.load.get(reviewer, 0) >= capacity:
                return False
        return True

    def choose(self, rng, request: PlannedRequest, role: str, taken: set[int]) -> int | None:
        pool = self.mentors if role == AssignmentRole.MENTOR else self.peers
        busy = self.world.mentors[0].pk
        share = BUSY_MENTOR_SHARE if role == AssignmentRole.MENTOR else BUSY_PEER_SHARE
        if rng.random() < share and self.allows(busy, request, role, taken):
            return busy
        for _attempt in range(400):
            candidate = rng.choice(pool)
            if self.allows(candidate, request, role, taken):
                return candidate
        return None

    def assigned(self, request: PlannedRequest, reviewer: int) -> None:
        if request.blindness != Blindness.DOUBLE:
            self.knows(request.series).add(reviewer)


def load_reviews(world: World, progress: Progress) -> None:
    rng = world.rng("reviews")
    policy = ReviewPolicy.current()
    version = version_for_use(Rubric.objects.get(is_default=True))
    assert version is not None, "the default rubric has a published version (migrations)"
    criteria = list(Criterion.objects.filter(version=version).order_by("position"))
    with progress.stage("review requests") as made:
        requests = _plan_requests(world, rng, policy)
        rules = Rules(world)
        for request in requests:
            _assign(world, rng, rules, request, criteria, version.divergence_threshold)
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


def _plan_requests(world: World, rng, policy: ReviewPolicy) -> list[PlannedRequest]:
    now = world.now
    week = timedelta(days=policy.review_days)
    planned = []
    for series in rng.choices(world.series, k=world.options.requests) if world.series else []:
        revisions = series.revisions
        revision = revisions[-1] if rng.random() < 0.75 else rng.choice(revisions)
        earliest = revision.created_at + timedelta(minutes=10)
        if earliest < now - timedelta(days=15) and rng.random() < 0.85:
            latest = min(earliest + timedelta(days=30), now - timedelta(days=15))
            created = earliest + (latest - earliest) * rng.random()
            status = rng.choices(
                [RequestStatus.COMPLETED, RequestStatus.CLOSED, RequestStatus.EXPIRED],
                weights=[55, 30, 15],
            )[0]
        else:
            created = max(earliest, now - timedelta(hours=rng.uniform(2, 156)))
            status = RequestStatus.OPEN
        kind = RequestKind.MENTOR if rng.random() < 0.15 else RequestKind.PEER
        if series.private:
            blindness = rng.choices(list(Blindness.values), weights=[20, 50, 30])[0]
        else:  # a series open to the platform shows its writer: never double-blind
            blindness = rng.choices([Blindness.OPEN, Blindness.SINGLE], weights=[35, 65])[0]
        needed = (
            1 if kind == RequestKind.MENTOR else rng.choices([1, 2, 3], weights=[15, 25, 60])[0]
        )
        cowriters = series.cowriters
        requester = rng.choice(cowriters) if cowriters and rng.random() < 0.1 else series.owner
        request = PlannedRequest(
            series=series, revision=revision, kind=kind, blindness=blindness, needed=needed,
            requested_by=requester, created_at=created, due_at=created + week, status=status,
            note="请重点看前三集的钩子。" if rng.random() < 0.3 else "",
        )  # fmt: skip
        if revision.episodes >= 3 and rng.random() < 0.1:
            request.episode_from, request.episode_to = 1, 3
        planned.append(request)
    planned.sort(key=lambda r: r.created_at)
    return planned


def _between(rng, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random() if end > start else start


def _assign(world: World, rng, rules: Rules, request: PlannedRequest, criteria, threshold) -> None:
    """Reviewers for the request and what became of each, as the services would leave it."""
    now = world.now
    role = AssignmentRole.MENTOR if request.kind == RequestKind.MENTOR else AssignmentRole.PEER
    taken: set[int] = set()
    assigned_at = request.created_at + timedelta(seconds=rng.uniform(1, 30))
    # Someone declines now and then; the request is reassigned at once.
    if rng.random() < 0.06:
        reviewer = rules.choose(rng, request, role, taken)
        if reviewer is not None:
            declined = _between(
                rng, assigned_at + timedelta(hours=1), min(now, request.due_at) - timedelta(hours=1)
            )
            request.assignments.append(
                PlannedAssignment(
                    reviewer=reviewer, role=role, position=0, status=AssignmentStatus.DECLINED,
                    assigned_at=assigned_at, due_at=request.due_at, finished_at=declined,
                    decline_reason="这周排不开时间。",
                )
            )  # fmt: skip
            taken.add(reviewer)
            rules.assigned(request, reviewer)
            assigned_at = declined + timedelta(seconds=1)
    active = []
    for _slot in range(request.needed):
        reviewer = rules.choose(rng, request, role, taken)
        if reviewer is None:
            break
        taken.add(reviewer)
        rules.assigned(request, reviewer)
        active.append(
            PlannedAssignment(
                reviewer=reviewer, role=role, position=len(request.assignments) + len(active),
                status=AssignmentStatus.ASSIGNED, assigned_at=assigned_at, due_at=request.due_at,
            )
        )  # fmt: skip
    request.assignments += active
    if request.status == RequestStatus.OPEN:
        submitted = rng.randint(0, len(active) - 1) if active else 0
    elif len(active) < request.needed:  # nobody could be found in time
        request.status, submitted = RequestStatus.EXPIRED, 0
    elif request.status == RequestStatus.COMPLETED:
        submitted = len(active)
    elif request.status == RequestStatus.CLOSED and rng.random() < 0.2:
        submitted = len(active)  # closed after every review was in
    else:
        submitted = rng.randint(0, len(active) - 1)
    latest = min(now, request.due_at)
    last = request.created_at
    for index, assignment in enumerate(active):
        if index < submitted:
            when = _between(
                rng, assignment.assigned_at + timedelta(hours=2), latest - timedelta(minutes=5)
            )
            assignment.status, assignment.finished_at = AssignmentStatus.SUBMITTED, when
            assignment.review = _review(rng, request, assignment, criteria, when)
            last = max(last, when)
        elif request.status == RequestStatus.OPEN:
            rules.load[assignment.reviewer] = rules.load.get(assignment.reviewer, 0) + 1
            if rng.random() < 0.25:  # a draft in progress
                assignment.review = _draft(rng, assignment, criteria, now)
    if request.status == RequestStatus.OPEN:
        return
    if submitted == len(active) and submitted == request.needed:
        request.completed_at = last
        if request.status == RequestStatus.COMPLETED:
            request.ended_at = last
        else:  # closed after every review was in
            request.status = RequestStatus.CLOSED
            request.ended_at = _between(
                rng, last + timedelta(hours=1), min(now, last + timedelta(days=10))
            )
    elif request.status == RequestStatus.CLOSED:
        start = max(last, request.created_at + timedelta(days=1)) + timedelta(hours=1)
        request.ended_at = _between(rng, start, min(now, start + timedelta(days=5)))
    else:
        request.status = RequestStatus.EXPIRED
        request.ended_at = request.due_at + timedelta(days=7, minutes=rng.uniform(0, 60))
    for assignment in active:
        if assignment.status == AssignmentStatus.ASSIGNED:
            assignment.status = AssignmentStatus.EXPIRED
            if request.status == RequestStatus.EXPIRED:
                assignment.finished_at = assignment.due_at + timedelta(minutes=rng.uniform(0, 60))
            else:
                assignment.finished_at = request.ended_at
            if assignment.review is not None:
                assignment.review = None  # drafts of unfinished reviews are not kept here
    for assignment in active:
        review = assignment.review
        if review is not None and review.status == ReviewStatus.SUBMITTED and rng.random() < 0.5:
            review.helpfulness = rng.choices([2, 3, 4, 5], weights=[10, 25, 40, 25])[0]
            review.rated_at = _between(rng, review.submitted_at + timedelta(hours=1), now)


def _review(rng, request, assignment, criteria, when: datetime) -> PlannedReview:
    quality = 4 + (request.series.pk * 7919 % 100) / 25  # the script's own level, 4 to 8
    bias = rng.gauss(0, 0.8)
    scores = {}
    for criterion in criteria:
        value = round(quality + bias + rng.gauss(0, 1.1))
        scores[criterion.pk] = (
            min(10, max(1, value)),
            rng.choice(_SCORE_COMMENTS) if rng.random() < 0.3 else "",
        )
    language = "en" if request.series.fmt == "fountain" else "zh"
    return PlannedReview(
        status=ReviewStatus.SUBMITTED, updated_at=when, submitted_at=when,
        overall=rng.choice(_OVERALL[language]), scores=scores,
        notes=rng.choice([1, 2, 3]) if rng.random() < 0.35 else 0,
    )  # fmt: skip


def _draft(rng, assignment, criteria, now: datetime) -> PlannedReview:
    scored = criteria[: rng.randint(0, len(criteria))]
    return PlannedReview(
        status=ReviewStatus.DRAFT, updated_at=_between(rng, assignment.assigned_at, now),
        scores={c.pk: (rng.randint(3, 9), "") for c in scored},
        notes=1 if rng.random() < 0.2 else 0,
    )  # fmt: skip


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
            created = _between(rng, a.assigned_at, a.review.submitted_at or a.review.updated_at)
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
        answered = _between(rng, a.review.submitted_at, world.now)
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
                    created_at=_between(rng, answered, world.now),
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
