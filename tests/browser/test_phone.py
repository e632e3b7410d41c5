"""Pages that read well: on a 390 px phone, on wide pages and in English.

Each journey checks what a person would see (the boxes elements take on the page), runs
axe-core on every page it visits and leaves screenshots in artifacts/screenshots/ (30- to 36-, 39-).
"""

import pytest
from django.core.management import call_command

from reviews.models import Review, ReviewAssignment, ReviewRequest
from scripts_app.models import Series
from seeds.world.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The box of every element a selector matches: [{x, y, width, height, right, bottom}].
BOXES = """(selector) => [...document.querySelectorAll(selector)].map((element) => {
  const r = element.getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height, right: r.right, bottom: r.bottom};
})"""


@pytest.fixture
def demo(page):
    call_command("seed_demo", verbosity=0)
    return page


def _log_in(page, local: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(f"{local}@demo.microdrama.cn")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def _boxes(page, selector: str) -> list[dict]:
    return page.evaluate(BOXES, selector)


def _line_height(page, selector: str) -> float:
    return page.evaluate(
        "(s) => parseFloat(getComputedStyle(document.querySelector(s)).lineHeight)", selector
    )


def _fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px phone"


def _headers_read_across(page, table: str) -> None:
    """A table's column headers are one line each (not 评/分/项 a character a line), and the
    table scrolls sideways inside its own region, which the keyboard can reach."""
    line = _line_height(page, f"{table} thead th")
    headers = _boxes(page, f"{table} thead th")
    assert headers and max(box["height"] for box in headers) < line + 20, headers
    region = page.locator(f".table-scroll:has({table})")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")


def _window_three() -> Series:
    return Series.objects.get(title="三号窗口")


# --- 390 px: a writer compares two revisions --------------------------------------------


def test_on_a_phone_a_writer_compares_two_revisions(demo, shoot, assert_accessible):
    page = demo
    page.set_viewport_size(PHONE)
    _log_in(page, "writer.chen")
    series = _window_three()

    page.goto(f"/scripts/{series.pk}/revisions/")
    _fits_the_screen(page)
    _headers_read_across(page, ".revision-table")
    shoot("30-phone-revisions")
    assert_accessible("the revision list on a phone")
    page.locator("#a-1").check()
    page.locator("#b-3").check()
    page.get_by_role("button", name="对比所选的两个版本").click()
    page.wait_for_url("**/compare/**")
    assert "a=1" in page.url and "b=3" in page.url

    _fits_the_screen(page)
    # Each side of a changed line gets the width of the screen, one above the other.
    changed = "table.diff-side tr.diff-change"
    numbers = _boxes(page, f"{changed} td.ln")
    texts = _boxes(page, f"{changed} td.txt")
    assert numbers and texts
    assert max(box["width"] for box in numbers) <= 48, numbers[:2]
    assert min(box["width"] for box in texts) >= 280, texts[:2]
    old, new = texts[0], texts[1]
    assert new["y"] >= old["bottom"] - 1, "the new line is below the old one"
    # An unchanged line is shown once, not twice.
    equal = page.locator("table.diff-side tr.diff-equal").first
    assert equal.locator("td.txt:visible").count() == 1
    shoot("31-phone-compare")
    assert_accessible("the comparison on a phone")

    page.get_by_label("显示方式").select_option("inline")
    page.get_by_role("button", name="对比", exact=True).click()
    page.wait_for_url("**mode=inline**")
    _fits_the_screen(page)
    shoot("32-phone-compare-inline")


def test_side_by_side_compare_keeps_line_numbers_narrow_on_a_wide_screen(demo, shoot):
    page = demo
    _log_in(page, "writer.chen")

    page.goto(f"/scripts/{_window_three().pk}/compare/?a=1&b=3")

    numbers = _boxes(page, "table.diff-side td.ln")
    texts = _boxes(page, "table.diff-side td.txt")
    assert max(box["width"] for box in numbers) <= 64, numbers[:2]
    assert min(box["width"] for box in texts) >= 500, texts[:2]
    row = _boxes(page, "table.diff-side tr.diff-change td")[:4]
    assert len({round(box["y"]) for box in row}) == 1, "old and new side by side"
    shoot("33-compare-wide")


# --- 390 px: a reviewer scores, and the writer reads the report --------------------------


def test_on_a_phone_a_reviewer_scores_a_draft_and_hands_it_in(demo, shoot, assert_accessible):
    page = demo
    page.set_viewport_size(PHONE)
    assignment = (
        ReviewAssignment.objects.filter(status="assigned", review__status="draft")
        .select_related("reviewer")
        .first()
    )
    _log_in(page, assignment.reviewer.email.split("@")[0])

    page.goto(assignment.get_absolute_url())
    _fits_the_screen(page)
    shoot("34-phone-reviewer-desk")
    assert_accessible("the reviewer's desk on a phone")

    scores = page.locator("fieldset.criterion select, fieldset.criterion input[type=number]")
    assert scores.count() == 9
    for index in range(scores.count()):
        field = scores.nth(index)
        if field.evaluate("(e) => e.tagName") == "SELECT":
            field.select_option("7")
        else:
            field.fill("7")
    comments = page.locator("fieldset.criterion textarea")
    for index in range(comments.count()):
        if not comments.nth(index).input_value():
            comments.nth(index).fill("第二集的反转可以再提前一点，节奏会更紧。")
    page.locator("textarea[name=overall_comment]").fill(
        "整体节奏很好，人物动机清楚。第二集的反转可以再提前，第三集结尾的卡点很有力，"
        "建议把奶奶的戏份再收一收，让主线更集中。" * 2
    )
    shoot("35-phone-reviewer-scored")
    page.get_by_role("button", name="提交评审").click()
    page.wait_for_load_state()

    review = Review.objects.get(assignment=assignment)
    assert review.status == "submitted", page.content()[:2000]
    assert {score.score for score in review.scores.all()} == {7}


def test_on_a_phone_the_score_report_reads_well(demo, shoot, assert_accessible):
    page = demo
    page.set_viewport_size(PHONE)
    request = ReviewRequest.objects.get(
        # The workshop's own review, not the course's peer review of the same series.
        series__title="三号窗口",
        blindness="double",
        status="completed",
        course_submission__isnull=True,
    )
    _log_in(page, "writer.chen")

    page.goto(request.get_absolute_url())

    _fits_the_screen(page)
    _headers_read_across(page, ".score-table")
    # Each criterion's bar is wide enough to compare (it was 40 px beside its label).
    bars = _boxes(page, ".score-bar-track")
    assert bars and min(box["width"] for box in bars) >= 200, bars[:2]
    # A resolved note is labelled, and neither it nor its replies are struck through.
    resolved = page.locator(".comment.resolved").first
    assert resolved.locator(".tag-resolved").is_visible()
    for part in (".quote", "div >> nth=0", ".reply"):
        decoration = resolved.locator(part).first.evaluate(
            "(e) => getComputedStyle(e).textDecorationLine"
        )
        assert decoration == "none", f"{part} is drawn {decoration}"
    shoot("36-phone-score-report")
    assert_accessible("the score report on a phone")


# --- The site header ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/scripts/{pk}/write/", "/scripts/{pk}/compare/?a=1&b=3"])
def test_the_site_header_lines_up_with_full_width_pages(demo, path):
    page = demo
    _log_in(page, "writer.chen")

    page.goto(path.format(pk=_window_three().pk))

    brand = _boxes(page, ".site-header .brand")[0]
    content = _boxes(page, "main > *:not(.visually-hidden)")[0]
    header_end = _boxes(page, ".site-header .header-row")[0]
    main = _boxes(page, "main")[0]
    assert abs(brand["x"] - content["x"]) <= 1, (brand, content)
    assert abs(header_end["right"] - main["right"]) <= 1, (header_end, main)


@pytest.mark.parametrize("local", ["writer.chen", "moderator"])
def test_the_english_header_is_one_row_at_1280_px(demo, shoot, local):
    page = demo
    _log_in(page, local)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()

    page.goto("/scripts/")

    assert page.locator("html").get_attribute("lang") == "en"
    parts = _boxes(page, ".header-row > *")
    assert len({round(box["y"] + box["height"] / 2) for box in parts}) == 1, parts
    tools = _boxes(page, ".header-tools > *")
    assert max(box["bottom"] for box in tools) - min(box["y"] for box in tools) < 45, tools
    shoot(f"39-header-en-{local.replace('.', '-')}")
    # The account's links open under its name, inside the window, and close on Escape.
    page.locator(".account-menu > summary").click()
    log_out = page.get_by_role("button", name="Log out")
    assert log_out.is_visible()
    assert _boxes(page, ".account-menu-items")[0]["right"] <= 1280
    page.keyboard.press("Escape")
    assert not log_out.is_visible()
    page.locator(".account-menu > summary").click()
    page.locator("h1").click()
    assert not log_out.is_visible()


# --- The screenplay ------------------------------------------------------------------------


def test_a_cue_before_the_speech_stays_on_the_speakers_line(demo, shoot):
    """角色：（凑近看了半天）台词 reads 角色（凑近看了半天）：台词, on the read page and in
    the editor's preview; the cue is not a line of its own above the speaker."""
    page = demo
    _log_in(page, "writer.chen")
    series = _window_three()

    for path, scope in [
        (f"/scripts/{series.pk}/read/", ".script-page"),
        (f"/scripts/{series.pk}/write/?episode=6", ".sd-preview-body"),
    ]:
        page.goto(path)
        line = page.locator(f"{scope} p.el-dialogue-zh", has_text="凑近看了半天")
        line.wait_for()
        assert page.locator(f"{scope} .el-parenthetical").count() == 0
        assert line.inner_text().replace("\n", "") == "谭秋生（凑近看了半天）：这是我的名字？"
        speaker, cue = line.locator(".sp-speaker"), line.locator(".sp-cue")
        assert abs(speaker.bounding_box()["y"] - cue.bounding_box()["y"]) <= 2
    shoot("40-preview-cue-on-the-speakers-line")
