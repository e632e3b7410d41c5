"""A read's PDF is watermarked for its reader: name, studio, date and a unique code on
every page, the code in the PDF's metadata, and the code leads back to the read."""

import io
import re

import pypdf
import pytest
from django.utils import timezone

from scouting.models import ReadEvent, ReadEventKind
from tests.scouting.reads_support import an_open_read

pytestmark = pytest.mark.django_db


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _download(client, read):
    client.force_login(read.requested_by)
    response = client.get(f"/scouting/reads/{read.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    return response


def test_every_page_carries_the_readers_name_studio_date_and_code(client):
    read = an_open_read()
    reader = read.requested_by
    reader.display_name_zh = "赵明远"
    reader.save(update_fields=["display_name_zh"])
    response = _download(client, read)
    event = ReadEvent.objects.get(read=read, kind=ReadEventKind.DOWNLOAD)
    assert event.code and event.code in response["Content-Disposition"]

    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    assert pdf.metadata["/Keywords"] == event.code
    assert event.code in pdf.metadata.subject
    assert len(pdf.pages) >= 2
    today = timezone.localdate().isoformat()
    for page in pdf.pages:
        text = _squeezed(page.extract_text())
        for part in (event.code, "赵明远", "星河短剧工作室", today):
            assert part in text


def test_the_pdf_holds_the_episodes_in_range_only(client):
    read = an_open_read(episodes_from=2, episodes_to=2)
    pdf = pypdf.PdfReader(io.BytesIO(_download(client, read).content))
    text = _squeezed("".join(page.extract_text() for page in pdf.pages))
    assert "白天送外卖，晚上学竹编" in text
    assert "阿竹把竹篾一根根理顺" not in text and "外婆把刻刀交给阿竹" not in text


def test_each_download_gets_its_own_code_and_each_leads_back(client):
    read = an_open_read()
    first = pypdf.PdfReader(io.BytesIO(_download(client, read).content)).metadata["/Keywords"]
    second = pypdf.PdfReader(io.BytesIO(_download(client, read).content)).metadata["/Keywords"]
    assert first != second
    assert set(ReadEvent.objects.filter(read=read).values_list("code", flat=True)) == {
        first,
        second,
    }
    client.force_login(read.series.owner)
    for code in (first, second):
        page = client.get("/scouting/codes/", {"code": code})
        assert page.status_code == 200
        assert read.requested_by.display_name in page.content.decode()
