"""The demo's filing story (seeds/fund_loader.py, `_filing`)."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from incubator import selectors
from incubator.models import Application
from incubator.services.filing import application_tier
from seeds.world.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_legal_aid_series_files_as_key_for_its_subject_and_has_no_number_yet(client):
    call_command("seed_demo", stdout=io.StringIO())
    window = Application.objects.get(
        call__slug="rule-of-law-and-health-2026", series_title="三号窗口"
    )
    tier = application_tier(window, on=date(2026, 3, 1))
    assert (tier.tier, tier.result.reasons) == ("key", ("special_subject:judicial",))
    # The 2024 rules took special subjects too (see docs/filing.md); without one it would be
    # "other" at ¥275,000 under either rule set.
    assert application_tier(window, on=date(2025, 3, 1)).tier == "key"
    assert application_tier(window, budget=None, on=date(2025, 3, 1)).budget == 275000
    assert selectors.filing_number_of(window) is None
    client.login(username="fund.ye@demo.microdrama.cn", password=DEMO_PASSWORD)
    page = client.get(f"/fund/applications/{window.pk}/filing/")
    assert page.status_code == 200 and "重点 / key" in page.content.decode()
    dossier = client.get(f"/fund/applications/{window.pk}/filing/dossier.pdf")
    assert dossier.status_code == 200 and dossier.content[:5] == b"%PDF-"
