"""Filing (网微剧备字) and licence (网微剧审字) numbers: the pattern and the record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEntry
from incubator import selectors
from incubator.filing.numbers import FILING, LICENCE, parse
from incubator.services.filing import filing_number_record
from tests.incubator.support import make_application


@pytest.mark.parametrize(
    ("written", "kind", "province", "year", "stored"),
    [
        ("网微剧备字（2024）第0001号", FILING, "", "2024", "网微剧备字（2024）第0001号"),
        ("（2025）网微剧备字第123号", FILING, "", "2025", "（2025）网微剧备字第123号"),
        ("(浙)网微剧备字(2025)第012号", FILING, "浙", "2025", "（浙）网微剧备字（2025）第012号"),
        (" 网微剧审字（2026）第 7 号 ", LICENCE, "", "2026", "网微剧审字（2026）第7号"),
        ("（内蒙）网微剧审字（2025）第000321号", LICENCE, "内蒙", "2025",
         "（内蒙）网微剧审字（2025）第000321号"),
    ],
)  # fmt: skip
def test_numbers_as_issued_are_read_and_normalised(written, kind, province, year, stored):
    parsed = parse(written)
    assert parsed is not None
    assert (parsed["kind"], parsed["province"], parsed["year"], parsed["number"]) == (
        kind, province, year, stored,
    )  # fmt: skip


@pytest.mark.parametrize(
    "written",
    [
        "",
        "网剧备字（2024）第0001号",  # a long-form online drama's, not a micro-drama's
        "网微剧备字第0001号",  # no year
        "（2024）网微剧备字（2024）第1号",  # two years
        "网微剧备字（1899）第1号",
        "网微剧备字（2024）第1234567号",
        "网微剧许字（2024）第1号",
        "网微剧备字（2024）第0001号 extra",
    ],
)
def test_other_texts_are_not_numbers(written):
    assert parse(written) is None


@pytest.mark.django_db
def test_an_applicant_records_a_number_it_is_audited_and_the_selector_finds_it():
    application = make_application()
    filing_number_record(
        actor=application.lead, application=application, number="(沪)网微剧备字(2025)第0042号",
        obtained_on=date(2025, 11, 3),
    )  # fmt: skip
    found = selectors.filing_number_of(application)
    assert found.number == "（沪）网微剧备字（2025）第0042号"
    assert found.number_kind == "filing"
    assert selectors.filing_number_of(application.series).number == found.number
    audit = AuditEntry.objects.filter(action="fund.filing.number_recorded").get()
    assert audit.data["number"] == found.number and audit.data["previous"] == ""

    filing_number_record(
        actor=application.lead, application=application, number="网微剧审字（2026）第9号"
    )
    assert selectors.filing_number_of(application).number_kind == "licence"
    last = AuditEntry.objects.filter(action="fund.filing.number_recorded").order_by("-pk")[0]
    assert last.data["previous"] == found.number

    filing_number_record(actor=application.lead, application=application, number="")
    assert selectors.filing_number_of(application) is None


@pytest.mark.django_db
def test_a_bad_number_or_a_future_date_is_refused_beside_its_field_and_nothing_changes():
    application = make_application()
    with pytest.raises(ValidationError) as bad:
        filing_number_record(actor=application.lead, application=application, number="备案中")
    assert "number" in bad.value.message_dict
    with pytest.raises(ValidationError) as future:
        filing_number_record(
            actor=application.lead, application=application, number="网微剧备字（2025）第1号",
            obtained_on=date.today() + timedelta(days=3),
        )  # fmt: skip
    assert "obtained_on" in future.value.message_dict
    assert selectors.filing_number_of(application) is None
    assert not AuditEntry.objects.filter(action="fund.filing.number_recorded").exists()


@pytest.mark.django_db
def test_only_the_applicants_record_a_number():
    from tests.support.factories import UserFactory

    application = make_application()
    with pytest.raises(PermissionDenied):
        filing_number_record(
            actor=UserFactory(), application=application, number="网微剧备字（2025）第1号"
        )
