"""The brief and pitch pages and endpoints, end to end: what a studio and a writer do,
bad input answered with a clear message and nothing typed lost."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from scouting.models import Brief, BriefStatus, Pitch, PitchStatus
from tests.scouting.briefs_support import a_brief, a_pitch, scout_of
from tests.scouting.support import heritage_series, studio_scout

pytestmark = pytest.mark.django_db


def _deadline(days=20):
    return (timezone.localtime(timezone.now()) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _brief_post(studio, **overrides):
    data = {
        "studio": studio.pk,
        "title_zh": "都市非遗短剧征集",
        "title_en": "Urban heritage dramas",
        "description_zh": "要**非遗**。",
        "episodes": 80,
        "budget_tier": "medium",
        "offer_kind": "commission",
        "deadline": _deadline(),
    }
    data.update(overrides)
    return data


def test_a_scout_writes_publishes_and_closes_a_brief_on_the_pages(client):
    scout = studio_scout()
    studio = scout.memberships.get().organisation
    client.force_login(scout)
    response = client.post("/scouting/briefs/new/", _brief_post(studio))
    assert response.status_code == 302
    brief = Brief.objects.get()
    assert brief.status == BriefStatus.DRAFT and brief.title_en == "Urban heritage dramas"
    assert client.post(f"/scouting/briefs/{brief.pk}/publish/").status_code == 302
    brief.refresh_from_db()
    assert brief.status == BriefStatus.OPEN
    response = client.post(
        f"/scouting/briefs/{brief.pk}/edit/", _brief_post(studio, title_zh="新的标题")
    )
    assert response.status_code == 302
    assert Brief.objects.get().title_zh == "新的标题"
    assert client.post(f"/scouting/briefs/{brief.pk}/close/").status_code == 302
    assert Brief.objects.get().status == BriefStatus.CLOSED


def test_a_bad_brief_keeps_what_was_typed(client):
    scout = studio_scout()
    studio = scout.memberships.get().organisation
    client.force_login(scout)
    response = client.post(
        "/scouting/briefs/new/", _brief_post(studio, episodes=0, description_zh="我的长描述")
    )
    assert response.status_code == 422
    assert "我的长描述" in response.content.decode()
    assert not Brief.objects.exists()


def test_publishing_after_the_deadline_is_refused_with_a_message(client):
    brief = a_brief(publish=False, deadline=timezone.now() - timedelta(hours=1))
    client.force_login(scout_of(brief))
    with translation.override("en"):
        response = client.post(
            f"/scouting/briefs/{brief.pk}/publish/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert Brief.objects.get(pk=brief.pk).status == BriefStatus.DRAFT
    assert list(response.context["messages"])


def test_the_open_briefs_page_shows_the_brief_in_english_and_chinese(client):
    a_brief()
    with translation.override("en"):
        page = client.get("/scouting/briefs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Heritage short dramas wanted" in page
    page = client.get("/scouting/briefs/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "寻找非遗题材短剧" in page


def test_a_writer_pitches_on_the_pages_and_the_studio_shortlists(client, run_on_commit):
    brief = a_brief()
    series = heritage_series()
    client.force_login(series.owner)
    detail = client.get(f"/scouting/briefs/{brief.pk}/").content.decode()
    assert f"/scouting/briefs/{brief.pk}/pitch/" in detail
    response = client.post(
        f"/scouting/briefs/{brief.pk}/pitch/",
        {"logline": "外卖小哥学竹编", "synopsis": "故事", "series": series.pk,
         "sample_episodes": 1},
    )  # fmt: skip
    assert response.status_code == 302
    pitch = Pitch.objects.get()
    assert pitch.revision == series.head and pitch.status == PitchStatus.DRAFT
    with run_on_commit():
        assert client.post(f"/scouting/pitches/{pitch.pk}/submit/").status_code == 302
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SUBMITTED and pitch.sample_text
    assert "外卖小哥学竹编" in client.get("/scouting/pitches/").content.decode()

    client.force_login(scout_of(brief))
    listing = client.get(f"/scouting/briefs/{brief.pk}/pitches/", {"status": "submitted"})
    assert "外卖小哥学竹编" in listing.content.decode()
    page = client.get(f"/scouting/studio-pitches/{pitch.pk}/").content.decode()
    assert f"/scouting/studio-pitches/{pitch.pk}/offer/" in page  # the studio may make an offer
    response = client.post(
        f"/scouting/studio-pitches/{pitch.pk}/answer/", {"answer": "shortlist", "note": "不错"}
    )
    assert response.status_code == 302
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SHORTLISTED and pitch.answer_note == "不错"
    filtered = client.get(f"/scouting/briefs/{brief.pk}/pitches/", {"status": "declined"})
    assert "外卖小哥学竹编" not in filtered.content.decode()


def test_a_bad_pitch_keeps_what_was_typed(client):
    brief = a_brief()
    series = heritage_series()
    client.force_login(series.owner)
    response = client.post(
        f"/scouting/briefs/{brief.pk}/pitch/",
        {"logline": "我的点子", "synopsis": "我写了很久的梗概", "series": series.pk,
         "sample_episodes": 9},
    )  # fmt: skip
    assert response.status_code == 422
    body = response.content.decode()
    assert "我写了很久的梗概" in body and "我的点子" in body
    response = client.post(
        f"/scouting/briefs/{brief.pk}/pitch/",
        {"logline": "我的点子", "series": series.pk, "revision_number": 99, "sample_episodes": 1},
    )
    assert response.status_code == 422
    assert not Pitch.objects.exists()


def test_a_series_of_someone_else_is_not_offered_and_refused(client):
    brief = a_brief()
    mine, theirs = heritage_series(), heritage_series(title="别人的剧")
    client.force_login(mine.owner)
    form = client.get(f"/scouting/briefs/{brief.pk}/pitch/").content.decode()
    assert "别人的剧" not in form
    response = client.post(
        f"/scouting/briefs/{brief.pk}/pitch/", {"logline": "偷来的", "series": theirs.pk}
    )
    assert response.status_code == 422
    assert not Pitch.objects.exists()


def test_a_late_submission_is_refused_on_the_page_and_the_draft_stays(client):
    pitch = a_pitch(submit=False, logline="我的草稿")
    Brief.objects.filter(pk=pitch.brief_id).update(deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(pitch.author)
    response = client.post(f"/scouting/pitches/{pitch.pk}/submit/", follow=True)
    assert list(response.context["messages"])
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.DRAFT and pitch.logline == "我的草稿"
    assert "我的草稿" in client.get(f"/scouting/pitches/{pitch.pk}/").content.decode()


# The API -----------------------------------------------------------------------------


def _brief_json(**overrides):
    data = {
        "title_zh": "寻找悬疑短剧",
        "description_zh": "悬疑题材。",
        "episodes": 60,
        "budget_tier": "small",
        "deadline": (timezone.now() + timedelta(days=10)).isoformat(),
        "terms": ["intangible-heritage"],
    }
    data.update(overrides)
    return data


def test_the_api_writes_publishes_and_closes_a_brief(api_client):
    scout = studio_scout()
    api_client.force_authenticate(scout)
    response = api_client.post("/api/v1/scouting/briefs/", _brief_json(), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and body["terms"] == ["intangible-heritage"]
    pk = body["id"]
    changed = api_client.put(
        f"/api/v1/scouting/briefs/{pk}/", _brief_json(title_zh="改了"), format="json"
    )
    assert changed.status_code == 200 and changed.json()["title_zh"] == "改了"
    assert api_client.post(f"/api/v1/scouting/briefs/{pk}/publish/").json()["status"] == "open"
    assert api_client.post(f"/api/v1/scouting/briefs/{pk}/close/").json()["status"] == "closed"
    assert api_client.post(f"/api/v1/scouting/briefs/{pk}/close/").status_code == 409


def test_the_api_refuses_a_bad_brief_by_field_and_a_non_scout(api_client):
    scout = studio_scout()
    api_client.force_authenticate(scout)
    response = api_client.post(
        "/api/v1/scouting/briefs/", _brief_json(episodes=0, terms=["nope"]), format="json"
    )
    assert response.status_code == 400
    from tests.support.factories import UserFactory

    api_client.force_authenticate(UserFactory())
    assert (
        api_client.post("/api/v1/scouting/briefs/", _brief_json(), format="json").status_code == 403
    )


def test_the_api_pitches_submits_and_the_studio_declines(api_client, run_on_commit):
    brief = a_brief()
    series = heritage_series()
    api_client.force_authenticate(series.owner)
    response = api_client.post(
        f"/api/v1/scouting/briefs/{brief.pk}/pitches/",
        {"logline": "外卖与竹编", "series_id": series.pk, "sample_episodes": 2},
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert response.json()["revision_number"] == series.head.number
    bad = api_client.put(
        f"/api/v1/scouting/pitches/{pk}/",
        {"logline": "x", "series_id": series.pk, "sample_episodes": 4},
        format="json",
    )
    assert bad.status_code == 400 and "sample_episodes" in bad.json()["errors"]
    with run_on_commit():
        submitted = api_client.post(f"/api/v1/scouting/pitches/{pk}/submit/")
    assert submitted.status_code == 200 and submitted.json()["sample_text"]
    api_client.force_authenticate(scout_of(brief))
    declined = api_client.post(
        f"/api/v1/scouting/pitches/{pk}/decline/", {"note": "不合适"}, format="json"
    )
    assert declined.json()["status"] == "declined"
    assert declined.json()["answer_note"] == "不合适"
    api_client.force_authenticate(series.owner)
    assert api_client.post(f"/api/v1/scouting/pitches/{pk}/withdraw/").status_code == 409


def test_the_api_refuses_someone_elses_series(api_client):
    brief = a_brief()
    theirs = heritage_series()
    api_client.force_authenticate(heritage_series().owner)
    response = api_client.post(
        f"/api/v1/scouting/briefs/{brief.pk}/pitches/",
        {"logline": "偷来的", "series_id": theirs.pk},
        format="json",
    )
    assert response.status_code == 400 and "series_id" in response.json()["errors"]


def test_a_late_submission_through_the_api_is_409_and_keeps_the_draft(api_client):
    pitch = a_pitch(submit=False)
    Brief.objects.filter(pk=pitch.brief_id).update(deadline=timezone.now() - timedelta(minutes=1))
    api_client.force_authenticate(pitch.author)
    assert api_client.post(f"/api/v1/scouting/pitches/{pitch.pk}/submit/").status_code == 409
    assert Pitch.objects.get(pk=pitch.pk).status == PitchStatus.DRAFT


def test_a_sent_pitch_is_not_changed_through_its_page(client):
    pitch = a_pitch(logline="发出去的")
    client.force_login(pitch.author)
    response = client.post(f"/scouting/pitches/{pitch.pk}/", {"logline": "偷偷改"})
    assert response.status_code == 302
    assert Pitch.objects.get(pk=pitch.pk).logline == "发出去的"


def test_a_pitch_read_links_back_to_the_pitch_for_the_studio(client):
    from scouting.services.reads import read_request_pitch

    pitch = a_pitch()
    read = read_request_pitch(actor=scout_of(pitch.brief), pitch=pitch, message="想读")
    client.force_login(scout_of(pitch.brief))
    page = client.get(f"/scouting/reads/{read.pk}/").content.decode()
    assert f"/scouting/studio-pitches/{pitch.pk}/" in page
    client.force_login(pitch.author)
    page = client.get(f"/scouting/reads/{read.pk}/").content.decode()
    assert f"/scouting/studio-pitches/{pitch.pk}/" not in page
