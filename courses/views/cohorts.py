"""The catalogue, course and cohort pages, and every enrolment action."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import OrganisationKind
from accounts.selectors import organisations_list
from core.forms import add_service_errors
from courses import permissions, selectors
from courses.forms import CohortForm, CourseForm, InviteForm, JoinForm, StaffForm
from courses.models import CohortRole, CourseLevel, Enrolment, EnrolmentStatus
from courses.services import cohorts as services
from courses.views import lessons
from courses.workflows import COHORT_FLOW
from taxonomy.models import Term

COURSES_PER_PAGE = 20


def catalogue(request):
    filters = {
        key: request.GET.get(key, "").strip()
        for key in ("theme", "language", "level", "organisation")
    }
    courses = selectors.catalogue(request.user, **filters)
    page = Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/catalogue.html",
        {
            "page": page,
            "filters": filters,
            "themes": Term.objects.filter(kind="theme", is_active=True),
            "levels": CourseLevel.choices,
            "teaching_languages": settings.LANGUAGES,
            "organisations": organisations_list().exclude(kind=OrganisationKind.FUND_BODY),
            "can_create": permissions.can_create_course(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    universities = permissions.universities_for_new_courses(request.user)
    if not universities.exists():
        raise PermissionDenied
    form = CourseForm(
        request.POST or None,
        universities=universities,
        studios=organisations_list(kind=OrganisationKind.STUDIO),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course = services.course_create(
                actor=request.user,
                slug=data["slug"],
                university=data["university"],
                studio=data["studio"],
                themes=data["themes"],
                audiences=data["audiences"],
                **{field: data[field] for field in services.COURSE_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The course was created. Now add a cohort."))
            return redirect(course.get_absolute_url())
    return render(request, "courses/course_form.html", {"form": form})


@require_http_methods(["GET"])
def course_detail(request, slug: str):
    course = permissions.get_course_for(request.user, slug)
    manages = permissions.can_manage_course(request.user, course)
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "cohorts": selectors.cohorts_of(course, request.user, managers=manages),
            "manages": manages,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, slug: str):
    course = permissions.get_course_for(request.user, slug, action="manage")
    form = CourseForm(
        request.POST or None,
        instance=course,
        studios=organisations_list(kind=OrganisationKind.STUDIO),
        initial={"themes": course.themes.all(), "audiences": course.audiences.all()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.course_update(
                actor=request.user,
                course=course,
                studio=data["studio"],
                themes=data["themes"],
                audiences=data["audiences"],
                **{field: data[field] for field in services.COURSE_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(course.get_absolute_url())
    return render(request, "courses/course_form.html", {"form": form, "course": course})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request, slug: str):
    course = permissions.get_course_for(request.user, slug, action="manage")
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The cohort is being prepared. Open it for enrolment when it is ready.")
            )
            return redirect(cohort.get_absolute_url() + "roster/")
    return render(request, "courses/cohort_form.html", {"form": form, "course": course})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk, action="run")
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(actor=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(cohort.get_absolute_url() + "roster/")
    return render(
        request,
        "courses/cohort_form.html",
        {"form": form, "course": cohort.course, "cohort": cohort},
    )


def cohort_detail(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk)
    enrolment = selectors.enrolment_of(request.user, cohort)
    sees_roster = permissions.can_see_roster(request.user, cohort, role=cohort.viewer_role)
    return render(
        request,
        "courses/cohort_detail.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "instructors": selectors.roster(cohort).filter(role=CohortRole.INSTRUCTOR),
            "places": selectors.place_counts(cohort),
            "enrolment": enrolment,
            "can_enrol": permissions.can_enrol_self(request.user, cohort)
            and (enrolment is None or enrolment.status in ("left", "declined")),
            "sees_roster": sees_roster,
            "sees_assignments": bool(cohort.viewer_role) or sees_roster,
            "form": JoinForm(),
            **lessons.cohort_page_context(request.user, cohort),
        },
    )


@login_required
@require_POST
def cohort_join(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk)
    form = JoinForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        enrolment = services.enrol_self(actor=request.user, cohort=cohort, message=message)
    except PermissionDenied:
        messages.error(request, _("This cohort takes students by invitation only."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _status_message(enrolment))
    return redirect(cohort.get_absolute_url())


@login_required
@require_POST
def cohort_leave(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk)
    try:
        services.leave(actor=request.user, cohort=cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have left the cohort."))
    return redirect(cohort.get_absolute_url())


@login_required
@require_POST
def invitation_respond(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk)
    enrolment = selectors.enrolment_of(request.user, cohort)
    if enrolment is None or enrolment.status != EnrolmentStatus.INVITED:
        raise Http404
    try:
        enrolment = services.invitation_answer(
            actor=request.user, enrolment=enrolment, accept=request.POST.get("accept") == "1"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _status_message(enrolment))
    return redirect(cohort.get_absolute_url())


def _status_message(enrolment: Enrolment) -> str:
    return {
        EnrolmentStatus.ENROLLED: _("You are enrolled. Welcome!"),
        EnrolmentStatus.WAITLISTED: _("The cohort is full: you are on the wait list."),
        EnrolmentStatus.APPLIED: _("Your application was sent to the instructors."),
        EnrolmentStatus.DECLINED: _("You declined the invitation."),
    }.get(enrolment.status, _("Saved."))


@login_required
def cohort_roster(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk, action="roster")
    runs = permissions.can_run_cohort(request.user, cohort, role=cohort.viewer_role)
    return render(
        request,
        "courses/cohort_roster.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "members": list(selectors.roster_with_progress(cohort)),
            "lessons_released": selectors.released_count(cohort),
            "waiting": selectors.waiting_list(cohort),
            "places": selectors.place_counts(cohort),
            "runs": runs,
            "moves": [move.name for move in COHORT_FLOW.moves_from(cohort.status) if runs],
            "invite_form": InviteForm(),
            "staff_form": StaffForm(),
            "staff_roles": [(r.value, r.label) for r in CohortRole if r != CohortRole.STUDENT],
        },
    )


@login_required
@require_POST
def roster_action(request, slug: str, pk: int):
    """Every instructor action on the roster: invite, add staff, change a staff role,
    decide an application, take someone off the roster, open/close/finish the cohort."""
    cohort = permissions.get_cohort_for(request.user, slug, pk, action="run")
    action = request.POST.get("action", "")
    try:
        if action in ("invite", "staff"):
            form = (InviteForm if action == "invite" else StaffForm)(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Enter the e-mail address of a platform member."))
            email = form.cleaned_data["email"]
            if action == "invite":
                services.invite_by_email(actor=request.user, cohort=cohort, email=email)
            else:
                services.staff_add_by_email(
                    actor=request.user, cohort=cohort, email=email, role=form.cleaned_data["role"]
                )
        elif action in ("approve", "decline", "remove"):
            enrolment = (
                cohort.enrolments.filter(pk=request.POST.get("enrolment") or 0)
                .select_related("user", "cohort__course")
                .first()
            )
            if enrolment is None:
                raise Http404
            if action == "remove":
                services.student_remove(actor=request.user, enrolment=enrolment)
            else:
                services.application_decide(
                    actor=request.user, enrolment=enrolment, approve=action == "approve"
                )
        elif action in ("role", "remove_member"):
            member = permissions.get_cohort_member_for(
                request.user, cohort.pk, _int_or_zero(request.POST.get("member"))
            )
            if action == "role":
                services.staff_role_change(
                    actor=request.user, member=member, role=request.POST.get("role", "")
                )
            else:
                services.roster_member_remove(actor=request.user, member=member)
        elif action in ("open", "close", "finish"):
            services.cohort_move(actor=request.user, cohort=cohort, move=action)
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))
    return redirect(cohort.get_absolute_url() + "roster/")


def _int_or_zero(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 12 else 0
