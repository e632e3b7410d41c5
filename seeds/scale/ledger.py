"""Credits, calibration and reputation for the scale set, from the reviews that happened.

The credit ledger is rebuilt per person in time order, as `reviews.services.credits`
appends it: the welcome credits before a first peer request (`credits_welcome`), a grant
when a writer asks for more than they hold (as staff or a course would give; the service
refuses the request otherwise), the spend, one credit per peer review given, and the
refund of what an ended request did not deliver (`request_refund_undelivered`). Each
entry carries its place and the balance after it, so the ledger's constraints hold.

Reputation is what `reviews.services.reputation.reputation_refresh` computes from the
same rows; calibration attempts exist only when the rubric has exemplars to calibrate on.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from reviews import scoring
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    CalibrationAttempt,
    CalibrationExemplar,
    CreditEntry,
    CreditReason,
    RequestKind,
    RequestStatus,
    ReviewerProfile,
    RubricVersion,
)
from seeds.scale.bulk import insert
from seeds.scale.state import World

if TYPE_CHECKING:
    from seeds.scale.review_plan import PlannedRequest

# Order of entries at the same moment: what arrives before what leaves.
_ORDER = {CreditReason.REVIEW_GIVEN: 0, CreditReason.REFUND: 1, CreditReason.REQUEST: 2}


@dataclass
class LedgerEvents:
    # user -> [(when, reason, delta, request pk, review pk)]
    credits: dict[int, list[tuple[datetime, str, int, int | None, int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # request pk -> reviewer -> {criterion pk: score}, submitted reviews only
    scores: dict[int, dict[int, dict[int, float]]] = field(default_factory=dict)
    # reviewer -> [(request pk, helpfulness)] of their submitted reviews
    reviews: dict[int, list[tuple[int, int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # peer reviewer -> their first submission
    first_peer_review: dict[int, datetime] = field(default_factory=dict)

    def add_request(self, request: "PlannedRequest") -> None:
        row = request.row
        assert row is not None
        delivered = 0
        for a in request.assignments:
            if a.status != AssignmentStatus.SUBMITTED:
                continue
            review = a.review
            assert review is not None and review.row is not None and a.finished_at is not None
            self.scores.setdefault(row.pk, {})[a.reviewer] = {
                pk: float(score) for pk, (score, _c) in review.scores.items() if score is not None
            }
            self.reviews[a.reviewer].append((row.pk, review.helpfulness))
            if a.role == AssignmentRole.PEER:
                delivered += 1
                self.credits[a.reviewer].append(
                    (a.finished_at, CreditReason.REVIEW_GIVEN, 1, row.pk, review.row.pk)
                )
                first = self.first_peer_review.get(a.reviewer)
                if first is None or a.finished_at < first:
                    self.first_peer_review[a.reviewer] = a.finished_at
        if request.kind != RequestKind.PEER:
            return
        self.credits[request.requested_by].append(
            (request.created_at, CreditReason.REQUEST, -request.needed, row.pk, None)
        )
        if request.status != RequestStatus.OPEN and request.needed > delivered:
            assert request.ended_at is not None
            self.credits[request.requested_by].append(
                (request.ended_at, CreditReason.REFUND, request.needed - delivered, row.pk, None)
            )


def load_ledger(
    world: World, events: LedgerEvents, version: RubricVersion, starter: int
) -> list[str]:
    with transaction.atomic():
        entries = _credit_entries(events, starter)
        insert(CreditEntry, entries)
        gaps = _calibrations(world, events, version)
        profiles = _profiles(world, events, version, gaps)
        insert(ReviewerProfile, profiles)
    return [
        f"{len(entries):,} credit entries",
        f"{sum(len(g) for g in gaps.values()):,} calibrations",
        f"{len(profiles):,} reviewer profiles",
    ]


def _credit_entries(events: LedgerEvents, starter: int) -> list[CreditEntry]:
    rows = []
    for user, moves in events.credits.items():
        moves.sort(key=lambda m: (m[0], _ORDER[m[1]]))
        entries: list[tuple[datetime, str, int, int | None, int | None]] = []
        balance, welcomed = 0, False
        for when, reason, delta, request, review in moves:
            if reason == CreditReason.REQUEST:
                if not welcomed:  # credits_welcome, before the first peer request
                    entries.append((when, CreditReason.STARTER, starter, None, None))
                    balance, welcomed = balance + starter, True
                if balance < -delta:  # the service would refuse: staff granted the rest
                    entries.append((when, CreditReason.GRANT, -delta - balance, None, None))
                    balance = -delta
            entries.append((when, reason, delta, request, review))
            balance += delta
        balance = 0
        for position, (when, reason, delta, request, review) in enumerate(entries, start=1):
            balance += delta
            assert balance >= 0, (user, entries)
            rows.append(
                CreditEntry(
                    user_id=user, delta=delta, position=position, balance=balance,
                    reason=reason, request_id=request, review_id=review, created_at=when,
                )
            )  # fmt: skip
    return rows


def _calibrations(
    world: World, events: LedgerEvents, version: RubricVersion
) -> dict[int, list[float]]:
    """Peer reviewers score an exemplar before their first peer review, if there is one."""
    exemplar = (
        CalibrationExemplar.objects.filter(rubric=version.rubric, is_active=True)
        .order_by("key")
        .first()
    )
    if exemplar is None:
        return {}
    rng = world.rng("calibration")
    attempts, gaps = [], {}
    for reviewer, first in sorted(events.first_peer_review.items()):
        scores = {
            key: min(
                version.scale_max, max(version.scale_min, value + rng.choice([-2, -1, 0, 0, 1, 2]))
            )
            for key, value in sorted(exemplar.reference_scores.items())
        }
        gap = scoring.calibration_gap(
            {k: float(v) for k, v in scores.items()},
            {k: float(v) for k, v in exemplar.reference_scores.items()},
            version.scale,
        )
        attempts.append(
            CalibrationAttempt(
                reviewer_id=reviewer, exemplar=exemplar, scores=scores, gap=gap,
                created_at=first - timedelta(hours=rng.uniform(1, 48)),
            )
        )  # fmt: skip
        gaps[reviewer] = [gap]
    insert(CalibrationAttempt, attempts)
    return gaps


def _profiles(world, events: LedgerEvents, version: RubricVersion, gaps) -> list[ReviewerProfile]:
    """Each reviewer's standing as reputation_refresh computes it from the same rows."""
    profiles = []
    for reviewer in sorted(set(events.reviews) | set(gaps)):
        reviews = events.reviews.get(reviewer, [])
        helpfulness = [h for _request, h in reviews if h]
        agreements = []
        for request_pk in dict.fromkeys(pk for pk, _h in reviews):
            by_reviewer = events.scores[request_pk]
            mine = by_reviewer.get(reviewer)
            others: dict[int, list[float]] = {}
            for other, scores in by_reviewer.items():
                if other != reviewer:
                    for criterion, given in scores.items():
                        others.setdefault(criterion, []).append(given)
            if mine and others:
                value = scoring.agreement(mine, others, version.scale)
                if value is not None:
                    agreements.append(value)
        calibration = gaps.get(reviewer, [])
        profiles.append(
            ReviewerProfile(
                user_id=reviewer,
                helpfulness=sum(helpfulness) / len(helpfulness) if helpfulness else None,
                agreement=sum(agreements) / len(agreements) if agreements else None,
                calibration=sum(calibration) / len(calibration) if calibration else None,
                reviews_completed=len(reviews),
                reputation=scoring.reputation(
                    helpfulness=helpfulness, agreements=agreements, calibration_gaps=calibration
                ),
                updated_at=world.now,
            )
        )
    return profiles
