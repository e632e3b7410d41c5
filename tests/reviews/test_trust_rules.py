"""Rules that must hold under bad input: no owner revealed by an address, no redirect
off the site, a clear answer instead of a server error, an audit row for every change."""

import pytest
from django.test import RequestFactory

from core.models import AuditEntry
from core.redirects import safe_next
from reviews.models import (
    CalibrationExemplar,
    ConflictOfInterest,
    LineNote,
    ReviewerProfile,
    ReviewRequest,
    Rubric,
)
from reviews.services.calibration import calibration_submit
from reviews.services.reviewing import (
    line_note_add,
    line_note_delete,
    note_reply,
    note_set_resolved,
    review_rate,
    review_save,
)
from scripts_app.services.comments import comment_create, comment_set_resolved
from tests.support.factories import (
    ZH_TWO_EPISODES,
    UserFactory,
    add_collaborator,
    full_scores,
    make_series,
    peers,
    review_request,
)

pytestmark = pytest.mark.django_db
DIALOGUE_LINE = ZH_TWO_EPISODES.split("\n").index("林晚：能。但我需要您把工地的考勤表找出来。") + 1


# --- conflicts of interest: no enumeration oracle ---------------------------------


def test_declaring_a_conflict_answers_the_same_whether_or_not_the_address_has_an_account(
    api_client,
):
    owner = UserFactory(display_name_zh="陈思远", display_name_en="Chen Siyuan")
    api_client.force_authenticate(UserFactory(roles=["mentor"]))

    known = api_client.post(
        "/api/v1/reviews/conflicts/", {"writer_email": owner.email.upper()}, format="json"
    )
    unknown = api_client.post(
        "/api/v1/reviews/conflicts/", {"writer_email": "nobody@example.org"}, format="json"
    )

    assert known.status_code == unknown.status_code == 201
    assert set(known.json()) == set(unknown.json())
    for response in (known, unknown, api_client.get("/api/v1/reviews/conflicts/")):
        body = response.content.decode()
        assert "陈思远" not in body and "Chen Siyuan" not in body
    # The conflict still works against the account that owns the address.
    assert ConflictOfInterest.objects.get(email=owner.email).writer == owner


def test_the_conflict_page_does_not_name_the_owner_of_an_address(client):
    owner = UserFactory(display_name_zh="陈思远", display_name_en="Chen Siyuan")
    client.force_login(UserFactory())

    for address in (owner.email, "nobody@example.org"):
        response = client.post("/reviews/conflicts/", {"writer_email": address}, follow=True)
        html = response.content.decode()
        assert response.status_code == 200 and "errorlist" not in html
        assert "陈思远" not in html and "Chen Siyuan" not in html


def test_a_conflict_declared_before_the_address_had_work_still_blocks_nothing_else():
    series = make_series()
    reviewer = peers(1)[0]
    from reviews.services.conflicts import conflict_declare

    conflict_declare(actor=reviewer, writer_email=series.owner.email)
    conflict_declare(actor=reviewer, writer_email=series.owner.email, reason="朋友")

    assert ConflictOfInterest.objects.filter(reviewer=reviewer).count() == 1
    request = review_request(series, reviews_needed=1)
    assert not request.assignments.exists()


# --- next: never off the site ------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "javascript:alert(1)"],
)
def test_safe_next_refuses_other_sites(target):
    request = RequestFactory().get("/", HTTP_HOST="testserver")

    assert safe_next(request, target, "/fallback/") == "/fallback/"
    assert safe_next(request, "/reviews/", "/fallback/") == "/reviews/"


def test_the_calibration_page_never_redirects_off_the_site(client):
    client.force_login(UserFactory())

    response = client.get(
        "/reviews/rubrics/boutique-standard/calibration/?next=https://evil.example/x"
    )

    assert response.status_code == 302 and "evil.example" not in response["Location"]


def test_the_calibration_page_never_links_off_the_site(client):
    rubric = Rubric.objects.get(is_default=True)
    CalibrationExemplar.objects.create(
        rubric=rubric, key="ex1", title="样例", format="zh", text="第1集\n△样例。\n",
        reference_scores={"premise": 4},
    )  # fmt: skip
    client.force_login(UserFactory())

    response = client.post(
        f"/reviews/rubrics/{rubric.slug}/calibration/?next=//evil.example/x", {"score_premise": 5}
    )

    assert response.status_code == 200 and response.context["result"] is not None
    assert response.context["next_url"] == ""
    assert 'href="//evil.example' not in response.content.decode()


# --- clear errors, not server errors ---------------------------------------------


def test_the_calibration_of_a_rubric_without_a_version_is_a_clear_message(client):
    rubric = Rubric.objects.create(slug="draft-rubric", name_zh="草稿")
    CalibrationExemplar.objects.create(
        rubric=rubric, key="ex1", title="样例", format="zh", text="第1集\n△样例。\n",
        reference_scores={"premise": 4},
    )  # fmt: skip
    client.force_login(UserFactory())

    response = client.get(f"/reviews/rubrics/{rubric.slug}/calibration/", follow=True)

    assert response.status_code == 200
    assert any(
        "no published version" in str(m) or "版本" in str(m) for m in response.context["messages"]
    )


def test_the_calibration_api_of_a_rubric_without_a_version_answers_400(api_client):
    rubric = Rubric.objects.create(slug="draft-rubric", name_zh="草稿")
    CalibrationExemplar.objects.create(
        rubric=rubric, key="ex1", title="样例", format="zh", text="第1集\n△样例。\n",
        reference_scores={"premise": 4},
    )  # fmt: skip
    api_client.force_authenticate(UserFactory())

    response = api_client.post(
        f"/api/v1/reviews/rubrics/{rubric.slug}/calibration/",
        {"exemplar": "ex1", "scores": {"premise": 4}},
        format="json",
    )

    assert response.status_code == 400


def test_a_request_against_a_rubric_without_a_version_answers_400(api_client):
    Rubric.objects.create(slug="draft-rubric", name_zh="草稿")
    series = make_series()
    api_client.force_authenticate(series.owner)

    response = api_client.post(
        f"/api/v1/series/{series.pk}/review-requests/",
        {"kind": "mentor", "rubric": "draft-rubric"},
        format="json",
    )

    assert response.status_code == 400 and "rubric" in response.json()["errors"]
    assert not ReviewRequest.objects.exists()


# --- audit rows ---------------------------------------------------------------------


def _actions(**filters) -> list[str]:
    return list(
        AuditEntry.objects.filter(**filters).order_by("pk").values_list("action", flat=True)
    )


@pytest.fixture
def submitted():
    series = make_series()
    peers(1)
    request = review_request(series, reviews_needed=1)
    assignment = request.assignments.select_related("reviewer").get()
    return series, request, assignment


def test_line_notes_added_and_deleted_are_audited(submitted):
    _series, request, assignment = submitted
    note = line_note_add(
        actor=assignment.reviewer, assignment=assignment, line=DIALOGUE_LINE, body="太快"
    )
    line_note_delete(actor=assignment.reviewer, note=note)

    entries = AuditEntry.objects.filter(action__startswith="review.note_").order_by("pk")
    assert [e.action for e in entries] == ["review.note_added", "review.note_deleted"]
    assert all(e.actor_id == assignment.reviewer_id for e in entries)
    assert all(e.target_id == str(request.pk) for e in entries)
    assert not LineNote.objects.exists()


def test_replies_resolve_marks_and_ratings_are_audited(submitted):
    series, request, assignment = submitted
    reviewer = assignment.reviewer
    note = line_note_add(actor=reviewer, assignment=assignment, line=DIALOGUE_LINE, body="太快")
    review = review_save(
        actor=reviewer, assignment=assignment, scores=full_scores(), overall_comment="好", submit=True
    )  # fmt: skip

    note_reply(actor=series.owner, note=note, body="已改")
    note_set_resolved(actor=series.owner, note=note, resolved=True)
    note_set_resolved(actor=series.owner, note=note, resolved=False)
    review_rate(actor=series.owner, review=review, helpfulness=5)

    assert _actions(actor=series.owner, action__startswith="review.")[-4:] == [
        "review.note_replied", "review.note_resolved", "review.note_reopened", "review.rated",
    ]  # fmt: skip
    rated = AuditEntry.objects.get(action="review.rated")
    assert rated.data["helpfulness"] == 5 and rated.data["reviewer"] == reviewer.pk
    assert rated.data["reputation"] == pytest.approx(
        ReviewerProfile.objects.get(user=reviewer).reputation, abs=1e-4
    )


def test_comments_and_their_resolve_marks_are_audited():
    series = make_series()
    reader = add_collaborator(series, role="reader")

    comment = comment_create(actor=reader, revision=series.head, line=DIALOGUE_LINE, body="好句")
    comment_set_resolved(actor=series.owner, comment=comment, resolved=True)

    assert _actions(action__startswith="series.comment_") == [
        "series.comment_added",
        "series.comment_resolved",
    ]
    added = AuditEntry.objects.get(action="series.comment_added")
    assert added.actor_id == reader.pk and added.data["comment"] == comment.pk


def test_calibration_submissions_are_audited():
    rubric = Rubric.objects.get(is_default=True)
    exemplar = CalibrationExemplar.objects.create(
        rubric=rubric, key="ex1", title="样例", format="zh", text="第1集\n△样例。\n",
        reference_scores={"premise": 4},
    )  # fmt: skip
    reviewer = UserFactory()

    attempt = calibration_submit(actor=reviewer, exemplar=exemplar, scores={"premise": 6})

    entry = AuditEntry.objects.get(action="review.calibrated")
    assert entry.actor_id == reviewer.pk and entry.data["attempt"] == attempt.pk
