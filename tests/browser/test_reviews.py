"""Review in a real browser: the writer's score report and the reviewer's desk."""

import pytest
from django.core.management import call_command

from reviews.models import LineNote, ReviewAssignment, ReviewRequest
from seeds.world.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, local: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(f"{local}@demo.microdrama.cn")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


@pytest.fixture
def demo(page):
    call_command("seed_demo", verbosity=0)
    return page


def test_the_writer_reads_a_blind_score_report(demo, shoot, assert_accessible):
    request = ReviewRequest.objects.filter(
        # The workshop's own review, not the course's peer review of the same series.
        series__title="三号窗口",
        blindness="double",
        status="completed",
        course_submission__isnull=True,
    ).first()
    _log_in(demo, "writer.chen")

    demo.goto(request.get_absolute_url())

    html = demo.content()
    for assignment in request.assignments.select_related("reviewer"):
        assert assignment.reviewer.display_name_zh not in html
    assert "评审人 A" in html
    shoot("20-score-report")
    assert_accessible("the score report")


def test_a_reviewer_notes_a_line_and_the_draft_saves_itself(demo, shoot, assert_accessible):
    assignment = (
        ReviewAssignment.objects.filter(status="assigned", review__status="draft")
        .select_related("reviewer")
        .first()
    )
    _log_in(demo, assignment.reviewer.email.split("@")[0])

    demo.goto(assignment.get_absolute_url())
    shoot("21-reviewer-desk")
    assert_accessible("the reviewer's desk")

    first_line = demo.locator("#review-script [data-line]").nth(5)
    first_line.click()
    line = first_line.get_attribute("data-line")
    assert demo.locator("#note-line").input_value() == line
    demo.locator("#note-body").fill("这一句可以更口语一点。")
    demo.get_by_role("button", name="添加批注").click()
    demo.locator("#note-list li", has_text="这一句可以更口语一点。").wait_for()
    assert LineNote.objects.filter(review__assignment=assignment, line=int(line)).exists()

    demo.locator("textarea[name=overall_comment]").fill("整体节奏很好，第二集的反转可以再提前。")
    demo.wait_for_function(
        "() => document.getElementById('draft-status').textContent.includes('草稿已于')",
        timeout=15_000,
    )
    assignment.review.refresh_from_db()
    assert assignment.review.overall_comment.startswith("整体节奏很好")


def test_the_rubric_is_published(demo, shoot, assert_accessible):
    demo.goto("/reviews/rubrics/boutique-standard/")
    shoot("22-rubric")
    assert_accessible("the rubric")
