"""The grader view (the script beside the rubric, next and previous submission), releasing
grades, and the gradebook with its CSV export."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.files import generated_download
from courses import permissions, selectors
from courses.models import CohortRole
from courses.services import grading as services
from reviews.forms import LineNoteForm
from scripts_app.screenplay import screenplay_html_for_text
from scripts_app.selectors import revision_text


@login_required
@require_http_methods(["GET", "POST"])
def grade_submission(request, pk: int):
    submission = permissions.get_submission_for(request.user, pk)
    assignment = submission.assignment
    cohort = assignment.cohort
    if not permissions.can_grade(request.user, cohort):
        raise PermissionDenied
    version = services.rubric_version_for(assignment)
    criteria = list(version.criteria.order_by("position", "pk"))
    mine = selectors.grades_of(submission).filter(grader=request.user).first()
    scores = dict(mine.scores) if mine else {}
    feedback = mine.feedback if mine else ""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        scores = {c.key: request.POST.get(f"score-{c.key}", "").strip() for c in criteria}
        feedback = request.POST.get("feedback", "")
        try:
            services.grade_save(
                actor=request.user, submission=submission, scores=scores, feedback=feedback
            )
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, _("The grade was saved."))
            _previous, following = selectors.grader_neighbours(submission)
            if following and request.POST.get("then") == "next":
                return redirect("courses:grade_submission", following)
            return redirect("courses:grade_submission", submission.pk)
    previous, following = selectors.grader_neighbours(submission)
    return render(
        request,
        "courses/grade.html",
        {
            "submission": submission,
            "assignment": assignment,
            "cohort": cohort,
            "authors": submission.authors.select_related("user"),
            "screenplay": screenplay_html_for_text(
                revision_text(submission.revision), submission.revision.format
            ),
            "version": version,
            "rows": [(c, scores.get(c.key, ""), errors.get(c.key, [])) for c in criteria],
            "feedback": feedback,
            "grades": selectors.grades_of(submission),
            "notes": [
                (note, note.author_id == request.user.pk and not assignment.grades_released_at)
                for note in selectors.grader_notes_of(submission)
            ],
            "previous": previous,
            "following": following,
        },
    )


@login_required
@require_POST
def grader_note_add(request, pk: int):
    """A grader's line note, added beside the script without leaving the page (htmx) or by
    a plain post; on an error the form keeps what was typed."""
    submission = permissions.get_submission_for(request.user, pk)
    if not permissions.can_grade(request.user, submission.assignment.cohort):
        raise PermissionDenied
    form = LineNoteForm(request.POST)
    note, error_messages = None, []
    if form.is_valid():
        try:
            note = services.grader_note_add(
                actor=request.user, submission=submission, **form.cleaned_data
            )
        except ValidationError as error:
            error_messages = error.messages
    else:
        error_messages = [e for errors in form.errors.values() for e in errors]
    if request.htmx and note is not None:
        return render(
            request, "courses/partials/grader_note_added.html", {"note": note, "can_delete": True}
        )
    if request.htmx:
        response = render(
            request, "reviews/partials/note_errors.html", {"errors": error_messages}, status=422
        )
        response["HX-Retarget"] = "#note-errors"
        response["HX-Reswap"] = "innerHTML"
        return response
    if error_messages:
        messages.error(request, " ".join(error_messages))
    return redirect("courses:grade_submission", submission.pk)


@login_required
@require_POST
def grader_note_delete(request, pk: int, note_pk: int):
    note = permissions.get_own_grader_note_for(request.user, pk, note_pk)
    try:
        services.grader_note_delete(actor=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("courses:grade_submission", pk)


@login_required
@require_POST
def release_grades(request, slug: str, pk: int, assignment_pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk, action="run")
    assignment = permissions.get_assignment_for(request.user, cohort, assignment_pk)
    try:
        services.grades_release(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The grades are released to the students."))
    return redirect("courses:assignment_detail", slug, pk, assignment.pk)


@login_required
def gradebook(request, slug: str, pk: int):
    """Students × assignments. Staff see every row; a student sees only their own, and
    only the grades the instructor released."""
    cohort = permissions.get_cohort_for(request.user, slug, pk)
    role = cohort.viewer_role
    staff = permissions.can_see_roster(request.user, cohort, role=role)
    if not staff and role != CohortRole.STUDENT:
        raise PermissionDenied
    assignments, rows = selectors.gradebook(cohort, only_user_id=None if staff else request.user.pk)
    if not staff:
        rows = [_released_only(row) for row in rows]
    query = request.GET.get("q", "").strip()
    if staff and query:
        rows = [row for row in rows if query.lower() in str(row.student).lower()]
    if request.GET.get("format") == "csv":
        return _csv(cohort, assignments, rows)
    return render(
        request,
        "courses/gradebook.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "assignments": assignments,
            "rows": rows,
            "row_html": [_row_html(row) for row in rows],
            "staff": staff,
            "query": query,
        },
    )


def _row_html(row: selectors.GradebookRow) -> str:
    """One gradebook row's markup, built in one pass: 500 students × 10 assignments is
    5,000 cells, which the template engine takes several times longer to render."""
    not_graded = format_html('<span class="muted">{}</span>', _("not graded"))
    empty = mark_safe('<span class="muted">—</span>')
    cells = []
    for cell in row.cells:
        if cell.points is not None:
            late = (
                format_html(
                    ' <span class="muted small">{}</span>',
                    ngettext("%(counter)s day late", "%(counter)s days late", cell.late_days)
                    % {"counter": cell.late_days},
                )
                if cell.late_days
                else ""
            )
            cells.append(format_html("<td>{}{}</td>", cell.points, late))
        else:
            cells.append(format_html("<td>{}</td>", not_graded if cell.submission_id else empty))
    return format_html(
        '<tr><th scope="row">{}</th>{}<td>{}</td></tr>',
        row.student,
        mark_safe("".join(cells)),  # noqa: S308 - each cell escaped by format_html
        row.total,
    )


def _released_only(row: selectors.GradebookRow) -> selectors.GradebookRow:
    cells = [
        cell
        if cell.released
        else selectors.GradebookCell(cell.submission_id, False, None, cell.late_days, False)
        for cell in row.cells
    ]
    total = sum(
        (cell.points for cell in cells if cell.points is not None), start=type(row.total)(0)
    )
    return selectors.GradebookRow(row.student, cells, total)


def _csv(cohort, assignments, rows) -> HttpResponse:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Student"), *[a.title for a in assignments], _("Total")])
    for row in rows:
        writer.writerow(
            [
                str(row.student),
                *["" if c.points is None else c.points for c in row.cells],
                row.total,
            ]
        )
    # UTF-8 with a byte-order mark: Excel then opens Chinese names correctly.
    return generated_download(
        "\ufeff" + out.getvalue(),
        filename=f"gradebook-{cohort.pk}.csv",
        content_type="text/csv; charset=utf-8",
    )
