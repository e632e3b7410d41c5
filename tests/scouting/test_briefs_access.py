"""Who sees what of briefs and pitches, on every page and endpoint: an open brief is
public; a draft is its studio's; a pitch is its author's and (once sent) the brief's
studio's; nobody else sees one, and nobody sees more of the series than its sample."""

import pytest

from scouting.models import BriefStatus, Pitch, PitchStatus
from tests.scouting.briefs_support import a_brief, a_pitch, scout_of
from tests.scouting.support import heritage_series, studio_scout
from tests.support.factories import UserFactory, add_collaborator, admin_of

pytestmark = pytest.mark.django_db

# Episode 1 is the sample; episode 2 is only in a read.
BEYOND_THE_SAMPLE = "白天送外卖，晚上学竹编"


@pytest.fixture
def world():
    brief = a_brief()
    draft = a_brief(scout=scout_of(brief), publish=False, title_zh="草稿")
    pitch = a_pitch(brief=brief, sample_episodes=1)
    draft_pitch = a_pitch(
        brief=brief, series=heritage_series(owner=pitch.author), submit=False, logline="还没发的"
    )
    people = {
        "writer": pitch.author,
        "cowriter": add_collaborator(pitch.series),
        "scout": scout_of(brief),
        "admin": admin_of(brief.studio),
        "other_scout": studio_scout(),
        "stranger": UserFactory(),
        "staff": UserFactory(is_staff=True),
        "anonymous": None,
    }
    return {"brief": brief, "draft": draft, "pitch": pitch, "draft_pitch": draft_pitch,
            "people": people}  # fmt: skip


def _pages(w):
    brief, draft, pitch, mine = w["brief"], w["draft"], w["pitch"], w["draft_pitch"]
    return {
        "briefs": "/scouting/briefs/",
        "open_brief": f"/scouting/briefs/{brief.pk}/",
        "draft_brief": f"/scouting/briefs/{draft.pk}/",
        "brief_new": "/scouting/briefs/new/",
        "brief_edit": f"/scouting/briefs/{brief.pk}/edit/",
        "draft_edit": f"/scouting/briefs/{draft.pk}/edit/",
        "brief_pitches": f"/scouting/briefs/{brief.pk}/pitches/",
        "pitch_form": f"/scouting/briefs/{brief.pk}/pitch/",
        "draft_pitch_form": f"/scouting/briefs/{draft.pk}/pitch/",
        "my_pitches": "/scouting/pitches/",
        "my_pitch": f"/scouting/pitches/{pitch.pk}/",
        "my_draft_pitch": f"/scouting/pitches/{mine.pk}/",
        "studio_pitch": f"/scouting/studio-pitches/{pitch.pk}/",
        "studio_draft_pitch": f"/scouting/studio-pitches/{mine.pk}/",
        "pitch_read": f"/scouting/studio-pitches/{pitch.pk}/read/",
        "api_briefs": "/api/v1/scouting/briefs/",
        "api_open_brief": f"/api/v1/scouting/briefs/{brief.pk}/",
        "api_draft_brief": f"/api/v1/scouting/briefs/{draft.pk}/",
        "api_brief_pitches": f"/api/v1/scouting/briefs/{brief.pk}/pitches/",
        "api_my_pitches": "/api/v1/scouting/pitches/",
        "api_pitch": f"/api/v1/scouting/pitches/{pitch.pk}/",
        "api_draft_pitch": f"/api/v1/scouting/pitches/{mine.pk}/",
    }


PUBLIC = {"briefs", "open_brief", "api_briefs", "api_open_brief"}
SIGNED_IN = {"pitch_form", "my_pitches", "api_my_pitches"}
STUDIO = {
    "draft_brief", "brief_new", "brief_edit", "draft_edit", "brief_pitches", "draft_pitch_form",
    "studio_pitch", "pitch_read", "api_draft_brief", "api_brief_pitches", "api_pitch",
}  # fmt: skip
AUTHOR = {"my_pitch", "my_draft_pitch", "api_pitch", "api_draft_pitch"}


def _expected(role):
    allowed = set(PUBLIC)
    if role != "anonymous":
        allowed |= SIGNED_IN
    if role in ("scout", "admin"):
        allowed |= STUDIO
    if role == "writer":
        allowed |= AUTHOR
    if role == "other_scout":
        allowed.add("brief_new")  # for their own studio
    return allowed


@pytest.mark.parametrize(
    "role",
    ["writer", "cowriter", "scout", "admin", "other_scout", "stranger", "staff", "anonymous"],
)
def test_every_page_and_endpoint_answers_each_role_as_it_should(client, api_client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
        api_client.force_authenticate(person)
    allowed = _expected(role)
    for name, url in _pages(world).items():
        response = (api_client if name.startswith("api") else client).get(url)
        if name in allowed:
            assert response.status_code == 200, (role, name, response.status_code)
        elif person is None and not name.startswith("api"):
            assert response.status_code in (302, 404), (role, name)
            if response.status_code == 302:
                assert "/accounts/login/" in response.url
        elif person is None:
            assert response.status_code in (401, 403, 404), (role, name)
        else:
            assert response.status_code == 404, (role, name, response.status_code)
        assert BEYOND_THE_SAMPLE.encode() not in response.content, (role, name)


def test_the_studio_sees_the_sample_and_nothing_beyond(client, world):
    client.force_login(world["people"]["scout"])
    page = client.get(f"/scouting/studio-pitches/{world['pitch'].pk}/").content.decode()
    assert "阿竹把竹篾一根根理顺" in page
    assert BEYOND_THE_SAMPLE not in page


def test_the_lists_show_each_person_their_own(client, api_client, world):
    other = a_pitch(brief=a_brief(), logline="别人的点子")
    writer = world["people"]["writer"]
    api_client.force_authenticate(writer)
    ids = {row["id"] for row in api_client.get("/api/v1/scouting/pitches/").json()["results"]}
    assert ids == {world["pitch"].pk, world["draft_pitch"].pk}
    assert other.pk not in ids
    api_client.force_authenticate(world["people"]["scout"])
    url = f"/api/v1/scouting/briefs/{world['brief'].pk}/pitches/"
    ids = {row["id"] for row in api_client.get(url).json()["results"]}
    assert ids == {world["pitch"].pk}  # not the draft, not another brief's
    briefs = {row["id"] for row in api_client.get("/api/v1/scouting/briefs/").json()["results"]}
    assert {world["brief"].pk, world["draft"].pk} <= briefs
    api_client.force_authenticate(world["people"]["other_scout"])
    briefs = {row["id"] for row in api_client.get("/api/v1/scouting/briefs/").json()["results"]}
    assert world["draft"].pk not in briefs and world["brief"].pk in briefs


@pytest.mark.parametrize("role", ["writer", "cowriter", "other_scout", "stranger", "staff"])
def test_nobody_but_the_studio_moves_a_brief_or_answers_a_pitch(client, api_client, world, role):
    person = world["people"][role]
    client.force_login(person)
    api_client.force_authenticate(person)
    brief, draft, pitch = world["brief"], world["draft"], world["pitch"]
    posts = [
        (client, f"/scouting/briefs/{draft.pk}/publish/", {}),
        (client, f"/scouting/briefs/{brief.pk}/close/", {}),
        (client, f"/scouting/briefs/{brief.pk}/edit/", {"title_zh": "改"}),
        (client, f"/scouting/studio-pitches/{pitch.pk}/answer/", {"answer": "decline"}),
        (client, f"/scouting/studio-pitches/{pitch.pk}/read/", {"message": "想读"}),
        (api_client, f"/api/v1/scouting/briefs/{draft.pk}/publish/", {}),
        (api_client, f"/api/v1/scouting/briefs/{brief.pk}/close/", {}),
        (api_client, f"/api/v1/scouting/pitches/{pitch.pk}/shortlist/", {}),
        (api_client, f"/api/v1/scouting/pitches/{pitch.pk}/decline/", {}),
        (api_client, f"/api/v1/scouting/pitches/{pitch.pk}/read/", {"message": "想读"}),
    ]
    for http, url, data in posts:
        assert http.post(url, data).status_code == 404, url
    draft.refresh_from_db()
    brief.refresh_from_db()
    assert draft.status == BriefStatus.DRAFT and brief.status == BriefStatus.OPEN
    assert Pitch.objects.get(pk=pitch.pk).status == PitchStatus.SUBMITTED
    assert not pitch.reads.exists()


@pytest.mark.parametrize("role", ["cowriter", "scout", "other_scout", "stranger", "staff"])
def test_nobody_but_the_author_sends_changes_or_withdraws_a_pitch(client, api_client, world, role):
    person = world["people"][role]
    client.force_login(person)
    api_client.force_authenticate(person)
    mine, pitch = world["draft_pitch"], world["pitch"]
    posts = [
        (client, f"/scouting/pitches/{mine.pk}/", {"logline": "改"}),
        (client, f"/scouting/pitches/{mine.pk}/submit/", {}),
        (client, f"/scouting/pitches/{pitch.pk}/withdraw/", {}),
        (api_client, f"/api/v1/scouting/pitches/{mine.pk}/submit/", {}),
        (api_client, f"/api/v1/scouting/pitches/{pitch.pk}/withdraw/", {}),
    ]
    for http, url, data in posts:
        assert http.post(url, data).status_code == 404, url
    assert (
        api_client.put(f"/api/v1/scouting/pitches/{mine.pk}/", {"logline": "改"}).status_code == 404
    )
    mine.refresh_from_db()
    assert mine.status == PitchStatus.DRAFT and mine.logline == "还没发的"
    assert Pitch.objects.get(pk=pitch.pk).status == PitchStatus.SUBMITTED
