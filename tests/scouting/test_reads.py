"""Read requests: asking, answering, the NDA, the window, revoking, the trail, the codes."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from scouting.models import NdaKind, ReadEvent, ReadRequest, ReadStatus
from scouting.services.reads import (
    nda_sha256,
    read_accept,
    read_decline,
    read_nda_accept,
    read_revoke,
    read_view_record,
    read_withdraw,
    reads_expire_due,
)
from scripts_app.services.revisions import revision_save
from tests.scouting.reads_support import a_request, an_open_read, colleague
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import UserFactory, add_collaborator, member_of

pytestmark = pytest.mark.django_db

EPISODE_2 = "白天送外卖，晚上学竹编"
EPISODE_3 = "外婆把刻刀交给阿竹"


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# Asking ---------------------------------------------------------------------------------


def test_a_scout_asks_and_every_writer_is_told(run_on_commit):
    series = heritage_series()
    cowriter = add_collaborator(series)
    listing = listed(series)
    from scouting.services.listings import consent_give

    consent_give(actor=cowriter, listing=listing)
    with run_on_commit():
        read = a_request(listing=listing)
    assert read.status == ReadStatus.REQUESTED
    assert list(read.readers.all()) == [read.requested_by]
    assert "scouting_read_requested" in _kinds(series.owner)
    assert "scouting_read_requested" in _kinds(cowriter)
    assert AuditEntry.objects.filter(action="scouting.read.request").count() == 1


def test_a_studio_asks_once_while_its_request_waits():
    read = a_request()
    with pytest.raises(Conflict):
        a_request(scout=read.requested_by, listing=read.listing)


def test_readers_must_be_members_of_the_studio():
    outsider = UserFactory()
    with pytest.raises(ValidationError) as error:
        a_request(readers=[outsider])
    assert "readers" in error.value.message_dict


def test_a_named_colleague_may_be_a_reader():
    read = a_request()
    other = member_of(read.studio)
    second = a_request(
        scout=read.requested_by,
        listing=listed(heritage_series()),
        readers=[read.requested_by, other],
    )
    assert set(second.readers.all()) == {read.requested_by, other}


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [(3, 1, "episodes_to"), (None, 2, "episodes_to"), (2, None, "episodes_to")],
)
def test_a_bad_range_is_refused_on_its_field(first, last, field):
    with pytest.raises(ValidationError) as error:
        a_request(episodes_from=first, episodes_to=last)
    assert field in error.value.message_dict


def test_someone_who_is_not_a_scout_cannot_ask():
    listing = listed(heritage_series())
    with pytest.raises(PermissionDenied):
        a_request(scout=UserFactory(), listing=listing)


# Answering ------------------------------------------------------------------------------


def test_accepting_without_an_nda_opens_the_window_at_once(run_on_commit):
    read = a_request()
    with run_on_commit():
        read = read_accept(actor=read.series.owner, read=read, window_days=7)
    assert read.status == ReadStatus.OPEN and read.is_open
    assert read.ends_at - read.opened_at == timedelta(days=7)
    assert read.revision_id == read.series.head_id
    assert "scouting_read_accepted" in _kinds(read.requested_by)
    assert AuditEntry.objects.filter(action="scouting.read.accept").count() == 1


@pytest.mark.parametrize("days", [0, 91])
def test_the_window_is_one_to_ninety_days(days):
    read = a_request()
    with pytest.raises(ValidationError) as error:
        read_accept(actor=read.series.owner, read=read, window_days=days)
    assert "window_days" in error.value.message_dict


def test_any_cowriter_may_answer_and_a_second_answer_is_refused():
    series = heritage_series()
    cowriter = add_collaborator(series)
    listing = listed(series)
    from scouting.services.listings import consent_give

    consent_give(actor=cowriter, listing=listing)
    read = a_request(listing=listing)
    read_decline(actor=cowriter, read=read)
    assert read.status == ReadStatus.DECLINED
    with pytest.raises(Conflict):
        read_accept(actor=series.owner, read=read, window_days=14)


def test_a_reader_of_the_series_cannot_answer():
    read = a_request()
    reader = add_collaborator(read.series, role="reader")
    with pytest.raises(PermissionDenied):
        read_accept(actor=reader, read=read, window_days=14)


def test_the_standard_nda_is_bilingual_and_its_exact_text_is_accepted(run_on_commit):
    read = a_request()
    read = read_accept(
        actor=read.series.owner, read=read, window_days=30, nda_kind=NdaKind.STANDARD
    )
    assert read.status == ReadStatus.ACCEPTED and not read.is_open
    assert "保密协议" in read.nda_text and "Non-Disclosure Agreement" in read.nda_text
    assert "《竹编少年》" in read.nda_text and "星河短剧工作室" in read.nda_text
    assert read.nda_sha256 == nda_sha256(read.nda_text)

    with pytest.raises(ValidationError) as error:
        read_nda_accept(actor=read.requested_by, read=read, sha256=nda_sha256(read.nda_text + "x"))
    assert "sha256" in error.value.message_dict
    assert ReadRequest.objects.get(pk=read.pk).status == ReadStatus.ACCEPTED

    with run_on_commit():
        read = read_nda_accept(actor=read.requested_by, read=read, sha256=read.nda_sha256)
    assert read.status == ReadStatus.OPEN and read.is_open
    assert read.nda_accepted_by == read.requested_by
    assert read.nda_accepted_sha256 == read.nda_sha256
    assert read.nda_accepted_at is not None
    assert read.ends_at - read.opened_at == timedelta(days=30)
    assert "scouting_read_nda_accepted" in _kinds(read.series.owner)


def test_the_writers_own_nda_is_required_when_chosen_and_kept_exactly():
    read = a_request()
    with pytest.raises(ValidationError) as error:
        read_accept(actor=read.series.owner, read=read, window_days=14, nda_kind=NdaKind.OWN)
    assert "nda_text" in error.value.message_dict
    read = read_accept(
        actor=read.series.owner, read=read, window_days=14, nda_kind=NdaKind.OWN,
        nda_text="Keep it secret.",
    )  # fmt: skip
    assert read.nda_text == "Keep it secret.\n"
    assert read.nda_sha256 == nda_sha256("Keep it secret.\n")


def test_the_read_stays_on_the_revision_current_at_acceptance(client):
    read = an_open_read()
    series = read.series
    revision_save(
        actor=series.owner, series=series, text="第1集 新版\n△全新的文本。\n", base=series.head
    )
    client.force_login(read.requested_by)
    page = client.get(f"/scouting/reads/{read.pk}/script/").content.decode()
    assert "阿竹把竹篾一根根理顺" in page and "全新的文本" not in page


def test_the_read_shows_only_the_episodes_in_range(client):
    read = an_open_read(episodes_from=2, episodes_to=2)
    client.force_login(read.requested_by)
    page = client.get(f"/scouting/reads/{read.pk}/script/").content.decode()
    assert EPISODE_2 in page
    assert "阿竹把竹篾一根根理顺" not in page and EPISODE_3 not in page


# Withdrawing, revoking, expiring --------------------------------------------------------


def test_the_scout_withdraws_before_it_opens_but_not_after():
    read = a_request()
    read_withdraw(actor=read.requested_by, read=read)
    assert read.status == ReadStatus.WITHDRAWN
    opened = an_open_read()
    with pytest.raises(Conflict):
        read_withdraw(actor=opened.requested_by, read=opened)


def test_a_writer_revokes_and_the_readers_are_told(run_on_commit):
    read = an_open_read()
    with run_on_commit():
        read_revoke(actor=read.series.owner, read=read)
    assert read.status == ReadStatus.REVOKED and not read.is_open
    assert "scouting_read_revoked" in _kinds(read.requested_by)
    with pytest.raises(PermissionDenied):
        read_view_record(actor=read.requested_by, read=read)


def test_access_ends_with_the_window_and_the_task_marks_it_expired():
    read = an_open_read()
    ReadRequest.objects.filter(pk=read.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    read.refresh_from_db()
    assert read.status == ReadStatus.OPEN and not read.is_open
    with pytest.raises(PermissionDenied):
        read_view_record(actor=read.requested_by, read=read)
    still_open = an_open_read()
    assert reads_expire_due() == 1
    read.refresh_from_db()
    still_open.refresh_from_db()
    assert read.status == ReadStatus.EXPIRED and still_open.status == ReadStatus.OPEN
    assert AuditEntry.objects.filter(action="scouting.read.expire").count() == 1
    assert reads_expire_due() == 0


def test_the_expiry_task_is_on_the_beat_schedule():
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "scouting.tasks.expire_reads" in tasks


# The trail and its notifications --------------------------------------------------------


def test_writers_are_told_of_reading_once_per_read_per_day(run_on_commit, client):
    read = an_open_read()
    owner = read.series.owner
    client.force_login(read.requested_by)
    with run_on_commit():
        for _ in range(3):
            assert client.get(f"/scouting/reads/{read.pk}/script/").status_code == 200
        assert client.get(f"/scouting/reads/{read.pk}/pdf/").status_code == 200
    assert ReadEvent.objects.filter(read=read).count() == 4
    assert _kinds(owner).count("scouting_read_opened") == 1
    ReadEvent.objects.filter(read=read).update(created_at=timezone.now() - timedelta(days=2))
    with run_on_commit():
        client.get(f"/scouting/reads/{read.pk}/script/")
    assert _kinds(owner).count("scouting_read_opened") == 2


def test_the_trail_names_the_studio_and_abbreviates_the_reader(client):
    studio_read = a_request()
    scout = studio_read.requested_by
    scout.display_name_zh = "赵明远"
    scout.save(update_fields=["display_name_zh"])
    read = an_open_read(scout=scout, listing=listed(heritage_series()), episodes_to=2)
    client.force_login(scout)
    client.get(f"/scouting/reads/{read.pk}/script/")
    client.force_login(read.series.owner)
    page = client.get(f"/scouting/series/{read.series.pk}/reads/").content.decode()
    assert "星河短剧工作室 · 赵…" in page
    assert "赵明远" not in page


def test_the_trail_is_for_the_writers_only(client):
    read = an_open_read()
    url = f"/scouting/series/{read.series.pk}/reads/"
    client.force_login(read.requested_by)
    assert client.get(url).status_code == 404
    client.force_login(add_collaborator(read.series, role="reader"))
    assert client.get(url).status_code == 403


# Pages: bad input keeps what was typed --------------------------------------------------


def test_the_request_page_sends_a_request(client):
    listing = listed(heritage_series())
    scout = studio_scout()
    client.force_login(scout)
    assert client.get(f"/scouting/listings/{listing.pk}/read/").status_code == 200
    studio = scout.memberships.get().organisation
    response = client.post(
        f"/scouting/listings/{listing.pk}/read/",
        {"studio": studio.pk, "message": "想读全本", "episodes_from": "", "episodes_to": ""},
    )
    read = ReadRequest.objects.get()
    assert response.status_code == 302 and response.url == f"/scouting/reads/{read.pk}/"
    assert read.episodes_from is None and read.message == "想读全本"


def test_a_bad_range_on_the_request_page_is_shown_beside_the_field(client):
    listing = listed(heritage_series())
    scout = studio_scout()
    scout.language = "en"
    scout.save(update_fields=["language"])
    client.force_login(scout)
    studio = scout.memberships.get().organisation
    response = client.post(
        f"/scouting/listings/{listing.pk}/read/",
        {"studio": studio.pk, "message": "我的留言", "episodes_from": 3, "episodes_to": 1},
    )
    assert response.status_code == 422
    assert "The last episode must not come before the first." in response.content.decode()
    assert "我的留言" in response.content.decode()
    assert not ReadRequest.objects.exists()


def test_the_answer_form_refuses_a_bad_window_and_keeps_the_nda_text(client):
    read = a_request()
    client.force_login(read.series.owner)
    response = client.post(
        f"/scouting/reads/{read.pk}/answer/",
        {"answer": "accept", "window_days": 120, "nda_kind": "own", "nda_text": "我们的保密条款"},
    )
    assert response.status_code == 422
    assert "我们的保密条款" in response.content.decode()
    read.refresh_from_db()
    assert read.status == ReadStatus.REQUESTED


def test_the_nda_page_refuses_a_changed_text(client):
    read = a_request()
    read = read_accept(
        actor=read.series.owner, read=read, window_days=14, nda_kind=NdaKind.STANDARD
    )
    client.force_login(read.requested_by)
    page = client.get(f"/scouting/reads/{read.pk}/")
    assert read.nda_sha256 in page.content.decode()
    refused = client.post(f"/scouting/reads/{read.pk}/nda/", {"sha256": "0" * 64, "agree": "on"})
    assert refused.status_code == 422
    accepted = client.post(
        f"/scouting/reads/{read.pk}/nda/", {"sha256": read.nda_sha256, "agree": "on"}
    )
    assert accepted.status_code == 302
    read.refresh_from_db()
    assert read.status == ReadStatus.OPEN


def test_writers_accept_decline_and_revoke_from_the_page(client):
    read = a_request()
    client.force_login(read.series.owner)
    assert client.get(f"/scouting/reads/{read.pk}/").status_code == 200
    client.post(
        f"/scouting/reads/{read.pk}/answer/",
        {"answer": "accept", "window_days": 3, "nda_kind": "none"},
    )
    read.refresh_from_db()
    assert read.status == ReadStatus.OPEN and read.window_days == 3
    client.post(f"/scouting/reads/{read.pk}/revoke/")
    read.refresh_from_db()
    assert read.status == ReadStatus.REVOKED
    other = a_request(listing=listed(heritage_series(owner=read.series.owner)))
    client.post(f"/scouting/reads/{other.pk}/answer/", {"answer": "decline"})
    other.refresh_from_db()
    assert other.status == ReadStatus.DECLINED


def test_the_scout_withdraws_from_the_page(client):
    read = a_request()
    client.force_login(read.requested_by)
    client.post(f"/scouting/reads/{read.pk}/withdraw/")
    read.refresh_from_db()
    assert read.status == ReadStatus.WITHDRAWN


# Codes ----------------------------------------------------------------------------------


def _downloaded(client, read):
    client.force_login(read.requested_by)
    client.get(f"/scouting/reads/{read.pk}/pdf/")
    return ReadEvent.objects.get(read=read, kind="download").code


def test_a_code_leads_writers_and_staff_back_to_the_read(client):
    read = an_open_read()
    code = _downloaded(client, read)
    for person in (read.series.owner, UserFactory(is_staff=True)):
        client.force_login(person)
        page = client.get("/scouting/codes/", {"code": code.lower()})
        assert page.status_code == 200
        text = page.content.decode()
        assert read.requested_by.display_name in text and "星河短剧工作室" in text


def test_a_code_is_404_for_anyone_else(client):
    read = an_open_read()
    code = _downloaded(client, read)
    stranger_writer = heritage_series().owner
    for person in (read.requested_by, colleague(read), stranger_writer, UserFactory()):
        client.force_login(person)
        assert client.get("/scouting/codes/", {"code": code}).status_code == 404
    client.force_login(read.series.owner)
    assert client.get("/scouting/codes/", {"code": "RD-NOPE"}).status_code == 404
    assert client.get("/scouting/codes/").status_code == 200
