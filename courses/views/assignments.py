"""A cohort's assignments: the brief, the checks a student sees before submitting, the
submission itself, and the instructor's forms and list of submissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from courses import permissions, selectors
from courses.forms import AssignmentForm, SubmitForm
from courses.models import CohortRole
from courses.services import assignments as services
from courses.services.grading import final_grade
from courses.services.peer_review import peer_review_start, reviews_owed
from scripts_app.screenplay import screenplay_html_for_text
from scripts_app.selectors import revision_text


def _member_cohort(request, slug: str, pk: int):  # type: ignore[no-untyped-def]
    cohort = permissions.get_cohort_for(request.user, slug, pk)
    if cohort.viewer_role is None and not permissions.can_manage_course(
        request.user, cohort.course
    ):
        raise Http404
    return cohort


@login_required
def assignment_list(request, slug: str, pk: int):
    cohort = _member_cohort(request, slug, pk)
    return render(
        request,
        "courses/assignment_list.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "assignments": selectors.assignments_of(cohort),
            "can_author": permissions.can_author_assignment(request.user, cohort),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk)
    if not permissions.can_author_assignment(request.user, cohort):
        raise PermissionDenied
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_create(
                actor=request.user, cohort=cohort, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment was published to the cohort."))
            return redirect("courses:assignment_detail", slug, pk, assignment.pk)
    return render(
        request,
        "courses/assignment_form.html",
        {"form": form, "cohort": cohort, "course": cohort.course},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request, slug: str, pk: int, assignment_pk: int):
    cohort = _member_cohort(request, slug, pk)
    assignment = permissions.get_assignment_for(request.user, cohort, assignment_pk)
    if not permissions.can_edit_assignment(request.user, assignment):
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_update(
                actor=request.user, assignment=assignment, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("courses:assignment_detail", slug, pk, assignment.pk)
    return render(
        request,
        "courses/assignment_form.html",
        {"form": form, "cohort": cohort, "course": cohort.course, "assignment": assignment},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request, slug: str, pk: int, assignment_pk: int):
    """The brief; for a student, the checks of a chosen revision and the submit button;
    for staff, the current submissions."""
    cohort = _member_cohort(request, slug, pk)
    assignment = permissions.get_assignment_for(request.user, cohort, assignment_pk)
    is_student = cohort.viewer_role == CohortRole.STUDENT
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "assignment": assignment,
        "timing": services.submission_timing(assignment),
        "is_student": is_student,
        "can_edit": permissions.can_edit_assignment(request.user, assignment),
    }
    if is_student:
        choices = selectors.writable_revisions(request.user)
        form = SubmitForm(
            request.POST or request.GET or None,
            revisions=choices,
            studio=bool(assignment.studio_id),
        )
        checks = None
        if form.is_bound and form.is_valid():
            revision = selectors.writable_revision(request.user, form.cleaned_data["revision"])
            if revision is None:
                raise Http404
            if request.method == "POST":
                try:
                    services.submit(
                        actor=request.user,
                        assignment=assignment,
                        revision=revision,
                        studio_may_read=form.cleaned_data.get("studio_may_read", False),
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, _("Submitted. You may replace it until submissions close.")
                    )
                    return redirect("courses:assignment_detail", slug, pk, assignment.pk)
            checks = services.requirement_checks(assignment, revision)
        mine = selectors.current_submission(assignment, request.user)
        context.update(form=form, checks=checks, mine=mine)
        if assignment.peer_review_started_at:
            context["reviews_given"], context["reviews_owed"] = reviews_owed(
                assignment, request.user.pk
            )
        if mine is not None and assignment.grades_released_at:
            grades = list(selectors.grades_of(mine))
            if grades:
                context["my_grade"] = final_grade(
                    assignment, mine, grades, student_id=request.user.pk
                )
                context["my_feedback"] = [g.feedback for g in grades if g.feedback]
                context["my_note_count"] = selectors.grader_notes_of(mine).count()
    elif permissions.can_see_roster(request.user, cohort, role=cohort.viewer_role):
        context["submissions"] = selectors.current_submissions(assignment)
        context["can_grade"] = permissions.can_grade(request.user, cohort, role=cohort.viewer_role)
    return render(request, "courses/assignment_detail.html", context)


@login_required
def submission_detail(request, pk: int):
    """One submission as submitted: the frozen revision in screenplay layout, and the
    checks as they stood then."""
    submission = permissions.get_submission_for(request.user, pk)
    text = revision_text(submission.revision)
    return render(
        request,
        "courses/submission_detail.html",
        {
            "submission": submission,
            "assignment": submission.assignment,
            "cohort": submission.assignment.cohort,
            "authors": submission.authors.select_related("user"),
            "screenplay": screenplay_html_for_text(text, submission.revision.format),
            "notes": (
                selectors.grader_notes_of(submission)
                if permissions.can_see_grader_notes(request.user, submission)
                else None
            ),
        },
    )


@login_required
@require_http_methods(["POST"])
def start_peer_review(request, slug: str, pk: int, assignment_pk: int):
    """An instructor opens the cohort's peer review before submissions close."""
    cohort = permissions.get_cohort_for(request.user, slug, pk, action="run")
    assignment = permissions.get_assignment_for(request.user, cohort, assignment_pk)
    try:
        assigned = peer_review_start(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Peer review started: %(n)s reviews assigned.") % {"n": assigned}
        )
    return redirect("courses:assignment_detail", slug, pk, assignment.pk)
