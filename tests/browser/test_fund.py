"""The boutique fund in a real browser: a writer applies with a co-applicant, a panel
reviewer scores sealed, and a manager ranks and decides."""

import pytest
from django.core.management import call_command

from core.models import Notification
from incubator.models import Application, ApplicationStatus, CoApplicant, PanelReview
from incubator.services.panels import panel_assign, panel_review_save
from reviews.models import Criterion, Rubric, RubricVersion
from reviews.rubric_content import boutique_ensure
from seeds.world.people import DEMO_PASSWORD
from tests.incubator.panel_support import in_panel_review, mentor, seat
from tests.incubator.support import make_call
from tests.support.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, email: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def _log_in_demo(page, local: str) -> None:
    _log_in(page, f"{local}@demo.microdrama.cn", DEMO_PASSWORD)


def _type_and_wait_saved(page, dom_id: str, value: str) -> None:
    """Type into one field of the draft and wait for its own save to be confirmed."""
    page.locator(f"#input-{dom_id}").fill(value)
    page.locator(f"#status-{dom_id}").filter(has_text="Saved at").wait_for()


def test_a_writer_applies_with_a_co_applicant(page, shoot, assert_accessible):
    call_command("seed_demo", verbosity=0)
    application = Application.objects.get(series_title="Three Bowls")

    # The invited co-writer accepts and writes the team into the shared draft.
    _log_in_demo(page, "writer.daniel")
    page.goto("/fund/applications/")
    page.get_by_role("link", name="Three Bowls →").click()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(lambda url: url.endswith(application.get_absolute_url()))
    _type_and_wait_saved(page, "plan_team", "Director: Lin Yue; producer: the studio's team.")
    assert page.get_by_text("Only the lead applicant submits.").is_visible()

    # The lead sees it, tries to submit and is shown everything still missing at once.
    _log_in_demo(page, "writer.emma")
    page.goto(application.get_absolute_url())
    assert "Lin Yue" in page.locator("#input-plan_team").input_value()
    page.get_by_role("button", name="Submit the application").click()
    problems = page.locator("#problems")
    problems.wait_for()
    missing = problems.inner_text()
    assert "episodes to produce" in missing and "running time" in missing
    assert "The heritage craft and its inheritors" in missing
    shoot("70-fund-application-missing")
    assert_accessible("an application with what is missing")

    _type_and_wait_saved(page, "plan_episodes", "60")
    _type_and_wait_saved(page, "plan_minutes", "90")
    _type_and_wait_saved(page, "plan_shooting_days", "15")
    craft = page.locator("textarea[id^='input-answer']").first
    craft_id = craft.get_attribute("id").removeprefix("input-")
    _type_and_wait_saved(
        page, craft_id, "Oil tea (打油茶) of the Yao people; a Gongcheng inheritor checks it."
    )
    page.get_by_role("button", name="Submit the application").click()
    page.locator("[role=status]", has_text="Submitted").first.wait_for()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.plan_team.startswith("Director: Lin Yue")
    assert CoApplicant.objects.get(application=application).status == "accepted"
    shoot("71-fund-application-submitted")


def _sealed_panel():
    """A call with two applications under panel review, two reviewers on each (English
    readers), and one review already submitted by the other reviewer."""
    boutique_ensure(Rubric, RubricVersion, Criterion)  # the flush removed the migration's
    call = make_call(panel_size=2, title_en="Rule of Law on Screen")
    first, second = in_panel_review(call), in_panel_review(call)
    reviewer, other = mentor(language="en"), mentor(language="en")
    seat(call, [reviewer, other])
    panel_assign(actor=call.manager, call=call)
    criteria = list(call.rubric_version.criteria.order_by("position"))
    for application, score in ((first, 8), (second, 5)):
        panel_review_save(
            actor=other, review=PanelReview.objects.get(application=application, reviewer=other),
            scores={c.key: {"score": score, "comment": "清楚"} for c in criteria},
            recommendation="yes" if score > 6 else "no", comment="THE OTHER REVIEWER'S WORDS",
            submit=True,
        )  # fmt: skip
    return call, (first, second), reviewer, criteria


def test_a_panel_reviewer_scores_sealed(page, shoot, assert_accessible):
    call, (first, _second), reviewer, criteria = _sealed_panel()
    _log_in(page, reviewer.email, PASSWORD)

    page.goto("/fund/panel/")
    page.get_by_role("link", name=first.series_title).first.click()
    page.get_by_role("heading", level=1, name=first.series_title).wait_for()
    # Sealed: nothing of the other review shows before this one is submitted.
    assert "THE OTHER REVIEWER'S WORDS" not in page.content()
    assert page.get_by_role("heading", name="The other reviewers").count() == 0
    shoot("72-fund-panel-review-sealed")
    assert_accessible("a sealed panel review")

    for criterion in criteria:
        page.locator(f"select[name='score-{criterion.key}']").select_option("7")
    page.get_by_label("Yes").check()
    page.locator("textarea[name='comment']").fill("Strong legal detail; fund it.")
    page.get_by_role("button", name="Submit (final)").click()
    page.get_by_role("heading", name="The other reviewers").wait_for()

    review = PanelReview.objects.get(application=first, reviewer=reviewer)
    assert review.is_submitted and review.recommendation == "yes"
    assert {score.score for score in review.scores.all()} == {7}
    assert "8" in page.locator("section.card", has_text="Reviewer 1").inner_text()
    shoot("73-fund-panel-review-unsealed")


def test_a_manager_ranks_and_decides(page, shoot, assert_accessible):
    call, (first, second), reviewer, criteria = _sealed_panel()
    for application, score in ((first, 9), (second, 4)):
        panel_review_save(
            actor=reviewer,
            review=PanelReview.objects.get(application=application, reviewer=reviewer),
            scores={c.key: {"score": score, "comment": ""} for c in criteria},
            recommendation="yes" if score > 6 else "no", comment="读过了。", submit=True,
        )  # fmt: skip
    manager = call.manager
    manager.language = "en"
    manager.save(update_fields=["language"])
    _log_in(page, manager.email, PASSWORD)

    page.goto(f"/fund/manage/calls/{call.slug}/ranking/")
    rows = page.locator("table.data-table tbody tr")
    assert rows.count() == 2
    # The higher total ranks first.
    assert rows.nth(0).locator("input[name=applications]").get_attribute("value") == str(first.pk)
    shoot("74-fund-ranking")
    assert_accessible("the ranking")

    page.locator(f"input[name=applications][value='{first.pk}']").check()
    page.get_by_label("Determination").select_option("award")
    page.get_by_label("Award (yuan)").fill("150000")
    page.get_by_label("Reason (sent to the applicants)").fill("Strong and well planned.")
    page.get_by_role("button", name="Record the determinations").click()
    page.get_by_text("1 determinations recorded.").wait_for()

    page.locator(f"input[name=applications][value='{second.pk}']").check()
    page.get_by_label("Determination").select_option("decline")
    page.get_by_label("Reason (sent to the applicants)").fill("The hook comes too late.")
    page.get_by_role("button", name="Record the determinations").click()
    page.get_by_text("1 determinations recorded.").wait_for()
    shoot("75-fund-ranking-decided")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.award_amount) == (ApplicationStatus.AWARDED, 150000)
    assert second.status == ApplicationStatus.DECLINED
    assert second.determination_reason == "The hook comes too late."
    assert Notification.objects.filter(recipient=second.lead).exists()
