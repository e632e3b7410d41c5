"""Peer review inside a cohort, through the review app.

When an assignment's submissions close (its cut-off, or its due time when it takes no late
work), every current submission gets a double-blind peer review request on the course's
rubric, with no credits spent: inside a course reviewing is required work. Reviewers are
the assignment's other submitters, chosen by the review app's assignment (never oneself or
a co-author, never a declared conflict, load spread evenly), so everyone who submitted
reviews about as many as they receive. What cannot be filled is left to the review app's
fallback. The review app then runs the reviews as any other: calibration, line notes, the
score report, reminders and expiry.
"""

from dataclasses import replace
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from core.services.audit import audit_record
from courses import permissions
from courses.models import Assignment, CohortRole, Submission, SubmissionAuthor
from courses.services.grading import rubric_version_for
from reviews.assignment import peers
from reviews.assignment.records import Request, Reviewer
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    Blindness,
    ConflictOfInterest,
    RequestKind,
    ReviewAssignment,
)
from reviews.services.requests import (
    matching_rules_for,
    review_request_create,
    reviewers_assign,
)

PEER_REVIEW_DAYS = 7


def submissions_closed_at(assignment: Assignment) -> datetime:
    return assignment.late_until or assignment.due_at


def peer_review_start(
    *, actor: User | None, assignment: Assignment, now: datetime | None = None
) -> int:
    """Open the cohort's peer review of an assignment; returns how many reviews were
    assigned. The system (actor None, the beat task) starts it when submissions close;
    an instructor may start it earlier.

    Raises:
        PermissionDenied: the actor does not run the cohort.
        ValidationError: the assignment asks for no peer review, or it has started.
    """
    if actor is not None and not permissions.can_run_cohort(actor, assignment.cohort):
        raise PermissionDenied
    if not assignment.peer_reviewers:
        raise ValidationError(_("This assignment asks for no peer review."))
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Assignment.objects.filter(
            pk=assignment.pk, peer_review_started_at__isnull=True
        ).update(peer_review_started_at=now)
        if not claimed:
            raise ValidationError(_("Peer review of this assignment has already started."))
        assignment.peer_review_started_at = now
        submissions = list(
            Submission.objects.filter(assignment=assignment, replaced_at__isnull=True)
            .select_related("series", "revision", "submitted_by")
            .order_by("pk")
        )
        authors = _authors(submissions)
        pool = sorted({user_id for ids in authors.values() for user_id in ids})
        if len(pool) < 2:
            return 0
        version = rubric_version_for(assignment)
        requests = {}
        for submission in submissions:
            request = review_request_create(
                actor=submission.submitted_by,
                series=submission.series,
                revision=submission.revision,
                kind=RequestKind.PEER,
                rubric_version=version,
                blindness=Blindness.DOUBLE,
                reviews_needed=assignment.peer_reviewers,
                due_at=now + timedelta(days=PEER_REVIEW_DAYS),
                note=f"{assignment.cohort.course.title_zh} · {assignment.title_zh}",
                auto_assign=False,
                charge_credits=False,
            )
            Submission.objects.filter(pk=submission.pk).update(review_request=request)
            requests[submission.pk] = request
        chosen = peers.assign(
            _requests(submissions, requests, authors),
            _reviewers(pool),
            seed=assignment.pk,
        )
        people = {user.pk: user for user in User.objects.filter(pk__in=pool)}
        assigned = 0
        for submission in submissions:
            request = requests[submission.pk]
            reviewer_ids = chosen.assignments.get(request.pk, [])
            if reviewer_ids:
                reviewers_assign(
                    actor=None,
                    request=request,
                    reviewers=[people[pk] for pk in reviewer_ids],
                    role=AssignmentRole.PEER,
                )
                assigned += len(reviewer_ids)
        assigned += _mentors_fill(assignment, submissions, requests, chosen.shortfall)
        audit_record(
            actor=actor, action="assignment.peer_review_started", target=assignment.cohort,
            data={"assignment": assignment.pk, "reviews": assigned,
                  "short": sum(chosen.shortfall.values())},
        )  # fmt: skip
    return assigned


def peer_reviews_due(*, now: datetime | None = None) -> int:
    """Start the peer review of every assignment whose submissions have closed (the beat
    task); each is claimed once. Returns how many were started."""
    now = now or timezone.now()
    closed = Assignment.objects.filter(
        peer_reviewers__gt=0, peer_review_started_at__isnull=True
    ).filter(Q(late_until__lte=now) | Q(late_until__isnull=True, due_at__lte=now))
    started = 0
    for assignment in closed.select_related("cohort__course"):
        try:
            peer_review_start(actor=None, assignment=assignment, now=now)
        except ValidationError:
            continue  # claimed by another run meanwhile
        started += 1
    return started


def reviews_owed(assignment: Assignment, user_id: int) -> tuple[int, int]:
    """(reviews given, reviews still owed) by a student in an assignment's peer review."""
    counts = ReviewAssignment.objects.filter(
        reviewer_id=user_id, request__course_submission__assignment=assignment
    ).aggregate(
        given=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
        owed=Count("pk", filter=Q(status=AssignmentStatus.ASSIGNED)),
    )
    return counts["given"], counts["owed"]


def _mentors_fill(assignment, submissions, requests, shortfall) -> int:  # type: ignore[no-untyped-def]
    """Places the classmates could not fill go to the cohort's own mentors first, as
    mentor reviews, where the review app's rules allow; what is still open is left to the
    review app's fallback (platform mentors, then staff)."""
    if not shortfall:
        return 0
    mentors = list(
        User.objects.filter(
            cohort_memberships__cohort_id=assignment.cohort_id,
            cohort_memberships__role=CohortRole.MENTOR,
        ).order_by("pk")
    )
    filled = 0
    for submission in submissions:
        request = requests[submission.pk]
        missing = shortfall.get(request.pk, 0)
        for mentor in mentors:
            if missing <= 0:
                break
            try:
                with transaction.atomic():
                    reviewers_assign(
                        actor=None, request=request, reviewers=[mentor], role=AssignmentRole.MENTOR
                    )
            except ValidationError:
                continue  # this mentor may not review this script (rules of the review app)
            missing -= 1
            filled += 1
    return filled


def _authors(submissions: list[Submission]) -> dict[int, set[int]]:
    """Submission id -> the students it counts for."""
    authors: dict[int, set[int]] = {}
    for submission_id, user_id in SubmissionAuthor.objects.filter(
        submission__in=submissions
    ).values_list("submission_id", "user_id"):
        authors.setdefault(submission_id, set()).add(user_id)
    return authors


def _requests(submissions, requests, authors) -> list[Request]:  # type: ignore[no-untyped-def]
    """The review app's own rules for each request (writers, co-writers, those who know who
    wrote it, the writers' organisations), plus every author the submission counts for."""
    records = []
    for submission in submissions:
        rules = matching_rules_for(requests[submission.pk])
        records.append(
            replace(
                rules,
                excluded_ids=rules.excluded_ids | frozenset(authors.get(submission.pk, set())),
            )
        )
    return records


def _reviewers(pool: list[int]) -> list[Reviewer]:
    organisations = _organisations(set(pool))
    conflicts: dict[int, set[int]] = {}
    for reviewer_id, writer_id in ConflictOfInterest.objects.filter(
        reviewer_id__in=pool
    ).values_list("reviewer_id", "writer_id"):
        conflicts.setdefault(reviewer_id, set()).add(writer_id)
    return [
        Reviewer(
            id=user_id,
            organisation_ids=frozenset(organisations.get(user_id, set())),
            current_load=0,  # course reviews are counted among the course's own
            conflicts=frozenset(conflicts.get(user_id, set())),
        )
        for user_id in pool
    ]


def _organisations(user_ids: set[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for user_id, organisation_id in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation_id"
    ):
        found.setdefault(user_id, set()).add(organisation_id)
    return found
