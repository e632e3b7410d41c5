"""The panel stage's pages and API: who reaches what, sealed and blind on every channel,
exports, and determinations through the pages."""

import io
import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.models import Notification
from incubator.models import PanelReview
from incubator.services.factcheck import fact_check_assign
from incubator.services.panels import panel_assign, panel_review_save
from tests.incubator.panel_support import in_panel_review, mentor, seat
from tests.incubator.support import make_call
from tests.incubator.test_determinations import lawyer
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def names(user):
    """Everything that names a person, in both languages."""
    return [t for t in (user.display_name_zh, user.display_name_en, user.email) if t]


def leaks(text, user):
    return [name for name in names(user) if name in text]


def clients(user):
    page, api = Client(), APIClient()
    page.force_login(user)
    api.force_authenticate(user)
    return page, api


def reviewed_world(*, anonymous=False):
    call = make_call(panel_size=1, anonymous=anonymous)
    application = in_panel_review(call, themes=["rule-of-law"])
    other = in_panel_review(call)
    reviewers = [english(mentor()), english(mentor())]
    seat(call, reviewers)
    panel_assign(actor=call.manager, call=call)
    return call, application, other, reviewers


def test_a_reviewer_reaches_only_their_own_reviews_never_a_conflicted_one():
    call, application, other, reviewers = reviewed_world()
    mine = PanelReview.objects.get(application=application)
    theirs = PanelReview.objects.get(application=other)
    page, api = clients(mine.reviewer)
    assert page.get(f"/fund/panel/reviews/{mine.pk}/").status_code == 200
    assert page.get(f"/fund/panel/reviews/{theirs.pk}/").status_code == 404
    assert api.get(f"/api/v1/fund/panel/reviews/{theirs.pk}/").status_code == 404
    # A reviewer is not a manager: the application itself stays closed to them.
    assert page.get(f"/fund/applications/{application.pk}/").status_code == 404
    assert api.get(f"/api/v1/fund/calls/{call.slug}/ranking/").status_code in (403, 404)
    listed = api.get("/api/v1/fund/panel/reviews/").json()
    assert [r["id"] for r in listed["results"]] == [mine.pk]
    # Declaring a conflict closes the review to them on every channel.
    response = api.post(f"/api/v1/fund/panel/reviews/{mine.pk}/conflict/",
                        {"reason": "同一工作室"}, format="json")  # fmt: skip
    assert response.status_code == 204
    assert page.get(f"/fund/panel/reviews/{mine.pk}/").status_code == 404
    assert api.get("/api/v1/fund/panel/reviews/").json()["count"] == 0


def test_other_funds_managers_and_applicants_reach_none_of_the_panel():
    call, application, _other, _reviewers = reviewed_world()
    review = PanelReview.objects.get(application=application)
    for person in (make_call().manager, application.lead, UserFactory()):
        page, api = clients(person)
        assert page.get(f"/fund/manage/calls/{call.slug}/ranking/").status_code in (403, 404)
        assert page.get(f"/fund/manage/calls/{call.slug}/ranking.csv").status_code in (403, 404)
        assert api.get(f"/api/v1/fund/calls/{call.slug}/panel/").status_code in (403, 404)
        assert page.get(f"/fund/panel/reviews/{review.pk}/").status_code == 404
        response = api.post(f"/api/v1/fund/applications/{application.pk}/determination/",
                            {"outcome": "decline", "reason": "x"}, format="json")  # fmt: skip
        assert response.status_code in (403, 404)
    application.refresh_from_db()
    assert application.status == "panel_review"


def test_applicants_never_see_who_reviewed_them(run_on_commit):
    call, application, _other, reviewers = reviewed_world()
    review = PanelReview.objects.get(application=application)
    reviewer = review.reviewer
    panel_review_save(
        actor=reviewer, review=review, recommendation="yes", comment="好",
        scores={c.key: {"score": 8} for c in call.rubric_version.criteria.all()}, submit=True,
    )  # fmt: skip
    check = fact_check_assign(actor=call.manager, application=application, area="law",
                              checker=lawyer())  # fmt: skip
    from incubator.services.determinations import determination_make
    from incubator.services.factcheck import fact_check_submit

    fact_check_submit(actor=check.checker, fact_check=check, verdict="pass", summary="")
    with run_on_commit():
        determination_make(actor=call.manager, application=application, outcome="decline",
                           reason="预算有限")  # fmt: skip
    lead = english(application.lead)
    page, api = clients(lead)
    texts = [
        page.get(f"/fund/applications/{application.pk}/").content.decode(),
        json.dumps(api.get(f"/api/v1/fund/applications/{application.pk}/").json(),
                   ensure_ascii=False),
        " ".join(str(n.params) for n in Notification.objects.filter(recipient=lead)),
    ]  # fmt: skip
    assert "预算有限" in texts[0]
    for person in (reviewer, check.checker):
        for text in texts:
            assert leaks(text, person) == []


def test_an_anonymous_call_hides_applicants_from_reviewers_on_every_channel(run_on_commit):
    call, application, _other, _reviewers = reviewed_world(anonymous=True)
    review = PanelReview.objects.get(application=application)
    lead = application.lead
    page, api = clients(review.reviewer)
    texts = [
        page.get("/fund/panel/").content.decode(),
        page.get(f"/fund/panel/reviews/{review.pk}/").content.decode(),
        json.dumps(api.get("/api/v1/fund/panel/reviews/").json(), ensure_ascii=False),
        json.dumps(api.get(f"/api/v1/fund/panel/reviews/{review.pk}/").json(), ensure_ascii=False),
        " ".join(str(n.params) for n in Notification.objects.filter(recipient=review.reviewer)),
    ]  # fmt: skip
    assert application.series_title in texts[1]  # they do read the application
    for text in texts:
        assert leaks(text, lead) == []
    # The fact-checker too, and the script's title page is blanked.
    checker = lawyer()
    with run_on_commit():
        check = fact_check_assign(actor=call.manager, application=application, area="law",
                                  checker=checker)  # fmt: skip
    page, api = clients(checker)
    for text in (
        page.get(f"/fund/fact-checks/{check.pk}/").content.decode(),
        json.dumps(api.get(f"/api/v1/fund/fact-checks/{check.pk}/").json(), ensure_ascii=False),
        " ".join(str(n.params) for n in Notification.objects.filter(recipient=checker)),
    ):
        assert leaks(text, lead) == []


def test_a_named_call_shows_the_lead_to_its_reviewers():
    call, application, _other, _reviewers = reviewed_world(anonymous=False)
    review = PanelReview.objects.get(application=application)
    page, _api = clients(review.reviewer)
    text = page.get(f"/fund/panel/reviews/{review.pk}/").content.decode()
    assert leaks(text, application.lead)


def test_sealed_review_through_the_api_then_the_others_appear():
    call = make_call(panel_size=2)
    application = in_panel_review(call)
    seat(call, [mentor(), mentor()])
    panel_assign(actor=call.manager, call=call)
    first, second = PanelReview.objects.filter(application=application).order_by("pk")
    keys = list(call.rubric_version.criteria.values_list("key", flat=True))
    _page, api_one = clients(first.reviewer)
    _page, api_two = clients(second.reviewer)
    draft = api_one.patch(f"/api/v1/fund/panel/reviews/{first.pk}/",
                          {"scores": {keys[0]: {"score": 7, "comment": "好"}}}, format="json")  # fmt: skip
    assert draft.status_code == 200 and draft.json()["scores"][0]["score"] == 7
    full = {k: {"score": 5} for k in keys}
    done = api_two.patch(f"/api/v1/fund/panel/reviews/{second.pk}/", {
        "scores": full, "recommendation": "no", "comment": "一般", "submit": True,
    }, format="json")  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    assert api_one.get(f"/api/v1/fund/panel/reviews/{first.pk}/").json()["others"] == []
    missing = api_one.patch(f"/api/v1/fund/panel/reviews/{first.pk}/", {"submit": True},
                            format="json")  # fmt: skip
    assert missing.status_code == 400
    api_one.patch(f"/api/v1/fund/panel/reviews/{first.pk}/", {
        "scores": full, "recommendation": "yes", "comment": "好", "submit": True,
    }, format="json")  # fmt: skip
    others = api_one.get(f"/api/v1/fund/panel/reviews/{first.pk}/").json()["others"]
    assert [o["recommendation"] for o in others] == ["no"]


def test_the_manager_ranks_exports_and_decides_in_bulk(run_on_commit):
    call = make_call(panel_size=1)
    applications = [in_panel_review(call) for _ in range(3)]
    seat(call, [mentor()])
    page, api = clients(english(call.manager))
    assert api.post(f"/api/v1/fund/calls/{call.slug}/panel/assign/").json() == {
        "assigned": 3,
        "short": 0,
    }
    ranking = api.get(f"/api/v1/fund/calls/{call.slug}/ranking/").json()
    assert ranking["count"] == 3
    csv = page.get(f"/fund/manage/calls/{call.slug}/ranking.csv")
    assert csv.content.startswith("\ufeff".encode()) and "Rank" in csv.content.decode("utf-8-sig")
    xlsx = page.get(f"/fund/manage/calls/{call.slug}/ranking.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "Rank" and sheet.max_row == 4
    assert page.get(f"/fund/manage/calls/{call.slug}/ranking.pdf").status_code == 404
    with run_on_commit():
        response = page.post(f"/fund/manage/calls/{call.slug}/ranking/", {
            "applications": [a.pk for a in applications[:2]], "outcome": "waitlist",
            "reason": "列入候补",
        })  # fmt: skip
    assert response.status_code == 302
    statuses = sorted(a.status for a in type(applications[0]).objects.filter(call=call))
    assert statuses == ["panel_review", "waitlisted", "waitlisted"]
    award = api.post(f"/api/v1/fund/applications/{applications[2].pk}/determination/",
                     {"outcome": "award", "reason": "优秀", "amount": "150000.00"}, format="json")  # fmt: skip
    assert award.status_code == 200 and award.json()["award_amount"] == "150000.00"
    too_much = api.post(f"/api/v1/fund/applications/{applications[0].pk}/determination/",
                        {"outcome": "award", "reason": "好", "amount": "999999.00"}, format="json")  # fmt: skip
    assert too_much.status_code == 400 and "amount" in json.dumps(too_much.json())


def test_the_review_page_autosaves_a_draft_and_submits_with_its_form():
    call = make_call(panel_size=1)
    application = in_panel_review(call)
    seat(call, [english(mentor())])
    panel_assign(actor=call.manager, call=call)
    review = PanelReview.objects.get(application=application)
    page, _api = clients(review.reviewer)
    keys = list(call.rubric_version.criteria.values_list("key", flat=True))
    url = f"/fund/panel/reviews/{review.pk}/"
    saved = page.post(url, {f"score-{keys[0]}": "6", "comment": "草稿"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and b"Draft saved" in saved.content
    review.refresh_from_db()
    assert review.comment == "草稿" and review.scores.get(criterion__key=keys[0]).score == 6
    incomplete = page.post(url, {"submit": "1"})
    assert incomplete.status_code == 422
    form = {f"score-{k}": "7" for k in keys} | {"recommendation": "yes", "comment": "好"}
    assert page.post(url, form | {"submit": "1"}).status_code == 302
    review.refresh_from_db()
    assert review.is_submitted and review.recommendation == "yes"
