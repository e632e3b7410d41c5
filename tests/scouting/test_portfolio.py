"""A writer's public portfolio: opt in; only listed series, as their listings show them."""

import pytest

from scouting.selectors import is_boutique_recommended
from scouting.services.listings import ListingChoices, listing_unlist, listing_update
from scouting.services.portfolios import portfolio_update
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import (
    UserFactory,
    add_collaborator,
    full_scores,
    peers,
    review_request,
)

pytestmark = pytest.mark.django_db


def reviewed(series, values, run_on_commit):
    from reviews.services.reviewing import review_save

    peers(len(values))
    with run_on_commit():
        request = review_request(series, reviews_needed=len(values))
    for assignment, value in zip(request.assignments.all(), values, strict=True):
        review_save(
            actor=assignment.reviewer, assignment=assignment, scores=full_scores(value),
            overall_comment="意见", submit=True,
        )  # fmt: skip


def public_writer(**bio):
    writer = UserFactory(language="en")
    portfolio_update(actor=writer, is_public=True, bio=bio.get("bio", ""))
    return writer


def test_off_until_turned_on_and_404_when_off(client):
    writer = UserFactory()
    listed(heritage_series(owner=writer))
    url = f"/scouting/writers/{writer.pk}/"

    assert client.get(url).status_code == 404
    portfolio_update(actor=writer, is_public=True, bio="")
    assert client.get(url).status_code == 200
    portfolio_update(actor=writer, is_public=False, bio="")
    assert client.get(url).status_code == 404


def test_only_listed_series_appear_and_only_what_the_listing_shows(client):
    writer = public_writer()
    listed(heritage_series(owner=writer, title="公开的剧"), show_logline=False)
    heritage_series(owner=writer, title="私密的剧")  # never listed
    gone = listed(heritage_series(owner=writer, title="撤下的剧"))
    listing_unlist(actor=writer, listing=gone)
    waiting = heritage_series(owner=writer, title="等待同意的剧")
    add_collaborator(waiting)
    listed(waiting)  # waits for the co-writer's consent

    page = client.get(f"/scouting/writers/{writer.pk}/").content.decode()

    assert "公开的剧" in page
    assert "私密的剧" not in page and "撤下的剧" not in page and "等待同意的剧" not in page
    assert "外卖小哥" not in page  # the logline the listing hides


def test_a_cowriters_portfolio_shows_the_listed_series_they_write(client):
    series = heritage_series(title="合写的剧")
    cowriter = add_collaborator(series)
    reader = add_collaborator(series, role="reader")
    listing = listed(series)
    from scouting.services.listings import consent_give

    consent_give(actor=cowriter, listing=listing)
    for person in (cowriter, reader):
        portfolio_update(actor=person, is_public=True, bio="")

    assert "合写的剧" in client.get(f"/scouting/writers/{cowriter.pk}/").content.decode()
    assert "合写的剧" not in client.get(f"/scouting/writers/{reader.pk}/").content.decode()


def test_the_boutique_badge_needs_two_reviews_with_a_median_of_8_of_10(client, run_on_commit):
    writer = public_writer()
    good = heritage_series(owner=writer, title="好剧")
    reviewed(good, (6, 8, 9), run_on_commit)  # median overall 8.0 on the 1–10 scale
    listed(good, show_score=True)
    fair = heritage_series(owner=writer, title="一般的剧")
    reviewed(fair, (7, 7), run_on_commit)
    listed(fair, show_score=True)

    body = client.get(f"/api/v1/scouting/writers/{writer.pk}/").json()

    badges = {series["title"]: series["boutique_recommended"] for series in body["series"]}
    assert badges == {"好剧": True, "一般的剧": False}
    page = client.get(f"/scouting/writers/{writer.pk}/").content.decode()
    assert page.count("精品推荐") == 1  # "Boutique recommended", on 好剧 only


def test_the_badge_rule_at_its_edges():
    class Snapshot:
        def __init__(self, score, count):
            self.score, self.review_count = score, count

    assert is_boutique_recommended(Snapshot(8.0, 2))
    assert not is_boutique_recommended(Snapshot(9.5, 1))  # one review is not enough
    assert not is_boutique_recommended(Snapshot(7.99, 5))
    assert not is_boutique_recommended(Snapshot(None, None))  # the score is hidden


def test_a_hidden_score_shows_no_badge(client, run_on_commit):
    writer = public_writer()
    series = heritage_series(owner=writer)
    reviewed(series, (9, 9), run_on_commit)
    listing = listed(series, show_score=True)
    listing_update(actor=writer, listing=listing, choices=ListingChoices(show_score=False))

    body = client.get(f"/api/v1/scouting/writers/{writer.pk}/").json()

    assert body["series"][0]["boutique_recommended"] is False
    assert body["series"][0]["score"] is None


def test_certificates_and_public_awards_appear(client):
    from incubator.services.awards import project_set_public
    from tests.courses.certificate_support import certified
    from tests.incubator.test_awards import running

    certificate, _teacher, student = certified()
    portfolio_update(actor=student, is_public=True, bio="")
    body = client.get(f"/api/v1/scouting/writers/{student.pk}/").json()
    assert [c["code"] for c in body["certificates"]] == [certificate.code]

    project, _manager, _milestones, _tranches = running()
    lead = project.application.lead
    portfolio_update(actor=lead, is_public=True, bio="")
    assert client.get(f"/api/v1/scouting/writers/{lead.pk}/").json()["awards"] == []
    project_set_public(actor=lead, project=project, public=True)
    awards = client.get(f"/api/v1/scouting/writers/{lead.pk}/").json()["awards"]
    assert [a["series_title"] for a in awards] == [project.application.series_title]


def test_the_bio_goes_through_the_sanitising_path(client):
    writer = public_writer(bio="<script>alert(1)</script> **编剧**")

    page = client.get(f"/scouting/writers/{writer.pk}/").content.decode()

    assert "<strong>编剧</strong>" in page and "<script>alert(1)" not in page


@pytest.mark.parametrize("who", ["anonymous", "writer", "scout", "staff", "another writer"])
def test_everyone_sees_a_public_portfolio_and_nobody_a_private_one(client, api_client, who):
    shown, hidden = public_writer(), UserFactory()
    listed(heritage_series(owner=shown, title="看得见"))
    listed(heritage_series(owner=hidden, title="看不见"))
    viewer = {
        "anonymous": None, "writer": shown, "scout": studio_scout(),
        "staff": UserFactory(staff=True), "another writer": UserFactory(),
    }[who]  # fmt: skip
    if viewer is not None:
        client.force_login(viewer)
        api_client.force_authenticate(viewer)

    assert "看得见" in client.get(f"/scouting/writers/{shown.pk}/").content.decode()
    assert client.get(f"/scouting/writers/{hidden.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/scouting/writers/{shown.pk}/").status_code == 200
    assert api_client.get(f"/api/v1/scouting/writers/{hidden.pk}/").status_code == 404


def test_the_settings_page_and_api(client, api_client):
    writer = UserFactory(language="en")
    client.force_login(writer)

    assert client.get("/scouting/portfolio/").status_code == 200
    saved = client.post("/scouting/portfolio/", {"is_public": "on", "bio": "写短剧的人"})
    assert saved.status_code == 302
    assert client.get(f"/scouting/writers/{writer.pk}/").status_code == 200
    too_long = "长" * 1001
    refused = client.post("/scouting/portfolio/", {"is_public": "on", "bio": too_long})
    assert refused.status_code == 422 and too_long in refused.content.decode()
    assert refused.context["form"].errors["bio"]

    api_client.force_authenticate(writer)
    assert api_client.get("/api/v1/scouting/portfolio/").json() == {
        "is_public": True, "bio": "写短剧的人",
    }  # fmt: skip
    off = api_client.put("/api/v1/scouting/portfolio/", {"is_public": False}, format="json")
    assert off.json()["is_public"] is False
    assert client.get(f"/scouting/writers/{writer.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_for_the_settings(client, api_client):
    assert client.get("/scouting/portfolio/").status_code == 302
    assert api_client.get("/api/v1/scouting/portfolio/").status_code == 401
