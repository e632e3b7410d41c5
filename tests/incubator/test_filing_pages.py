"""The filing section: who sees it and downloads the dossier (and who does not: 404),
the page's forms (a mistake beside its field, nothing typed lost), the API (checked
against the OpenAPI schema) and the dossier's query count."""

from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.test import APIClient

from core.models import AuditEntry
from incubator import selectors
from incubator.models import ApplicationFiling
from incubator.services.applications import budget_line_add
from incubator.services.coapplicants import coapplicant_answer, coapplicant_invite
from tests.incubator.support import make_application, make_call, make_fund, submitted
from tests.support.factories import OrganisationFactory, UserFactory, admin_of
from tests.support.queries import capture_queries

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def _people():
    """A submitted application with an accepted co-writer, an accepted studio (and its
    admin), an invited co-writer who has not answered, and the call's fund manager."""
    fund, manager = make_fund()
    call = make_call(fund, manager)
    application = make_application(call, cowriters=2)
    first, second = application.cowriters
    accepted = coapplicant_invite(actor=application.lead, application=application, user=first)
    coapplicant_answer(actor=first, coapplicant=accepted, accept=True)
    studio = OrganisationFactory(kind="studio")
    studio_admin = admin_of(studio)
    invited_studio = coapplicant_invite(
        actor=application.lead, application=application, organisation=studio
    )
    coapplicant_answer(actor=studio_admin, coapplicant=invited_studio, accept=True)
    pending = coapplicant_invite(actor=application.lead, application=application, user=second)
    _other_fund, other_manager = make_fund()
    return {
        "application": application, "lead": application.lead, "cowriter": first,
        "studio_admin": studio_admin, "invited": pending.user, "manager": manager,
        "other_manager": other_manager, "outsider": UserFactory(), "call": call,
    }  # fmt: skip


def _urls(pk):
    return [
        f"/fund/applications/{pk}/filing/",
        f"/fund/applications/{pk}/filing/dossier.docx",
        f"/fund/applications/{pk}/filing/dossier.pdf",
        f"/api/v1/fund/applications/{pk}/filing/",
        f"/api/v1/fund/applications/{pk}/filing/dossier.docx",
    ]


def test_the_applicants_reach_the_filing_section_and_its_dossiers():
    people = _people()
    pk = people["application"].pk
    for who in ("lead", "cowriter", "studio_admin"):
        client = Client()
        client.force_login(people[who])
        for url in _urls(pk):
            assert client.get(url).status_code == 200, (who, url)
    client = Client()
    client.force_login(people["lead"])
    response = client.get(f"/fund/applications/{pk}/filing/dossier.docx")
    assert response["Content-Type"] == DOCX
    assert response.content[:2] == b"PK"
    pdf = client.get(f"/fund/applications/{pk}/filing/dossier.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"


def test_others_get_404_and_the_fund_sees_only_what_was_submitted_to_it():
    people = _people()
    application = people["application"]
    for who in ("invited", "other_manager", "outsider", "manager"):  # a draft: not the fund's yet
        client = Client()
        client.force_login(people[who])
        for url in _urls(application.pk):
            assert client.get(url).status_code == 404, (who, url)
    later = submitted(people["call"])
    client = Client()
    client.force_login(people["manager"])
    for url in _urls(later.pk):
        assert client.get(url).status_code == 200, url
    client.force_login(people["other_manager"])
    for url in _urls(later.pk):
        assert client.get(url).status_code == 404, url


def test_a_manager_reads_but_does_not_record_and_outsiders_change_nothing():
    fund, manager = make_fund()
    application = submitted(make_call(fund, manager))
    api = APIClient()
    api.force_authenticate(manager)
    number = {"number": "网微剧备字（2025）第1号"}
    assert api.put(f"/api/v1/fund/applications/{application.pk}/filing/number/", number,
                   format="json").status_code == 403  # fmt: skip
    assert api.patch(f"/api/v1/fund/applications/{application.pk}/filing/",
                     {"placement": True}, format="json").status_code == 403  # fmt: skip
    outsider = APIClient()
    outsider.force_authenticate(UserFactory())
    assert outsider.put(f"/api/v1/fund/applications/{application.pk}/filing/number/", number,
                        format="json").status_code == 404  # fmt: skip
    page = Client()
    page.force_login(UserFactory())
    assert page.post(f"/fund/applications/{application.pk}/filing/",
                     {"form": "number", **number}).status_code == 404  # fmt: skip
    assert not ApplicationFiling.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="fund.filing.").exists()


def test_the_page_shows_the_tier_and_the_secondary_source_note_and_records_a_number():
    application = make_application()
    budget_line_add(
        actor=application.lead, application=application, category="cast",
        description="演员", amount="150000.00",
    )  # fmt: skip
    client = Client()
    client.force_login(_english(application.lead))
    page = client.get(f"/fund/applications/{application.pk}/filing/")
    text = page.content.decode()
    assert "其他 / other" in text  # ¥150,000 today (2026 rules)
    assert "secondary sources" in text
    what_if = client.get(
        f"/fund/applications/{application.pk}/filing/?budget=1000000&on=2025-12-31"
    ).content.decode()
    assert "重点 / key" in what_if

    bad = client.post(
        f"/fund/applications/{application.pk}/filing/", {"form": "number", "number": "备案中123"}
    )
    assert bad.status_code == 400
    assert 'value="备案中123"' in bad.content.decode()  # nothing typed is lost
    assert "e.g. 网微剧备字" in bad.content.decode()

    done = client.post(
        f"/fund/applications/{application.pk}/filing/",
        {
            "form": "number",
            "number": "（京）网微剧备字（2026）第0007号",
            "obtained_on": "2026-11-30",
        },
    )
    assert done.status_code == 302
    assert selectors.filing_number_of(application).number == "（京）网微剧备字（2026）第0007号"
    detail = client.get(f"/fund/applications/{application.pk}/").content.decode()
    assert "（京）网微剧备字（2026）第0007号" in detail

    client.post(
        f"/fund/applications/{application.pk}/filing/",
        {"form": "flags", "special_subjects": ["military"]},
    )
    assert (
        "重点 / key" in client.get(f"/fund/applications/{application.pk}/filing/").content.decode()
    )
    assert AuditEntry.objects.filter(action="fund.filing.flags_saved").count() == 1


def test_the_api_gives_tiers_for_figures_and_for_an_application(api_client):
    application = make_application()
    api_client.force_authenticate(application.lead)
    figures = api_client.post(
        "/api/v1/fund/filing/tier/",
        {"budget": "999999.99", "on": "2025-12-31", "special_subjects": []}, format="json",
    ).json()  # fmt: skip
    assert (figures["tier"], figures["reviewed_by"]) == ("ordinary", "provincial")
    assert figures["rule_set"]["effective_from"] == "2024-06-01"
    assert figures["rule_set"]["secondary_source"] is False
    special = api_client.post(
        "/api/v1/fund/filing/tier/",
        {"budget": "1000", "on": "2026-01-01", "special_subjects": ["religious"]}, format="json",
    ).json()  # fmt: skip
    assert special["tier"] == "key" and special["reasons"] == ["special_subject:religious"]
    assert special["rule_set"]["secondary_source"] is True
    too_big = api_client.post("/api/v1/fund/filing/tier/", {"budget": "1e15"}, format="json")
    assert too_big.status_code == 400
    too_early = api_client.post(
        "/api/v1/fund/filing/tier/", {"budget": "1", "on": "2024-05-31"}, format="json"
    )
    assert too_early.status_code == 400

    url = f"/api/v1/fund/applications/{application.pk}/filing/"
    assert api_client.get(url).json()["tier"]["tier"] == "other"
    saved = api_client.patch(url, {"special_subjects": ["diplomacy"]}, format="json").json()
    assert saved["tier"]["tier"] == "key" and saved["special_subjects"] == ["diplomacy"]
    recorded = api_client.put(
        f"{url}number/", {"number": "网微剧审字（2026）第12号", "obtained_on": "2026-12-01"},
        format="json",
    ).json()  # fmt: skip
    assert (recorded["number"], recorded["number_kind"]) == ("网微剧审字（2026）第12号", "licence")
    refused = api_client.put(f"{url}number/", {"number": "12345"}, format="json")
    assert refused.status_code == 400 and "number" in str(refused.json())


def test_building_the_dossier_does_not_grow_with_budget_lines_or_co_applicants():
    from incubator.filing.documents import dossier_docx
    from incubator.filing.dossier import dossier_build

    application = make_application(cowriters=4)
    people = iter(application.cowriters)

    def grow(k):
        for i in range(k):
            budget_line_add(
                actor=application.lead, application=application,
                category=("cast", "post", "crew")[i % 3], description=f"line {i}",
                amount=Decimal("100.00"),
            )  # fmt: skip
        for person in (next(people) for _ in range(k)):
            invitation = coapplicant_invite(
                actor=application.lead, application=application, user=person
            )
            coapplicant_answer(actor=person, coapplicant=invitation, accept=True)

    counts = []
    for k in (2, 2):
        grow(k)
        dossier_docx(dossier_build(application))  # warm the compliance cache
        with capture_queries() as queries:
            dossier_docx(dossier_build(application))
        counts.append(len(queries))
    assert counts[0] == counts[1] == 10, counts
    assert application.budget_lines.count() == 4
