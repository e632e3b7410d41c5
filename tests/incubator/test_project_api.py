"""Funded projects through the API, every answer checked against the OpenAPI schema."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incubator.models import ApplicationStatus, MilestoneStatus
from tests.incubator.test_awards import awarded
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db

SOON = (timezone.localdate() + timedelta(days=15)).isoformat()


def test_a_project_is_set_up_accepted_delivered_and_paid_through_the_api(api_client):
    application, manager = awarded()
    lead = application.lead
    api_client.force_authenticate(manager)

    too_much = api_client.post(f"/api/v1/fund/applications/{application.pk}/project/",
                               {"amount": "999999999"}, format="json")  # fmt: skip
    created = api_client.post(f"/api/v1/fund/applications/{application.pk}/project/",
                              {"amount": "50000.00"}, format="json")  # fmt: skip
    assert too_much.status_code == 400 and "amount" in too_much.json()["errors"]
    assert created.status_code == 201 and created.json()["status"] == "contracting"
    base = f"/api/v1/fund/projects/{created.json()['id']}/"
    milestone = api_client.post(f"{base}milestones/", {"title": "备案号", "kind": "filing_number",
                                                      "due_on": SOON}, format="json").json()  # fmt: skip
    tranche = api_client.post(f"{base}tranches/", {"amount": "50000", "scheduled_on": SOON,
                                                   "milestone": milestone["id"]}, format="json")  # fmt: skip
    assert tranche.status_code == 201
    issued = api_client.post(base, {"move": "issue_agreement"}, format="json").json()
    stale = api_client.post(f"{base}agreement/accept/", {"agreement_hash": "0" * 64}, format="json")
    assert stale.status_code == 409, stale.json()
    api_client.post(f"{base}agreement/accept/", {"agreement_hash": issued["agreement_hash"]},
                    format="json")  # fmt: skip
    api_client.force_authenticate(lead)
    started = api_client.post(f"{base}agreement/accept/",
                              {"agreement_hash": issued["agreement_hash"]}, format="json")  # fmt: skip
    assert started.json()["status"] == ApplicationStatus.IN_PROGRESS
    delivered = api_client.post(f"{base}milestones/{milestone['id']}/deliver/",
                                {"filing_number": "网微剧备字（2026）第0007号"}, format="json")  # fmt: skip
    assert delivered.json()["status"] == MilestoneStatus.SUBMITTED
    assert api_client.post(f"{base}tranches/{tranche.json()['id']}/", {"move": "approve"},
                           format="json").status_code == 403  # fmt: skip
    api_client.force_authenticate(manager)
    early = api_client.post(f"{base}tranches/{tranche.json()['id']}/",
                            {"move": "pay", "reference": "BANK-7"}, format="json")  # fmt: skip
    api_client.post(f"{base}milestones/{milestone['id']}/accept/", format="json")
    approved = api_client.post(f"{base}tranches/{tranche.json()['id']}/", {"move": "approve"},
                               format="json")  # fmt: skip
    paid = api_client.post(f"{base}tranches/{tranche.json()['id']}/",
                           {"move": "pay", "reference": "BANK-7"}, format="json")  # fmt: skip

    assert early.status_code == 409
    assert approved.json()["status"] == "approved" and paid.json()["status"] == "paid"
    ledger = api_client.get(f"{base}tranches/").json()
    assert ledger["count"] == 1 and ledger["results"][0]["amount"] == "50000.00"


def test_strangers_and_other_funds_get_404_and_the_public_list_is_opt_in(api_client):
    application, manager = awarded()
    api_client.force_authenticate(manager)
    project = api_client.post(f"/api/v1/fund/applications/{application.pk}/project/",
                              {"amount": "1000"}, format="json").json()  # fmt: skip
    for outsider in (UserFactory(), awarded()[1]):
        api_client.force_authenticate(outsider)
        assert api_client.get(f"/api/v1/fund/projects/{project['id']}/").status_code == 404
    api_client.force_authenticate(None)
    assert api_client.get("/api/v1/fund/awards/").json()["count"] == 0
