"""Blind review is never broken: not in pages, API, notifications, e-mail or page titles."""

import json

import pytest
from django.core import mail
from django.utils import translation

from core.models import Notification
from reviews.services.reviewing import line_note_add, note_reply, review_save
from tests.support.factories import UserFactory, full_scores, make_series, review_request

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
