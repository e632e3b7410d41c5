"""Courses and cohorts: creating them, staffing them, and every way a student gets in
(joins, applies, is invited), waits, leaves or is removed.

Places are counted under the cohort's row lock, so two people taking the last place at
once get one place and one spot on the wait list; a place that frees up goes to the
first person on the wait list.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, User
from core.memberships import member_add, member_change_role, member_remove
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move
from courses import permissions
from courses.models import (
    Cohort,
    CohortMember,
    CohortRole,
    Course,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
)
from courses.workflows import COHORT_FLOW, ENROLMENT_FLOW
from taxonomy.models import Term

COURSE_FIELDS = (
    "title_zh", "title_en", "description_zh", "description_en", "language", "level",
    "certificate_shows_grade",
)  # fmt: skip
COHORT_FIELDS = ("name_zh", "name_en", "starts_on", "ends_on", "capacity", "enrolment_mode")
# Paths under /courses/ that are pages, not courses (courses/urls.py).
RESERVED_SLUGS = frozenset({"new", "certificates"})


def course_create(
    *,
    actor: User,
    slug: str,
    university: Organisation,
    studio: Organisation | None = None,
    themes: Iterable[Term] = (),
    audiences: Iterable[Term] = (),
    **fields: str | bool,
) -> Course:
    """Create a course in a university's name, with an optional studio partner.

    Raises:
        PermissionDenied: the actor may not create courses for this university.
        ValidationError: the partner is not a studio, or the address name is taken.
    """
    if not permissions.universities_for_new_courses(actor).filter(pk=university.pk).exists():
        raise PermissionDenied
    if studio is not None and studio.kind != OrganisationKind.STUDIO:
        raise ValidationError({"studio": _("The partner must be a studio.")})
    if slug in RESERVED_SLUGS or Course.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another course already has this address name.")})
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise TypeError(f"unknown course fields: {sorted(unknown)}")
    with transaction.atomic():
        course = Course(slug=slug, university=university, studio=studio, created_by=actor, **fields)
        course.full_clean()
        course.save()
        course.themes.set(themes)
        course.audiences.set(audiences)
        audit_record(actor=actor, action="course.created", target=course)
    return course


def course_update(
    *,
    actor: User,
    course: Course,
    studio: Organisation | None = None,
    themes: Iterable[Term] | None = None,
    audiences: Iterable[Term] | None = None,
    **fields: str | bool,
) -> Course:
    if not permissions.can_manage_course(actor, course):
        raise PermissionDenied
    if studio is not None and studio.kind != OrganisationKind.STUDIO:
        raise ValidationError({"studio": _("The partner must be a studio.")})
    for name, value in fields.items():
        if name not in COURSE_FIELDS:
            raise TypeError(f"unknown course field: {name}")
        setattr(course, name, value)
    course.studio = studio
    with transaction.atomic():
        course.full_clean()
        course.save()
        if themes is not None:
            course.themes.set(themes)
        if audiences is not None:
            course.audiences.set(audiences)
        audit_record(actor=actor, action="course.updated", target=course)
    return course


def _check_cohort_fields(
    starts_on: date, ends_on: date, capacity: int, enrolment_mode: str
) -> None:
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = [_("The cohort must end on or after the day it starts.")]
    if capacity < 1:
        errors["capacity"] = [_("A cohort needs at least one place.")]
    if enrolment_mode not in EnrolmentMode.values:
        errors["enrolment_mode"] = [_("Choose how students join.")]
    if errors:
        raise ValidationError(errors)


def cohort_create(
    *,
    actor: User,
    course: Course,
    name_zh: str,
    name_en: str = "",
    starts_on: date,
    ends_on: date,
    capacity: int,
    enrolment_mode: str = EnrolmentMode.OPEN,
) -> Cohort:
    """A new cohort, being prepared, with the person who made it as its first instructor.

    Raises:
        PermissionDenied: the actor does not manage the course.
        ValidationError: the dates are out of order, there is no place, or the enrolment
            mode is unknown (each under its field).
    """
    if not permissions.can_manage_course(actor, course):
        raise PermissionDenied
    _check_cohort_fields(starts_on, ends_on, capacity, enrolment_mode)
    with transaction.atomic():
        cohort = Cohort.objects.create(
            course=course,
            name_zh=name_zh,
            name_en=name_en,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            enrolment_mode=enrolment_mode,
        )
        member_add(
            CohortMember,
            actor=actor,
            container=cohort,
            user=actor,
            role=CohortRole.INSTRUCTOR,
            audit_action="cohort.member_added",
        )
        audit_record(actor=actor, action="cohort.created", target=cohort)
    return cohort


def cohort_update(
    *,
    actor: User,
    cohort: Cohort,
    name_zh: str,
    name_en: str,
    starts_on: date,
    ends_on: date,
    capacity: int,
    enrolment_mode: str,
) -> Cohort:
    """Change a cohort's names, dates, places and enrolment mode (every field is given:
    COHORT_FIELDS). Freed places go to the wait list.

    Raises:
        PermissionDenied: the actor does not run the cohort.
        ValidationError: as cohort_create, or fewer places than students enrolled.
    """
    if not permissions.can_run_cohort(actor, cohort):
        raise PermissionDenied
    _check_cohort_fields(starts_on, ends_on, capacity, enrolment_mode)
    with transaction.atomic():
        locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if capacity < _students(locked):
            raise ValidationError(
                {"capacity": [_("More students are enrolled than that: remove some first.")]}
            )
        Cohort.objects.filter(pk=cohort.pk).update(
            name_zh=name_zh,
            name_en=name_en,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            enrolment_mode=enrolment_mode,
        )
        audit_record(actor=actor, action="cohort.updated", target=cohort)
        _promote_waiting(locked, actor=actor)
    cohort.refresh_from_db()
    return cohort


def cohort_move(*, actor: User, cohort: Cohort, move: str) -> Cohort:
    """Open, close or finish a cohort."""
    return workflow_move(COHORT_FLOW, cohort, move, actor=actor)


def _person_by_email(email: str) -> User:
    """The active account with this address, or a ValidationError under "email" that says
    nothing more about accounts than that none has it."""
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise ValidationError({"email": [_("No platform member has this e-mail address.")]})
    return person


def staff_add(
    *, actor: User, cohort: Cohort, user: User, role: str, person_field: str = "user"
) -> CohortMember:
    """Add an instructor, a mentor or a teaching assistant.

    Raises:
        PermissionDenied: the actor does not run the cohort.
        ValidationError: the role is a student's or unknown ("role"), or the person is
            already in the cohort (under `person_field`).
    """
    if not permissions.can_run_cohort(actor, cohort):
        raise PermissionDenied
    if role == CohortRole.STUDENT:
        raise ValidationError({"role": _("Students join through enrolment, not as staff.")})
    return member_add(
        CohortMember,
        actor=actor,
        container=cohort,
        user=user,
        role=role,
        audit_action="cohort.member_added",
        person_field=person_field,
    )


def staff_add_by_email(*, actor: User, cohort: Cohort, email: str, role: str) -> CohortMember:
    """staff_add for the person whose account has this e-mail address (the roster's form
    and the API name people by address)."""
    if not permissions.can_run_cohort(actor, cohort):
        raise PermissionDenied
    return staff_add(
        actor=actor, cohort=cohort, user=_person_by_email(email), role=role, person_field="email"
    )


def staff_role_change(*, actor: User, member: CohortMember, role: str) -> CohortMember:
    """Make a member of staff an instructor, a mentor or a teaching assistant. A cohort
    keeps at least one instructor.

    Raises:
        PermissionDenied: the actor does not run the cohort.
        ValidationError (under "role"): the member or the role is a student's, the role
            is unknown, or the member is the last instructor.
    """
    if not permissions.can_run_cohort(actor, member.cohort):
        raise PermissionDenied
    if member.role == CohortRole.STUDENT or role == CohortRole.STUDENT:
        raise ValidationError({"role": _("Students join through enrolment, not as staff.")})
    member_change_role(member, actor=actor, role=role, audit_action="cohort.member_role_changed")
    return member


def staff_remove(*, actor: User, member: CohortMember) -> None:
    if not permissions.can_run_cohort(actor, member.cohort):
        raise PermissionDenied
    if member.role == CohortRole.STUDENT:
        raise ValidationError(_("Remove a student through their enrolment."))
    member_remove(member, actor=actor, audit_action="cohort.member_removed")


def roster_member_remove(*, actor: User, member: CohortMember) -> None:
    """Take someone off the roster: a student through their enrolment (student_remove: they
    are told, and the place goes to the wait list), staff through staff_remove."""
    if member.role == CohortRole.STUDENT:
        enrolment = Enrolment.objects.select_related("user").get(
            cohort_id=member.cohort_id, user_id=member.user_id
        )
        enrolment.cohort = member.cohort
        student_remove(actor=actor, enrolment=enrolment)
    else:
        staff_remove(actor=actor, member=member)


def places_left(cohort: Cohort) -> int:
    return max(0, cohort.capacity - _students(cohort))


def _students(cohort: Cohort) -> int:
    return CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT).count()


def _params(cohort: Cohort, actor: User | None = None) -> dict[str, object]:
    params: dict[str, object] = {
        "cohort": {
            "zh": f"{cohort.course.title_zh} · {cohort.name_zh}",
            "en": f"{cohort.course.title_en or cohort.course.title_zh} · "
            f"{cohort.name_en or cohort.name_zh}",
        }
    }
    if actor is not None:
        params["actor"] = actor.name_pair
    return params


def _seat(enrolment: Enrolment, *, actor: User) -> None:
    """Give the enrolled person their student membership and tell them."""
    member_add(
        CohortMember,
        actor=actor,
        container=enrolment.cohort,
        user=enrolment.user,
        role=CohortRole.STUDENT,
        audit_action="cohort.member_added",
    )
    notification_send(
        recipient=enrolment.user,
        kind="cohort_enrolled",
        params=_params(enrolment.cohort),
        url=enrolment.cohort.get_absolute_url(),
    )


def _waitlisted(enrolment: Enrolment) -> None:
    notification_send(
        recipient=enrolment.user,
        kind="cohort_waitlisted",
        params=_params(enrolment.cohort),
        url=enrolment.cohort.get_absolute_url(),
    )


def _locked(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_related("course").select_for_update().get(pk=cohort.pk)


def enrol_self(*, actor: User, cohort: Cohort, message: str = "") -> Enrolment:
    """Join an open cohort (or its wait list when full), or apply to one that approves.

    Raises:
        PermissionDenied: the cohort takes students by invitation only.
        ValidationError: enrolment is not open, or the person is already in or waiting.
    """
    with transaction.atomic():
        locked = _locked(cohort)
        if locked.enrolment_mode == EnrolmentMode.INVITATION:
            raise PermissionDenied
        if not permissions.can_enrol_self(actor, locked):
            if CohortMember.objects.filter(cohort=locked, user_id=actor.pk).exists():
                raise ValidationError(_("You are already in this cohort."))
            raise ValidationError(_("This cohort is not taking students now."))
        enrolment = Enrolment.objects.filter(cohort=locked, user=actor).first()
        applying = locked.enrolment_mode == EnrolmentMode.APPLICATION
        full = places_left(locked) == 0
        if enrolment is None:
            if applying:
                initial = EnrolmentStatus.APPLIED
            elif full:
                initial = EnrolmentStatus.WAITLISTED
            else:
                initial = EnrolmentStatus.ENROLLED
            enrolment = Enrolment.objects.create(
                cohort=locked, user=actor, status=initial, message=message.strip()
            )
            audit_record(actor=actor, action=f"courses.enrolment.{initial}", target=locked)
        elif enrolment.status in (EnrolmentStatus.LEFT, EnrolmentStatus.DECLINED):
            move = "reapply" if applying else ("rejoin_to_wait_list" if full else "rejoin")
            if move != "reapply" and enrolment.status == EnrolmentStatus.DECLINED:
                raise ValidationError(_("Ask an instructor for an invitation."))
            enrolment = workflow_move(
                ENROLMENT_FLOW, enrolment, move, actor=actor, changes={"message": message.strip()}
            )
        else:
            raise ValidationError(_("You have already asked to join this cohort."))
        enrolment.cohort = locked
        if enrolment.status == EnrolmentStatus.ENROLLED:
            _seat(enrolment, actor=actor)
        elif enrolment.status == EnrolmentStatus.WAITLISTED:
            _waitlisted(enrolment)
        else:
            for instructor in _instructors(locked):
                notification_send(
                    recipient=instructor,
                    kind="cohort_application",
                    actor=actor,
                    params=_params(locked, actor),
                    url=locked.get_absolute_url() + "roster/",
                )
    return enrolment


def invite_by_email(*, actor: User, cohort: Cohort, email: str) -> Enrolment:
    """invite for the person whose account has this e-mail address."""
    if not permissions.can_run_cohort(actor, cohort):
        raise PermissionDenied
    return invite(actor=actor, cohort=cohort, user=_person_by_email(email))


def invite(*, actor: User, cohort: Cohort, user: User) -> Enrolment:
    if not permissions.can_run_cohort(actor, cohort):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(cohort)
        if CohortMember.objects.filter(cohort=locked, user=user).exists():
            raise ValidationError(_("This person is already in the cohort."))
        enrolment = Enrolment.objects.filter(cohort=locked, user=user).first()
        if enrolment is None:
            enrolment = Enrolment.objects.create(
                cohort=locked, user=user, status=EnrolmentStatus.INVITED
            )
            audit_record(actor=actor, action="courses.enrolment.invited", target=locked)
        else:
            enrolment = workflow_move(ENROLMENT_FLOW, enrolment, "reinvite", actor=actor)
        notification_send(
            recipient=user,
            kind="cohort_invited",
            actor=actor,
            params=_params(locked, actor),
            url=locked.get_absolute_url(),
        )
    return enrolment


def invitation_answer(*, actor: User, enrolment: Enrolment, accept: bool) -> Enrolment:
    """The invited person accepts (a place, or the wait list when full) or declines."""
    with transaction.atomic():
        locked = _locked(enrolment.cohort)
        if not accept:
            return workflow_move(ENROLMENT_FLOW, enrolment, "decline_invitation", actor=actor)
        move = "accept_to_wait_list" if places_left(locked) == 0 else "accept"
        enrolment = workflow_move(ENROLMENT_FLOW, enrolment, move, actor=actor)
        enrolment.cohort = locked
        if enrolment.status == EnrolmentStatus.ENROLLED:
            _seat(enrolment, actor=actor)
        else:
            _waitlisted(enrolment)
    return enrolment


def application_decide(*, actor: User, enrolment: Enrolment, approve: bool) -> Enrolment:
    """An instructor approves an application (a place, or the wait list when full) or
    declines it (the applicant is told)."""
    with transaction.atomic():
        locked = _locked(enrolment.cohort)
        if not approve:
            enrolment = workflow_move(ENROLMENT_FLOW, enrolment, "decline", actor=actor)
            notification_send(
                recipient=enrolment.user,
                kind="cohort_application_declined",
                params=_params(locked),
                url=locked.get_absolute_url(),
            )
            return enrolment
        move = "approve_to_wait_list" if places_left(locked) == 0 else "approve"
        enrolment = workflow_move(ENROLMENT_FLOW, enrolment, move, actor=actor)
        enrolment.cohort = locked
        if enrolment.status == EnrolmentStatus.ENROLLED:
            _seat(enrolment, actor=actor)
        else:
            _waitlisted(enrolment)
    return enrolment


def leave(*, actor: User, cohort: Cohort) -> Enrolment:
    """A student leaves (or stops waiting or withdraws an application); a freed place
    goes to the first person on the wait list."""
    with transaction.atomic():
        locked = _locked(cohort)
        enrolment = Enrolment.objects.filter(cohort=locked, user=actor).first()
        if enrolment is None:
            raise ValidationError(_("You are not enrolled in this cohort."))
        was_enrolled = enrolment.status == EnrolmentStatus.ENROLLED
        enrolment = workflow_move(ENROLMENT_FLOW, enrolment, "leave", actor=actor)
        if was_enrolled:
            member = CohortMember.objects.get(cohort=locked, user=actor)
            member_remove(member, actor=actor, audit_action="cohort.member_left")
            _promote_waiting(locked, actor=actor)
    return enrolment


def student_remove(*, actor: User, enrolment: Enrolment) -> Enrolment:
    with transaction.atomic():
        locked = _locked(enrolment.cohort)
        enrolment = workflow_move(ENROLMENT_FLOW, enrolment, "remove", actor=actor)
        member = CohortMember.objects.get(cohort=locked, user_id=enrolment.user_id)
        member_remove(member, actor=actor, audit_action="cohort.member_removed")
        notification_send(
            recipient=enrolment.user,
            kind="cohort_removed",
            actor=actor,
            params=_params(locked, actor),
        )
        _promote_waiting(locked, actor=actor)
    return enrolment


def _promote_waiting(cohort: Cohort, *, actor: User) -> None:
    """Give freed places to the wait list, first come first served (under the lock)."""
    free = places_left(cohort)
    if free <= 0:
        return
    waiting = (
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.WAITLISTED)
        .select_related("user")
        .order_by("updated_at", "pk")[:free]
    )
    for enrolment in waiting:
        enrolment = workflow_move(ENROLMENT_FLOW, enrolment, "promote", actor=actor)
        enrolment.cohort = cohort
        _seat(enrolment, actor=actor)


def _instructors(cohort: Cohort) -> list[User]:
    return [
        member.user
        for member in CohortMember.objects.filter(
            cohort=cohort, role=CohortRole.INSTRUCTOR
        ).select_related("user")
    ]
