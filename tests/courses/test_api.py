import pytest

from courses.models import EnrolmentStatus, Submission
from tests.courses.support import enrolled, make_assignment, make_cohort
from tests.courses.test_assignments import THREE
from tests.support.factories import UserFactory, make_series

pytestmark = pytest.mark.django_db


def test_the_catalogue_and_a_course_are_public(plain_api_client):
    cohort, _ = make_cohort()
    make_cohort(status="draft")

    listing = plain_api_client.get("/api/v1/courses/").json()
    detail = plain_api_client.get(f"/api/v1/courses/{cohort.course.slug}/").json()

    assert [c["slug"] for c in listing["results"]] == [cohort.course.slug]
    assert detail["university"]["slug"] == cohort.course.university.slug
    assert [c["id"] for c in detail["cohorts"]] == [cohort.pk]
    public = plain_api_client.get(f"/api/v1/cohorts/{cohort.pk}/").json()
    assert public["places_left"] == cohort.capacity


def test_a_student_joins_checks_and_submits_through_the_api(api_client):
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher, episodes_to=5)
    student = UserFactory()
    series = make_series(owner=student, text=THREE)
    api_client.force_authenticate(student)

    joined = api_client.post(f"/api/v1/cohorts/{cohort.pk}/join/", {}, format="json")
    assert joined.status_code == 201 and joined.json()["status"] == EnrolmentStatus.ENROLLED
    base = f"/api/v1/cohorts/{cohort.pk}/assignments/{assignment.pk}/"
    checks = api_client.post(base + "check/", {"revision": series.head.pk}, format="json").json()
    assert {c["code"]: c["passed"] for c in checks} == {"episodes": False}
    made = api_client.post(base + "submissions/", {"revision": series.head.pk}, format="json")
    assert made.status_code == 201
    assert api_client.get(f"/api/v1/submissions/{made.json()['id']}/").status_code == 200


def test_the_api_keeps_the_pages_rules(api_client):
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student, outsider = enrolled(cohort), UserFactory()
    someone_elses = make_series(text=THREE)
    base = f"/api/v1/cohorts/{cohort.pk}/assignments/"

    api_client.force_authenticate(outsider)
    assert api_client.get(base).status_code == 404
    api_client.force_authenticate(student)
    refused = api_client.post(
        f"{base}{assignment.pk}/submissions/", {"revision": someone_elses.head.pk}, format="json"
    )
    assert refused.status_code == 404 and not Submission.objects.exists()
    api_client.force_authenticate(teacher)
    own = make_series(owner=teacher, text=THREE)
    not_a_student = api_client.post(
        f"{base}{assignment.pk}/submissions/", {"revision": own.head.pk}, format="json"
    )
    assert not_a_student.status_code == 403
    draft, _ = make_cohort(status="draft")
    assert api_client.get(f"/api/v1/cohorts/{draft.pk}/").status_code == 404


def test_graders_grade_and_release_through_the_api_and_students_see_only_their_row(api_client):
    from courses.services.assignments import submit
    from courses.services.grading import rubric_version_for

    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student, classmate = enrolled(cohort), enrolled(cohort)
    submission = submit(
        actor=student, assignment=assignment, revision=make_series(owner=student, text=THREE).head
    )
    scores = {c.key: 8 for c in rubric_version_for(assignment).criteria.all()}

    api_client.force_authenticate(classmate)
    assert (
        api_client.put(
            f"/api/v1/submissions/{submission.pk}/grade/", {"scores": scores}, format="json"
        ).status_code
        == 404
    )
    api_client.force_authenticate(teacher)
    graded = api_client.put(
        f"/api/v1/submissions/{submission.pk}/grade/", {"scores": scores, "feedback": "好"},
        format="json",
    )  # fmt: skip
    assert graded.status_code == 200 and graded.json()["points"] == "80.00"
    staff_view = api_client.get(f"/api/v1/cohorts/{cohort.pk}/gradebook/").json()
    assert staff_view["count"] == 2

    api_client.force_authenticate(student)
    mine = api_client.get(f"/api/v1/cohorts/{cohort.pk}/gradebook/").json()
    assert [row["student"] for row in mine["results"]] == [student.pk]
    assert mine["results"][0]["cells"][0]["points"] is None  # not released yet
    api_client.force_authenticate(teacher)
    released = api_client.post(
        f"/api/v1/cohorts/{cohort.pk}/assignments/{assignment.pk}/release-grades/"
    )
    assert released.status_code == 200
    api_client.force_authenticate(student)
    mine = api_client.get(f"/api/v1/cohorts/{cohort.pk}/gradebook/").json()
    assert mine["results"][0]["cells"][0]["points"] == "80.00"
    bad = {**scores, next(iter(scores)): 11}
    api_client.force_authenticate(teacher)
    assert (
        api_client.put(
            f"/api/v1/submissions/{submission.pk}/grade/", {"scores": bad}, format="json"
        ).status_code
        == 400
    )
