"""Blind review is never broken: not in pages, API, notifications, e-mail or page titles."""

import json

import pytest
from django.core import mail
from django.utils import translation

from core.models import Notification
from reviews.services.reviewing import line_note_add, note_reply, review_save
from tests.support.factories import (
    UserFactory,
    full_scores,
    make_series,
    review_request,
    verified_mentor,
)

pytestmark = pytest.mark.django_db

WRITER_NAME = "林秘密"
REVIEWER_NAMES = ("审稿人甲某", "审稿人乙某")
SCRIPT = """《无名之剧》
编剧：林秘密
联系方式：13800000000

第1集 开端
1-1 日 内 咖啡馆
人物：阿青、阿白
△阿青推门进来。
阿青：你终于来了。
【卡点】阿白手里拿着一封没拆的信。
"""


@pytest.fixture
def blind_setup(run_on_commit):
    writer = UserFactory(
        display_name_zh=WRITER_NAME, display_name_en="Secret Lin", email="secret.lin@example.com"
    )
    reviewers = [
        UserFactory(
            roles=["writer"],
            display_name_zh=name,
            display_name_en=f"Reviewer {i}",
            email=f"rev{i}@example.com",
        )
        for i, name in enumerate(REVIEWER_NAMES)
    ]
    series = make_series(owner=writer, text=SCRIPT, title="无名之剧")
    with run_on_commit():
        request = review_request(series, blindness="double", reviews_needed=2)
    assignments = list(request.assignments.select_related("reviewer"))
    with run_on_commit():
        for assignment in assignments:
            line_note_add(
                actor=assignment.reviewer, assignment=assignment, line=9, body="这句台词很好。"
            )
            review_save(
                actor=assignment.reviewer,
                assignment=assignment,
                scores=full_scores(7),
                overall_comment="整体不错。",
                submit=True,
            )
        note = assignments[0].review.line_notes.get()
        note_reply(actor=writer, note=note, body="谢谢，我再改改。")
    return writer, reviewers, request, assignments


def _writer_identity(text: str) -> list[str]:
    return [
        leak
        for leak in (WRITER_NAME, "Secret Lin", "secret.lin@example.com", "13800000000")
        if leak in text
    ]


def _reviewer_identity(text: str) -> list[str]:
    leaks = []
    for i, name in enumerate(REVIEWER_NAMES):
        leaks += [leak for leak in (name, f"Reviewer {i}", f"rev{i}@example.com") if leak in text]
    return leaks


def test_the_writers_report_page_hides_the_reviewers(client, blind_setup):
    writer, _reviewers, request, _ = blind_setup
    client.force_login(writer)

    html = client.get(request.get_absolute_url()).content.decode()

    assert _reviewer_identity(html) == []
    assert "评审人 A" in html or "Reviewer A" in html


def test_the_writers_api_report_hides_the_reviewers(api_client, blind_setup):
    writer, _reviewers, request, _ = blind_setup
    api_client.force_authenticate(writer)

    body = api_client.get(f"/api/v1/reviews/requests/{request.pk}/").json()

    assert _reviewer_identity(json.dumps(body, ensure_ascii=False)) == []
    assert body["reviews"][0]["reviewer"] in ("评审人 A", "Reviewer A")


def test_the_reviewers_desk_hides_the_writer_even_on_the_title_page(client, blind_setup):
    _writer, _reviewers, _request, assignments = blind_setup
    client.force_login(assignments[0].reviewer)

    html = client.get(assignments[0].get_absolute_url()).content.decode()

    assert _writer_identity(html) == []
    assert "阿青：" in html or "阿青" in html  # the script itself is there


def test_reviewers_see_each_other_only_as_letters_and_the_writer_as_the_writer(client, blind_setup):
    _writer, _reviewers, request, assignments = blind_setup
    client.force_login(assignments[0].reviewer)

    html = client.get(request.get_absolute_url()).content.decode()

    other_name = (
        REVIEWER_NAMES[1]
        if assignments[1].reviewer.display_name_zh == REVIEWER_NAMES[1]
        else REVIEWER_NAMES[0]
    )
    assert other_name not in html
    assert _writer_identity(html) == []
    assert "谢谢，我再改改。" in html  # the writer's reply is shown, unsigned


def test_the_reviewers_api_views_hide_the_writer(api_client, blind_setup):
    _writer, _reviewers, request, assignments = blind_setup
    api_client.force_authenticate(assignments[0].reviewer)

    payloads = [
        api_client.get("/api/v1/reviews/assignments/").json(),
        api_client.get(f"/api/v1/reviews/assignments/{assignments[0].pk}/review/").json(),
        api_client.get(f"/api/v1/reviews/requests/{request.pk}/").json(),
    ]

    assert _writer_identity(json.dumps(payloads, ensure_ascii=False)) == []


def test_notifications_and_emails_carry_no_hidden_names(blind_setup):
    writer, reviewers, _request, _ = blind_setup

    for language in ("zh-hans", "en"):
        with translation.override(language):
            for notification in Notification.objects.filter(recipient__in=reviewers):
                assert _writer_identity(notification.message) == [], notification.message
            for notification in Notification.objects.filter(recipient=writer):
                assert _reviewer_identity(notification.message) == [], notification.message
    for message in mail.outbox:
        if message.to == [writer.email]:
            assert _reviewer_identity(message.subject + message.body) == []
        else:
            assert _writer_identity(message.subject + message.body) == []
    assert len(mail.outbox) >= 4


def test_open_review_shows_names(client, run_on_commit):
    writer = UserFactory(display_name_zh=WRITER_NAME)
    reviewer = UserFactory(roles=["writer"], display_name_zh="公开审稿人")
    series = make_series(owner=writer, text=SCRIPT)
    request = review_request(series, blindness="open", reviews_needed=1)
    [assignment] = request.assignments.all()
    review_save(
        actor=reviewer,
        assignment=assignment,
        scores=full_scores(),
        overall_comment="好",
        submit=True,
    )

    client.force_login(writer)
    assert "公开审稿人" in client.get(request.get_absolute_url()).content.decode()
    client.force_login(reviewer)
    assert WRITER_NAME in client.get(assignment.get_absolute_url()).content.decode()


# --- blanking by content, the line-note echo, the PDF copy ---------------------------------

NAMED_SCRIPT = """《无名之剧》
编 剧：林秘密
署名：Secret Lin
△本剧由林 秘 密与合写人乙共同创作，联系 secret.lin@example.com

第1集 开端
1-1 日 内 咖啡馆
人物：阿青、阿白
△阿青推门进来，桌上放着林秘密的名片。
阿青：你终于来了。
【卡点】阿白手里拿着一封没拆的信。
"""
NAMED_LINE = 9  # △阿青推门进来，桌上放着林秘密的名片。
WRITER_TERMS = (WRITER_NAME, "Secret Lin", "secret.lin@example.com", "secret.lin", "合写人乙",
                "Co Writer", "co.writer@example.com")  # fmt: skip


@pytest.fixture
def named_setup(run_on_commit):
    from tests.support.factories import add_collaborator

    writer = UserFactory(
        display_name_zh=WRITER_NAME, display_name_en="Secret Lin", email="secret.lin@example.com"
    )
    series = make_series(owner=writer, text=NAMED_SCRIPT, title="无名之剧")
    add_collaborator(
        series, display_name_zh="合写人乙", display_name_en="Co Writer",
        email="co.writer@example.com",
    )  # fmt: skip
    reviewer = UserFactory(roles=["writer"], display_name_zh="审稿人丙")
    with run_on_commit():
        request = review_request(series, blindness="double", reviews_needed=1)
    [assignment] = request.assignments.select_related("reviewer")
    assert assignment.reviewer == reviewer
    return writer, request, assignment


def _named(text: str) -> list[str]:
    return [term for term in WRITER_TERMS if term.casefold() in text.casefold()]


def test_the_desk_blanks_key_variants_and_names_in_any_line(client, named_setup):
    _writer, _request, assignment = named_setup
    client.force_login(assignment.reviewer)

    html = client.get(assignment.get_absolute_url()).content.decode()

    assert _named(html) == []
    assert "桌上放着■■■的名片" in html  # the line stays, the name goes
    assert "阿白手里拿着一封没拆的信" in html


def test_a_line_note_posted_through_the_api_echoes_the_blanked_line(api_client, named_setup):
    writer, request, assignment = named_setup
    api_client.force_authenticate(assignment.reviewer)

    response = api_client.post(
        f"/api/v1/reviews/assignments/{assignment.pk}/notes/",
        {"line": NAMED_LINE, "body": "这张名片是伏笔吗？"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["anchor_text"] == "△阿青推门进来，桌上放着■■■的名片。"
    listed = api_client.get(f"/api/v1/reviews/assignments/{assignment.pk}/notes/").json()
    assert _named(json.dumps(listed, ensure_ascii=False)) == []


def test_a_line_note_posted_through_the_htmx_form_echoes_the_blanked_line(client, named_setup):
    _writer, _request, assignment = named_setup
    client.force_login(assignment.reviewer)

    response = client.post(
        f"/reviews/assignments/{assignment.pk}/notes/",
        {"line": NAMED_LINE, "body": "伏笔？"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert _named(response.content.decode()) == []
    assert "■■■" in response.content.decode()


def test_the_writer_still_finds_a_blanked_quote_on_the_current_text(client, named_setup):
    writer, request, assignment = named_setup
    note = line_note_add(
        actor=assignment.reviewer, assignment=assignment, line=NAMED_LINE, body="注"
    )
    review_save(
        actor=assignment.reviewer, assignment=assignment, scores=full_scores(),
        overall_comment="好", submit=True,
    )  # fmt: skip
    from reviews.selectors import report_for
    from scripts_app.services.revisions import revision_save

    series = request.series
    current = revision_save(  # the writer added a line at the top since
        actor=writer, series=series, text="\n" + NAMED_SCRIPT, base=series.head
    ).head
    [placed] = report_for(writer, request, on=current).notes

    assert placed.note.pk == note.pk and placed.current_line == NAMED_LINE + 1


def test_the_pdf_copy_a_blind_reviewer_downloads_names_no_writer(client, named_setup):
    import io

    import pypdf

    _writer, _request, assignment = named_setup
    client.force_login(assignment.reviewer)

    response = client.get(f"/reviews/assignments/{assignment.pk}/script.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    text += " ".join(str(value) for value in (pdf.metadata or {}).values())
    assert _named(text) == []
    assert "阿白手里拿着一封没拆的信" in text.replace("\n", "")


def test_nobody_else_downloads_a_reviewers_pdf_copy(client, named_setup):
    writer, _request, assignment = named_setup
    client.force_login(UserFactory())

    assert client.get(f"/reviews/assignments/{assignment.pk}/script.pdf").status_code == 404


# --- who may review blind ------------------------------------------------------------------


def test_a_double_blind_request_on_a_platform_visible_series_is_refused(api_client):
    writer = UserFactory()
    series = make_series(owner=writer, visibility="platform")
    from tests.support.factories import peers

    peers(3)
    api_client.force_authenticate(writer)

    response = api_client.post(
        f"/api/v1/series/{series.pk}/review-requests/",
        {"kind": "mentor", "blindness": "double"},
        format="json",
    )

    assert response.status_code == 400
    assert "blindness" in response.json()["errors"]
    single = api_client.post(
        f"/api/v1/series/{series.pk}/review-requests/",
        {"kind": "peer", "blindness": "single", "reviews_needed": 1},
        format="json",
    )
    assert single.status_code == 201  # hiding the reviewers still works


def test_the_request_form_warns_before_asking_on_a_platform_visible_series(client):
    writer = UserFactory(language="en")
    series = make_series(owner=writer, visibility="platform")
    client.force_login(writer)

    html = client.get(f"/reviews/series/{series.pk}/request/").content.decode()

    assert "double-blind review is not available" in html


def test_a_series_under_double_blind_review_cannot_be_opened_to_the_platform():
    from django.core.exceptions import ValidationError

    from scripts_app.services.series import series_update

    series = make_series()
    UserFactory(roles=["writer"])
    review_request(series, blindness="double", reviews_needed=1)

    with pytest.raises(ValidationError) as raised:
        series_update(actor=series.owner, series=series, visibility="platform")
    assert "visibility" in raised.value.message_dict
    series.refresh_from_db()
    assert series.visibility == "private"


def test_someone_who_reviewed_the_series_with_names_shown_is_not_matched_double_blind():
    series = make_series()
    first = UserFactory(roles=["writer"])
    review_request(series, blindness="single", reviews_needed=1)  # first sees the writer
    second = UserFactory(roles=["writer"])

    request = review_request(series, blindness="double", reviews_needed=2)

    reviewers = {a.reviewer_id for a in request.assignments.all()}
    assert reviewers == {second.pk}  # first is skipped: one place stays for the fallback
    assert first.pk not in reviewers


def test_a_mentor_who_reviewed_openly_cannot_be_chosen_for_a_double_blind_review():
    from django.core.exceptions import ValidationError

    series = make_series()
    mentor = verified_mentor()
    review_request(series, kind="mentor", blindness="open", mentor=mentor)

    with pytest.raises(ValidationError) as raised:
        review_request(series, kind="mentor", blindness="double", mentor=mentor)
    assert "mentor" in raised.value.message_dict


def test_matched_mentors_skip_the_writers_organisations_on_blind_requests():
    from tests.support.factories import MembershipFactory, OrganisationFactory

    organisation = OrganisationFactory()
    writer = UserFactory()
    MembershipFactory(organisation=organisation, user=writer)
    colleague = verified_mentor()
    MembershipFactory(organisation=organisation, user=colleague)
    stranger = verified_mentor()
    series = make_series(owner=writer)

    request = review_request(series, kind="mentor", blindness="double")

    assert [a.reviewer_id for a in request.assignments.all()] == [stranger.pk]


# --- staff are writers or reviewers first ----------------------------------------------------


def test_a_staff_member_who_wrote_the_series_sees_no_reviewer_names(client, blind_setup):
    writer, _reviewers, request, _ = blind_setup
    writer.is_staff = True
    writer.save(update_fields=["is_staff"])
    client.force_login(writer)

    html = client.get(request.get_absolute_url()).content.decode()

    assert _reviewer_identity(html) == []
    assert "评审人 A" in html or "Reviewer A" in html


def test_a_staff_member_who_reviews_double_blind_gets_the_blinded_desk(client, blind_setup):
    _writer, _reviewers, request, assignments = blind_setup
    reviewer = assignments[0].reviewer
    reviewer.is_staff = True
    reviewer.save(update_fields=["is_staff"])
    client.force_login(reviewer)

    desk = client.get(assignments[0].get_absolute_url()).content.decode()
    report = client.get(request.get_absolute_url()).content.decode()

    assert _writer_identity(desk) == [] and _writer_identity(report) == []
    other = assignments[1].reviewer
    assert other.display_name_zh not in report


def test_a_staff_reviewer_reads_the_other_reviews_only_after_submitting(client, run_on_commit):
    series = make_series()
    staff_reviewer = UserFactory(roles=["writer"], staff=True)
    request = review_request(series, blindness="double", reviews_needed=1)
    [assignment] = request.assignments.all()
    assert assignment.reviewer == staff_reviewer
    client.force_login(staff_reviewer)

    assert client.get(request.get_absolute_url()).status_code == 404


def test_the_settings_form_refuses_to_open_a_series_under_double_blind_review(client):
    from scripts_app.forms import SeriesForm

    series = make_series()
    UserFactory(roles=["writer"])
    review_request(series, blindness="double", reviews_needed=1)
    client.force_login(series.owner)
    form = SeriesForm(instance=series, can_manage=True)
    data = {}
    for bound in form:
        value = bound.value()
        if value is not None:
            data[bound.name] = [str(v) for v in value] if isinstance(value, list) else value
    data["visibility"] = "platform"

    response = client.post(f"/scripts/{series.pk}/settings/", data)

    assert response.status_code == 200  # the form again, with the reason
    series.refresh_from_db()
    assert series.visibility == "private"
