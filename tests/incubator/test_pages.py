"""The fund's pages: public in both languages, the draft saved field by field (htmx and
plain posts), the preview, submission's list of what is missing, screening, and setting a
call up."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from incubator.models import Call
from incubator.services.applications import value_hash
from incubator.services.calls import call_update, form_publish, rule_add
from incubator.services.coapplicants import coapplicant_invite
from tests.incubator.support import (
    complete,
    make_application,
    make_call,
    make_fund,
    registered_series,
    submitted,
)

pytestmark = pytest.mark.django_db


def _english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def test_the_call_list_is_public_in_both_languages_and_never_shows_drafts():
    fund, manager = make_fund()
    opened = make_call(fund, manager, title_en="Heritage Call", title_zh="非遗专项")
    hidden = make_call(fund, manager, publish=False, title_en="Secret Call")

    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/fund/").content.decode()
    chinese = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/fund/").content.decode()

    assert "Heritage Call" in english and "非遗专项" in chinese
    assert hidden.title_en not in english
    assert opened.get_absolute_url() in english
    assert Client().get(hidden.get_absolute_url()).status_code == 404


def test_a_call_page_counts_down_by_the_servers_clock_and_sanitises_its_guidance():
    call = make_call(
        guidance_en="**Read this.** <script>alert(1)</script>", closes_in=timedelta(days=3)
    )
    rule_add(actor=call.manager, call=call, kind="writer_role", params={})

    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(call.get_absolute_url())
    html = page.content.decode()

    assert page.status_code == 200
    assert "<strong>Read this.</strong>" in html and "<script>alert" not in html
    assert "data-countdown" in html and "data-server-now" in html
    assert "(Beijing time)" in html
    assert "The applicant holds the writer role." in html
    assert "Sign in to apply" in html


def test_a_writer_sees_which_rules_they_meet_before_starting(client):
    call = make_call()
    rule_add(actor=call.manager, call=call, kind="min_episodes_written", params={"episodes": 3})
    rule_add(actor=call.manager, call=call, kind="registered_revision", params={})
    series, _entry, _people = registered_series()
    client.force_login(_english(series.owner))

    html = client.get(f"{call.get_absolute_url()}?series={series.pk}").content.decode()

    assert "Not met" in html and "2 episodes are written." in html
    assert "Met" in html and "Start an application" in html


def test_starting_from_the_page_makes_the_draft(client):
    call = make_call()
    series, entry, _people = registered_series()
    client.force_login(series.owner)

    response = client.post(
        f"/fund/calls/{call.slug}/apply/", {"series": series.pk, "entry": entry.number}
    )

    application = call.applications.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    again = client.post(
        f"/fund/calls/{call.slug}/apply/", {"series": series.pk, "entry": entry.number}
    )
    assert again.status_code == 200 and call.applications.count() == 1


def test_a_field_saves_as_the_applicant_types_with_htmx(client):
    application = make_application()
    client.force_login(_english(application.lead))
    url = f"/fund/applications/{application.pk}/field/"

    saved = client.post(
        url,
        {"field": "plan_team", "value": "导演：李", "base": value_hash("")},
        HTTP_HX_REQUEST="true",
    )

    assert saved.status_code == 200
    html = saved.content.decode()
    assert 'id="status-plan_team"' in html and "Saved at" in html
    assert f'value="{value_hash("导演：李")}" hx-swap-oob="true"' in html
    clash = client.post(
        url,
        {"field": "plan_team", "value": "导演：王", "base": value_hash("")},
        HTTP_HX_REQUEST="true",
    )
    assert clash.status_code == 422
    assert "Their version:" in clash.content.decode() and "导演：李" in clash.content.decode()


def test_a_plain_post_with_a_mistake_keeps_what_was_typed(client):
    application = make_application()
    client.force_login(_english(application.lead))

    response = client.post(
        f"/fund/applications/{application.pk}/field/", {"field": "plan_minutes", "value": "99999"}
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="99999"' in html and "Enter a number from 1 to 10000." in html


def test_submitting_from_the_page_lists_everything_missing_at_once(client):
    application = make_application()
    client.force_login(_english(application.lead))

    response = client.post(f"/fund/applications/{application.pk}/submit/")

    html = response.content.decode()
    assert response.status_code == 422
    for text in ("Say which episodes the application covers.", "Add at least one budget line.",
                 "Describe the team.", "Give the number of shooting days."):  # fmt: skip
        assert text in html
    assert "Nothing you typed was lost." in html


def test_after_the_close_time_the_page_says_so_and_keeps_the_draft(client):
    application = complete(make_application())
    call = application.call
    call_update(actor=call.manager, call=call, closes_at=timezone.now() - timedelta(minutes=5))
    client.force_login(_english(application.lead))

    response = client.post(f"/fund/applications/{application.pk}/submit/", follow=True)

    html = response.content.decode()
    assert "applications can no longer be submitted. Your draft is kept as it is." in html
    application.refresh_from_db()
    assert application.status == "draft" and application.plan_team


def test_the_preview_hides_names_when_the_call_hides_applicants(client):
    call = make_call(anonymous=True)
    application = complete(make_application(call))
    client.force_login(_english(application.lead))

    page = client.get(f"/fund/applications/{application.pk}/preview/").content.decode()
    # The page's header names the signed-in lead in the account menu; the preview is <main>.
    html = page[page.index("<main") : page.index("</main>")]

    assert "What the panel will see" in html
    assert (
        application.lead.display_name_en not in html
        and application.lead.display_name_zh not in html
    )
    assert "150,000.00" in html or "150000.00" in html


def test_an_invited_co_writer_accepts_on_the_invitation_page(client):
    application = make_application(cowriters=1)
    person = application.cowriters[0]
    invitation = coapplicant_invite(actor=application.lead, application=application, user=person)
    client.force_login(person)

    assert client.get(f"/fund/applications/{application.pk}/").status_code == 404
    client.post(f"/fund/invitations/{invitation.pk}/", {"accept": "1"})

    assert client.get(f"/fund/applications/{application.pk}/").status_code == 200


def test_a_manager_screens_from_the_application_page(client):
    application = submitted()
    client.force_login(application.call.manager)

    page = client.get(application.get_absolute_url())
    assert b'action="/fund/manage/applications/' in page.content
    client.post(
        f"/fund/manage/applications/{application.pk}/screening/",
        {"decision": "out_of_remit", "reason": ""},
    )
    application.refresh_from_db()
    assert application.status == "submitted"  # a reason is needed
    client.post(f"/fund/manage/applications/{application.pk}/screening/", {"decision": "eligible"})
    application.refresh_from_db()
    assert application.status == "panel_review"


def test_a_manager_opens_a_call_in_beijing_time(client):
    fund, manager = make_fund()
    client.force_login(manager)
    from reviews.models import Rubric

    response = client.post(
        f"/fund/manage/funds/{fund.slug}/calls/new/",
        {
            "slug": "science-2027", "title_zh": "科普专项", "title_en": "Science",
            "opens_at": "2027-03-01T09:00", "closes_at": "2027-04-30T18:00",
            "awards_count": 2, "award_max": "100000", "budget": "200000",
            "variant": "single", "rubric": Rubric.objects.get(is_default=True).pk,
        },
    )  # fmt: skip

    call = Call.objects.get(slug="science-2027")
    assert response.status_code == 302
    assert call.opens_at.isoformat() == "2027-03-01T01:00:00+00:00"  # 09:00 in Beijing is 01:00 UTC
    assert call.status == "draft" and call.budget == Decimal("200000.00")


def test_a_manager_edits_the_questions_as_a_new_version(client):
    call = make_call()
    form_publish(
        actor=call.manager, call=call, questions=[{"kind": "short_text", "label_zh": "一"}]
    )
    client.force_login(call.manager)
    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "40",
            "form-0-kind": "short_text", "form-0-stage": "concept", "form-0-label_zh": "一",
            "form-0-key": "q1", "form-0-required": "on",
            "form-1-kind": "choice", "form-1-stage": "concept", "form-1-label_zh": "平台",
            "form-1-choices": "抖音|Douyin\n快手|Kuaishou",
            "form-2-kind": "short_text", "form-2-stage": "concept"}  # fmt: skip

    response = client.post(f"/fund/manage/calls/{call.slug}/questions/", data)

    assert response.status_code == 302
    latest = call.forms.order_by("-number").first()
    assert latest.number == 2
    assert [(q.kind, q.label_zh) for q in latest.questions.all()] == [
        ("short_text", "一"), ("choice", "平台"),
    ]  # fmt: skip
    assert latest.questions.get(kind="choice").choices[1]["en"] == "Kuaishou"


def test_a_themes_page_shows_the_open_calls_that_favour_it():
    from incubator.services.calls import priorities_set
    from taxonomy.models import Term

    theme = Term.objects.get(kind="theme", slug="intangible-heritage")
    favouring = make_call(title_en="Heritage Call")
    priorities_set(actor=favouring.manager, call=favouring, priorities=[(theme, Decimal("1"))])
    make_call(title_en="Other Call")

    html = (
        Client(HTTP_ACCEPT_LANGUAGE="en").get("/themes/theme/intangible-heritage/").content.decode()
    )

    assert "Heritage Call" in html and favouring.get_absolute_url() in html
    assert "Other Call" not in html
