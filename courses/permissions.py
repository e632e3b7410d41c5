"""Who may do what with courses and cohorts. Every check fails closed.

- Anyone (signed in or not) sees the catalogue, a course's page and its cohorts' public
  pages (who runs it, when, places left, how to join), except cohorts still being
  prepared, which only their managers see.
- An educator (role granted by staff) who administers a university creates courses for it.
- A course is co-managed by the admins of its university and of its studio partner.
- A cohort is run by its instructors, with the course's managers; mentors and teaching
  assistants see the roster; students see their own cohort.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, Role
from accounts.selectors import user_roles
from core.permissions import is_signed_in
from core.types import Actor
from courses.models import (
    Assignment,
    Certificate,
    Cohort,
    CohortMember,
    CohortRole,
    CohortStatus,
    Course,
    Enrolment,
    GraderNote,
    Submission,
)
from courses.models.cohorts import STAFF_ROLES
from courses.models.lessons import Lesson


def universities_for_new_courses(user: Actor) -> QuerySet[Organisation]:
    """The universities in whose name this person may create a course: educators, for the
    universities they administer (platform staff: every university)."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    universities = Organisation.objects.filter(kind=OrganisationKind.UNIVERSITY)
    if user.is_staff:
        return universities
    if Role.EDUCATOR not in user_roles(user):
        return Organisation.objects.none()
    return universities.filter(
        memberships__user=user, memberships__role=MembershipRole.ADMIN
    ).distinct()


def can_create_course(user: Actor) -> bool:
    return universities_for_new_courses(user).exists()


def can_manage_course(user: Actor, course: Course) -> bool:
    """The admins of the course's university and of its studio partner; platform staff."""
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    organisations = [course.university_id] + ([course.studio_id] if course.studio_id else [])
    return Membership.objects.filter(
        organisation_id__in=organisations, user_id=user.pk, role=MembershipRole.ADMIN
    ).exists()


def cohort_role(user: Actor, cohort: Cohort) -> str | None:
    if not is_signed_in(user):
        return None
    return (
        CohortMember.objects.filter(cohort=cohort, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )


def can_run_cohort(user: Actor, cohort: Cohort, *, role: str | None = None) -> bool:
    """Instructors of this cohort (no other), and the course's managers."""
    role = role if role is not None else cohort_role(user, cohort)
    return role == CohortRole.INSTRUCTOR or can_manage_course(user, cohort.course)


def can_see_roster(user: Actor, cohort: Cohort, *, role: str | None = None) -> bool:
    role = role if role is not None else cohort_role(user, cohort)
    return role in STAFF_ROLES or can_manage_course(user, cohort.course)


def can_see_cohort(user: Actor, cohort: Cohort) -> bool:
    """Public once it is out of preparation; before that, its staff and managers only."""
    if cohort.status != CohortStatus.DRAFT:
        return True
    return can_see_roster(user, cohort)


def can_enrol_self(user: Actor, cohort: Cohort) -> bool:
    """Whether the person may join (open) or apply (application) themselves now."""
    return (
        is_signed_in(user)
        and cohort.status == CohortStatus.OPEN
        and cohort.enrolment_mode != "invitation"
        and not CohortMember.objects.filter(cohort=cohort, user_id=user.pk).exists()
    )


def can_answer_enrolment(user: Actor, enrolment: Enrolment) -> bool:
    """The person invited accepts or declines their own invitation."""
    return is_signed_in(user) and enrolment.user_id == user.pk


def courses_visible_to(user: Actor) -> QuerySet[Course]:
    """Courses with a cohort out of preparation, and the user's own courses."""
    public = Q(cohorts__status__in=[CohortStatus.OPEN, CohortStatus.CLOSED, CohortStatus.FINISHED])
    if not is_signed_in(user):
        return Course.objects.filter(public).distinct()
    managed = Q(
        university__memberships__user_id=user.pk,
        university__memberships__role=MembershipRole.ADMIN,
    ) | Q(studio__memberships__user_id=user.pk, studio__memberships__role=MembershipRole.ADMIN)
    staffed = Q(cohorts__members__user_id=user.pk)
    if user.is_staff:
        return Course.objects.all()
    return Course.objects.filter(public | managed | staffed).distinct()


def get_course_for(user: Actor, slug: str, *, action: str = "view") -> Course:
    course = Course.objects.select_related("university", "studio").filter(slug=slug).first()
    if course is None:
        raise Http404
    if action == "manage":
        if not can_manage_course(user, course):
            if not courses_visible_to(user).filter(pk=course.pk).exists():
                raise Http404
            raise PermissionDenied
        return course
    if not courses_visible_to(user).filter(pk=course.pk).exists():
        raise Http404
    return course


def get_cohort_by_id_for(user: Actor, pk: int, *, action: str = "view") -> Cohort:
    """As get_cohort_for, for the API's addresses, which name a cohort by its id alone."""
    slug = Cohort.objects.filter(pk=pk).values_list("course__slug", flat=True).first()
    if slug is None:
        raise Http404
    return get_cohort_for(user, slug, pk, action=action)


def get_cohort_for(user: Actor, slug: str, pk: int, *, action: str = "view") -> Cohort:
    """Load a cohort and check the action ("view", "roster", "run") in one step: 404 when
    the person may not see it, 403 when they may see it but not do `action`. The
    viewer's role is left on it as `viewer_role`."""
    cohort = (
        Cohort.objects.select_related("course__university", "course__studio")
        .filter(pk=pk, course__slug=slug)
        .first()
    )
    if cohort is None:
        raise Http404
    role = cohort_role(user, cohort)
    if not (cohort.status != CohortStatus.DRAFT or can_see_roster(user, cohort, role=role)):
        raise Http404
    allowed = {
        "view": True,
        "roster": can_see_roster(user, cohort, role=role),
        "run": can_run_cohort(user, cohort, role=role),
    }[action]
    if not allowed:
        raise PermissionDenied
    cohort.viewer_role = role  # type: ignore[attr-defined]
    return cohort


def get_cohort_member_for(user: Actor, pk: int, member_pk: int) -> CohortMember:
    """A member of a cohort, for those who run it (change a role, take off the roster):
    404 for a cohort the person may not see or a member of another cohort, 403 for a
    cohort they may see but not run."""
    cohort = get_cohort_by_id_for(user, pk, action="run")
    member = cohort.members.select_related("user").filter(pk=member_pk).first()
    if member is None:
        raise Http404
    member.cohort = cohort
    return member


def get_enrolment_for(user: Actor, pk: int, enrolment_pk: int) -> Enrolment:
    """An invitation, application or place on the wait list of a cohort, for those who run
    it (approve, decline): 404 and 403 as get_cohort_member_for."""
    cohort = get_cohort_by_id_for(user, pk, action="run")
    enrolment = cohort.enrolments.select_related("user").filter(pk=enrolment_pk).first()
    if enrolment is None:
        raise Http404
    enrolment.cohort = cohort
    return enrolment


def can_author_assignment(user: Actor, cohort: Cohort) -> bool:
    """Instructors of the cohort and the course's managers (a studio partner's admins
    among them: what they write is the studio's brief)."""
    return can_run_cohort(user, cohort)


def writes_as_studio(user: Actor, cohort: Cohort) -> bool:
    """An admin of the course's studio partner who is not also an admin of its university."""
    course = cohort.course
    if not is_signed_in(user) or course.studio_id is None:
        return False
    admin_of = set(
        Membership.objects.filter(
            user_id=user.pk,
            role=MembershipRole.ADMIN,
            organisation_id__in=[course.university_id, course.studio_id],
        ).values_list("organisation_id", flat=True)
    )
    return course.studio_id in admin_of and course.university_id not in admin_of


def can_edit_assignment(user: Actor, assignment: Assignment) -> bool:
    return can_run_cohort(user, assignment.cohort)


def can_read_submission(user: Actor, submission: Submission) -> bool:
    """Its authors; the cohort's staff and the course's managers; and, for a studio brief,
    the studio's scouts when the students agreed."""
    if not is_signed_in(user):
        return False
    if submission.authors.filter(user_id=user.pk).exists():
        return True
    cohort = submission.assignment.cohort
    if can_see_roster(user, cohort):
        return True
    studio_id = submission.assignment.studio_id
    return bool(
        studio_id
        and submission.studio_may_read
        and Role.SCOUT in user_roles(user)
        and Membership.objects.filter(organisation_id=studio_id, user_id=user.pk).exists()
    )


def get_assignment_for(user: Actor, cohort: Cohort, pk: int) -> Assignment:
    """An assignment of a cohort the viewer belongs to (students, staff, managers)."""
    assignment = Assignment.objects.filter(cohort=cohort, pk=pk).first()
    if assignment is None:
        raise Http404
    role = getattr(cohort, "viewer_role", None) or cohort_role(user, cohort)
    if role is None and not can_manage_course(user, cohort.course):
        raise Http404
    assignment.cohort = cohort
    return assignment


def get_submission_for(user: Actor, pk: int) -> Submission:
    submission = (
        Submission.objects.select_related(
            "assignment__cohort__course", "revision", "series", "submitted_by"
        )
        .filter(pk=pk)
        .first()
    )
    if submission is None or not can_read_submission(user, submission):
        raise Http404
    return submission


GRADERS = frozenset({CohortRole.INSTRUCTOR, CohortRole.MENTOR})


def can_grade(user: Actor, cohort: Cohort, *, role: str | None = None) -> bool:
    """Instructors and mentors of this cohort, and the course's managers."""
    role = role if role is not None else cohort_role(user, cohort)
    return role in GRADERS or can_manage_course(user, cohort.course)


def can_see_grader_notes(user: Actor, submission: Submission) -> bool:
    """Graders see the notes as they write them; the submission's students once the
    grades are released (the caller has already checked the viewer may read it)."""
    if not is_signed_in(user):
        return False
    if can_grade(user, submission.assignment.cohort):
        return True
    return (
        bool(submission.assignment.grades_released_at)
        and submission.authors.filter(user_id=user.pk).exists()
    )


def get_own_grader_note_for(user: Actor, submission_pk: int, note_pk: int) -> GraderNote:
    """A note its author may take back, on a submission they may still grade."""
    submission = get_submission_for(user, submission_pk)
    note = GraderNote.objects.filter(submission=submission, pk=note_pk, author_id=user.pk).first()
    if note is None or not can_grade(user, submission.assignment.cohort):
        raise Http404
    note.submission = submission
    return note


# --- Certificates -------------------------------------------------------------------------
#
# A cohort's instructors and the course's managers issue and revoke its certificates; its
# mentors and teaching assistants see them. A student sees their own certificate and alone
# decides whether their profile shows it. Anyone, signed in or not, verifies a certificate
# by its code (courses/views/certificates.py): the code is the secret.


def can_issue_certificates(user: Actor, cohort: Cohort, *, role: str | None = None) -> bool:
    return can_run_cohort(user, cohort, role=role)


def can_revoke_certificate(user: Actor, certificate: Certificate) -> bool:
    return can_run_cohort(user, certificate.cohort)


def can_see_certificate(user: Actor, certificate: Certificate) -> bool:
    """The student it was issued to, and the cohort's staff and the course's managers."""
    if not is_signed_in(user):
        return False
    return certificate.student_id == user.pk or can_see_roster(user, certificate.cohort)


def can_choose_certificate_visibility(user: Actor, certificate: Certificate) -> bool:
    return is_signed_in(user) and certificate.student_id == user.pk


def get_certificate_for(user: Actor, pk: int, *, action: str = "view") -> Certificate:
    """Load a certificate and check the action ("view", "choose_visibility", "revoke"):
    404 when the person may not see it, 403 when they may see it but not do `action`."""
    certificate = (
        Certificate.objects.select_related("cohort__course__university", "cohort__course__studio")
        .filter(pk=pk)
        .first()
    )
    if certificate is None or not can_see_certificate(user, certificate):
        raise Http404
    allowed = {
        "view": True,
        "choose_visibility": can_choose_certificate_visibility(user, certificate),
        "revoke": can_revoke_certificate(user, certificate),
    }[action]
    if not allowed:
        raise PermissionDenied
    return certificate


# --- Lessons, progress and announcements ------------------------------------------------
#
# A cohort's lessons are for its members (students see the released ones; its staff, all of
# them) and the course's managers. Strangers, and the staff of another cohort, see nothing
# of them: the lesson pages answer 404. Instructors of this cohort (no other) and the
# course's managers write them.


class LessonAbilities:
    """What a person may do with a cohort's lessons, worked out once per request."""

    __slots__ = ("edit", "mark", "see", "see_unreleased")

    def __init__(self, *, see: bool, see_unreleased: bool, edit: bool, mark: bool) -> None:
        self.see, self.see_unreleased, self.edit, self.mark = see, see_unreleased, edit, mark


def lesson_abilities(user: Actor, cohort: Cohort, *, role: str | None = None) -> LessonAbilities:
    """The one rule: members see the lessons (students the released ones; staff all, before
    their date); instructors of this cohort and the course's managers write them, post
    announcements and see everyone's progress with the staff; students keep their own
    progress."""
    role = role if role is not None else cohort_role(user, cohort)
    manages = role != CohortRole.INSTRUCTOR and can_manage_course(user, cohort.course)
    return LessonAbilities(
        see=role is not None or manages,
        see_unreleased=role in STAFF_ROLES or manages,
        edit=role == CohortRole.INSTRUCTOR or manages,
        mark=role == CohortRole.STUDENT,
    )


def can_edit_lessons(user: Actor, cohort: Cohort) -> bool:
    return lesson_abilities(user, cohort).edit


def can_mark_lessons(user: Actor, cohort: Cohort) -> bool:
    return lesson_abilities(user, cohort).mark


def can_post_announcement(user: Actor, cohort: Cohort) -> bool:
    return lesson_abilities(user, cohort).edit


def can_see_lessons(user: Actor, cohort: Cohort) -> bool:
    return lesson_abilities(user, cohort).see


def get_cohort_lessons_for(user: Actor, slug: str, pk: int, *, action: str = "view") -> Cohort:
    """Load a cohort for its lessons and check `action` ("view", "edit", "mark",
    "progress") in one step: 404 when the person may not see the cohort's lessons at all,
    403 when they may but not do `action`. Leaves `lessons_can` (LessonAbilities) on it."""
    cohort = get_cohort_for(user, slug, pk)
    can = lesson_abilities(user, cohort, role=cohort.viewer_role)  # type: ignore[attr-defined]
    cohort.lessons_can = can  # type: ignore[attr-defined]
    if not can.see:
        raise Http404
    allowed = {
        "view": True,
        "edit": can.edit,
        "mark": can.mark,
        "progress": can.see_unreleased,
    }[action]
    if not allowed:
        raise PermissionDenied
    return cohort


def get_cohort_lessons_by_pk_for(user: Actor, pk: int, *, action: str = "view") -> Cohort:
    """The same, for the API, which names a cohort by its id alone."""
    slug = Cohort.objects.filter(pk=pk).values_list("course__slug", flat=True).first()
    if slug is None:
        raise Http404
    return get_cohort_lessons_for(user, slug, pk, action=action)


def lessons_visible_in(cohort: Cohort) -> "QuerySet[Lesson]":
    """The cohort's lessons the viewer (whose abilities get_cohort_lessons_for left on the
    cohort) may see: all of them for staff, the released ones for students."""
    lessons = Lesson.objects.filter(module__cohort=cohort)
    if not cohort.lessons_can.see_unreleased:  # type: ignore[attr-defined]
        lessons = lessons.filter(release_at__lte=timezone.now())
    return lessons


def get_lesson_for(
    user: Actor, slug: str, pk: int, lesson_pk: int, *, action: str = "view"
) -> Lesson:
    """Load a lesson of a cohort and check `action` ("view", "edit", "mark"): 404 for a
    lesson the person may not see (another cohort's, or not released yet to a student)."""
    cohort = get_cohort_lessons_for(user, slug, pk)
    lesson = lessons_visible_in(cohort).select_related("module").filter(pk=lesson_pk).first()
    if lesson is None:
        raise Http404
    can = cohort.lessons_can  # type: ignore[attr-defined]
    if not {"view": True, "edit": can.edit, "mark": can.mark}[action]:
        raise PermissionDenied
    lesson.module.cohort = cohort
    return lesson


def get_lesson_by_pk_for(user: Actor, pk: int, lesson_pk: int, *, action: str = "view") -> Lesson:
    slug = Cohort.objects.filter(pk=pk).values_list("course__slug", flat=True).first()
    if slug is None:
        raise Http404
    return get_lesson_for(user, slug, pk, lesson_pk, action=action)
