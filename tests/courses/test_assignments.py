from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Submission
from courses.requirements import check_script
from courses.services.assignments import late_penalty_points, submit
from scripts_app.services.revisions import revision_save
from tests.courses.support import enrolled, make_assignment, make_cohort
from tests.support.factories import add_collaborator, admin_of, make_series

pytestmark = pytest.mark.django_db

THREE = "".join(
    f"第{n}集 第{n}集\n{n}-1 日 内 法院\n人物：林晚\n△法槌落下。\n林晚：我反对。\n【卡点】门开了。\n"
    for n in range(1, 4)
)
WITH_FRONT = "大纲\n一个律师的成长。\n\n人物小传\n林晚（28岁）：律师。\n\n" + THREE.replace(
    "△法槌落下。\n林晚：我反对。\n【卡点】门开了。\n第3集",
    "△法槌落下。\n林晚：我反对。\n【付费卡点】门开了。\n第3集",
)


class Req:
    """An assignment's requirement fields, without the database."""

    episodes_from = 1
    episodes_to = 3
    required_format = ""
    min_episode_seconds = None
    max_episode_seconds = None
    hooks_required = False
    paywall_required = False
    character_list_required = False
    synopsis_required = False

    def __init__(self, **fields):
        self.__dict__.update(fields)


def outcome(text, **fields):
    return {c.code: c.passed for c in check_script(Req(**fields), text, "zh")}


def test_each_requirement_passes_or_fails_from_the_document_model():
    everything = {
        "required_format": "zh", "hooks_required": True, "paywall_required": True,
        "character_list_required": True, "synopsis_required": True, "min_episode_seconds": 1,
        "max_episode_seconds": 600,
    }  # fmt: skip
    assert all(outcome(WITH_FRONT, **everything).values())
    bare = outcome(THREE, **everything)
    assert bare["episodes"] and bare["hooks"] and bare["format"]
    assert not bare["paywall"] and not bare["characters"] and not bare["synopsis"]
    assert outcome(THREE, episodes_to=5) == {"episodes": False}
    assert outcome(THREE, required_format="fountain")["format"] is False
    assert outcome(THREE, min_episode_seconds=500)["min_runtime"] is False
    no_hook = THREE.replace("【卡点】门开了。\n", "", 1)
    assert outcome(no_hook, hooks_required=True)["hooks"] is False


def test_a_failed_check_says_what_is_wrong_in_both_languages():
    checks = check_script(Req(episodes_to=5), THREE, "zh")
    assert checks[0].detail["en"] == "Missing: episode 4、5."
    assert "4、5" in checks[0].detail["zh"] and checks[0].detail["zh"] != checks[0].detail["en"]


def test_a_student_submits_a_revision_and_sees_the_checks_stored_with_it():
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher, episodes_to=5, hooks_required=True)
    student = enrolled(cohort)
    series = make_series(owner=student, text=THREE)

    submission = submit(actor=student, assignment=assignment, revision=series.head)

    assert {c["code"]: c["passed"] for c in submission.checks} == {"episodes": False, "hooks": True}
    assert not submission.checks_passed  # submitted anyway; graders see the failure
    assert [a.user for a in submission.authors.all()] == [student]


def test_later_edits_never_change_what_was_submitted():
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student = enrolled(cohort)
    series = make_series(owner=student, text=THREE)
    submission = submit(actor=student, assignment=assignment, revision=series.head)

    revision_save(actor=student, series=series, text=THREE + "追加", base=series.head)

    submission.refresh_from_db()
    assert submission.revision.number == 1


def test_resubmitting_replaces_the_current_one_and_keeps_every_submission():
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student = enrolled(cohort)
    series = make_series(owner=student, text=THREE)
    first = submit(actor=student, assignment=assignment, revision=series.head)
    series.refresh_from_db()
    revision_save(actor=student, series=series, text=THREE + "改", base=series.head)
    series.refresh_from_db()

    second = submit(actor=student, assignment=assignment, revision=series.head)

    first.refresh_from_db()
    assert first.replaced_at is not None and second.replaced_at is None
    assert Submission.objects.filter(assignment=assignment).count() == 2


def test_co_writers_in_the_cohort_submit_together():
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    owner, partner = enrolled(cohort), enrolled(cohort)
    series = make_series(owner=owner, text=THREE)
    from scripts_app.models import Collaborator

    Collaborator.objects.create(series=series, user=partner, role="cowriter", added_by=owner)
    outsider = add_collaborator(series)  # a co-writer who is not in the cohort

    submission = submit(actor=owner, assignment=assignment, revision=series.head)

    assert {a.user_id for a in submission.authors.all()} == {owner.pk, partner.pk}
    assert outsider.pk not in {a.user_id for a in submission.authors.all()}
    again = submit(actor=partner, assignment=assignment, revision=series.head)
    submission.refresh_from_db()
    assert submission.replaced_at is not None and again.replaced_at is None


def test_only_students_submit_and_only_revisions_of_series_they_write():
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student = enrolled(cohort)
    someone_elses = make_series(text=THREE)

    with pytest.raises(ValidationError):
        submit(actor=student, assignment=assignment, revision=someone_elses.head)
    with pytest.raises(PermissionDenied):
        submit(actor=teacher, assignment=assignment, revision=make_series(owner=teacher).head)


def test_late_submissions_carry_a_penalty_and_the_cut_off_refuses_with_the_time():
    cohort, teacher = make_cohort()
    due = timezone.now() - timedelta(days=2, hours=1)
    assignment = make_assignment(
        cohort, teacher, due_at=due, late_until=due + timedelta(days=5), late_penalty_percent=10,
        points=100,
    )  # fmt: skip
    student = enrolled(cohort)
    series = make_series(owner=student, text=THREE)

    late = submit(actor=student, assignment=assignment, revision=series.head)
    assert late.late_days == 3 and late_penalty_points(assignment, late) == 30

    with pytest.raises(ValidationError, match="截止提交"):
        submit(
            actor=student, assignment=assignment, revision=series.head,
            now=due + timedelta(days=6),
        )  # fmt: skip


def test_a_studio_partners_admin_writes_the_studios_brief():
    cohort, _teacher = make_cohort()
    studio_admin = admin_of(cohort.course.studio)
    brief = make_assignment(cohort, studio_admin, title_zh="银发题材前三集")
    assert brief.studio == cohort.course.studio


def test_bad_assignment_fields_are_refused_beside_each_field():
    cohort, teacher = make_cohort()
    with pytest.raises(ValidationError) as refused:
        make_assignment(
            cohort, teacher, late_until=timezone.now() - timedelta(days=30), episodes_from=5,
            episodes_to=2, pass_points=120, points=100,
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"late_until", "episodes_to", "pass_points"}


def test_a_student_checks_a_revision_then_submits_it_from_the_page(client):
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher, episodes_to=5)
    student = enrolled(cohort)
    student.language = "en"
    student.save(update_fields=["language"])
    series = make_series(owner=student, text=THREE)
    client.force_login(student)
    url = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/assignments/{assignment.pk}/"

    checked = client.get(url, {"revision": series.head.pk}).content.decode()
    assert "Missing: episode 4、5." in checked and "Submit this revision" in checked

    client.post(url, {"revision": series.head.pk})
    submission = Submission.objects.get()
    assert submission.revision == series.head
    page = client.get(f"/courses/submissions/{submission.pk}/").content.decode()
    assert "法槌落下" in page  # the frozen revision, in screenplay layout


def test_submissions_are_read_by_their_authors_and_the_cohorts_staff_only(client):
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student, classmate = enrolled(cohort), enrolled(cohort)
    other_teacher = make_cohort()[1]
    submission = submit(
        actor=student, assignment=assignment, revision=make_series(owner=student, text=THREE).head
    )
    url = f"/courses/submissions/{submission.pk}/"

    for outsider in (classmate, other_teacher):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(teacher)
    assert client.get(url).status_code == 200
    listing = client.get(
        f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/assignments/{assignment.pk}/"
    ).content.decode()
    assert str(student) in listing


def test_a_student_cannot_check_or_submit_a_revision_of_someone_elses_series(client):
    cohort, teacher = make_cohort()
    assignment = make_assignment(cohort, teacher)
    student = enrolled(cohort)
    private = make_series(text=THREE)
    client.force_login(student)
    url = f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/assignments/{assignment.pk}/"

    response = client.post(url, {"revision": private.head.pk})

    assert response.status_code == 200 and not Submission.objects.exists()
    assert "法槌落下" not in response.content.decode()


def test_the_studios_scouts_read_a_studio_brief_submission_only_with_consent(client):
    from accounts.models import Role
    from tests.support.factories import member_of

    cohort, _teacher = make_cohort()
    brief = make_assignment(cohort, admin_of(cohort.course.studio))
    scout = member_of(cohort.course.studio, roles=[Role.SCOUT])
    student = enrolled(cohort)
    series = make_series(owner=student, text=THREE)
    client.force_login(scout)

    private = submit(actor=student, assignment=brief, revision=series.head)
    assert client.get(f"/courses/submissions/{private.pk}/").status_code == 404
    shared = submit(actor=student, assignment=brief, revision=series.head, studio_may_read=True)
    assert client.get(f"/courses/submissions/{shared.pk}/").status_code == 200


def test_students_who_have_not_submitted_are_reminded_once_48_hours_before(run_on_commit):
    from core.models import Notification
    from courses.services.assignments import assignment_due_reminders

    cohort, teacher = make_cohort()
    soon = make_assignment(cohort, teacher, due_at=timezone.now() + timedelta(hours=30))
    make_assignment(cohort, teacher, due_at=timezone.now() + timedelta(days=5))  # not yet
    done, waiting = enrolled(cohort), enrolled(cohort)
    submit(actor=done, assignment=soon, revision=make_series(owner=done, text=THREE).head)

    with run_on_commit():
        assert assignment_due_reminders() == 1
        assert assignment_due_reminders() == 0  # claimed once

    told = Notification.objects.filter(kind="assignment_due_soon")
    assert [n.recipient_id for n in told] == [waiting.pk]
