"""Copies for people who may only read a series carry their name and the date in every
format, or are not offered at all, as the owner chooses; the writers' own are clean."""

import io
import re
import zipfile
from xml.etree import ElementTree

import pypdf
import pytest
from django.utils import timezone

from scripts_app.models import ExportJob, Visibility
from scripts_app.selectors import revision_text
from tests.support.factories import UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db

FORMATS = ["fountain", "fdx", "docx", "pdf"]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed_text(fmt: str, data: bytes) -> str:
    """Everything a person sees in the file, headers, footers and watermarks included."""
    if fmt == "fountain":
        return data.decode()
    if fmt == "fdx":
        return " ".join(ElementTree.fromstring(data).itertext())
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
            xml = " ".join(archive.read(name).decode() for name in parts)
        return re.sub(r"<[^>]+>", " ", xml.replace('string="', '> "'))
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def export(api_client, run_on_commit, person, series, fmt: str, **data):
    api_client.force_authenticate(person)
    with run_on_commit():
        response = api_client.post(
            f"/api/v1/series/{series.pk}/exports/", {"format": fmt, **data}, format="json"
        )
    assert response.status_code == 202, response.json()
    job = ExportJob.objects.get(pk=response.json()["id"])
    download = api_client.get(f"/api/v1/series/{series.pk}/exports/{job.pk}/download/")
    assert download.status_code == 200
    return job, b"".join(download.streaming_content)


def stamp(person) -> str:
    return f"{person.display_name_zh} {person.display_name_en} · {timezone.localdate():%Y-%m-%d}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_readers_copy_carries_their_name_and_the_date_in_every_format(
    api_client, run_on_commit, fmt
):
    series = make_series()
    reader = add_collaborator(series, role="reader")

    job, data = export(api_client, run_on_commit, reader, series, fmt)

    assert job.watermark == stamp(reader)
    assert squeezed(stamp(reader)) in squeezed(printed_text(fmt, data))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_platform_members_copy_is_watermarked_too(api_client, run_on_commit, fmt):
    series = make_series(visibility=Visibility.PLATFORM)
    member = UserFactory()

    job, data = export(api_client, run_on_commit, member, series, fmt, watermark="审读稿")

    assert job.watermark == f"审读稿 · {stamp(member)}"
    assert squeezed(stamp(member)) in squeezed(printed_text(fmt, data))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("role", ["owner", "cowriter"])
def test_the_writers_copies_carry_no_watermark(api_client, run_on_commit, fmt, role):
    series = make_series()
    person = series.owner if role == "owner" else add_collaborator(series, role="cowriter")

    job, data = export(api_client, run_on_commit, person, series, fmt)

    assert job.watermark == ""
    text = squeezed(printed_text(fmt, data))
    assert squeezed(person.display_name_en) not in text  # (the PDF title page names the owner)
    assert timezone.localdate().strftime("%Y-%m-%d") not in text
    assert "Watermark" not in text


def test_the_owner_can_stop_readers_exporting_and_the_page_no_longer_offers_it(client, api_client):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    api_client.force_authenticate(series.owner)

    changed = api_client.patch(
        f"/api/v1/series/{series.pk}/", {"reader_exports": "not_allowed"}, format="json"
    )

    assert changed.status_code == 200 and changed.json()["reader_exports"] == "not_allowed"
    api_client.force_authenticate(reader)
    refused = api_client.post(
        f"/api/v1/series/{series.pk}/exports/", {"format": "docx"}, format="json"
    )
    assert refused.status_code == 403 and refused.json()["errors"]["detail"]
    client.force_login(reader)
    assert client.get(f"/scripts/{series.pk}/export/").status_code == 403
    assert (
        f"/scripts/{series.pk}/export/" not in client.get(f"/scripts/{series.pk}/").content.decode()
    )
    assert not ExportJob.objects.exists()


def test_closing_exports_also_closes_a_readers_earlier_download(api_client, run_on_commit):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    job, _data = export(api_client, run_on_commit, reader, series, "fountain")
    series.reader_exports = "not_allowed"
    series.save(update_fields=["reader_exports"])

    download = api_client.get(f"/api/v1/series/{series.pk}/exports/{job.pk}/download/")

    assert download.status_code == 404


def test_only_the_owner_decides_what_readers_may_export(api_client):
    series = make_series()
    cowriter = add_collaborator(series, role="cowriter")
    api_client.force_authenticate(cowriter)

    response = api_client.patch(
        f"/api/v1/series/{series.pk}/", {"reader_exports": "not_allowed"}, format="json"
    )

    assert response.status_code == 403
    series.refresh_from_db()
    assert series.reader_exports == "watermarked"


def test_the_settings_page_offers_the_choice_to_the_owner_only(client):
    series = make_series()
    cowriter = add_collaborator(series, role="cowriter")

    client.force_login(series.owner)
    assert 'name="reader_exports"' in client.get(f"/scripts/{series.pk}/settings/").content.decode()
    client.force_login(cowriter)
    assert (
        'name="reader_exports"'
        not in client.get(f"/scripts/{series.pk}/settings/").content.decode()
    )


def test_only_the_writers_pdf_carries_the_source_text_for_registry_checks(
    api_client, run_on_commit
):
    series = make_series()
    reader = add_collaborator(series, role="reader")

    _job, own = export(api_client, run_on_commit, series.owner, series, "pdf")
    _job, readers = export(api_client, run_on_commit, reader, series, "pdf")

    attached = pypdf.PdfReader(io.BytesIO(own)).attachments
    assert attached["source.txt"][0].decode() == revision_text(series.head)
    assert not pypdf.PdfReader(io.BytesIO(readers)).attachments
