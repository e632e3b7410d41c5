import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEntry
from reviews.models import (
    CalibrationAttempt,
    CalibrationExemplar,
    LineNote,
    ReviewAssignment,
    ReviewerProfile,
    Rubric,
)
from reviews.selectors import credit_balance, report_for
from reviews.services.calibration import calibration_submit, needs_calibration
from reviews.services.requests import staff_decide
from reviews.services.reviewing import (
    line_note_add,
    note_reply,
    note_set_resolved,
    review_rate,
    review_save,
)
from scripts_app.services.revisions import revision_save
from tests.support.factories import (
    ZH_TWO_EPISODES,
    UserFactory,
    full_scores,
    make_series,
    peers,
    review_request,
)

pytestmark = pytest.mark.django_db
DIALOGUE_LINE = ZH_TWO_EPISODES.split("\n").index("林晚：能。但我需要您把工地的考勤表找出来。") + 1


@pytest.fixture
def request_with_two():
    series = make_series()
    peers(2)
    request = review_request(series, reviews_needed=2)
    return request, list(request.assignments.select_related("reviewer"))


def test_a_peer_calibrates_before_the_first_review_on_a_rubric(request_with_two):
    request, [assignment, _other] = request_with_two
    rubric = Rubric.objects.get(is_default=True)
    exemplar = CalibrationExemplar.objects.create(
        rubric=rubric,
        key="ex1",
        title="样例",
        format="zh",
        text="第1集\n△样例。\n",
        reference_scores={"premise": 4, "dialogue": 6},
    )
    reviewer = assignment.reviewer
    assert needs_calibration(reviewer, rubric)

    with pytest.raises(ValidationError):
        review_save(
            actor=reviewer,
            assignment=assignment,
            scores=full_scores(),
            overall_comment="好",
            submit=True,
        )

    attempt = calibration_submit(
        actor=reviewer, exemplar=exemplar, scores={"premise": 6, "dialogue": 6}
    )
    assert attempt.gap == pytest.approx(
        1 / 9
    )  # 2 points off on one of two criteria, on a 1–10 scale
    assert not needs_calibration(reviewer, rubric)
    assert ReviewerProfile.objects.get(user=reviewer).calibration == pytest.approx(1 / 9)


def test_drafts_save_partially_and_submission_needs_every_criterion(request_with_two):
    request, [assignment, _other] = request_with_two
    reviewer = assignment.reviewer

    review_save(
        actor=reviewer, assignment=assignment, scores={"premise": {"score": 7, "comment": "新"}}
    )
    with pytest.raises(ValidationError) as error:
        review_save(
            actor=reviewer, assignment=assignment, scores={}, overall_comment="", submit=True
        )

    assert (
        "scores.dialogue" in error.value.message_dict
        and "overall_comment" in error.value.message_dict
    )
    assert assignment.review.scores.get(criterion__key="premise").score == 7


def test_scores_outside_the_scale_are_refused(request_with_two):
    _request, [assignment, _other] = request_with_two

    with pytest.raises(ValidationError) as error:
        review_save(
            actor=assignment.reviewer, assignment=assignment, scores={"premise": {"score": 11}}
        )

    assert "scores.premise" in error.value.message_dict


def test_nobody_else_writes_someone_elses_review(request_with_two):
    request, [assignment, _other] = request_with_two

    for intruder in (request.series.owner, UserFactory()):
        with pytest.raises(PermissionDenied):
            review_save(actor=intruder, assignment=assignment, scores=full_scores())


def test_submitting_earns_a_credit_completes_the_request_and_is_final(
    request_with_two, run_on_commit
):
    request, assignments = request_with_two
    with run_on_commit():
        for assignment in assignments:
            review_save(
                actor=assignment.reviewer,
                assignment=assignment,
                scores=full_scores(7),
                overall_comment="好剧。",
                submit=True,
            )

    request.refresh_from_db()
    assert request.status == "completed"
    assert all(credit_balance(a.reviewer) == 1 for a in assignments)
    assert request.series.owner.notifications.filter(kind="review_completed").exists()
    with pytest.raises(ValidationError):
        review_save(actor=assignments[0].reviewer, assignment=assignments[0], scores=full_scores(2))


def test_diverging_scores_flag_the_request_and_staff_decide_on_the_record(request_with_two):
    request, [first, second] = request_with_two
    review_save(
        actor=first.reviewer,
        assignment=first,
        scores=full_scores(7, structure=2),
        overall_comment="a",
        submit=True,
    )
    review_save(
        actor=second.reviewer,
        assignment=second,
        scores=full_scores(7, structure=9),
        overall_comment="b",
        submit=True,
    )

    request.refresh_from_db()
    assert request.divergent_criteria == ["structure"]
    staff = UserFactory(staff=True)
    with pytest.raises(PermissionDenied):
        staff_decide(actor=request.series.owner, request=request, decision="我说了算")
    staff_decide(
        actor=staff, request=request, decision="结构问题属实，采用较低分的意见。", extra_review=True
    )

    request.refresh_from_db()
    assert request.reviews_needed == 3 and request.status == "open"
    entry = AuditEntry.objects.get(action="review.staff_decision")
    assert entry.actor == staff and entry.data["divergent"] == ["structure"]


def test_the_report_aggregates_with_the_median_and_reputation_weights(request_with_two):
    request, [first, second] = request_with_two
    review_save(
        actor=first.reviewer,
        assignment=first,
        scores=full_scores(6),
        overall_comment="a",
        submit=True,
    )
    review_save(
        actor=second.reviewer,
        assignment=second,
        scores=full_scores(8),
        overall_comment="b",
        submit=True,
    )

    report = report_for(request.series.owner, request)

    premise = next(row for row in report.rows if row.criterion.key == "premise")
    assert premise.summary.count == 2 and premise.summary.mean == 7
    assert 6 <= premise.summary.aggregate <= 8
    assert report.overall is not None and 6 <= report.overall <= 8


def test_line_notes_replies_and_resolution(request_with_two, run_on_commit):
    request, [assignment, _other] = request_with_two
    reviewer, writer = assignment.reviewer, request.series.owner
    note = line_note_add(
        actor=reviewer, assignment=assignment, line=DIALOGUE_LINE, body="这里交代太直白。"
    )
    assert note.anchor_text == "林晚：能。但我需要您把工地的考勤表找出来。"
    with pytest.raises(ValidationError):
        line_note_add(actor=reviewer, assignment=assignment, line=2, body="空行")
    with pytest.raises(ValidationError):
        note_reply(actor=writer, note=note, body="太早了")  # replies open once submitted

    review_save(
        actor=reviewer,
        assignment=assignment,
        scores=full_scores(),
        overall_comment="好",
        submit=True,
    )
    with run_on_commit():
        note_reply(actor=writer, note=note, body="改成了动作戏。")
    note_reply(actor=reviewer, note=note, body="好多了。")
    with pytest.raises(PermissionDenied):
        note_reply(actor=UserFactory(), note=note, body="路人")
    with pytest.raises(PermissionDenied):
        note_set_resolved(actor=reviewer, note=note, resolved=True)
    note_set_resolved(actor=writer, note=note, resolved=True)

    assert LineNote.objects.get(pk=note.pk).resolved
    assert reviewer.notifications.filter(kind="review_note_reply").exists()


def test_a_resolved_note_is_labelled_resolved_and_its_replies_stay_readable(
    request_with_two, client
):
    import re
    from pathlib import Path

    request, [assignment, _other] = request_with_two
    reviewer, writer = assignment.reviewer, request.series.owner
    note = line_note_add(
        actor=reviewer, assignment=assignment, line=DIALOGUE_LINE, body="这里交代太直白。"
    )
    review_save(
        actor=reviewer, assignment=assignment, scores=full_scores(), overall_comment="好",
        submit=True,
    )  # fmt: skip
    note_reply(actor=writer, note=note, body="改成了动作戏。")
    note_set_resolved(actor=writer, note=note, resolved=True)
    client.force_login(writer)

    html = client.get(request.get_absolute_url()).content.decode()

    item = html[html.index(f'id="note-{note.pk}"') :]
    item = item[: item.index("</li>")]
    assert '<span class="tag tag-resolved">已解决</span>' in item
    assert "改成了动作戏。" in item
    css = (Path(__file__).resolve().parents[2] / "static/css/site.css").read_text()
    struck = [rule for rule in re.findall(r"[^{}]+\{[^}]*\}", css) if "line-through" in rule]
    assert not [rule for rule in struck if "resolved" in rule.split("{")[0]], struck


def test_notes_follow_their_line_into_the_writers_next_revision(request_with_two):
    request, [assignment, _other] = request_with_two
    line_note_add(actor=assignment.reviewer, assignment=assignment, line=DIALOGUE_LINE, body="?")
    review_save(
        actor=assignment.reviewer,
        assignment=assignment,
        scores=full_scores(),
        overall_comment="好",
        submit=True,
    )
    series = request.series
    moved = revision_save(
        actor=series.owner, series=series, text="\n\n" + ZH_TWO_EPISODES, base=series.head
    ).head

    [placed] = report_for(series.owner, request, on=moved).notes
    assert placed.current_line == DIALOGUE_LINE + 2


def test_helpfulness_ratings_build_reputation(request_with_two):
    request, [first, second] = request_with_two
    for assignment in (first, second):
        review_save(
            actor=assignment.reviewer,
            assignment=assignment,
            scores=full_scores(),
            overall_comment="x",
            submit=True,
        )
    before = ReviewerProfile.objects.get(user=first.reviewer).reputation

    review_rate(actor=request.series.owner, review=first.review, helpfulness=5, comment="一针见血")
    review_rate(actor=request.series.owner, review=second.review, helpfulness=1)

    assert ReviewerProfile.objects.get(user=first.reviewer).reputation > before
    assert (
        ReviewerProfile.objects.get(user=second.reviewer).reputation
        < ReviewerProfile.objects.get(user=first.reviewer).reputation
    )
    with pytest.raises(PermissionDenied):
        review_rate(actor=first.reviewer, review=second.review, helpfulness=5)
    with pytest.raises(ValidationError):
        review_rate(actor=request.series.owner, review=first.review, helpfulness=9)


def test_reviewers_are_never_assigned_twice_to_a_request(request_with_two):
    request, _ = request_with_two
    ids = list(
        ReviewAssignment.objects.filter(request=request).values_list("reviewer_id", flat=True)
    )
    assert len(ids) == len(set(ids))


def test_calibration_attempts_are_recorded_per_reviewer():
    rubric = Rubric.objects.get(is_default=True)
    exemplar = CalibrationExemplar.objects.create(
        rubric=rubric, key="e", title="t", format="zh", text="x", reference_scores={"premise": 5}
    )
    person = UserFactory()

    with pytest.raises(ValidationError):
        calibration_submit(actor=person, exemplar=exemplar, scores={})
    calibration_submit(actor=person, exemplar=exemplar, scores={"premise": 5})

    assert CalibrationAttempt.objects.get(reviewer=person).gap == 0


def test_a_refused_line_note_says_why_beside_the_form_and_adds_nothing(client, request_with_two):
    _request, [assignment, _other] = request_with_two
    client.force_login(assignment.reviewer)
    url = f"/reviews/assignments/{assignment.pk}/notes/"

    refused = client.post(url, {"line": 99_999, "body": "这里？"}, HTTP_HX_REQUEST="true")

    # 422 is the one error answer htmx swaps (base.html's htmx-config); it goes beside
    # the form, which htmx leaves as typed.
    assert refused.status_code == 422
    assert refused["HX-Retarget"] == "#note-errors"
    assert "errorlist" in refused.content.decode()
    assert not LineNote.objects.exists()

    added = client.post(url, {"line": DIALOGUE_LINE, "body": "好"}, HTTP_HX_REQUEST="true")

    assert added.status_code == 200
    assert 'id="note-errors" hx-swap-oob="innerHTML"' in added.content.decode()
    assert LineNote.objects.count() == 1


def test_a_reviewer_calibrates_first_on_an_excerpt_in_their_own_language(client):
    rubric = Rubric.objects.get(is_default=True)
    for key, fmt, text in [
        ("a-english", "fountain", "INT. ROOM - DAY\n\nShe waits.\n"),
        ("b-chinese", "zh", "第1集\n1-1 日 内 家\n△她在等。\n"),
    ]:
        CalibrationExemplar.objects.create(
            rubric=rubric, key=key, title=key, format=fmt, text=text,
            reference_scores={"premise": 5},
        )  # fmt: skip
    chinese_reader = UserFactory(language="zh-hans")
    english_reader = UserFactory(language="en")

    client.force_login(chinese_reader)
    chinese = client.get(f"/reviews/rubrics/{rubric.slug}/calibration/")
    client.force_login(english_reader)
    english = client.get(f"/reviews/rubrics/{rubric.slug}/calibration/")

    assert chinese.context["exemplar"].key == "b-chinese"
    assert english.context["exemplar"].key == "a-english"
