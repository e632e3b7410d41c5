"""The instructor side of the courses API: courses, cohorts, assignments and the roster,
with the pages' rules (the same access helpers and services), the single error body, and
answers that match the OpenAPI schema (api_client validates every answer)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.models import AuditEntry, Notification
from courses.models import (
    Assignment,
    Cohort,
    CohortMember,
    CohortRole,
    CohortStatus,
    Course,
    Enrolment,
    EnrolmentStatus,
    Lesson,
)
from courses.services.cohorts import enrol_self, staff_add
from taxonomy.models import Term
from tests.courses.lesson_support import make_lesson, running_cohort
from tests.courses.support import educator, enrolled, make_assignment, make_cohort, make_course
from tests.support.factories import OrganisationFactory, UserFactory, admin_of
from tests.support.openapi import _schema

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999


def _course_body(university, **fields):
    return {
        "slug": "hooks-101",
        "university": university.slug,
        "title_zh": "开场钩子",
        "title_en": "Opening Hooks",
        "language": "zh-hans",
        "level": "intro",
        **fields,
    }


def _cohort_body(**fields):
    return {
        "name_zh": "2027 秋季",
        "starts_on": "2027-09-01",
        "ends_on": "2027-12-31",
        "capacity": 20,
        **fields,
    }


def _instructor_of_another_cohort(course):
    """Someone who runs a cohort of the same course, and nothing else."""
    other, teacher = make_cohort(course=course)
    person = UserFactory()
    staff_add(actor=teacher, cohort=other, user=person, role=CohortRole.INSTRUCTOR)
    return person


# --- Courses ------------------------------------------------------------------------------


def test_an_educator_creates_and_edits_a_course_with_its_taxonomy_and_studio(api_client):
    teacher, university = educator()
    studio = OrganisationFactory(kind="studio")
    themes = list(Term.objects.filter(kind="theme").values_list("slug", flat=True)[:2])
    audience = Term.objects.filter(kind="audience").values_list("slug", flat=True)[0]
    api_client.force_authenticate(teacher)

    made = api_client.post(
        "/api/v1/courses/",
        _course_body(university, studio=studio.slug, themes=themes, audiences=[audience],
                     description_zh="**钩子**", certificate_shows_grade=True),
        format="json",
    )  # fmt: skip

    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["university"]["slug"] == university.slug and body["studio"]["slug"] == studio.slug
    assert sorted(body["themes"]) == sorted(themes) and body["audiences"] == [audience]
    assert body["certificate_shows_grade"] is True and body["cohorts"] == []
    course = Course.objects.get(slug="hooks-101")
    assert course.created_by == teacher
    assert AuditEntry.objects.filter(action="course.created", target_id=course.pk).exists()

    changed = api_client.patch(
        "/api/v1/courses/hooks-101/",
        {"title_en": "Hooks, Twists and Paywalls", "themes": themes[:1], "studio": None},
        format="json",
    )

    assert changed.status_code == 200, changed.json()
    course.refresh_from_db()
    assert course.title_en == "Hooks, Twists and Paywalls" and course.title_zh == "开场钩子"
    assert course.studio is None and course.level == "intro"
    assert list(course.themes.values_list("slug", flat=True)) == themes[:1]
    assert list(course.audiences.values_list("slug", flat=True)) == [audience]  # kept
    assert AuditEntry.objects.filter(action="course.updated", target_id=course.pk).exists()


def test_leaving_the_studio_out_of_a_course_change_keeps_the_partner(api_client):
    course, teacher = make_course()
    api_client.force_authenticate(teacher)

    response = api_client.patch(
        f"/api/v1/courses/{course.slug}/", {"level": "advanced"}, format="json"
    )

    assert response.status_code == 200
    course.refresh_from_db()
    assert course.studio is not None and course.level == "advanced"


def test_bad_course_input_names_the_field_and_creates_nothing(api_client):
    teacher, university = educator()
    someone_elses = OrganisationFactory(kind="university")
    make_course(slug="taken")
    api_client.force_authenticate(teacher)
    cases = [
        (_course_body(someone_elses), "university"),
        (_course_body(university, studio=university.slug), "studio"),
        (_course_body(university, slug="taken"), "slug"),
        (_course_body(university, slug="new"), "slug"),  # a page's address
        (_course_body(university, slug="两个字"), "slug"),
        (_course_body(university, level="expert"), "level"),
        (_course_body(university, title_zh=""), "title_zh"),
        (_course_body(university, themes=["no-such-theme"]), "themes"),
    ]
    before = Course.objects.count()

    for body, field in cases:
        response = api_client.post("/api/v1/courses/", body, format="json")
        assert response.status_code == 400, (field, response.json())
        assert field in response.json()["errors"], (field, response.json())

    assert Course.objects.count() == before


def test_only_educators_create_courses(api_client):
    university = OrganisationFactory(kind="university")
    admin_without_the_role = admin_of(university)

    api_client.force_authenticate(admin_without_the_role)
    assert api_client.post("/api/v1/courses/", _course_body(university)).status_code == 403
    api_client.force_authenticate(UserFactory())
    assert api_client.post("/api/v1/courses/", _course_body(university)).status_code == 403
    api_client.force_authenticate(None)
    assert api_client.post("/api/v1/courses/", _course_body(university)).status_code == 401
    assert not Course.objects.filter(slug="hooks-101").exists()


def test_a_course_is_changed_only_by_the_admins_of_its_university_and_studio(api_client):
    cohort, teacher = make_cohort()
    course = cohort.course
    url = f"/api/v1/courses/{course.slug}/"
    hidden, _owner = make_course()  # no cohort out of preparation: not public
    another_educator, _ = educator()
    student = enrolled(cohort)

    api_client.force_authenticate(admin_of(course.studio))
    assert api_client.patch(url, {"title_en": "By the studio"}, format="json").status_code == 200
    for person in (another_educator, student, _instructor_of_another_cohort(course)):
        api_client.force_authenticate(person)
        assert api_client.patch(url, {"title_en": "Mine now"}, format="json").status_code == 403
        response = api_client.patch(f"/api/v1/courses/{hidden.slug}/", {}, format="json")
        assert response.status_code == 404
    api_client.force_authenticate(None)
    assert api_client.patch(url, {"title_en": "Anon"}, format="json").status_code == 401
    course.refresh_from_db()
    assert course.title_en == "By the studio"
    api_client.force_authenticate(teacher)
    response = api_client.patch(url, {"title_zh": ""}, format="json")
    assert response.status_code == 400 and "title_zh" in response.json()["errors"]


# --- Cohorts ------------------------------------------------------------------------------


def test_a_course_manager_creates_a_cohort_opens_and_closes_it(api_client):
    course, teacher = make_course()
    api_client.force_authenticate(teacher)

    made = api_client.post(f"/api/v1/courses/{course.slug}/cohorts/", _cohort_body(), format="json")

    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["status"] == CohortStatus.DRAFT and body["places_left"] == 20
    assert body["enrolment_mode"] == "open" and body["course"] == course.slug
    cohort = Cohort.objects.get(pk=body["id"])
    assert CohortMember.objects.get(cohort=cohort).user == teacher  # its first instructor
    moved = api_client.post(f"/api/v1/cohorts/{cohort.pk}/move/", {"move": "open"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == CohortStatus.OPEN
    again = api_client.post(f"/api/v1/cohorts/{cohort.pk}/move/", {"move": "open"}, format="json")
    assert again.status_code == 409 and "non_field_errors" in again.json()["errors"]
    closed = api_client.post(f"/api/v1/cohorts/{cohort.pk}/move/", {"move": "close"}, format="json")
    assert closed.json()["status"] == CohortStatus.CLOSED
    unknown = api_client.post(f"/api/v1/cohorts/{cohort.pk}/move/", {"move": "x"}, format="json")
    assert unknown.status_code == 400 and "move" in unknown.json()["errors"]
    assert AuditEntry.objects.filter(action="cohort.created", target_id=cohort.pk).count() == 1


def test_bad_cohort_input_names_each_field_and_changes_nothing(api_client):
    cohort, teacher = make_cohort(capacity=5)
    enrolled(cohort), enrolled(cohort)
    course_url = f"/api/v1/courses/{cohort.course.slug}/cohorts/"
    api_client.force_authenticate(teacher)

    both = api_client.post(
        course_url, _cohort_body(starts_on="2027-09-01", ends_on="2027-08-31", capacity=0),
        format="json",
    )  # fmt: skip
    assert both.status_code == 400
    assert set(both.json()["errors"]) == {"ends_on", "capacity"}
    for body, field in [
        (_cohort_body(capacity=HUGE), "capacity"),
        (_cohort_body(capacity=-1), "capacity"),
        (_cohort_body(enrolment_mode="lottery"), "enrolment_mode"),
        (_cohort_body(starts_on="2027-02-30"), "starts_on"),
        (_cohort_body(name_zh=""), "name_zh"),
    ]:
        response = api_client.post(course_url, body, format="json")
        assert response.status_code == 400 and field in response.json()["errors"], body
    assert Cohort.objects.filter(course=cohort.course).count() == 1

    url = f"/api/v1/cohorts/{cohort.pk}/"
    for body, field in [
        ({"ends_on": "2027-02-01"}, "ends_on"),  # before the cohort's own start
        ({"capacity": 1}, "capacity"),  # two students are enrolled
        ({"capacity": 0}, "capacity"),
    ]:
        response = api_client.patch(url, body, format="json")
        assert response.status_code == 400 and field in response.json()["errors"], body
    cohort.refresh_from_db()
    assert (cohort.ends_on, cohort.capacity) == (date(2027, 6, 30), 5)

    changed = api_client.patch(url, {"capacity": 2, "name_en": "Spring '27"}, format="json")
    assert changed.status_code == 200 and changed.json()["places_left"] == 0
    cohort.refresh_from_db()
    assert cohort.name_zh == "2027 春季" and cohort.starts_on == date(2027, 3, 1)  # kept


def test_a_cohort_is_run_only_by_its_instructors_and_the_courses_managers(api_client):
    cohort, teacher = make_cohort()
    draft, _ = make_cohort(course=cohort.course, status=CohortStatus.DRAFT)
    mentor = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=mentor, role=CohortRole.MENTOR)
    other_instructor = _instructor_of_another_cohort(cohort.course)
    student, stranger = enrolled(cohort), UserFactory()
    course_url = f"/api/v1/courses/{cohort.course.slug}/cohorts/"

    for person in (mentor, other_instructor, student, stranger):
        api_client.force_authenticate(person)
        # The cohort is public: seen, not run (as on the roster page).
        for method, path, body in [
            ("patch", f"/api/v1/cohorts/{cohort.pk}/", {"capacity": 99}),
            ("post", f"/api/v1/cohorts/{cohort.pk}/move/", {"move": "close"}),
            ("post", course_url, _cohort_body()),
        ]:
            response = getattr(api_client, method)(path, body, format="json")
            assert response.status_code == 403, (person, path)
        # Being prepared: not even seen.
        for method, path, body in [
            ("patch", f"/api/v1/cohorts/{draft.pk}/", {"capacity": 99}),
            ("post", f"/api/v1/cohorts/{draft.pk}/move/", {"move": "open"}),
        ]:
            response = getattr(api_client, method)(path, body, format="json")
            assert response.status_code == 404, (person, path)
    api_client.force_authenticate(None)
    response = api_client.patch(f"/api/v1/cohorts/{cohort.pk}/", {"capacity": 9}, format="json")
    assert response.status_code == 401
    cohort.refresh_from_db()
    assert cohort.capacity == 3 and cohort.status == CohortStatus.OPEN
    assert Cohort.objects.filter(course=cohort.course).count() == 3  # nobody added one

    api_client.force_authenticate(admin_of(cohort.course.studio))  # a course manager
    response = api_client.post(f"/api/v1/cohorts/{draft.pk}/move/", {"move": "open"})
    assert response.status_code == 200


# --- Assignments --------------------------------------------------------------------------


def test_an_instructor_publishes_and_edits_an_assignment_with_its_script_requirement(api_client):
    cohort, teacher = make_cohort()
    student = enrolled(cohort)
    due = timezone.now() + timedelta(days=7)
    api_client.force_authenticate(teacher)

    made = api_client.post(
        f"/api/v1/cohorts/{cohort.pk}/assignments/",
        {"title_zh": "前三集", "brief": "写出前三集。", "due_at": due.isoformat(),
         "late_until": (due + timedelta(days=2)).isoformat(), "late_penalty_percent": 20,
         "episodes_from": 1, "episodes_to": 3, "required_format": "zh", "hooks_required": True,
         "peer_reviewers": 2, "peer_weight_percent": 30},
        format="json",
    )  # fmt: skip

    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["studio"] is None and body["episodes_to"] == 3 and body["peer_reviewers"] == 2
    assert body["points"] == 100 and body["pass_points"] == 60  # the model's defaults
    url = f"/api/v1/cohorts/{cohort.pk}/assignments/{body['id']}/"
    changed = api_client.patch(url, {"points": 50, "pass_points": 30}, format="json")
    assert changed.status_code == 200 and changed.json()["points"] == 50
    assert changed.json()["required_format"] == "zh"  # kept
    assert AuditEntry.objects.filter(action="assignment.updated").count() == 1

    api_client.force_authenticate(student)
    assert api_client.get(url).json()["pass_points"] == 30
    assert api_client.patch(url, {"points": 1}, format="json").status_code == 403
    response = api_client.post(
        f"/api/v1/cohorts/{cohort.pk}/assignments/",
        {"title_zh": "学生出题", "brief": "x", "due_at": due.isoformat()},
        format="json",
    )
    assert response.status_code == 403
    assert Assignment.objects.get().points == 50


def test_bad_assignment_input_names_the_field_and_nothing_is_published(api_client):
    cohort, teacher = make_cohort()
    due = timezone.now() + timedelta(days=7)
    base = {"title_zh": "前三集", "brief": "写。", "due_at": due.isoformat()}
    url = f"/api/v1/cohorts/{cohort.pk}/assignments/"
    api_client.force_authenticate(teacher)
    cases = [
        ({"late_until": (due - timedelta(hours=1)).isoformat()}, "late_until"),
        ({"pass_points": 150}, "pass_points"),  # above the default 100 points
        ({"episodes_from": 4, "episodes_to": 2}, "episodes_to"),
        ({"episodes_from": 0}, "episodes_from"),
        ({"min_episode_seconds": 90, "max_episode_seconds": 60}, "max_episode_seconds"),
        ({"late_penalty_percent": 101}, "late_penalty_percent"),
        ({"peer_reviewers": 6}, "peer_reviewers"),
        ({"peer_weight_percent": 70, "review_quality_percent": 40}, "review_quality_percent"),
        ({"points": HUGE}, "points"),
        ({"points": 40_000}, "points"),  # beyond the column
        ({"required_format": "docx"}, "required_format"),
        ({"brief": ""}, "brief"),
        ({"due_at": "tomorrow"}, "due_at"),
    ]

    for extra, field in cases:
        response = api_client.post(url, {**base, **extra}, format="json")
        assert response.status_code == 400, (field, response.json())
        assert field in response.json()["errors"], (field, response.json())
    assert not Assignment.objects.exists()

    assignment = make_assignment(cohort, teacher, points=100, pass_points=60)
    detail = f"{url}{assignment.pk}/"
    response = api_client.patch(detail, {"points": 50}, format="json")  # below its pass mark
    assert response.status_code == 400 and "pass_points" in response.json()["errors"]
    assignment.refresh_from_db()
    assert assignment.points == 100


def test_an_assignment_by_the_studio_partners_admin_is_the_studios_brief(api_client):
    cohort, _teacher = make_cohort()
    studio_admin = admin_of(cohort.course.studio)
    api_client.force_authenticate(studio_admin)

    made = api_client.post(
        f"/api/v1/cohorts/{cohort.pk}/assignments/",
        {"title_zh": "工作室命题", "brief": "为银发观众写三集。",
         "due_at": (timezone.now() + timedelta(days=7)).isoformat()},
        format="json",
    )  # fmt: skip

    assert made.status_code == 201 and made.json()["studio"] == cohort.course.studio.slug


def test_assignments_of_another_cohort_are_not_there_for_its_people(api_client):
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    other, other_teacher = make_cohort(course=cohort.course)
    other_instructor = _instructor_of_another_cohort(cohort.course)
    base = f"/api/v1/cohorts/{cohort.pk}/assignments/"
    body = {"title_zh": "越权", "brief": "x", "due_at": timezone.now().isoformat()}

    for person in (other_instructor, enrolled(other), UserFactory()):
        api_client.force_authenticate(person)
        assert api_client.post(base, body, format="json").status_code == 404
        assert api_client.get(f"{base}{assignment.pk}/").status_code == 404
        assert api_client.patch(f"{base}{assignment.pk}/", {"points": 1}).status_code == 404
    api_client.force_authenticate(other_teacher)
    # This cohort's assignment through the other cohort's address: no such assignment there.
    wrong = f"/api/v1/cohorts/{other.pk}/assignments/{assignment.pk}/"
    assert api_client.patch(wrong, {"points": 1}, format="json").status_code == 404
    api_client.force_authenticate(None)
    assert api_client.post(base, body, format="json").status_code == 401
    assert Assignment.objects.count() == 1 and Assignment.objects.get().points == 100


def test_instructors_start_peer_review_early_and_only_once(api_client):
    from tests.courses.test_peer_review import cohort_with_submissions

    cohort, teacher, assignment, students = cohort_with_submissions()
    none_asked = make_assignment(cohort, teacher)
    url = f"/api/v1/cohorts/{cohort.pk}/assignments/{assignment.pk}/peer-review/"

    api_client.force_authenticate(students[0])
    assert api_client.post(url).status_code == 403
    api_client.force_authenticate(teacher)
    started = api_client.post(url)
    assert started.status_code == 200 and started.json() == {"assigned": 8}
    assert api_client.post(url).status_code == 400  # already started
    refused = api_client.post(
        f"/api/v1/cohorts/{cohort.pk}/assignments/{none_asked.pk}/peer-review/"
    )
    assert refused.status_code == 400 and "non_field_errors" in refused.json()["errors"]


# --- The roster ---------------------------------------------------------------------------


def test_the_roster_lists_staff_and_students_with_their_progress_for_staff_only(api_client):
    from courses.services.lessons import lesson_mark

    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    make_lesson(cohort, teacher)
    mentor = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=mentor, role=CohortRole.MENTOR)
    keen, idle = enrolled(cohort), enrolled(cohort)
    lesson_mark(actor=keen, lesson=lesson, done=True)
    url = f"/api/v1/cohorts/{cohort.pk}/members/"

    for person in (teacher, mentor):
        api_client.force_authenticate(person)
        rows = {row["user"]: row for row in api_client.get(url).json()["results"]}
        assert rows[keen.pk]["lessons_done"] == 1 and rows[idle.pk]["lessons_done"] == 0
        assert rows[keen.pk]["lessons_released"] == 2
        assert rows[teacher.pk]["role"] == "instructor" and rows[teacher.pk]["lessons_done"] is None
        assert rows[mentor.pk]["role"] == "mentor"
        assert all("email" not in row for row in rows.values())
    for person in (keen, _instructor_of_another_cohort(cohort.course), UserFactory()):
        api_client.force_authenticate(person)
        assert api_client.get(url).status_code == 403
        assert api_client.get(f"/api/v1/cohorts/{cohort.pk}/enrolments/").status_code == 403
    draft, _ = make_cohort(course=cohort.course, status=CohortStatus.DRAFT)
    assert api_client.get(f"/api/v1/cohorts/{draft.pk}/members/").status_code == 404
    api_client.force_authenticate(None)
    assert api_client.get(url).status_code == 401


def test_instructors_add_staff_change_their_roles_and_remove_them(api_client):
    cohort, teacher = make_cohort()
    newcomer = UserFactory(email="Mentor.Wang@example.com")
    url = f"/api/v1/cohorts/{cohort.pk}/members/"
    api_client.force_authenticate(teacher)

    added = api_client.post(url, {"email": "mentor.wang@example.com", "role": "mentor"})
    assert added.status_code == 201, added.json()
    member = added.json()
    assert member["user"] == newcomer.pk and member["role"] == "mentor"
    cases = [
        ({"email": "mentor.wang@example.com", "role": "assistant"}, "email"),  # already in
        ({"email": "nobody@example.com", "role": "mentor"}, "email"),
        ({"email": "not-an-address", "role": "mentor"}, "email"),
        ({"email": "mentor.wang@example.com", "role": "student"}, "role"),
    ]
    for body, field in cases:
        response = api_client.post(url, body, format="json")
        assert response.status_code == 400 and field in response.json()["errors"], body

    promoted = api_client.patch(f"{url}{member['id']}/", {"role": "instructor"}, format="json")
    assert promoted.status_code == 200 and promoted.json()["role"] == "instructor"
    mine = CohortMember.objects.get(cohort=cohort, user=teacher)
    assert api_client.delete(f"{url}{mine.pk}/").status_code == 204  # another instructor stays
    api_client.force_authenticate(newcomer)
    only = f"{url}{member['id']}/"
    last = api_client.patch(only, {"role": "mentor"}, format="json")
    assert last.status_code == 400 and "role" in last.json()["errors"]
    assert api_client.delete(only).status_code == 400
    assert list(cohort.members.values_list("user_id", "role")) == [(newcomer.pk, "instructor")]
    actions = set(AuditEntry.objects.filter(target_id=cohort.pk).values_list("action", flat=True))
    assert {"cohort.member_added", "cohort.member_role_changed", "cohort.member_removed"} <= actions


def test_removing_a_student_frees_their_place_for_the_wait_list(api_client, run_on_commit):
    cohort, teacher = make_cohort(capacity=1)
    student = enrolled(cohort)
    waiting = UserFactory()
    enrol_self(actor=waiting, cohort=cohort)
    member = CohortMember.objects.get(cohort=cohort, user=student)
    api_client.force_authenticate(teacher)

    with run_on_commit():
        response = api_client.delete(f"/api/v1/cohorts/{cohort.pk}/members/{member.pk}/")

    assert response.status_code == 204
    assert Enrolment.objects.get(user=student).status == EnrolmentStatus.REMOVED
    assert Enrolment.objects.get(user=waiting).status == EnrolmentStatus.ENROLLED
    assert Notification.objects.filter(recipient=student, kind="cohort_removed").exists()
    role = api_client.patch(
        f"/api/v1/cohorts/{cohort.pk}/members/{CohortMember.objects.get(user=waiting).pk}/",
        {"role": "mentor"},
        format="json",
    )
    assert role.status_code == 400 and "role" in role.json()["errors"]  # students enrol


def test_instructors_invite_and_decide_applications(api_client, run_on_commit):
    cohort, teacher = make_cohort(capacity=1, mode="application")
    first, second = UserFactory(), UserFactory()
    enrol_self(actor=first, cohort=cohort, message="我想学写钩子")
    enrol_self(actor=second, cohort=cohort)
    url = f"/api/v1/cohorts/{cohort.pk}/enrolments/"
    api_client.force_authenticate(teacher)

    listed = api_client.get(url).json()["results"]
    assert [(row["user"], row["status"]) for row in listed] == [
        (first.pk, "applied"), (second.pk, "applied"),
    ]  # fmt: skip
    assert listed[0]["message"] == "我想学写钩子"
    decide = f"{url}{listed[0]['id']}/decision/"
    assert api_client.post(decide, {"approve": True}).json()["status"] == "enrolled"
    assert api_client.post(decide, {"approve": True}).status_code == 409
    full = api_client.post(f"{url}{listed[1]['id']}/decision/", {"approve": True})
    assert full.json()["status"] == "waitlisted"  # the only place is taken
    assert api_client.post(f"{url}{listed[1]['id']}/decision/", {}).status_code == 400
    with run_on_commit():
        declined = api_client.post(f"{url}{listed[1]['id']}/decision/", {"approve": False})
    assert declined.json()["status"] == "declined"
    assert Notification.objects.filter(
        recipient=second, kind="cohort_application_declined"
    ).exists()

    invitee = UserFactory()
    with run_on_commit():
        invited = api_client.post(url, {"email": invitee.email.upper()}, format="json")
    assert invited.status_code == 201 and invited.json()["status"] == "invited"
    assert Notification.objects.filter(recipient=invitee, kind="cohort_invited").exists()
    for email in ("nobody@example.com", "bad address"):
        response = api_client.post(url, {"email": email}, format="json")
        assert response.status_code == 400 and "email" in response.json()["errors"]
    response = api_client.post(url, {"email": first.email}, format="json")  # already in
    assert response.status_code == 400


def test_roster_actions_on_another_cohorts_people_are_refused(api_client):
    cohort, teacher = make_cohort(mode="application")
    applicant = UserFactory()
    enrolment = enrol_self(actor=applicant, cohort=cohort)
    instructor_member = CohortMember.objects.get(cohort=cohort, role=CohortRole.INSTRUCTOR)
    other, other_teacher = make_cohort(course=cohort.course)
    mentor = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=mentor, role=CohortRole.MENTOR)
    base = f"/api/v1/cohorts/{cohort.pk}/"
    actions = [
        ("post", "members/", {"email": UserFactory().email, "role": "mentor"}),
        ("patch", f"members/{instructor_member.pk}/", {"role": "mentor"}),
        ("delete", f"members/{instructor_member.pk}/", None),
        ("post", "enrolments/", {"email": UserFactory().email}),
        ("post", f"enrolments/{enrolment.pk}/decision/", {"approve": True}),
    ]

    for person in (mentor, _instructor_of_another_cohort(cohort.course), applicant,
                   UserFactory()):  # fmt: skip
        api_client.force_authenticate(person)
        for method, path, body in actions:
            response = getattr(api_client, method)(base + path, body, format="json")
            assert response.status_code == 403, (person, path)
    api_client.force_authenticate(other_teacher)
    # This cohort's people through the other cohort's address: not there.
    gone = api_client.delete(f"/api/v1/cohorts/{other.pk}/members/{instructor_member.pk}/")
    assert gone.status_code == 404
    decided = api_client.post(
        f"/api/v1/cohorts/{other.pk}/enrolments/{enrolment.pk}/decision/", {"approve": True}
    )
    assert decided.status_code == 404
    api_client.force_authenticate(None)
    for method, path, body in actions:
        assert getattr(api_client, method)(base + path, body, format="json").status_code == 401
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert cohort.members.count() == 2


# --- Lessons: copying a cohort's syllabus -------------------------------------------------


def test_an_instructor_copies_another_cohorts_lessons_of_the_same_course(api_client):
    source, teacher = running_cohort()
    make_lesson(source, teacher), make_lesson(source, teacher)
    target, _ = running_cohort(course=source.course)
    elsewhere, _ = running_cohort()
    url = f"/api/v1/cohorts/{target.pk}/lessons/copy/"

    api_client.force_authenticate(enrolled(target))
    assert api_client.post(url, {"source": source.pk}).status_code == 403
    api_client.force_authenticate(teacher)
    for body in ({"source": elsewhere.pk}, {"source": target.pk}, {"source": HUGE}, {}):
        response = api_client.post(url, body, format="json")
        assert response.status_code == 400 and "source" in response.json()["errors"], body
    copied = api_client.post(url, {"source": source.pk}, format="json")

    assert copied.status_code == 201 and copied.json() == {"copied": 2}
    assert Lesson.objects.filter(module__cohort=target).count() == 2


# --- The published schema -----------------------------------------------------------------


def test_the_schema_publishes_the_instructor_operations():
    _components, routes = _schema()
    operations = {
        (operation["operationId"], method)
        for _pattern, path_item in routes
        for method, operation in path_item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    expected = {
        ("course_create", "post"), ("course_update", "patch"),
        ("course_cohort_create", "post"), ("cohort_update", "patch"), ("cohort_move", "post"),
        ("cohort_assignment_create", "post"), ("cohort_assignment_detail", "get"),
        ("cohort_assignment_update", "patch"), ("cohort_assignment_peer_review_start", "post"),
        ("cohort_members_list", "get"), ("cohort_staff_add", "post"),
        ("cohort_staff_role_change", "patch"), ("cohort_member_remove", "delete"),
        ("cohort_enrolments_list", "get"), ("cohort_invite", "post"),
        ("cohort_enrolment_decide", "post"), ("cohort_lessons_copy", "post"),
    }  # fmt: skip
    assert expected <= operations, expected - operations
