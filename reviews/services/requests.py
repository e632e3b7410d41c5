"""Asking for review, finding reviewers, and what happens when there are not enough."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership, User
from core.exceptions import Conflict
from core.i18n import in_both_languages
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move, workflow_move_all
from registry.models import FingerprintReason
from registry.services.originality import fingerprint_enqueue
from reviews import assignment as matching
from reviews.blindness import authorship_known_to, blind_request_problem, writer_side_ids
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    Blindness,
    ConflictOfInterest,
    CreditReason,
    Fallback,
    RequestKind,
    RequestStatus,
    ReviewAssignment,
    ReviewPolicy,
    ReviewRequest,
    RubricVersion,
)
from reviews.permissions import can_assign_reviewers, can_decide_request, can_take_request
from reviews.selectors import mentor_is_eligible, mentors_for, peers_best
from reviews.services.credits import credit_add, credits_held_for, credits_lock, credits_welcome
from reviews.workflows import ASSIGNMENT_FLOW, REQUEST_FLOW
from scripts_app.document import parse
from scripts_app.models import Collaborator, Revision, Series
from scripts_app.permissions import can_edit_series
from scripts_app.selectors import revision_text

MAX_PEER_REVIEWS = 5


def _due(request_due: datetime, days: int) -> datetime:
    return min(request_due, timezone.now() + timedelta(days=days))


def _notify_assigned(assignment: ReviewAssignment) -> None:
    request = assignment.request
    notification_send(
        recipient=assignment.reviewer,
        kind="review_assigned",
        params={"series": request.series.title, "due": _date(assignment.due_at)},
        url=reverse("reviews:assignment_detail", args=[assignment.pk]),
    )


def _date(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def review_request_create(
    *,
    actor: User,
    series: Series,
    revision: Revision,
    kind: str,
    rubric_version: RubricVersion | None,
    blindness: str = Blindness.SINGLE,
    reviews_needed: int | None = None,
    due_at: datetime | None = None,
    mentor: User | None = None,
    episode_from: int | None = None,
    episode_to: int | None = None,
    note: str = "",
    auto_assign: bool = True,
    charge_credits: bool = True,
) -> ReviewRequest:
    """Ask for review of one revision and (unless auto_assign is False) assign reviewers.

    Peer review is give-to-get: it costs one credit per review asked for (earned by
    reviewing others; every writer starts with a few). Mentor review costs nothing, and
    so does peer review a course requires (`charge_credits=False`): there reviewing is
    required work, not traded for credits.

    Raises:
        PermissionDenied: the actor may not edit the series.
        ValidationError: field-keyed problems (revision of another series, too few
            credits, an unknown mentor, a bad range or due date).
    """
    if not can_edit_series(actor, series):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if revision.series_id != series.pk:
        errors["revision"] = [_("That revision belongs to another series.")]
    if kind not in RequestKind.values:
        errors["kind"] = [_("Choose peer or mentor review.")]
    if blindness not in Blindness.values:
        errors["blindness"] = [_("Choose how blind the review is.")]
    if rubric_version is None:
        errors["rubric"] = [_("This rubric has no published version yet.")]
    policy = ReviewPolicy.current()
    due_at = due_at or timezone.now() + timedelta(days=policy.review_days)
    if due_at <= timezone.now() + timedelta(hours=12):
        errors["due_at"] = [_("Give reviewers at least 12 hours.")]
    if "revision" not in errors:
        errors.update(episode_range_errors(revision, episode_from, episode_to))
    if mentor is not None and not mentor_is_eligible(mentor, series):
        errors["mentor"] = [_("Choose a verified mentor who does not work on this series.")]
    if blindness in Blindness.values and (problem := blind_request_problem(series, blindness)):
        errors["blindness"] = [problem]
    elif (
        mentor is not None
        and "mentor" not in errors
        and User.objects.filter(pk=mentor.pk).filter(_blind_excluded(series, blindness)).exists()
    ):
        errors["mentor"] = [
            _(
                "This mentor can already see who wrote the series (they read it, reviewed "
                "it with names shown, or share an organisation with its writers), so "
                "they cannot review it blind. Choose another mentor or open review."
            )
        ]
    if kind == RequestKind.MENTOR:
        needed = 1
    elif kind == RequestKind.PEER and not errors and not charge_credits:
        needed = reviews_needed or policy.peer_reviews_per_request
    elif kind == RequestKind.PEER and not errors:
        credits_welcome(user=actor)
        # Held until the spend is written: a second request of the same writer waits here.
        balance = credits_lock(user=actor)
        # Without a number asked for, offer what the balance allows.
        needed = reviews_needed or min(policy.peer_reviews_per_request, max(balance, 1))
        if 1 <= needed <= MAX_PEER_REVIEWS and balance < needed:
            errors["reviews_needed"] = [_credit_shortfall(needed, balance)]
    else:
        needed = reviews_needed or policy.peer_reviews_per_request
    if not 1 <= needed <= MAX_PEER_REVIEWS:
        errors["reviews_needed"] = [
            _("Ask for between 1 and %(max)s reviews.") % {"max": MAX_PEER_REVIEWS}
        ]
    if errors or rubric_version is None:  # a missing version is in errors already
        raise ValidationError(errors)

    request = ReviewRequest.objects.create(
        series=series, revision=revision, kind=kind, blindness=blindness, reviews_needed=needed,
        rubric_version=rubric_version, requested_by=actor, requested_mentor=mentor, due_at=due_at,
        episode_from=episode_from, episode_to=episode_to, note=note.strip(),
    )  # fmt: skip
    if kind == RequestKind.PEER and charge_credits:
        credit_add(user=actor, delta=-needed, reason=CreditReason.REQUEST, request=request)
    audit_record(
        actor=actor,
        action="review.requested",
        target=request,
        data={"kind": kind, "blindness": blindness, "needed": needed, "revision": revision.number},
    )
    # A revision submitted for review joins the originality index (after the commit).
    fingerprint_enqueue(revision=revision, reason=FingerprintReason.REVIEW)
    if auto_assign:
        request_assign(request=request)
    return request


@transaction.atomic
def reviewers_assign(
    *, actor: User | None, request: ReviewRequest, reviewers: list[User], role: str
) -> list[ReviewAssignment]:
    """Assign named reviewers by hand: platform staff, or the system (actor None).

    The same rules as automatic assignment hold: never someone who works on the
    series, never a declared conflict, and for blind requests never a member of one
    of the writer's organisations.

    Raises:
        PermissionDenied: the actor is not staff.
        ValidationError: a reviewer breaks one of the rules.
    """
    if not can_assign_reviewers(actor):
        raise PermissionDenied
    rules = _matching_request(request, taken=set(), refused=set())
    conflicts = set(
        ConflictOfInterest.objects.filter(writer_id=request.series.owner_id).values_list(
            "reviewer_id", flat=True
        )
    )
    orgs = _organisations([r.pk for r in reviewers])
    mentors = (
        set(mentors_for(request.series).values_list("pk", flat=True))
        if role == AssignmentRole.MENTOR
        else set()
    )
    for reviewer in reviewers:
        blocked_org = rules.blind and orgs[reviewer.pk] & rules.organisation_ids
        unverified = role == AssignmentRole.MENTOR and reviewer.pk not in mentors
        if (
            reviewer.pk in rules.excluded_ids
            or reviewer.pk in conflicts
            or blocked_org
            or unverified
        ):
            raise ValidationError(
                {
                    "reviewers": [
                        _("%(name)s may not review this series.") % {"name": reviewer.display_name}
                    ]
                }
            )
    taken = set(request.assignments.values_list("reviewer_id", flat=True))
    fresh = [r.pk for r in reviewers if r.pk not in taken]
    return _create_assignments(request, fresh, role, start=request.assignments.count())


def _credit_shortfall(needed: int, balance: int) -> str:
    if balance <= 0:
        return _(
            "You need %(needed)s credits and have %(have)s. Review other writers' scripts to earn more."
        ) % {"needed": needed, "have": balance}
    return ngettext(
        "You have %(have)s credit: ask for %(have)s review, or review other writers' scripts to earn more.",
        "You have %(have)s credits: ask for at most %(have)s reviews, or review other writers' scripts to earn more.",
        balance,
    ) % {"have": balance}


def episode_range_errors(
    revision: Revision, episode_from: int | None, episode_to: int | None
) -> dict[str, list[str]]:
    """Field errors for an episode range the revision cannot satisfy (empty when it can).

    The range is read as `document_for_review` reads it: only a start is that one
    episode, only an end is everything up to it.
    """
    if episode_from is None and episode_to is None:
        return {}
    if episode_from is not None and episode_to is not None and episode_from > episode_to:
        return {"episode_to": [_("The range ends before it starts.")]}
    numbers = sorted(
        {
            e.number
            for e in parse(revision_text(revision), revision.format).episodes
            if not e.implicit
        }
    )
    field = "episode_from" if episode_from is not None else "episode_to"
    if not numbers:
        return {
            field: [_("This revision has no numbered episodes: leave the range empty to review the whole text.")]
        }  # fmt: skip
    written = _("This revision has episodes %(first)s to %(last)s.") % {
        "first": numbers[0],
        "last": numbers[-1],
    }
    errors: dict[str, list[str]] = {}
    if episode_from is not None and not numbers[0] <= episode_from <= numbers[-1]:
        errors["episode_from"] = [written]
    if episode_to is not None and not numbers[0] <= episode_to <= numbers[-1]:
        errors["episode_to"] = [written]
    low = episode_from or 1
    high = episode_to or episode_from or numbers[-1]
    if not errors and not any(low <= n <= high for n in numbers):
        errors[field] = [_("No episode of this revision falls in this range.") + " " + written]
    return errors


def _blind_excluded(series: Series, blindness: str) -> Q:
    """Who (a condition on users) may not review this series with this blindness because
    they can see who wrote it by other means (reviews.blindness.authorship_known_to), or,
    for any blind request, share an organisation with the owner or a co-writer. A
    condition rather than a list of ids: an organisation may have thousands of members."""
    if blindness == Blindness.OPEN:
        return Q(pk__in=[])
    writers = writer_side_ids(series)
    known = authorship_known_to(series) if blindness == Blindness.DOUBLE else set()
    writer_orgs = Membership.objects.filter(user__in=writers).values("organisation")
    colleagues = Membership.objects.filter(user=OuterRef("pk"), organisation__in=writer_orgs)
    return (Q(pk__in=known) | Q(Exists(colleagues))) & ~Q(pk__in=writers)


def _organisations(user_ids: list[int]) -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = {pk: set() for pk in user_ids}
    for user_id, organisation_id in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation_id"
    ):
        found[user_id].add(organisation_id)
    return {pk: frozenset(orgs) for pk, orgs in found.items()}


def _open_loads(user_ids: list[int] | None = None) -> dict[int, int]:
    rows = ReviewAssignment.objects.filter(status=AssignmentStatus.ASSIGNED)
    if user_ids is not None:
        rows = rows.filter(reviewer_id__in=user_ids)
    return dict(rows.values("reviewer_id").annotate(n=Count("id")).values_list("reviewer_id", "n"))


def matching_rules_for(request: ReviewRequest) -> matching.Request:
    """The assignment record of a request with no reviewers yet: who may not review it
    (writers, co-writers, and for double-blind those who know who wrote it) and, for
    blind requests, the writers' organisations. For callers that assign many requests at
    once with `reviews.assignment.peers.assign` (a course's peer review)."""
    return _matching_request(request, taken=set(), refused=set())


def _matching_request(
    request: ReviewRequest, taken: set[int], refused: set[int]
) -> matching.Request:
    series = request.series
    cowriters = set(Collaborator.objects.filter(series=series).values_list("user_id", flat=True))
    excluded = cowriters | {series.owner_id, request.requested_by_id}
    if request.blindness == Blindness.DOUBLE:
        excluded |= authorship_known_to(series)
    # Blind requests skip members of the owner's and the co-writers' organisations.
    writer_orgs = frozenset().union(*_organisations(list(writer_side_ids(series))).values())
    return matching.Request(
        id=request.pk,
        writer_id=series.owner_id,
        excluded_ids=frozenset(excluded),
        organisation_ids=writer_orgs,
        blind=request.blindness != Blindness.OPEN,
        k=max(0, request.reviews_needed - len(taken)),
        already_assigned=frozenset(taken),
        previously_refused=frozenset(refused),
    )


@transaction.atomic
def request_assign(*, request: ReviewRequest) -> list[ReviewAssignment]:
    """Fill the request up to its number of reviewers. Deterministic for the same state.

    Peer requests draw from writers who review peers; mentor requests take the chosen
    mentor or the best-matched one with free capacity. What cannot be filled is left
    for the fallback (`requests_fall_back`), which moves it to a mentor or staff.
    """
    request = ReviewRequest.objects.select_for_update().select_related("series").get(pk=request.pk)
    if request.status != RequestStatus.OPEN:
        return []
    existing = list(ReviewAssignment.objects.filter(request=request))
    taken = {a.reviewer_id for a in existing if a.is_active}
    refused = {a.reviewer_id for a in existing if not a.is_active}
    missing = request.reviews_needed - len(taken)
    if missing <= 0:
        return []
    if request.kind == RequestKind.MENTOR or request.fallback == Fallback.MENTOR:
        chosen = _choose_mentors(request, exclude=taken | refused, count=missing)
        role = AssignmentRole.MENTOR
    elif request.fallback == Fallback.STAFF:
        return []  # staff take it from their queue
    else:
        # What matching.assign would choose among every writer, from the few best the
        # database ranks (matching.assign_one says why that is the same). No writer is
        # buried in peer reviews, however few others can take them: the policy's capacity.
        rules = _matching_request(request, taken, refused)
        capacity = ReviewPolicy.current().peer_capacity
        best = peers_best(rules, capacity=capacity, seed=request.pk)
        chosen = matching.assign_one(rules, best, seed=request.pk)
        role = AssignmentRole.PEER
    return _create_assignments(request, chosen, role, start=len(existing))


def _choose_mentors(request: ReviewRequest, *, exclude: set[int], count: int) -> list[int]:
    series = request.series
    if request.requested_mentor_id and request.requested_mentor_id not in exclude:
        # Checked again now: a verification may have been withdrawn since the request.
        if mentors_for(series).filter(pk=request.requested_mentor_id).exists():
            return [request.requested_mentor_id][:count]
        exclude = exclude | {request.requested_mentor_id}
    policy = ReviewPolicy.current()
    blocked = {series.owner_id} | exclude
    mentors = list(
        mentors_for(series)
        .exclude(pk__in=blocked)
        .exclude(_blind_excluded(series, request.blindness))
        .prefetch_related("expertise_themes")
        .select_related("reviewer_profile")
    )
    loads = _open_loads([m.pk for m in mentors])
    candidates = []
    for mentor in mentors:
        profile = getattr(mentor, "reviewer_profile", None)
        capacity = (
            profile.mentor_capacity
            if profile and profile.mentor_capacity is not None
            else policy.mentor_capacity
        )
        candidates.append(
            matching.Mentor(
                id=mentor.pk,
                themes=frozenset(t.slug for t in mentor.expertise_themes.all()),
                languages=frozenset({mentor.language or "zh-hans"}),
                load=loads.get(mentor.pk, 0),
                capacity=capacity,
                reputation=profile.reputation if profile else 0.5,
            )
        )
    ranked = matching.rank_mentors(
        themes=frozenset(series.themes.values_list("slug", flat=True)),
        language=series.language,
        mentors=candidates,
        exclude=frozenset(blocked),
    )
    return [mentor.id for mentor in ranked[:count]]


def _create_assignments(
    request: ReviewRequest, reviewer_ids: list[int], role: str, *, start: int
) -> list[ReviewAssignment]:
    policy = ReviewPolicy.current()
    created = []
    for offset, reviewer_id in enumerate(reviewer_ids):
        assignment = ReviewAssignment.objects.create(
            request=request,
            reviewer_id=reviewer_id,
            role=role,
            position=start + offset,
            due_at=_due(request.due_at, policy.review_days),
        )
        created.append(assignment)
        _notify_assigned(assignment)
    if created:
        audit_record(
            actor=None,
            action="review.assigned",
            target=request,
            data={"reviewers": reviewer_ids, "role": role},
        )
    return created


@transaction.atomic
def requests_fall_back(*, now: datetime | None = None) -> int:
    """No one waits forever: requests still short of reviewers after the policy's grace
    time (or half-way to their due date) move to a mentor, else to the staff queue.

    The writer is refunded the credits of the peer reviews that did not come and told
    where the request went. Returns the number of requests moved.
    """
    now = now or timezone.now()
    policy = ReviewPolicy.current()
    grace = now - timedelta(hours=policy.fallback_hours)
    moved = 0
    # Lock the requests, then count their reviewers separately: PostgreSQL does not
    # allow FOR UPDATE together with an aggregate.
    candidates = list(
        ReviewRequest.objects.select_for_update(of=("self",))
        .filter(status=RequestStatus.OPEN, fallback="")
        .filter(
            Q(created_at__lte=grace) | Q(due_at__lte=now + timedelta(hours=policy.fallback_hours))
        )
        .select_related("series", "requested_by")
    )
    active = dict(
        ReviewAssignment.objects.filter(
            request__in=candidates,
            status__in=[AssignmentStatus.ASSIGNED, AssignmentStatus.SUBMITTED],
        )
        .values("request_id")
        .annotate(n=Count("id"))
        .values_list("request_id", "n")
    )
    for request in candidates:
        missing = request.reviews_needed - active.get(request.pk, 0)
        if missing <= 0:
            continue
        mentors = _choose_mentors(
            request,
            exclude=set(request.assignments.values_list("reviewer_id", flat=True)),
            count=missing,
        )
        request.fallback = Fallback.MENTOR if mentors else Fallback.STAFF
        request.save(update_fields=["fallback"])
        if mentors:
            _create_assignments(
                request, mentors, AssignmentRole.MENTOR, start=request.assignments.count()
            )
        # Refund what was paid for and is not covered by the reviewers still on it (an
        # extra review a staff decision asked for was never paid for).
        refund = min(missing, credits_held_for(request) - active.get(request.pk, 0))
        if request.kind == RequestKind.PEER and refund > 0:
            credit_add(
                user=request.requested_by,
                delta=refund,
                reason=CreditReason.REFUND,
                request=request,
            )
        audit_record(
            actor=None,
            action="review.fell_back",
            target=request,
            data={"to": request.fallback, "missing": missing},
        )
        target = in_both_languages(_("a mentor") if mentors else _("the platform staff"))
        notification_send(
            recipient=request.requested_by,
            kind="review_fallback",
            params={"series": request.series.title, "target": target},
            url=request.get_absolute_url(),
        )
        moved += 1
    return moved


@transaction.atomic
def staff_take(*, actor: User, request: ReviewRequest) -> ReviewAssignment:
    """A staff member takes a request from the fallback queue and reviews it."""
    if not can_take_request(actor):
        raise PermissionDenied
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.OPEN:
        raise Conflict(_("This request is no longer open."))
    if (
        actor.pk == request.series.owner_id
        or Collaborator.objects.filter(series=request.series, user=actor).exists()
    ):
        raise ValidationError(_("You work on this series and cannot review it."))
    if ReviewAssignment.objects.filter(request=request, reviewer=actor).exists():
        raise ValidationError(_("You already review this request."))
    if request.blindness == Blindness.DOUBLE and actor.pk in authorship_known_to(request.series):
        raise ValidationError(
            _("You have seen who wrote this series, so you cannot review it double-blind.")
        )
    [assignment] = _create_assignments(
        request, [actor.pk], AssignmentRole.STAFF, start=request.assignments.count()
    )
    return assignment


@transaction.atomic
def staff_decide(
    *, actor: User, request: ReviewRequest, decision: str, extra_review: bool = False
) -> ReviewRequest:
    """Settle a divergent request: record the decision (audited) and optionally ask for one
    more review, which the assignment service finds like any other."""
    if not can_decide_request(actor):
        raise PermissionDenied
    decision = decision.strip()
    if not decision:
        raise ValidationError({"decision": [_("Write down the decision and why.")]})
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    if extra_review and request.status not in (RequestStatus.OPEN, RequestStatus.COMPLETED):
        raise Conflict(_("This request has ended: it cannot get another review."))
    request.staff_decision = decision
    fields = ["staff_decision"]
    if extra_review:
        request.reviews_needed += 1
        fields.append("reviews_needed")
    request.save(update_fields=fields)
    if extra_review and request.status == RequestStatus.COMPLETED:
        workflow_move(REQUEST_FLOW, request, "reopen", actor=actor)
    audit_record(
        actor=actor,
        action="review.staff_decision",
        target=request,
        data={
            "decision": decision,
            "extra_review": extra_review,
            "divergent": request.divergent_criteria,
        },
    )
    if extra_review:
        request_assign(request=request)
    notification_send(
        recipient=request.requested_by,
        kind="review_staff_decision",
        params={"series": request.series.title},
        url=request.get_absolute_url(),
    )
    return request


def request_refund_undelivered(*, request: ReviewRequest) -> int:
    """Give the writer back the credits of peer reviews the request will no longer get.

    Called (under the request's row lock) by every path that ends a request: closing,
    expiry, completion. Credits pay for peer reviews; what the request still holds
    beyond the peer reviews submitted is refunded, once (a second call finds nothing
    held). Returns the number of credits refunded.
    """
    if request.kind != RequestKind.PEER:
        return 0
    delivered = ReviewAssignment.objects.filter(
        request=request, role=AssignmentRole.PEER, status=AssignmentStatus.SUBMITTED
    ).count()
    due = credits_held_for(request) - delivered
    if due <= 0:
        return 0
    credit_add(user=request.requested_by, delta=due, reason=CreditReason.REFUND, request=request)
    return due


def _request_end(request: ReviewRequest, *, move: str, actor: User | None) -> int:
    """End a request through its workflow: unfinished assignments end, and what was paid
    for and not delivered is refunded. Returns the credits refunded."""
    workflow_move(REQUEST_FLOW, request, move, actor=actor)
    workflow_move_all(
        ASSIGNMENT_FLOW,
        ReviewAssignment.objects.filter(request=request).select_related("request"),
        "end_with_request",
        actor=actor,
        changes={"finished_at": timezone.now()},
    )
    return request_refund_undelivered(request=request)


@transaction.atomic
def request_close(*, actor: User, request: ReviewRequest) -> ReviewRequest:
    """The writer closes a request: unfinished assignments end, reviews are final, and
    the credits of peer reviews not delivered are refunded.

    Raises:
        PermissionDenied: the actor may not edit the series.
        Conflict: the request has already ended (closing twice is refused, and audited once).
    """
    if not can_edit_series(actor, request.series):
        raise PermissionDenied
    _request_end(request, move="close", actor=actor)
    return request


@transaction.atomic
def requests_expire(*, now: datetime | None = None) -> int:
    """Open requests a full review period (the policy's days) past their due date end:
    what they still wait for will not come. Unfinished assignments end, the writer is
    refunded what was not delivered and told. Returns the number of requests ended."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=ReviewPolicy.current().review_days)
    stale = list(
        ReviewRequest.objects.select_for_update(of=("self",))
        .filter(status=RequestStatus.OPEN, due_at__lt=cutoff)
        .select_related("series", "requested_by")
    )
    for request in stale:
        refunded = _request_end(request, move="expire", actor=None)
        notification_send(
            recipient=request.requested_by,
            kind="review_request_expired",
            params={"series": request.series.title, "refunded": refunded},
            url=request.get_absolute_url(),
        )
    return len(stale)
