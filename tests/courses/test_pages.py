"""The catalogue, course and cohort pages, and the access rules behind them."""

import pytest

from courses.models import CohortRole, EnrolmentStatus
from courses.services.cohorts import enrol_self
from tests.courses.support import make_cohort, make_course
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_courses_with_an_open_cohort_and_filters_them(client):
    open_cohort, _ = make_cohort()
    draft, _ = make_cohort(status="draft")
    english, _ = make_cohort(course=make_course(language="en", level="advanced")[0])

    page = client.get("/courses/").content.decode()
    assert open_cohort.course.title_zh in page and english.course.title_zh in page
    assert draft.course.title_zh not in page  # nothing open there yet

    filtered = client.get("/courses/?language=en&level=advanced").content.decode()
    assert english.course.title_zh in filtered and open_cohort.course.title_zh not in filtered
    by_org = client.get(f"/courses/?organisation={open_cohort.course.studio.slug}")
    assert open_cohort.course.title_zh in by_org.content.decode()


def test_a_cohort_page_says_who_runs_it_when_and_how_many_places_are_left(client):
    cohort, teacher = make_cohort(capacity=2)
    enrol_self(actor=UserFactory(), cohort=cohort)

    page = client.get(cohort.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert cohort.course.university.name_en in page and cohort.course.studio.name_en in page
    assert teacher.display_name_en in page
    assert "1 of 2" in page and "2027-03-01" in page
    assert "Sign in to join" in page


def test_a_student_joins_from_the_page_and_the_roster_is_for_staff_only(client):
    cohort, teacher = make_cohort()
    student = UserFactory()
    client.force_login(student)

    response = client.post(cohort.get_absolute_url() + "join/")

    assert response.status_code == 302
    assert cohort.enrolments.get(user=student).status == EnrolmentStatus.ENROLLED
    assert client.get(cohort.get_absolute_url() + "roster/").status_code == 403
    client.force_login(teacher)
    roster = client.get(cohort.get_absolute_url() + "roster/").content.decode()
    assert student.display_name_zh in roster


def test_draft_cohorts_and_their_courses_are_hidden_from_everyone_but_their_managers(client):
    cohort, teacher = make_cohort(status="draft")
    for viewer in (None, UserFactory()):
        if viewer:
            client.force_login(viewer)
        assert client.get(cohort.get_absolute_url()).status_code == 404
        assert client.get(cohort.course.get_absolute_url()).status_code == 404
    client.force_login(teacher)
    assert client.get(cohort.get_absolute_url()).status_code == 200


def test_an_instructor_of_one_cohort_has_no_power_over_another(client):
    cohort, _teacher = make_cohort(mode="application")
    other_teacher = make_cohort()[1]
    applicant = UserFactory()
    application = enrol_self(actor=applicant, cohort=cohort)
    client.force_login(other_teacher)

    assert client.get(cohort.get_absolute_url() + "roster/").status_code == 403
    response = client.post(
        cohort.get_absolute_url() + "roster/action/",
        {"action": "approve", "enrolment": application.pk},
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == EnrolmentStatus.APPLIED


def test_an_instructor_invites_adds_staff_and_approves_from_the_roster(client):
    cohort, teacher = make_cohort(mode="application")
    applicant, guest, mentor = UserFactory(), UserFactory(), UserFactory()
    application = enrol_self(actor=applicant, cohort=cohort)
    client.force_login(teacher)
    action = cohort.get_absolute_url() + "roster/action/"

    client.post(action, {"action": "approve", "enrolment": application.pk})
    client.post(action, {"action": "invite", "email": guest.email})
    client.post(action, {"action": "staff", "email": mentor.email, "role": "mentor"})
    client.post(action, {"action": "staff", "email": "nobody@example.com", "role": "mentor"})

    roles = dict(cohort.members.values_list("user_id", "role"))
    assert roles[applicant.pk] == CohortRole.STUDENT and roles[mentor.pk] == CohortRole.MENTOR
    assert cohort.enrolments.get(user=guest).status == EnrolmentStatus.INVITED


def test_the_roster_changes_a_staff_role_and_takes_people_off_it(client):
    cohort, teacher = make_cohort()
    student, mentor = UserFactory(), UserFactory()
    enrol_self(actor=student, cohort=cohort)
    action = cohort.get_absolute_url() + "roster/action/"
    client.force_login(teacher)
    client.post(action, {"action": "staff", "email": mentor.email, "role": "mentor"})
    members = dict(cohort.members.values_list("user_id", "pk"))

    page = client.get(cohort.get_absolute_url() + "roster/").content.decode()
    client.post(action, {"action": "role", "member": members[mentor.pk], "role": "assistant"})
    client.post(action, {"action": "role", "member": members[student.pk], "role": "mentor"})
    client.post(action, {"action": "remove_member", "member": members[student.pk]})

    assert f'name="member" value="{members[student.pk]}"' in page
    roles = dict(cohort.members.values_list("user_id", "role"))
    assert roles == {teacher.pk: CohortRole.INSTRUCTOR, mentor.pk: CohortRole.ASSISTANT}
    assert cohort.enrolments.get(user=student).status == EnrolmentStatus.REMOVED
    # The last instructor stays; another cohort's member is not reachable from this one.
    client.post(action, {"action": "remove_member", "member": members[teacher.pk]})
    assert cohort.members.filter(user=teacher).exists()
    other, _ = make_cohort()
    stranger = other.members.get()
    assert (
        client.post(action, {"action": "remove_member", "member": stranger.pk}).status_code == 404
    )
    assert client.post(action, {"action": "role", "member": "9" * 40}).status_code == 404


def test_a_mentor_sees_the_roster_but_changes_nothing_on_it(client):
    cohort, teacher = make_cohort()
    student, mentor = UserFactory(), UserFactory()
    enrol_self(actor=student, cohort=cohort)
    client.force_login(teacher)
    client.post(
        cohort.get_absolute_url() + "roster/action/",
        {"action": "staff", "email": mentor.email, "role": "mentor"},
    )
    member = cohort.members.get(user=student)
    client.force_login(mentor)

    page = client.get(cohort.get_absolute_url() + "roster/")
    response = client.post(
        cohort.get_absolute_url() + "roster/action/",
        {"action": "remove_member", "member": member.pk},
    )

    assert page.status_code == 200 and "remove_member" not in page.content.decode()
    assert response.status_code == 403 and cohort.members.filter(pk=member.pk).exists()


def test_bad_dates_keep_what_was_typed_and_say_why_beside_the_field(client):
    course, teacher = make_course()
    client.force_login(teacher)

    response = client.post(
        f"/courses/{course.slug}/cohorts/new/",
        {"name_zh": "秋季班", "starts_on": "2027-09-01", "ends_on": "2027-08-01", "capacity": 0,
         "enrolment_mode": "open"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip

    form = response.context["form"]
    assert set(form.errors) == {"ends_on", "capacity"}
    assert 'value="秋季班"' in response.content.decode()
