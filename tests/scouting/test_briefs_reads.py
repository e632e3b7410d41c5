"""Reads from a pitch: a scout of the brief's studio asks to read the pitched series; its
writers answer as for a listed series; nobody reads past the sample before the read opens."""

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import Conflict
from core.models import Notification
from scouting.models import NdaKind, ReadStatus
from scouting.services.briefs import (
    PitchFields,
    pitch_create,
    pitch_decline,
    pitch_submit,
    pitch_withdraw,
)
from scouting.services.reads import read_accept, read_decline, read_request_pitch
from tests.scouting.briefs_support import a_pitch, scout_of
from tests.scouting.support import studio_scout
from tests.support.factories import UserFactory, add_collaborator

pytestmark = pytest.mark.django_db

BEYOND_THE_SAMPLE = "白天送外卖，晚上学竹编"


def _ask(pitch, scout=None, **fields):
    fields.setdefault("message", "我们想读完整的剧本。")
    return read_request_pitch(actor=scout or scout_of(pitch.brief), pitch=pitch, **fields)


def test_a_scout_asks_to_read_a_pitched_series_and_a_cowriter_accepts(
    client, api_client, run_on_commit
):
    pitch = a_pitch(sample_episodes=1)
    cowriter = add_collaborator(pitch.series)
    with run_on_commit():
        read = _ask(pitch)
    assert read.pitch == pitch and read.listing is None
    assert read.studio == pitch.brief.studio and read.series == pitch.series
    assert Notification.objects.filter(recipient=cowriter, kind="scouting_read_requested").exists()

    scout = read.requested_by
    client.force_login(scout)
    assert client.get(f"/scouting/reads/{read.pk}/script/").status_code == 403

    client.force_login(cowriter)
    page = client.get(f"/scouting/reads/{read.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/scouting/reads/{read.pk}/answer/",
        {"answer": "accept", "window_days": 7, "nda_kind": NdaKind.NONE},
    )
    assert response.status_code == 302
    read.refresh_from_db()
    assert read.status == ReadStatus.OPEN

    client.force_login(scout)
    script = client.get(f"/scouting/reads/{read.pk}/script/")
    assert script.status_code == 200 and BEYOND_THE_SAMPLE in script.content.decode()
    api_client.force_authenticate(scout)
    answer = api_client.get(f"/api/v1/scouting/reads/{read.pk}/").json()
    assert answer["pitch_id"] == pitch.pk and answer["listing_id"] is None


def test_the_writer_declines_a_pitch_read():
    read = _ask(a_pitch())
    read = read_decline(actor=read.series.owner, read=read)
    assert read.status == ReadStatus.DECLINED


def test_a_studio_asks_once_while_its_request_waits():
    pitch = a_pitch()
    _ask(pitch)
    with pytest.raises(Conflict):
        _ask(pitch)


@pytest.mark.parametrize("who", ["writer", "other_scout", "stranger", "staff"])
def test_only_the_briefs_studio_asks(who):
    pitch = a_pitch()
    person = {
        "writer": lambda: pitch.author,
        "other_scout": lambda: studio_scout(),
        "stranger": UserFactory,
        "staff": lambda: UserFactory(is_staff=True),
    }[who]()
    with pytest.raises(PermissionDenied):
        _ask(pitch, scout=person)


def test_no_read_of_a_withdrawn_or_declined_pitch_or_an_idea():
    withdrawn = a_pitch()
    pitch_withdraw(actor=withdrawn.author, pitch=withdrawn)
    with pytest.raises(PermissionDenied):
        _ask(withdrawn)
    declined = a_pitch()
    pitch_decline(actor=scout_of(declined.brief), pitch=declined)
    with pytest.raises(PermissionDenied):
        _ask(declined)
    writer = UserFactory()
    idea = pitch_create(
        actor=writer, brief=declined.brief, fields=PitchFields(logline="只有一个点子")
    )
    idea = pitch_submit(actor=writer, pitch=idea)
    with pytest.raises(PermissionDenied):
        _ask(idea)


def test_a_read_of_a_pitch_is_not_a_read_of_a_listing_for_other_studios(client):
    read = _ask(a_pitch())
    read_accept(actor=read.series.owner, read=read, window_days=7, nda_kind=NdaKind.NONE)
    client.force_login(studio_scout())
    assert client.get(f"/scouting/reads/{read.pk}/").status_code == 404


def test_the_request_page_asks_and_keeps_what_was_typed_on_a_bad_range(client):
    pitch = a_pitch()
    client.force_login(scout_of(pitch.brief))
    url = f"/scouting/studio-pitches/{pitch.pk}/read/"
    response = client.post(
        url, {"studio": pitch.brief.studio.pk, "message": "请让我们读", "episodes_from": 3,
              "episodes_to": 1},
    )  # fmt: skip
    assert response.status_code == 422
    assert "请让我们读" in response.content.decode()
    response = client.post(url, {"studio": pitch.brief.studio.pk, "message": "请让我们读"})
    assert response.status_code == 302
    assert pitch.reads.get().status == ReadStatus.REQUESTED


def test_the_api_asks_to_read_a_pitched_series(api_client):
    pitch = a_pitch()
    api_client.force_authenticate(scout_of(pitch.brief))
    response = api_client.post(
        f"/api/v1/scouting/pitches/{pitch.pk}/read/", {"message": "想读"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["pitch_id"] == pitch.pk
    again = api_client.post(
        f"/api/v1/scouting/pitches/{pitch.pk}/read/", {"message": "想读"}, format="json"
    )
    assert again.status_code == 409
