from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Submission
from courses.services.assignments import submit
from courses.services.peer_review import peer_review_start, peer_reviews_due, reviews_owed
from reviews.models import Blindness, CreditEntry, ReviewAssignment
from scripts_app.models import Collaborator
from tests.courses.support import enrolled, make_assignment, make_cohort
from tests.courses.test_assignments import THREE
from tests.support.factories import make_series

pytestmark = pytest.mark.django_db


def cohort_with_submissions(count=4, **fields):
    cohort, teacher = make_cohort(capacity=50)
    assignment = make_assignment(cohort, teacher, peer_reviewers=2, **fields)
    students = [enrolled(cohort) for _ in range(count)]
    for student in students:
        submit(
            actor=student, assignment=assignment,
            revision=make_series(owner=student, text=THREE).head,
        )  # fmt: skip
    return cohort, teacher, assignment, students


def test_each_submission_gets_k_classmates_never_its_own_authors_and_no_credits_are_spent():
    _cohort, teacher, assignment, students = cohort_with_submissions()
    spent_before = CreditEntry.objects.count()

    assigned = peer_review_start(actor=teacher, assignment=assignment)

    assert assigned == 8
    loads = {s.pk: 0 for s in students}
    for submission in Submission.objects.filter(assignment=assignment):
        request = submission.review_request
        assert request.blindness == Blindness.DOUBLE and request.reviews_needed == 2
        reviewers = set(request.assignments.values_list("reviewer_id", flat=True))
        assert len(reviewers) == 2 and submission.submitted_by_id not in reviewers
        for reviewer in reviewers:
            loads[reviewer] += 1
    assert set(loads.values()) == {2}  # everyone reviews as much as they receive
    assert CreditEntry.objects.count() == spent_before
    assert reviews_owed(assignment, students[0].pk) == (0, 2)


def test_co_authors_never_review_their_own_group_submission():
    cohort, teacher = make_cohort(capacity=50)
    assignment = make_assignment(cohort, teacher, peer_reviewers=2)
    owner, partner, *others = [enrolled(cohort) for _ in range(4)]
    series = make_series(owner=owner, text=THREE)
    Collaborator.objects.create(series=series, user=partner, role="cowriter", added_by=owner)
    group = submit(actor=owner, assignment=assignment, revision=series.head)
    for student in others:
        submit(
            actor=student, assignment=assignment,
            revision=make_series(owner=student, text=THREE).head,
        )  # fmt: skip

    peer_review_start(actor=teacher, assignment=assignment)

    group.refresh_from_db()
    reviewers = set(group.review_request.assignments.values_list("reviewer_id", flat=True))
    assert not reviewers & {owner.pk, partner.pk}


def test_the_beat_task_starts_peer_review_once_submissions_close():
    due = timezone.now() - timedelta(days=2)
    _cohort, teacher, assignment, _students = cohort_with_submissions(
        due_at=timezone.now() + timedelta(days=1)
    )
    assert peer_reviews_due() == 0  # still open
    Submission.objects.filter(assignment=assignment)  # (submitted while open)
    type(assignment).objects.filter(pk=assignment.pk).update(due_at=due)

    assert peer_reviews_due() == 1
    assert peer_reviews_due() == 0
    assert (
        ReviewAssignment.objects.filter(request__course_submission__assignment=assignment).count()
        == 8
    )
    with pytest.raises(ValidationError):
        peer_review_start(actor=teacher, assignment=assignment)


def test_only_the_cohorts_instructors_start_it_early():
    _cohort, _teacher, assignment, students = cohort_with_submissions()
    with pytest.raises(PermissionDenied):
        peer_review_start(actor=students[0], assignment=assignment)
    with pytest.raises(PermissionDenied):
        peer_review_start(actor=make_cohort()[1], assignment=assignment)


def test_the_peer_score_counts_in_the_grade_with_the_assignments_weight():
    from decimal import Decimal

    from courses.selectors import gradebook
    from courses.services.grading import grade_save, rubric_version_for
    from reviews.services.reviewing import review_save
    from tests.support.factories import full_scores

    cohort, teacher, assignment, students = cohort_with_submissions(peer_weight_percent=50)
    peer_review_start(actor=teacher, assignment=assignment)
    target = Submission.objects.filter(assignment=assignment).order_by("pk").first()
    for review in target.review_request.assignments.select_related("reviewer"):
        review_save(
            actor=review.reviewer, assignment=review, scores=full_scores(6),
            overall_comment="结构清楚", submit=True,
        )  # fmt: skip
    scores = {c.key: 8 for c in rubric_version_for(assignment).criteria.all()}
    grade_save(actor=teacher, submission=target, scores=scores)

    _assignments, rows = gradebook(cohort)
    cell = next(row for row in rows if row.student.pk == target.submitted_by_id).cells[0]
    assert cell.points == Decimal("70.00")  # half the instructor's 80, half the peers' 60
    given, owed = reviews_owed(assignment, target.review_request.assignments.first().reviewer_id)
    assert given == 1 and owed == 1


def test_students_see_what_they_owe_and_instructors_start_it_from_the_page(client):
    cohort, teacher, assignment, students = cohort_with_submissions()
    url = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/assignments/{assignment.pk}/"
    client.force_login(teacher)

    response = client.post(url + "peer-review/")

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.peer_review_started_at is not None
    client.force_login(students[0])
    page = client.get(url).content.decode()
    assert "已完成 0 份评审，还欠 2 份" in page


def test_the_second_grade_counts_how_helpful_the_writers_found_a_students_reviews():
    from decimal import Decimal

    from courses.selectors import gradebook
    from courses.services.grading import grade_save, rubric_version_for
    from reviews.services.reviewing import review_rate, review_save
    from tests.support.factories import full_scores

    cohort, teacher, assignment, students = cohort_with_submissions(review_quality_percent=20)
    peer_review_start(actor=teacher, assignment=assignment)
    reviewer = students[0]
    mine = ReviewAssignment.objects.filter(reviewer=reviewer).select_related("request")
    for review in mine:
        done = review_save(
            actor=reviewer, assignment=review, scores=full_scores(7), overall_comment="好",
            submit=True,
        )  # fmt: skip
        review_rate(actor=review.request.requested_by, review=done, helpfulness=4)
    own = Submission.objects.get(assignment=assignment, submitted_by=reviewer)
    scores = {c.key: 8 for c in rubric_version_for(assignment).criteria.all()}
    grade_save(actor=teacher, submission=own, scores=scores)

    _assignments, rows = gradebook(cohort)
    cell = next(row for row in rows if row.student.pk == reviewer.pk).cells[0]
    # 80 % of the instructor's 80 + 20 % of (4 of 5 helpfulness = 80): 80.00
    assert cell.points == Decimal("80.00")
    grade_save(actor=teacher, submission=own, scores=dict.fromkeys(scores, 5))
    _assignments, rows = gradebook(cohort)
    cell = next(row for row in rows if row.student.pk == reviewer.pk).cells[0]
    assert cell.points == Decimal("56.00")  # 0.8 × 50 + 0.2 × 80


def test_places_classmates_cannot_fill_go_to_the_cohorts_verified_mentors():
    from courses.models import CohortRole
    from courses.services.cohorts import staff_add
    from tests.support.factories import verified_mentor

    cohort, teacher = make_cohort(capacity=50)
    assignment = make_assignment(cohort, teacher, peer_reviewers=3)
    mentor = verified_mentor()
    staff_add(actor=teacher, cohort=cohort, user=mentor, role=CohortRole.MENTOR)
    students = [enrolled(cohort) for _ in range(3)]  # each can have only 2 classmates
    for student in students:
        submit(
            actor=student, assignment=assignment,
            revision=make_series(owner=student, text=THREE).head,
        )  # fmt: skip

    peer_review_start(actor=teacher, assignment=assignment)

    for submission in Submission.objects.filter(assignment=assignment):
        reviewers = list(submission.review_request.assignments.values_list("reviewer_id", "role"))
        assert len(reviewers) == 3 and (mentor.pk, "mentor") in reviewers
