"""Who may run and read originality reports, and what a report shows of other works."""

import random

import pytest
from django.utils import timezone

from registry.models import OriginalityReport, ReportStatus
from registry.originality import synthetic
from registry.services.originality import fingerprint_revision, originality_report_request
from registry.services.registration import registration_request
from tests.support.factories import UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


def script(seed: int) -> str:
    return synthetic.make_script(random.Random(seed))


@pytest.fixture
def copied_pair(run_on_commit):
    """A registered original by one writer and a copy of a passage of it by another,
    with a finished report on the copy."""
    original = make_series(text=script(1), title="原作甲")
    with run_on_commit():
        registration_request(
            actor=original.owner, series=original, revision=original.head, authors=[]
        )
    copied_text, _ = synthetic.plant(script(1), script(2), 0.2, random.Random(3))
    copy = make_series(text=copied_text, title="抄本乙")
    with run_on_commit():
        report = originality_report_request(actor=copy.owner, revision=copy.head)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.results
    return original, copy, report


def original_line(original) -> str:
    from scripts_app.selectors import revision_text

    return next(line for line in revision_text(original.head).split("\n") if line.startswith("△"))


def test_the_report_names_only_the_entry_to_a_writer_who_may_not_read_the_other_work(
    client, copied_pair
):
    original, copy, report = copied_pair
    copy.owner.language = "en"  # signed in, pages are in the person's language
    copy.owner.save(update_fields=["language"])
    client.force_login(copy.owner)

    page = client.get(f"/registry/originality/{report.pk}/").content.decode()

    entry = original.registry_entries.get()
    assert (
        f"registered on {timezone.localtime(entry.recorded_at):%Y-%m-%d}, entry No. {entry.number}"
        in page
    )
    assert "原作甲" not in page
    assert "private to its writers" in page
    theirs = [p["theirs"] for p in report.results[0]["passages"]]
    # The other work's own lines never appear: only this revision's passage is shown.
    from scripts_app.selectors import revision_text

    their_text = revision_text(original.head).split("\n")
    our_text = set(copy.head and revision_text(copy.head).split("\n"))
    only_theirs = [
        line
        for side in theirs
        for line in their_text[side["line_from"] - 1 : side["line_to"]]
        if line and line not in our_text
    ]
    assert only_theirs  # the copy was edited, so some of their lines differ from ours
    for line in only_theirs:
        assert line not in page


def test_the_api_hides_the_other_works_text_and_place_unless_readable(api_client, copied_pair):
    original, copy, report = copied_pair
    api_client.force_authenticate(copy.owner)

    body = api_client.get(f"/api/v1/originality-reports/{report.pk}/").json()

    [match] = body["matches"]
    assert match["readable"] is False
    assert match["title"] is None and match["series_id"] is None
    assert match["entry_number"] == original.registry_entries.get().number
    for passage in match["passages"]:
        assert passage["theirs"] == {
            "episode": None,
            "line_from": None,
            "line_to": None,
            "text": None,
        }
        assert passage["ours"]["text"]


def test_a_writer_who_may_read_the_other_work_sees_both_sides(api_client, copied_pair):
    original, copy, report = copied_pair
    from scripts_app.models import Collaborator

    Collaborator.objects.create(
        series=original, user=copy.owner, role="reader", added_by=original.owner
    )
    api_client.force_authenticate(copy.owner)

    [match] = api_client.get(f"/api/v1/originality-reports/{report.pk}/").json()["matches"]

    assert match["readable"] is True
    assert match["title"] == "原作甲"
    assert all(p["theirs"]["text"] for p in match["passages"])
    assert all(p["theirs"]["episode"] >= 1 for p in match["passages"])


@pytest.mark.parametrize("who", ["stranger", "reader_of_the_copy", "original_writer"])
def test_another_user_cannot_open_someones_report(client, api_client, copied_pair, who):
    original, copy, report = copied_pair
    user = {
        "stranger": UserFactory,
        "reader_of_the_copy": lambda: add_collaborator(copy, role="reader"),
        "original_writer": lambda: original.owner,
    }[who]()
    client.force_login(user)
    api_client.force_authenticate(user)

    assert client.get(f"/registry/originality/{report.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/originality-reports/{report.pk}/").status_code == 404


def test_a_cowriter_of_the_checked_series_can_open_its_report(client, copied_pair):
    _original, copy, report = copied_pair
    cowriter = add_collaborator(copy, role="cowriter")
    client.force_login(cowriter)

    assert client.get(f"/registry/originality/{report.pk}/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, copied_pair):
    _original, _copy, report = copied_pair

    assert client.get(f"/registry/originality/{report.pk}/").status_code == 302


def test_the_report_page_polls_while_running_and_stops_when_done(client):
    series = make_series(text=script(4))
    client.force_login(series.owner)
    report = OriginalityReport.objects.create(
        revision=series.head, series=series, requested_by=series.owner
    )

    page = client.get(f"/registry/originality/{report.pk}/").content.decode()
    partial = client.get(f"/registry/originality/{report.pk}/", HTTP_HX_REQUEST="true")

    assert 'hx-trigger="every 1s"' in page
    assert partial.status_code == 200 and b"<html" not in partial.content


def test_the_request_page_queues_a_report_and_redirects_to_it(client, run_on_commit):
    series = make_series(text=script(5))
    client.force_login(series.owner)
    url = f"/registry/series/{series.pk}/revisions/{series.head.number}/originality/"

    assert client.get(url).status_code == 200
    with run_on_commit():
        response = client.post(url)
    report = OriginalityReport.objects.get(series=series)
    assert response.status_code == 302 and response.url == f"/registry/originality/{report.pk}/"
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_a_reader_cannot_run_a_report_page_or_api(client, api_client):
    series = make_series(text=script(6))
    reader = add_collaborator(series, role="reader")
    client.force_login(reader)
    api_client.force_authenticate(reader)
    url = f"/registry/series/{series.pk}/revisions/{series.head.number}/originality/"

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 403
    response = api_client.post(
        f"/api/v1/series/{series.pk}/revisions/{series.head.number}/originality-reports/"
    )
    assert response.status_code == 403
    assert not OriginalityReport.objects.exists()


def test_a_stranger_gets_404_for_a_private_series(client, api_client):
    series = make_series(text=script(7))
    stranger = UserFactory()
    client.force_login(stranger)
    api_client.force_authenticate(stranger)

    url = f"/registry/series/{series.pk}/revisions/{series.head.number}/originality/"
    assert client.get(url).status_code == 404
    assert (
        api_client.post(
            f"/api/v1/series/{series.pk}/revisions/{series.head.number}/originality-reports/"
        ).status_code
        == 404
    )


def test_the_api_creates_a_report_and_reports_its_progress(api_client, run_on_commit):
    series = make_series(text=script(8))
    other = make_series(text=script(8), title="他人")
    fingerprint_revision(revision=other.head, reason="review")
    api_client.force_authenticate(series.owner)

    with run_on_commit():
        created = api_client.post(
            f"/api/v1/series/{series.pk}/revisions/{series.head.number}/originality-reports/"
        )
    assert created.status_code == 202
    report = api_client.get(f"/api/v1/originality-reports/{created.json()['id']}/").json()

    assert report["status"] == "done" and report["progress"] == 100
    assert report["index_size"] == 2
    [match] = report["matches"]
    assert match["readable"] is False and match["entry_number"] is None
    assert match["exact"] > 0.9


@pytest.mark.parametrize("number", [999, 0])
def test_bad_revision_numbers_get_clear_errors_not_500(api_client, client, number):
    series = make_series(text=script(9))
    api_client.force_authenticate(series.owner)
    client.force_login(series.owner)

    response = api_client.post(
        f"/api/v1/series/{series.pk}/revisions/{number}/originality-reports/"
    )
    assert response.status_code == 400
    assert "revision" in response.json()["errors"]
    assert (
        client.get(f"/registry/series/{series.pk}/revisions/{number}/originality/").status_code
        == 404
    )
    assert api_client.get("/api/v1/originality-reports/999999/").status_code == 404
