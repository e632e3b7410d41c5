"""Control characters never reach a saved script, and exports never fail on them."""

import io
from xml.etree import ElementTree

import docx
import pytest
from django.db import connection

from scripts_app.document import parse
from scripts_app.formats import export_docx, export_fdx, export_fountain, export_pdf, import_file
from scripts_app.models import ExportJob, ScriptChunk
from scripts_app.selectors import revision_text
from scripts_app.services.revisions import revision_save
from scripts_app.text import normalise_text
from tests.support.factories import ZH_TWO_EPISODES, make_series

pytestmark = pytest.mark.django_db

# Every C0 control but tab and line feed (carriage return becomes a line feed), and DEL.
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
DIRTY_ZH = ZH_TWO_EPISODES.replace("考勤表", f"考{CONTROLS}勤\t表").replace(
    "《法槌之下》", "《法槌\x00之下》"
)
DIRTY_FOUNTAIN = (
    f"Title: Tea\x00 House\n\nINT. TEA HOUSE{CONTROLS} - DAY\n\nMAYA\nIs this\x01 place open?\x1b\n"
)


def test_saving_strips_control_characters_but_keeps_tabs_and_line_breaks():
    series = make_series(text="")

    result = revision_save(actor=series.owner, series=series, text=DIRTY_ZH, base=None, kind="save")

    saved = revision_text(result.head)
    assert saved == ZH_TWO_EPISODES.replace("考勤表", "考勤\t表")
    assert not set(CONTROLS) & set(saved)
    assert normalise_text("a\r\nb\rc\x00") == "a\nb\nc"


def test_a_utf16_upload_with_nul_characters_is_saved_without_them(client):
    series = make_series()
    client.force_login(series.owner)
    upload = ("\ufeff" + DIRTY_ZH).encode("utf-16-le")

    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(f"/scripts/{series.pk}/import/", {"file": SimpleUploadedFile("a.txt", upload)})

    series.refresh_from_db()
    assert series.head.number == 2
    assert "\x00" not in revision_text(series.head) and "考勤\t表" in revision_text(series.head)


@pytest.mark.parametrize("fmt", ["fountain", "fdx", "docx", "pdf"])
def test_an_old_revision_holding_control_characters_still_exports(api_client, run_on_commit, fmt):
    series = make_series()
    # A row written before saving stripped them, as the fuzzing run found (on SQLite;
    # PostgreSQL never stores NUL, but keeps the other controls).
    old_text = DIRTY_ZH.replace("\x00", "") if connection.vendor == "postgresql" else DIRTY_ZH
    ScriptChunk.objects.filter(pk__in=series.head.chunk_ids).update(text=old_text)
    ScriptChunk.objects.filter(pk__in=series.head.chunk_ids[1:]).update(text="")
    api_client.force_authenticate(series.owner)

    with run_on_commit():
        response = api_client.post(
            f"/api/v1/series/{series.pk}/exports/", {"format": fmt}, format="json"
        )

    job = ExportJob.objects.get(pk=response.json()["id"])
    assert job.status == "done", job.error
    _readable(fmt, job.file.read())


def _readable(fmt: str, data: bytes) -> None:
    """The file opens in the tool its format belongs to, and holds no control character."""
    if fmt == "fdx":
        text = "".join(ElementTree.fromstring(data).itertext())
        assert not set(CONTROLS) & set(text)
    elif fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert not set(CONTROLS) & set(text)
    elif fmt == "fountain":
        assert not set(CONTROLS) & set(data.decode())
    else:
        assert data.startswith(b"%PDF")


@pytest.mark.parametrize(("source", "fmt"), [(DIRTY_ZH, "zh"), (DIRTY_FOUNTAIN, "fountain")])
def test_every_exporter_takes_a_document_and_watermark_holding_control_characters(source, fmt):
    doc = parse(source, fmt)
    watermark = f"审读{CONTROLS}钱一鸣"

    _readable("fountain", export_fountain(doc, watermark=watermark).encode())
    _readable("fdx", export_fdx(doc, watermark=watermark))
    _readable("docx", export_docx(doc, watermark=watermark))
    _readable("pdf", export_pdf(doc, title=f"法槌{CONTROLS}", author="陈\x00", watermark=watermark))
    # Nothing else is lost: the cleaned Final Draft file reads back to the cleaned script.
    back = import_file("a.fdx", export_fdx(doc)).text
    assert "Is this place open?" in back if fmt == "fountain" else "考勤\t表" in back


# --- too many lines: parsing costs by the line, so the line count is bounded too ----------

LONG = "a\n" * 100_000  # within the character limit


@pytest.mark.parametrize(
    ("path", "extra"),
    [("revisions/", {}), ("preview/", {}), ("/api/v1/parse/", {"format": "zh"})],
)
def test_text_of_too_many_lines_is_refused_before_parsing(api_client, path, extra):
    series = make_series()
    api_client.force_authenticate(series.owner)
    url = path if path.startswith("/") else f"/api/v1/series/{series.pk}/{path}"

    response = api_client.post(url, {"text": LONG, **extra}, format="json")

    assert response.status_code == 400 and response.json()["errors"]["text"]
    assert series.revisions.count() == 1


def test_the_save_service_refuses_too_many_lines_too():
    from django.core.exceptions import ValidationError

    series = make_series()

    with pytest.raises(ValidationError) as refused:
        revision_save(actor=series.owner, series=series, text=LONG, base=series.head, kind="save")

    assert "text" in refused.value.message_dict
