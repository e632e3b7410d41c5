from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import Notification
from courses.models import CohortRole
from courses.selectors import gradebook
from courses.services.assignments import submit
from courses.services.cohorts import staff_add
from courses.services.grading import (
    final_grade,
    grade_save,
    grades_release,
    rubric_version_for,
)
from tests.courses.support import enrolled, make_assignment, make_cohort
from tests.courses.test_assignments import THREE
from tests.support.factories import UserFactory, make_series

pytestmark = pytest.mark.django_db


def all_scores(assignment, value):
    return {c.key: value for c in rubric_version_for(assignment).criteria.all()}


def setup(**assignment_fields):
    cohort, teacher = make_cohort(capacity=50)
    assignment = make_assignment(cohort, teacher, **assignment_fields)
    student = enrolled(cohort)
    submission = submit(
        actor=student, assignment=assignment, revision=make_series(owner=student, text=THREE).head
    )
    return cohort, teacher, assignment, student, submission


def test_a_grade_is_the_rubrics_weighted_overall_as_a_share_of_the_points():
    # The default pass mark (60) would exceed 50 points, which is refused: give one.
    _cohort, teacher, assignment, _student, submission = setup(points=50, pass_points=30)

    grade = grade_save(actor=teacher, submission=submission, scores=all_scores(assignment, 8))

    assert grade.points == Decimal("40.00")  # 8 of 10 on a 50-point assignment


def test_scores_out_of_range_or_missing_are_refused_per_criterion():
    _cohort, teacher, assignment, _student, submission = setup()
    scores = all_scores(assignment, 7)
    first, second = list(scores)[:2]
    scores[first], scores[second] = 11, ""

    with pytest.raises(ValidationError) as refused:
        grade_save(actor=teacher, submission=submission, scores=scores)

    assert set(refused.value.message_dict) == {first, second}


def test_instructors_and_mentors_grade_assistants_and_students_do_not():
    cohort, teacher, assignment, student, submission = setup()
    mentor, assistant = UserFactory(), UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=mentor, role=CohortRole.MENTOR)
    staff_add(actor=teacher, cohort=cohort, user=assistant, role=CohortRole.ASSISTANT)

    grade_save(actor=mentor, submission=submission, scores=all_scores(assignment, 6))
    for person in (assistant, student, make_cohort()[1]):
        with pytest.raises(PermissionDenied):
            grade_save(actor=person, submission=submission, scores=all_scores(assignment, 6))


def test_the_final_grade_averages_graders_and_takes_off_the_late_penalty():
    due = timezone.now() - timedelta(hours=30)
    _cohort, teacher, assignment, _student, submission = setup(
        due_at=due, late_until=due + timedelta(days=3), late_penalty_percent=5, points=100
    )
    mentor = UserFactory()
    staff_add(actor=teacher, cohort=assignment.cohort, user=mentor, role=CohortRole.MENTOR)
    grades = [
        grade_save(actor=teacher, submission=submission, scores=all_scores(assignment, 8)),
        grade_save(actor=mentor, submission=submission, scores=all_scores(assignment, 6)),
    ]

    result = final_grade(assignment, submission, grades)

    assert submission.late_days == 2
    assert (result.before_penalty, result.penalty, result.points) == (
        Decimal("70.00"), Decimal("10.00"), Decimal("60.00"),
    )  # fmt: skip
    assert result.passed  # 60 to pass


def test_students_see_their_grade_only_once_released_and_are_told(client, run_on_commit):
    cohort, teacher, assignment, student, submission = setup()
    grade_save(
        actor=teacher,
        submission=submission,
        scores=all_scores(assignment, 9),
        feedback="**好**钩子",
    )
    client.force_login(student)
    url = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/assignments/{assignment.pk}/"
    assert "90.00" not in client.get(url).content.decode()

    with run_on_commit():
        grades_release(actor=teacher, assignment=assignment)

    page = client.get(url).content.decode()
    assert "90.00" in page and "<strong>好</strong>" in page
    assert Notification.objects.filter(
        recipient=student, kind="assignment_grades_released"
    ).exists()
    with pytest.raises(ValidationError):
        grades_release(actor=teacher, assignment=assignment)


def test_the_gradebook_has_every_student_and_a_student_sees_only_their_own_row(client):
    cohort, teacher, assignment, student, submission = setup()
    classmate = enrolled(cohort)
    grade_save(actor=teacher, submission=submission, scores=all_scores(assignment, 7))

    assignments, rows = gradebook(cohort)
    assert [a.pk for a in assignments] == [assignment.pk]
    by_student = {row.student.pk: row for row in rows}
    assert by_student[student.pk].cells[0].points == Decimal("70.00")
    assert by_student[classmate.pk].cells[0].submission_id is None

    client.force_login(classmate)
    page = client.get(f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/gradebook/")
    assert str(student) not in page.content.decode()
    assert len(page.context["rows"]) == 1


def test_the_gradebook_exports_csv_that_excel_opens_in_chinese(client):
    cohort, teacher, assignment, student, submission = setup()
    grade_save(actor=teacher, submission=submission, scores=all_scores(assignment, 7))
    client.force_login(teacher)

    response = client.get(
        f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/gradebook/?format=csv"
    )

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert student.display_name_zh in body and "70.00" in body


def test_the_grader_view_shows_the_script_and_moves_to_the_next_submission(client):
    cohort, teacher, assignment, _student, first = setup()
    other = enrolled(cohort)
    second = submit(
        actor=other, assignment=assignment, revision=make_series(owner=other, text=THREE).head
    )
    client.force_login(teacher)
    scores = {f"score-{key}": 7 for key in all_scores(assignment, 7)}

    page = client.get(f"/courses/submissions/{first.pk}/grade/").content.decode()
    assert "法槌落下" in page and f"/courses/submissions/{second.pk}/grade/" in page
    response = client.post(
        f"/courses/submissions/{first.pk}/grade/", {**scores, "feedback": "", "then": "next"}
    )
    assert response["Location"].endswith(f"/courses/submissions/{second.pk}/grade/")
    bad = client.post(
        f"/courses/submissions/{second.pk}/grade/",
        {**scores, "score-x": 1} | {next(iter(scores)): 99},
    )
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.content.decode()


def test_the_certificate_waits_for_every_required_assignment_to_pass():
    from courses.completion import completion_status

    cohort, teacher, assignment, student, submission = setup(pass_points=60)
    idle = enrolled(cohort)
    optional = make_assignment(cohort, teacher, required=False)
    assert optional  # an optional assignment never holds anyone back

    status = completion_status(cohort)
    assert status[student.pk] and status[idle.pk]

    grade_save(actor=teacher, submission=submission, scores=all_scores(assignment, 5))
    assert (
        "pass mark" in " ".join(completion_status(cohort)[student.pk])
        or completion_status(cohort)[student.pk]
    )
    grade_save(actor=teacher, submission=submission, scores=all_scores(assignment, 8))
    status = completion_status(cohort)
    assert status[student.pk] == [] and status[idle.pk]


def test_the_certificate_also_waits_for_every_released_lesson_to_be_done():
    from datetime import date

    from courses.completion import completion_status
    from courses.services.lessons import lesson_create, lesson_mark, module_create

    cohort, teacher = make_cohort()
    student = enrolled(cohort)
    cohort.starts_on = date(2020, 1, 1)
    cohort.save(update_fields=["starts_on"])
    module = module_create(actor=teacher, cohort=cohort, title_zh="单元")
    lesson = lesson_create(
        actor=teacher, module=module, title_zh="课", body="正文",
        release_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip

    assert completion_status(cohort)[student.pk]
    lesson_mark(actor=student, lesson=lesson, done=True)
    assert completion_status(cohort)[student.pk] == []


def test_graders_run_an_originality_report_on_a_submission_and_others_cannot(client, run_on_commit):
    from registry.models import Fingerprint, OriginalityReport

    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student = enrolled(cohort)
    series = make_series(owner=student, text=THREE)
    with run_on_commit():
        submit(actor=student, assignment=assignment, revision=series.head)
    assert Fingerprint.objects.filter(revision=series.head, reason="submitted").exists()
    url = f"/registry/series/{series.pk}/revisions/{series.head.number}/originality/"

    client.force_login(make_cohort()[1])  # an instructor of another cohort
    assert client.get(url).status_code == 404
    client.force_login(teacher)
    assert client.get(url).status_code == 200
    with run_on_commit():
        response = client.post(url)
    report = OriginalityReport.objects.get()
    assert response["Location"].endswith(f"/registry/originality/{report.pk}/")
    assert report.requested_by == teacher
