"""What each part of a course requires for the certificate (see courses/completion.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import Cohort
from courses.selectors import gradebook, lessons_outstanding


def required_assignments_passed(cohort: Cohort, student_ids: list[int]) -> dict[int, list[str]]:
    """Every required assignment graded at or above its pass mark (after lateness). Uses
    the gradebook's four queries for the whole cohort."""
    assignments, rows = gradebook(cohort)
    wanted = set(student_ids)
    unmet: dict[int, list[str]] = {}
    for row in rows:
        if row.student.pk not in wanted:
            continue
        for assignment, cell in zip(assignments, row.cells, strict=True):
            if not assignment.required:
                continue
            if cell.submission_id is None:
                reason = _("“%(title)s” was not submitted.")
            elif cell.points is None:
                reason = _("“%(title)s” is not graded yet.")
            elif cell.points < assignment.pass_points:
                reason = _("“%(title)s” is below its pass mark.")
            else:
                continue
            unmet.setdefault(row.student.pk, []).append(reason % {"title": assignment.title})
    return unmet


def released_lessons_done(cohort: Cohort, student_ids: list[int]) -> dict[int, list[str]]:
    """Every lesson released so far marked done (one query for the whole cohort)."""
    outstanding = lessons_outstanding(cohort, student_ids)
    return {
        student_id: [
            ngettext(
                "%(n)s released lesson is not marked done.",
                "%(n)s released lessons are not marked done.",
                count,
            )
            % {"n": count}
        ]
        for student_id, count in outstanding.items()
        if count
    }
