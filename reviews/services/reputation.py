"""A reviewer's reputation, recomputed from what they did (formula: docs/review-scoring.md)."""

from typing import cast

from django.db import transaction

from accounts.models import User
from reviews import scoring
from reviews.models import (
    AssignmentStatus,
    CalibrationAttempt,
    Review,
    ReviewerProfile,
    ReviewScore,
)


@transaction.atomic
def reputation_refresh(*, user: User) -> ReviewerProfile:
    reviews = list(
        Review.objects.filter(
            assignment__reviewer=user, assignment__status=AssignmentStatus.SUBMITTED
        ).select_related("assignment__request__rubric_version")
    )
    helpfulness = [r.helpfulness for r in reviews if r.helpfulness]
    agreements = []
    requests = {r.assignment.request_id: r for r in reviews}
    if requests:
        rows = ReviewScore.objects.filter(
            review__assignment__request_id__in=list(requests),
            review__assignment__status=AssignmentStatus.SUBMITTED,
            score__isnull=False,
        ).values_list(
            "review__assignment__request_id",
            "review__assignment__reviewer_id",
            "criterion_id",
            "score",
        )
        by_request: dict[int, dict[int, dict[int, float]]] = {}
        for request_id, reviewer_id, criterion_id, score in rows:
            # score__isnull=False above: the column is nullable, the rows are not.
            by_request.setdefault(request_id, {}).setdefault(reviewer_id, {})[criterion_id] = float(
                cast(int, score)
            )
        for request_id, by_reviewer in by_request.items():
            mine = by_reviewer.get(user.pk)
            others: dict[int, list[float]] = {}
            for reviewer_id, scores in by_reviewer.items():
                if reviewer_id != user.pk:
                    for criterion_id, given in scores.items():
                        others.setdefault(criterion_id, []).append(given)
            if mine and others:
                scale = requests[request_id].assignment.request.rubric_version.scale
                value = scoring.agreement(mine, others, scale)
                if value is not None:
                    agreements.append(value)
    gaps = list(CalibrationAttempt.objects.filter(reviewer=user).values_list("gap", flat=True))
    profile, _created = ReviewerProfile.objects.get_or_create(user=user)
    profile.helpfulness = sum(helpfulness) / len(helpfulness) if helpfulness else None
    profile.agreement = sum(agreements) / len(agreements) if agreements else None
    profile.calibration = sum(gaps) / len(gaps) if gaps else None
    profile.reviews_completed = len(reviews)
    profile.reputation = scoring.reputation(
        helpfulness=helpfulness, agreements=agreements, calibration_gaps=gaps
    )
    profile.save()
    return profile
