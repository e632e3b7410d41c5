"""Who reviews what, and what became of it: review requests played out in time order.

The rules hold as the services hold them:

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

Nothing here touches the database: `seeds.scale.reviews` writes the plan.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from accounts.models import Role
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    Blindness,
    RequestKind,
    RequestStatus,
    Review,
    ReviewAssignment,
    ReviewPolicy,
    ReviewRequest,
    ReviewStatus,
)
from seeds.scale.state import RevisionInfo, SeriesInfo, World

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


def plan_requests(world: World, rng, policy: ReviewPolicy) -> list[PlannedRequest]:
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


def between(rng, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random() if end > start else start


def assign(world: World, rng, rules: Rules, request: PlannedRequest, criteria, threshold) -> None:
    """Reviewers for the request and what became of each, as the services would leave it."""
    now = world.now
    role = AssignmentRole.MENTOR if request.kind == RequestKind.MENTOR else AssignmentRole.PEER
    taken: set[int] = set()
    assigned_at = request.created_at + timedelta(seconds=rng.uniform(1, 30))
    # Someone declines now and then; the request is reassigned at once.
    if rng.random() < 0.06:
        reviewer = rules.choose(rng, request, role, taken)
        if reviewer is not None:
            declined = between(
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
            when = between(
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
            request.ended_at = between(
                rng, last + timedelta(hours=1), min(now, last + timedelta(days=10))
            )
    elif request.status == RequestStatus.CLOSED:
        start = max(last, request.created_at + timedelta(days=1)) + timedelta(hours=1)
        request.ended_at = between(rng, start, min(now, start + timedelta(days=5)))
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
            review.rated_at = between(rng, review.submitted_at + timedelta(hours=1), now)


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
        status=ReviewStatus.DRAFT, updated_at=between(rng, assignment.assigned_at, now),
        scores={c.pk: (rng.randint(3, 9), "") for c in scored},
        notes=1 if rng.random() < 0.2 else 0,
    )  # fmt: skip
