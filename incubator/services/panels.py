"""The panel of a call: its members, their conflicts of interest, the fair assignment of
applications to them, and their sealed reviews.

Conflicts of interest (PanelConflict) come from two places:

- **declared** by a reviewer on an application they were given (with a reason), and
  carried from the review app's own declarations (a reviewer's ConflictOfInterest with
  an applicant's account);
- **detected** by `conflicts_detect`, for every panel member and every application of the
  call under panel review, against the application's people (the lead, the accepted
  co-writers, the series' co-writers, the admins and members of an accepted producing
  organisation):
  - *organisation*: the reviewer is a member of an organisation an applicant belongs to,
    or of the producing organisation;
  - *co-writer*: the reviewer and an applicant write a series together (owner or
    co-writer), any series;
  - *earlier collaborator*: the reviewer and an applicant applied together to a fund
    before (lead or accepted co-writer on the same application), or one of them was
    assigned to review the other's series through the review app (any review, whatever
    its blindness: the reviewer knows the work);
  - *instructor*: the reviewer is an instructor of a course cohort an applicant studied
    in (courses' selector).

A conflicted reviewer is never assigned. A review given before the conflict was found
stays, marked `excluded`, and the ranking leaves it out.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, RoleGrant, User
from core.exceptions import Conflict
from core.memberships import member_add, member_remove
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move
from courses.selectors import instructor_student_pairs
from incubator import permissions
from incubator.models import (
    Application,
    ApplicationStatus,
    Call,
    CoApplicant,
    CoApplicantStatus,
    ConflictSource,
    PanelConflict,
    PanelMember,
    PanelReview,
    PanelReviewStatus,
    PanelRole,
    PanelScore,
    Recommendation,
)
from incubator.workflows import PANEL_REVIEW_FLOW
from reviews.assignment import peers
from reviews.assignment.records import Request, Reviewer
from reviews.models import ConflictOfInterest, Criterion, ReviewAssignment
from scripts_app.models import Collaborator, CollaboratorRole, Series

# States in which the panel reviews (the fact-check runs beside the panel's scoring).
REVIEWING_STATES = (ApplicationStatus.PANEL_REVIEW, ApplicationStatus.FACT_CHECK)


def _call_name(call: Call) -> dict[str, str]:
    return {"zh": call.title_zh or call.title_en, "en": call.title_en or call.title_zh}


# --- members ------------------------------------------------------------------------------


def panel_member_add(*, actor: User, call: Call, email: str, role: str) -> PanelMember:
    """Seat a platform member on the call's panel, found by their e-mail address: a
    verified-or-not mentor (they hold the mentor role), platform staff, or an outside
    expert (any member, invited by the fund).

    Raises:
        PermissionDenied: the actor does not manage the call.
        ValidationError: under "email" (no such member, wrong role, already seated) or
            "role".
    """
    if not permissions.can_manage_call(actor, call):
        raise PermissionDenied
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": [_("No member of the platform uses this address.")]})
    if (
        role == PanelRole.MENTOR
        and not RoleGrant.objects.filter(user=user, role=Role.MENTOR).exists()
    ):
        raise ValidationError({"email": [_("This person is not a mentor on the platform.")]})
    if role == PanelRole.STAFF and not user.is_staff:
        raise ValidationError({"email": [_("This person is not platform staff.")]})
    member = member_add(
        PanelMember, actor=actor, container=call, user=user, role=role,
        audit_action="fund.panel_member_added", person_field="email",
    )  # fmt: skip
    notification_send(
        recipient=user, kind="fund_panel_invited", actor=actor,
        params={"call": _call_name(call)}, url=reverse("fund:panel_dashboard"),
    )  # fmt: skip
    return member


def panel_member_remove(*, actor: User, member: PanelMember) -> None:
    """Take someone off the panel. Their unsubmitted reviews go with them; submitted ones
    stay (the ranking counts them)."""
    if not permissions.can_manage_call(actor, member.call):
        raise PermissionDenied
    with transaction.atomic():
        PanelReview.objects.filter(
            application__call=member.call, reviewer_id=member.user_id,
            status=PanelReviewStatus.ASSIGNED,
        ).delete()  # fmt: skip
        member_remove(member, actor=actor, audit_action="fund.panel_member_removed")


# --- conflicts ----------------------------------------------------------------------------


def application_people(applications: Iterable[Application]) -> dict[int, set[int]]:
    """Application id -> the people applying: lead, accepted co-writers, the series'
    co-writers. Two queries."""
    applications = list(applications)
    people: dict[int, set[int]] = {a.pk: {a.lead_id} for a in applications}
    for app_id, user_id in CoApplicant.objects.filter(
        application__in=applications, status=CoApplicantStatus.ACCEPTED, user__isnull=False
    ).values_list("application_id", "user_id"):
        people[app_id].add(user_id)
    by_series: dict[int, list[int]] = defaultdict(list)
    for a in applications:
        by_series[a.series_id].append(a.pk)
    for series_id, user_id in Collaborator.objects.filter(
        series_id__in=list(by_series), role=CollaboratorRole.COWRITER
    ).values_list("series_id", "user_id"):
        for app_id in by_series[series_id]:
            people[app_id].add(user_id)
    return people


def _writers_by_series(user_ids: set[int]) -> dict[int, set[int]]:
    """Series id -> its writers (owner and co-writers), for the series any of these
    people write."""
    writers: dict[int, set[int]] = defaultdict(set)
    for series_id, owner_id in Series.objects.filter(owner_id__in=user_ids).values_list(
        "pk", "owner_id"
    ):
        writers[series_id].add(owner_id)
    cowritten = Collaborator.objects.filter(role=CollaboratorRole.COWRITER)
    for series_id, user_id in cowritten.filter(user_id__in=user_ids).values_list(
        "series_id", "user_id"
    ):
        writers[series_id].add(user_id)
    # Complete the writer sets of those series (owners and co-writers outside user_ids).
    for series_id, owner_id in Series.objects.filter(pk__in=list(writers)).values_list(
        "pk", "owner_id"
    ):
        writers[series_id].add(owner_id)
    for series_id, user_id in cowritten.filter(series_id__in=list(writers)).values_list(
        "series_id", "user_id"
    ):
        writers[series_id].add(user_id)
    return writers


def detected_conflicts(
    applications: list[Application], reviewer_ids: set[int]
) -> dict[tuple[int, int], tuple[str, str]]:
    """(application id, reviewer id) -> (source, reason) for every detected conflict
    (the rules in the module docstring), in a fixed number of queries."""
    people = application_people(applications)
    everyone = set().union(*people.values()) if people else set()
    found: dict[tuple[int, int], tuple[str, str]] = {}

    def mark(pairs: Iterable[tuple[int, int]], source: str, reason: str) -> None:
        """pairs of (reviewer, applicant person) -> a conflict on each application."""
        related: dict[int, set[int]] = defaultdict(set)
        for reviewer_id, person in pairs:
            if reviewer_id != person:
                related[person].add(reviewer_id)
        for app_id, persons in people.items():
            for person in persons:
                for reviewer_id in related.get(person, ()):
                    found.setdefault((app_id, reviewer_id), (source, reason))

    # Organisations: shared membership, or a member of the producing organisation.
    orgs: dict[int, set[int]] = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(
        user_id__in=everyone | reviewer_ids
    ).values_list("user_id", "organisation_id"):
        orgs[user_id].add(org_id)
    org_pairs = [
        (reviewer_id, person)
        for reviewer_id in reviewer_ids
        for person in everyone
        if orgs[reviewer_id] & orgs[person]
    ]
    mark(org_pairs, ConflictSource.ORGANISATION, "")
    producing: dict[int, set[int]] = defaultdict(set)
    for app_id, org_id in CoApplicant.objects.filter(
        application__in=applications, status=CoApplicantStatus.ACCEPTED,
        organisation__isnull=False,
    ).values_list("application_id", "organisation_id"):  # fmt: skip
        producing[app_id].add(org_id)
    for app_id, org_ids in producing.items():
        for reviewer_id in reviewer_ids:
            if orgs[reviewer_id] & org_ids:
                found.setdefault((app_id, reviewer_id), (ConflictSource.ORGANISATION, ""))
    # Co-writers on any series.
    writers = _writers_by_series(reviewer_ids)
    mark(
        [(r, p) for ids in writers.values() for r in ids & reviewer_ids for p in ids],
        ConflictSource.COWRITER, "",
    )  # fmt: skip
    # Earlier collaborators: applied together before, or reviewed each other's series.
    together: dict[int, set[int]] = defaultdict(set)
    for app_id, lead_id in Application.objects.filter(
        Q(lead_id__in=reviewer_ids)
        | Q(coapplicants__user_id__in=reviewer_ids,
            coapplicants__status=CoApplicantStatus.ACCEPTED)
    ).exclude(pk__in=[a.pk for a in applications]).values_list("pk", "lead_id").distinct():  # fmt: skip
        together[app_id].add(lead_id)
    for app_id, user_id in CoApplicant.objects.filter(
        application_id__in=list(together), status=CoApplicantStatus.ACCEPTED, user__isnull=False
    ).values_list("application_id", "user_id"):
        together[app_id].add(user_id)
    collaborator_pairs = [
        (r, p) for ids in together.values() for r in ids & reviewer_ids for p in ids
    ]
    reviewed = ReviewAssignment.objects.filter(
        Q(reviewer_id__in=reviewer_ids, request__series__owner_id__in=everyone)
        | Q(reviewer_id__in=everyone, request__series__owner_id__in=reviewer_ids)
    ).exclude(status="declined")
    for reviewer_id, owner_id in reviewed.values_list("reviewer_id", "request__series__owner_id"):
        collaborator_pairs.append(
            (reviewer_id, owner_id) if reviewer_id in reviewer_ids else (owner_id, reviewer_id)
        )
    mark(collaborator_pairs, ConflictSource.COLLABORATOR, "")
    # Course instructors of an applicant.
    mark(instructor_student_pairs(reviewer_ids, everyone), ConflictSource.INSTRUCTOR, "")
    # The review app's declarations, against any applicant.
    mark(
        ConflictOfInterest.objects.filter(
            reviewer_id__in=reviewer_ids, writer_id__in=everyone
        ).values_list("reviewer_id", "writer_id"),
        ConflictSource.DECLARED, "",
    )  # fmt: skip
    return found


def _exclude_reviews(pairs: Iterable[tuple[int, int]]) -> int:
    """Flag the reviews of conflicted pairs: submitted ones are kept but excluded,
    unsubmitted ones are removed (the reviewer is no longer assigned)."""
    excluded = 0
    for app_id, reviewer_id in pairs:
        reviews = PanelReview.objects.filter(application_id=app_id, reviewer_id=reviewer_id)
        reviews.filter(status=PanelReviewStatus.ASSIGNED).delete()
        excluded += reviews.filter(status=PanelReviewStatus.SUBMITTED, excluded=False).update(
            excluded=True
        )
    return excluded


def conflicts_detect(*, actor: User | None, call: Call) -> int:
    """Record every detected conflict between the call's panel and its applications under
    panel review; exclude reviews the conflicts touch. Returns how many conflicts are new.

    Raises:
        PermissionDenied: the actor (None for the system) does not manage the call.
    """
    if actor is not None and not permissions.can_manage_call(actor, call):
        raise PermissionDenied
    applications = list(call.applications.filter(status__in=REVIEWING_STATES))
    reviewer_ids = set(PanelMember.objects.filter(call=call).values_list("user_id", flat=True))
    found = detected_conflicts(applications, reviewer_ids)
    with transaction.atomic():
        existing = set(
            PanelConflict.objects.filter(application__call=call).values_list(
                "application_id", "reviewer_id", "source"
            )
        )
        new = [
            PanelConflict(application_id=app_id, reviewer_id=reviewer_id, source=source,
                          reason=reason)
            for (app_id, reviewer_id), (source, reason) in found.items()
            if (app_id, reviewer_id, source) not in existing
        ]  # fmt: skip
        PanelConflict.objects.bulk_create(new, batch_size=1000)
        excluded = _exclude_reviews((c.application_id, c.reviewer_id) for c in new)
        if new:
            audit_record(
                actor=actor, action="fund.panel_conflicts_detected", target=call,
                data={"conflicts": len(new), "reviews_excluded": excluded},
            )  # fmt: skip
    return len(new)


def conflict_declare(*, actor: User, review: PanelReview, reason: str) -> PanelConflict:
    """A reviewer declares a conflict of interest with an application they were given
    (before or after reviewing it). They are taken off it; a submitted review stays,
    excluded from the ranking.

    Raises:
        PermissionDenied: not the actor's review.
        ValidationError: under "reason" when none is given.
    """
    if review.reviewer_id != actor.pk:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what the conflict of interest is.")]})
    with transaction.atomic():
        conflict, _created = PanelConflict.objects.get_or_create(
            application_id=review.application_id, reviewer=actor,
            source=ConflictSource.DECLARED, defaults={"reason": reason[:500]},
        )  # fmt: skip
        _exclude_reviews([(review.application_id, actor.pk)])
        audit_record(
            actor=actor, action="fund.panel_conflict_declared", target=review.application,
            data={"reviewer": actor.pk},
        )  # fmt: skip
    return conflict


def conflicted_reviewer_ids(application: Application) -> set[int]:
    return set(
        PanelConflict.objects.filter(application=application).values_list("reviewer_id", flat=True)
    )


# --- assignment ---------------------------------------------------------------------------


def panel_assign(*, actor: User, call: Call) -> dict[str, int]:
    """Give each application under panel review up to the call's panel size of reviewers,
    through the review app's fair, deterministic assignment (`reviews.assignment.peers`):
    balanced load, seeded by the call, never a conflicted reviewer nor an applicant.
    Conflicts are detected first. Returns {"assigned": n, "short": places unfilled}.

    Raises:
        PermissionDenied: the actor does not manage the call.
        ValidationError: the call has no panel.
    """
    if not permissions.can_manage_call(actor, call):
        raise PermissionDenied
    members = list(PanelMember.objects.filter(call=call).values_list("user_id", flat=True))
    if not members:
        raise ValidationError(_("Seat reviewers on the panel first."))
    conflicts_detect(actor=actor, call=call)
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).first()
        applications = list(call.applications.filter(status__in=REVIEWING_STATES).order_by("pk"))
        people = application_people(applications)
        conflicted: dict[int, set[int]] = defaultdict(set)
        for app_id, reviewer_id in PanelConflict.objects.filter(application__call=call).values_list(
            "application_id", "reviewer_id"
        ):
            conflicted[app_id].add(reviewer_id)
        on_it: dict[int, set[int]] = defaultdict(set)
        load: dict[int, int] = defaultdict(int)
        for app_id, reviewer_id, status in PanelReview.objects.filter(
            application__call=call
        ).values_list("application_id", "reviewer_id", "status"):
            on_it[app_id].add(reviewer_id)
            if status == PanelReviewStatus.ASSIGNED:
                load[reviewer_id] += 1
        requests = [
            Request(
                id=a.pk, writer_id=a.lead_id,
                excluded_ids=frozenset(people[a.pk] | conflicted[a.pk]),
                organisation_ids=frozenset(), blind=False,
                k=max(0, call.panel_size - len(on_it[a.pk])),
                already_assigned=frozenset(on_it[a.pk]),
            )
            for a in applications
        ]  # fmt: skip
        reviewers = [
            Reviewer(id=uid, organisation_ids=frozenset(), current_load=load[uid],
                     conflicts=frozenset())
            for uid in members
        ]  # fmt: skip
        result = peers.assign([r for r in requests if r.k], reviewers, seed=call.pk)
        new = [
            PanelReview(application_id=app_id, reviewer_id=reviewer_id)
            for app_id, chosen in result.assignments.items()
            for reviewer_id in chosen
        ]
        PanelReview.objects.bulk_create(new, batch_size=1000)
        short = sum(result.shortfall.values())
        audit_record(
            actor=actor, action="fund.panel_assigned", target=call,
            data={"assigned": len(new), "short": short},
        )  # fmt: skip
        counts: dict[int, int] = defaultdict(int)
        for review in new:
            counts[review.reviewer_id] += 1
        for person in User.objects.filter(pk__in=list(counts)):
            # Counts only: an anonymous call's notification names no applicant.
            notification_send(
                recipient=person, kind="fund_panel_assigned", actor=actor,
                params={"call": _call_name(call), "count": counts[person.pk]},
                url=reverse("fund:panel_dashboard"),
            )  # fmt: skip
    return {"assigned": len(new), "short": short}


# --- sealed review ------------------------------------------------------------------------


def _criteria(review: PanelReview) -> dict[str, Criterion]:
    version_id = review.application.call.rubric_version_id
    return {c.key: c for c in Criterion.objects.filter(version_id=version_id)}


def _clean_scores(
    review: PanelReview, criteria: dict[str, Criterion], scores: dict[str, dict[str, Any]]
) -> dict[Criterion, tuple[int | None, str]]:
    version = review.application.call.rubric_version
    cleaned, errors = {}, {}
    for key, value in scores.items():
        criterion = criteria.get(key)
        if criterion is None or not isinstance(value, dict):
            errors[f"scores.{key}"] = [_("Not a criterion of this rubric.")]
            continue
        score, comment = value.get("score"), str(value.get("comment") or "").strip()
        if score is not None and (
            not isinstance(score, int) or not version.scale_min <= score <= version.scale_max
        ):
            errors[f"scores.{key}"] = [
                _("Score between %(low)s and %(high)s.")
                % {"low": version.scale_min, "high": version.scale_max}
            ]
        if len(comment) > 4000:
            errors[f"scores.{key}"] = [_("At most 4,000 characters.")]
        cleaned[criterion] = (score, comment)
    if errors:
        raise ValidationError(errors)
    return cleaned


def weighted_total(pairs: Iterable[tuple[Decimal, int]]) -> Decimal | None:
    """The weighted mean of scores, to two places (None without any)."""
    pairs = list(pairs)
    weight = sum((w for w, _s in pairs), Decimal(0))
    if not pairs or not weight:
        return None
    total = sum((w * s for w, s in pairs), Decimal(0)) / weight
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def panel_review_save(
    *,
    actor: User,
    review: PanelReview,
    scores: dict[str, dict[str, Any]] | None = None,
    recommendation: str | None = None,
    comment: str | None = None,
    submit: bool = False,
) -> PanelReview:
    """Save a reviewer's draft as they type; with submit=True, hand it in (final).
    Submission needs every criterion scored, a recommendation and its comment; every
    missing piece is listed at once.

    Raises:
        PermissionDenied: not the actor's review.
        Conflict: submitted already, excluded, or the application left panel review.
        ValidationError: field-keyed problems.
    """
    with transaction.atomic():
        review = (
            PanelReview.objects.select_for_update()
            .select_related("application__call__rubric_version")
            .get(pk=review.pk)
        )
        if review.reviewer_id != actor.pk:
            raise PermissionDenied
        if review.excluded or review.is_submitted:
            raise Conflict(_("This review has been handed in and can no longer change."))
        if review.application.status not in REVIEWING_STATES:
            raise Conflict(_("This application is no longer under panel review."))
        if PanelConflict.objects.filter(
            application_id=review.application_id, reviewer_id=actor.pk
        ).exists():
            raise Conflict(_("You have a conflict of interest with this application."))
        criteria = _criteria(review)
        for criterion, (score, text) in _clean_scores(review, criteria, scores or {}).items():
            PanelScore.objects.update_or_create(
                review=review, criterion=criterion, defaults={"score": score, "comment": text}
            )
        errors: dict[str, list[str]] = {}
        if recommendation is not None:
            if recommendation and recommendation not in Recommendation.values:
                errors["recommendation"] = [_("Choose yes, maybe or no.")]
            else:
                review.recommendation = recommendation
        if comment is not None:
            if len(comment) > 10_000:
                errors["comment"] = [_("At most 10,000 characters.")]
            else:
                review.comment = comment
        if errors:
            raise ValidationError(errors)
        fields = ["recommendation", "comment", "updated_at"]
        if submit:
            given: dict[int, int] = {
                s.criterion_id: s.score
                for s in PanelScore.objects.filter(review=review, score__isnull=False)
                if s.score is not None
            }
            for key, criterion in criteria.items():
                if criterion.pk not in given:
                    errors[f"scores.{key}"] = [_("Score this criterion.")]
            if not review.recommendation:
                errors["recommendation"] = [_("Choose yes, maybe or no.")]
            if not review.comment.strip():
                errors["comment"] = [_("Say why you recommend it so.")]
            if errors:
                raise ValidationError(errors)
            review.save(update_fields=fields)
            total = weighted_total(
                (c.weight, given[c.pk]) for c in criteria.values() if c.pk in given
            )
            return workflow_move(
                PANEL_REVIEW_FLOW, review, "submit", actor=actor,
                changes={"total": total, "submitted_at": timezone.now(),
                         "scores_given": {str(k): v for k, v in given.items()}},
                data={"application": review.application_id,
                      "recommendation": review.recommendation},
            )  # fmt: skip
        review.save(update_fields=fields)
    return review
