"""The fund's JSON API, every answer checked against the OpenAPI schema (api_client)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incubator.services.calls import call_update, form_publish, rule_add
from tests.incubator.support import make_call, make_fund, registered_series, submitted
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_calls_are_public_by_phase_with_both_languages(api_client):
    fund, manager = make_fund()
    opened = make_call(fund, manager)
    upcoming = make_call(fund, manager, opens_in=timedelta(days=3), closes_in=timedelta(days=9))
    make_call(fund, manager, publish=False)

    listed = api_client.get("/api/v1/fund/calls/").json()
    later = api_client.get("/api/v1/fund/calls/?phase=upcoming").json()
    feed = api_client.get("/api/v1/fund/open-calls/").json()

    assert [c["slug"] for c in listed["results"]] == [opened.slug]
    assert listed["results"][0]["title_zh"] == opened.title_zh
    assert listed["results"][0]["title_en"] == opened.title_en
    assert listed["results"][0]["phase"] == "open"
    assert [c["slug"] for c in later["results"]] == [upcoming.slug]
    assert feed["results"][0]["url"] == f"http://testserver/fund/calls/{opened.slug}/"


def test_a_calls_detail_has_its_rules_and_questions(api_client):
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="min_episodes_written", params={"episodes": 3})
    form_publish(
        actor=call.manager, call=call,
        questions=[{"key": "pitch", "kind": "short_text", "label_zh": "一句话", "label_en": "Pitch"}],
    )  # fmt: skip

    data = api_client.get(f"/api/v1/fund/calls/{call.slug}/").json()

    assert data["rules"][0]["kind"] == "min_episodes_written"
    assert data["rules"][0]["params"] == {"episodes": 3}
    assert data["form_version"] == 1 and data["questions"][0]["label_en"] == "Pitch"
    assert data["rubric"] == "boutique-standard"


def test_eligibility_for_one_of_your_series(api_client):
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="min_episodes_written", params={"episodes": 3})
    series, _entry, _people = registered_series()
    user = series.owner
    user.language = "en"
    user.save()
    api_client.force_authenticate(user)

    data = api_client.post(
        f"/api/v1/fund/calls/{call.slug}/eligibility/", {"series": series.pk}
    ).json()
    stranger = api_client.post(
        f"/api/v1/fund/calls/{call.slug}/eligibility/", {"series": registered_series()[0].pk}
    )

    assert data["eligible"] is False
    assert data["rules"][0]["met"] is False and data["rules"][0]["reason"] == "已写 2 集。"
    assert stranger.status_code == 404


def test_a_whole_application_through_the_api(api_client):
    call = make_call()
    form_publish(
        actor=call.manager, call=call,
        questions=[
            {"key": "pitch", "kind": "short_text", "label_zh": "一句话"},
            {"key": "letter", "kind": "file", "label_zh": "意向书", "required": False},
        ],
    )  # fmt: skip
    series, entry, (cowriter,) = registered_series(cowriters=1)
    api_client.force_authenticate(series.owner)

    created = api_client.post(
        "/api/v1/fund/applications/",
        {"call": call.slug, "series": series.pk, "entry": entry.number},
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    url = f"/api/v1/fund/applications/{pk}/"
    missing = api_client.post(f"{url}submit/")
    assert missing.status_code == 400
    assert {"episodes_from", "budget", "answers.pitch", "plan_team"} <= set(
        missing.json()["errors"]
    )

    patched = api_client.patch(
        url,
        {"episodes_from": 1, "episodes_to": 2, "plan_episodes": 30, "plan_minutes": 60,
         "plan_shooting_days": 9, "plan_team": "导演：李"},
    )  # fmt: skip
    assert patched.status_code == 200 and patched.json()["plan_minutes"] == 60
    line = api_client.post(
        f"{url}budget-lines/", {"category": "cast", "description": "演员", "amount": "1200.50"}
    )
    assert line.status_code == 201 and line.json()["amount"] == "1200.50"
    changed = api_client.patch(f"{url}budget-lines/{line.json()['id']}/", {"amount": "1300.00"})
    assert changed.json()["amount"] == "1300.00"
    assert api_client.put(f"{url}answers/pitch/", {"value": "好故事"}).status_code == 200
    upload = api_client.post(
        f"{url}answers/letter/",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", content_type="application/pdf")},
        format="multipart",
    )
    assert upload.status_code == 200 and upload.json()["file_name"] == "a.pdf"

    invited = api_client.post(f"{url}co-applicants/", {"user": cowriter.pk})
    assert invited.status_code == 201
    assert api_client.post(f"{url}submit/").json()["errors"].keys() == {"coapplicants"}
    api_client.force_authenticate(cowriter)
    invitations = api_client.get("/api/v1/fund/invitations/").json()
    assert [i["application"] for i in invitations["results"]] == [pk]
    accepted = api_client.post(
        f"/api/v1/fund/invitations/{invited.json()['id']}/answer/", {"accept": True}
    )
    assert accepted.json()["status"] == "accepted"
    assert api_client.post(f"{url}submit/").status_code == 403  # only the lead submits

    api_client.force_authenticate(series.owner)
    done = api_client.post(f"{url}submit/")
    assert done.status_code == 200
    assert done.json()["status"] == "submitted" and done.json()["form_version"] == 1
    assert done.json()["budget_total"] == "1300.00"
    assert api_client.patch(url, {"plan_minutes": 61}).status_code == 409


def test_a_save_from_a_stale_base_answers_409_under_the_field(api_client):
    call = make_call()
    series, entry, _people = registered_series()
    api_client.force_authenticate(series.owner)
    pk = api_client.post(
        "/api/v1/fund/applications/",
        {"call": call.slug, "series": series.pk, "entry": entry.number},
    ).json()["id"]
    url = f"/api/v1/fund/applications/{pk}/"
    start = api_client.get(url).json()["field_hashes"]["plan_team"]
    api_client.patch(url, {"plan_team": "甲", "base": {"plan_team": start}})

    clash = api_client.patch(url, {"plan_team": "乙", "base": {"plan_team": start}})

    assert clash.status_code == 409 and "plan_team" in clash.json()["errors"]
    assert api_client.get(url).json()["plan_team"] == "甲"


def test_after_the_close_time_the_api_answers_409_and_keeps_the_draft(api_client):
    call = make_call()
    series, entry, _people = registered_series()
    api_client.force_authenticate(series.owner)
    pk = api_client.post(
        "/api/v1/fund/applications/",
        {"call": call.slug, "series": series.pk, "entry": entry.number},
    ).json()["id"]
    api_client.patch(f"/api/v1/fund/applications/{pk}/", {"plan_team": "草稿"})
    call_update(actor=call.manager, call=call, closes_at=timezone.now() - timedelta(seconds=1))

    refused = api_client.post(f"/api/v1/fund/applications/{pk}/submit/")

    assert refused.status_code == 409
    assert api_client.get(f"/api/v1/fund/applications/{pk}/").json()["plan_team"] == "草稿"


def test_bad_money_and_huge_numbers_are_400_beside_the_field(api_client):
    call = make_call()
    series, entry, _people = registered_series()
    api_client.force_authenticate(series.owner)
    pk = api_client.post(
        "/api/v1/fund/applications/",
        {"call": call.slug, "series": series.pk, "entry": entry.number},
    ).json()["id"]
    url = f"/api/v1/fund/applications/{pk}/"

    for body, field in (
        ({"category": "cast", "description": "x", "amount": "-1"}, "amount"),
        ({"category": "cast", "description": "x", "amount": "1.234"}, "amount"),
        ({"category": "cast", "description": "x", "amount": "300000.00"}, "amount"),
        ({"category": "yacht", "description": "x", "amount": "1"}, "category"),
    ):
        response = api_client.post(f"{url}budget-lines/", body)
        assert response.status_code == 400 and field in response.json()["errors"], body
    huge = api_client.patch(url, {"plan_minutes": 99999999999999999999})
    assert huge.status_code == 400 and "plan_minutes" in huge.json()["errors"]


def test_a_manager_lists_and_screens_their_calls_applications(api_client):
    application = submitted()
    call = application.call
    api_client.force_authenticate(call.manager)

    listed = api_client.get(f"/api/v1/fund/calls/{call.slug}/applications/").json()
    screened = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/screening/",
        {"decision": "out_of_remit", "reason": "题材不符"},
    )
    again = api_client.post(
        f"/api/v1/fund/applications/{application.pk}/screening/", {"decision": "eligible"}
    )

    assert [row["id"] for row in listed["results"]] == [application.pk]
    assert listed["results"][0]["budget_total"] == "150000.00"
    assert screened.status_code == 200 and screened.json()["status"] == "out_of_remit"
    assert again.status_code == 409
    api_client.force_authenticate(UserFactory())
    assert api_client.get(f"/api/v1/fund/calls/{call.slug}/applications/").status_code == 403
