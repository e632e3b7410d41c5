"""The completion rule of a cohort, assembled from what each part of a course requires.

Lessons, assignments and later parts each know what "done" means for them; certificates
only need to ask whether a student is done and, if not, why. Each part registers a rule
from its `AppConfig.ready` (or module import)::

    def lessons_done(cohort, student_ids):
        missing = ...  # a fixed number of queries for the whole list
        return {student_id: [_("%(n)s lessons not done yet.") % {"n": n}] ...}

    register_completion_rule(lessons_done)

A rule is called with the cohort and the ids of the students to judge, and answers, for
the students who do *not* yet meet it, the reasons (translated strings, in the reader's
language: the rule is called when a page or an API answer is built). Students it leaves
out meet it. A rule must use a fixed number of queries whatever the number of students:
`completion_status` calls each rule once for the whole cohort. With no rule registered,
every enrolled student completes.
"""

from collections.abc import Callable, Iterable

from courses.models import Cohort, CohortMember, CohortRole

CompletionRule = Callable[[Cohort, list[int]], dict[int, list[str]]]
_rules: list[CompletionRule] = []


def register_completion_rule(rule: CompletionRule) -> None:
    """Add a rule (once)."""
    if rule not in _rules:
        _rules.append(rule)


def unregister_completion_rule(rule: CompletionRule) -> None:
    if rule in _rules:
        _rules.remove(rule)


def enrolled_student_ids(cohort: Cohort) -> list[int]:
    return list(
        CohortMember.objects.filter(cohort=cohort, role=CohortRole.STUDENT)
        .order_by("created_at", "pk")
        .values_list("user_id", flat=True)
    )


def completion_status(
    cohort: Cohort, *, student_ids: Iterable[int] | None = None
) -> dict[int, list[str]]:
    """For every enrolled student (or the given ones), the reasons they have not yet
    completed the cohort: an empty list means they have.

    One query for the students (none when `student_ids` is given), plus each rule's own
    fixed number.
    """
    ids = enrolled_student_ids(cohort) if student_ids is None else list(student_ids)
    status: dict[int, list[str]] = {student_id: [] for student_id in ids}
    if not ids:
        return status
    for rule in list(_rules):
        for student_id, reasons in rule(cohort, ids).items():
            if student_id in status:
                status[student_id].extend(str(reason) for reason in reasons)
    return status
