"""Graders' line notes: written beside the script in the grader view, shown to the
submission's students once the grades are released, final from then on."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEntry
from courses.models import CohortRole, GraderNote
from courses.services.assignments import submit
from courses.services.cohorts import staff_add
from courses.services.grading import grader_note_add, grader_note_delete, grades_release
from tests.courses.support import enrolled
from tests.courses.test_grading import setup
from tests.support.factories import UserFactory, make_series

pytestmark = pytest.mark.django_db

# Line 4 of THREE is "△法槌落下。"; line 6 is the hook.


def test_a_note_quotes_its_line_of_the_frozen_revision_and_is_audited():
    cohort, teacher, assignment, student, submission = setup()

    note = grader_note_add(actor=teacher, submission=submission, line=4, body=" 动作太单薄 ")

    assert (note.line, note.anchor_text, note.body) == (4, "△法槌落下。", "动作太单薄")
    assert AuditEntry.objects.filter(action="assignment.note_added").count() == 1


def test_a_note_needs_text_and_a_line_with_text_on_it():
    cohort, teacher, assignment, student, submission = setup()

    with pytest.raises(ValidationError) as empty:
        grader_note_add(actor=teacher, submission=submission, line=4, body="   ")
    assert "body" in empty.value.message_dict
    for line in (0, 10_000):
        with pytest.raises(ValidationError) as bad_line:
            grader_note_add(actor=teacher, submission=submission, line=line, body="x")
        assert "line" in bad_line.value.message_dict
    with pytest.raises(ValidationError):
        grader_note_add(actor=teacher, submission=submission, line=4, body="长" * 4001)
    assert not GraderNote.objects.exists()


def test_only_the_cohorts_graders_write_notes():
    cohort, teacher, assignment, student, submission = setup()
    assistant = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=assistant, role=CohortRole.ASSISTANT)
    mentor = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=mentor, role=CohortRole.MENTOR)

    grader_note_add(actor=mentor, submission=submission, line=4, body="ok")
    for outsider in (student, assistant, enrolled(cohort), UserFactory()):
        with pytest.raises(PermissionDenied):
            grader_note_add(actor=outsider, submission=submission, line=4, body="x")


def test_the_grader_view_adds_a_note_with_htmx_and_keeps_the_text_on_an_error(client):
    cohort, teacher, assignment, student, submission = setup()
    client.force_login(teacher)
    url = f"/courses/submissions/{submission.pk}/notes/"

    added = client.post(url, {"line": 4, "body": "更狠一点"}, HTTP_HX_REQUEST="true")
    refused = client.post(url, {"line": 2_000, "body": "留着我"}, HTTP_HX_REQUEST="true")

    assert added.status_code == 200 and "更狠一点" in added.content.decode()
    assert refused.status_code == 422 and refused["HX-Retarget"] == "#note-errors"
    page = client.get(f"/courses/submissions/{submission.pk}/grade/").content.decode()
    assert "更狠一点" in page and 'id="review-script"' in page
    assert GraderNote.objects.count() == 1


def test_students_read_the_notes_only_once_the_grades_are_released(client):
    cohort, teacher, assignment, student, submission = setup()
    grader_note_add(actor=teacher, submission=submission, line=6, body="钩子可以更早")
    client.force_login(student)
    page_url = f"/courses/submissions/{submission.pk}/"

    assert "钩子可以更早" not in client.get(page_url).content.decode()
    grades_release(actor=teacher, assignment=assignment)
    assert "钩子可以更早" in client.get(page_url).content.decode()
    assert client.post(
        f"/courses/submissions/{submission.pk}/notes/", {"line": 4, "body": "x"}
    ).status_code in (403, 404)


def test_classmates_and_strangers_never_reach_the_notes(client):
    cohort, teacher, assignment, student, submission = setup()
    note = grader_note_add(actor=teacher, submission=submission, line=6, body="私下的话")
    grades_release(actor=teacher, assignment=assignment)
    classmate = enrolled(cohort)
    submit(
        actor=classmate,
        assignment=assignment,
        revision=make_series(owner=classmate, text="第1集\n1-1 日 内 家\n△门开。\n").head,
    )
    for outsider in (classmate, UserFactory()):
        client.force_login(outsider)
        assert client.get(f"/courses/submissions/{submission.pk}/").status_code == 404
        assert client.get(f"/courses/submissions/{submission.pk}/grade/").status_code == 404
        assert (
            client.post(f"/courses/submissions/{submission.pk}/notes/{note.pk}/delete/").status_code
            == 404
        )
    assert GraderNote.objects.filter(pk=note.pk).exists()


def test_a_note_is_taken_back_by_its_author_only_and_not_after_release(client):
    cohort, teacher, assignment, student, submission = setup()
    co_teacher = UserFactory()
    staff_add(actor=teacher, cohort=cohort, user=co_teacher, role=CohortRole.INSTRUCTOR)
    kept = grader_note_add(actor=teacher, submission=submission, line=4, body="先留着")
    dropped = grader_note_add(actor=teacher, submission=submission, line=6, body="删掉")

    client.force_login(co_teacher)
    assert (
        client.post(f"/courses/submissions/{submission.pk}/notes/{dropped.pk}/delete/").status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        grader_note_delete(actor=co_teacher, note=dropped)
    grader_note_delete(actor=teacher, note=dropped)
    assert list(GraderNote.objects.values_list("pk", flat=True)) == [kept.pk]

    grades_release(actor=teacher, assignment=assignment)
    kept.refresh_from_db()
    with pytest.raises(ValidationError):
        grader_note_delete(actor=teacher, note=kept)
    assert GraderNote.objects.filter(pk=kept.pk).exists()


def test_the_api_lets_graders_write_and_students_read_after_release(api_client):
    cohort, teacher, assignment, student, submission = setup()
    url = f"/api/v1/submissions/{submission.pk}/notes/"
    api_client.force_authenticate(teacher)

    created = api_client.post(url, {"line": 4, "body": "节奏"}, format="json")
    refused = api_client.post(url, {"line": 3_000, "body": "节奏"}, format="json")

    assert created.status_code == 201 and created.json()["anchor_text"] == "△法槌落下。"
    assert refused.status_code == 400 and "line" in refused.json()["errors"]
    api_client.force_authenticate(student)
    assert api_client.get(url).status_code == 403
    assert api_client.post(url, {"line": 4, "body": "x"}, format="json").status_code == 403
    grades_release(actor=teacher, assignment=assignment)
    assert [n["body"] for n in api_client.get(url).json()["results"]] == ["节奏"]
    api_client.force_authenticate(UserFactory())
    assert api_client.get(url).status_code == 404
    api_client.force_authenticate(teacher)
    note_url = f"{url}{created.json()['id']}/"
    assert api_client.delete(note_url).status_code == 400  # released: final
