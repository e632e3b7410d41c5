"""The funded project's pages: the manager sets it up and runs it, the grantees accept
and deliver, bad input keeps what was typed, and the public list shows what grantees
chose to show."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incubator import selectors
from incubator.models import ApplicationStatus, MilestoneStatus, Project
from incubator.services.awards import project_set_public
from tests.incubator.test_awards import awarded, running

pytestmark = pytest.mark.django_db

SOON = (timezone.localdate() + timedelta(days=20)).isoformat()


def _en(*people):
    for person in people:
        person.language = "en"
        person.save(update_fields=["language"])


def test_a_manager_sets_a_project_up_and_both_sides_accept_from_the_page(client):
    application, manager = awarded()
    lead = application.lead
    _en(manager, lead)
    client.force_login(manager)

    assert (
        "Set up the funded project" in client.get(application.get_absolute_url()).content.decode()
    )
    refused = client.post(f"/fund/applications/{application.pk}/project/new/", {"amount": "9e99"})
    assert refused.status_code == 422 and 'value="9e99"' in refused.content.decode()
    client.post(f"/fund/applications/{application.pk}/project/new/", {"amount": "80000"})
    project = Project.objects.get(application=application)
    action = f"/fund/projects/{project.pk}/action/"
    bad_date = client.post(action, {"action": "milestone", "title": "前十集", "kind": "revision",
                                    "due_on": "2001-01-01"})  # fmt: skip
    assert bad_date.status_code == 422 and 'value="前十集"' in bad_date.content.decode()
    client.post(action, {"action": "milestone", "title": "前十集", "kind": "revision",
                         "due_on": SOON})  # fmt: skip
    client.post(action, {"action": "tranche", "amount": "80000", "scheduled_on": SOON,
                         "milestone": project.milestones.get().pk})  # fmt: skip
    client.post(action, {"action": "issue"})
    project.refresh_from_db()
    client.post(action, {"action": "accept", "hash": project.agreement_hash})
    client.force_login(lead)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "80,000.00" in page or "80000.00" in page
    assert "I have read the agreement and accept it" in page
    client.post(action, {"action": "accept", "hash": project.agreement_hash})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_PROGRESS
    download = client.get(f"/fund/projects/{project.pk}/agreement.txt")
    assert download.status_code == 200 and project.agreement_text == download.content.decode()


def test_the_grantees_deliver_and_the_manager_returns_and_accepts_from_the_page(client):
    project, manager, (draft, filing), _ = running()
    lead = project.application.lead
    action = f"/fund/projects/{project.pk}/action/"
    client.force_login(lead)

    client.post(action, {"action": "deliver", "milestone": draft.pk,
                         "entry": project.application.entry.pk})  # fmt: skip
    client.post(action, {"action": "milestone_accept", "milestone": draft.pk})  # not theirs
    client.force_login(manager)
    client.post(action, {"action": "milestone_return", "milestone": draft.pk,
                         "reason": "再紧一点"})  # fmt: skip

    draft.refresh_from_db()
    assert draft.status == MilestoneStatus.RETURNED and draft.return_reason == "再紧一点"
    other = running()[0]
    response = client.post(action, {"action": "milestone_accept",
                                     "milestone": other.milestones.first().pk})  # fmt: skip
    assert response.status_code == 404  # another project's milestone, named in this one's form


def test_a_refused_filing_number_comes_back_beside_its_milestone_as_typed(client):
    project, manager, (draft, filing), _ = running()
    client.force_login(project.application.lead)
    action = f"/fund/projects/{project.pk}/action/"

    response = client.post(action, {"action": "deliver", "milestone": filing.pk,
                                    "filing_number": "备案中，下月拿号"})  # fmt: skip

    assert response.status_code == 422
    page = response.content.decode()
    assert 'value="备案中，下月拿号"' in page and "网微剧备字（2025）第0123号" in page
    filing.refresh_from_db()
    assert filing.status == MilestoneStatus.PENDING

    client.post(action, {"action": "deliver", "milestone": filing.pk,
                         "filing_number": "网微剧备字（2026）第0456号"})  # fmt: skip
    filing.refresh_from_db()
    assert filing.status == MilestoneStatus.SUBMITTED
    assert selectors.filing_number_of(project.application).number == "网微剧备字（2026）第0456号"


def test_the_public_list_shows_only_what_grantees_chose_to_show(client):
    shown, _, _, _ = running()
    hidden, _, _, _ = running()
    project_set_public(actor=shown.application.lead, project=shown, public=True)

    page = client.get("/fund/awards/").content.decode()

    assert shown.application.series_title in page
    assert hidden.application.lead.display_name_zh not in page


def test_the_funds_ledger_totals_its_tranches(client):
    project, manager, _, (first, second) = running()
    client.force_login(manager)
    fund = project.application.call.fund

    page = client.get(f"/fund/manage/funds/{fund.slug}/ledger/")

    assert page.status_code == 200
    assert page.context["totals"]["scheduled"] == first.amount + second.amount


def test_the_agreement_downloads_as_pdf_and_docx_with_its_text_and_hash(client):
    import io

    import docx
    from pypdf import PdfReader

    project, manager, _, _ = running()
    client.force_login(project.application.lead)

    pdf = client.get(f"/fund/projects/{project.pk}/agreement.pdf")
    word = client.get(f"/fund/projects/{project.pk}/agreement.docx")

    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "private, no-store"
    printed = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert project.application.series_title in printed and project.agreement_hash in printed
    paragraphs = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "资助协议" in paragraphs and "前15集修订稿" in paragraphs
    client.force_login(running()[0].application.lead)  # another project's grantee
    assert client.get(f"/fund/projects/{project.pk}/agreement.pdf").status_code == 404
