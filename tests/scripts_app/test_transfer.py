"""Import and export through the pages and the API, with their permissions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from scripts_app.document import parse
from scripts_app.formats import export_docx, export_fdx
from scripts_app.models import ExportJob, Series
from scripts_app.selectors import revision_text
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db

FOUNTAIN = """Title: The Tea House
Author: Emma Walsh

# Episode 1: Arrival

INT. TEA HOUSE - DAY

MAYA walks in, soaked.

MAYA
Is this place still open?

[[HOOK: The old woman locks the door behind her.]]
"""


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_word_draft_becomes_a_new_series_with_its_format_detected(client, user):
    client.force_login(user)
    docx = export_docx(parse(ZH_TWO_EPISODES, "zh"))

    response = client.post("/scripts/import/", {"file": _upload("法槌之下.docx", docx)})

    series = Series.objects.get(owner=user)
    assert response.status_code == 302 and response["Location"] == f"/scripts/{series.pk}/settings/"
    assert series.format == "zh" and series.title == "法槌之下"
    assert series.head.kind == "import" and series.episodes_written == 2


def test_a_final_draft_file_imports_as_fountain(api_client, user):
    api_client.force_authenticate(user)
    fdx = export_fdx(parse(FOUNTAIN, "fountain"))

    response = api_client.post(
        "/api/v1/series/import/", {"file": _upload("tea.fdx", fdx)}, format="multipart"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["detected_format"] == "fountain" and body["series"]["title"] == "The Tea House"
    assert "Is this place still open?" in revision_text(Series.objects.get().head)


def test_a_gb18030_text_file_imports_with_a_translated_warning(client, user):
    client.force_login(user)

    response = client.post(
        "/scripts/import/",
        {"file": _upload("旧稿.txt", ZH_TWO_EPISODES.encode("gb18030"))},
        follow=True,
    )

    html = response.content.decode()
    assert "GB18030" in html
    # A conversion done for the writer is information, not a warning or an error.
    notice = html[: html.index("GB18030")].rsplit("<li ", 1)[1]
    assert notice.startswith('class="message message-info"'), notice
    assert revision_text(Series.objects.get().head) == ZH_TWO_EPISODES


def test_an_import_notes_what_it_did_as_information_and_what_may_be_wrong_as_a_warning(user):
    from scripts_app.services.transfer import series_import

    converted = series_import(
        actor=user, filename="旧稿.txt", data=ZH_TWO_EPISODES.encode("gb18030")
    )
    damaged = series_import(
        actor=user, filename="坏稿.txt", data=ZH_TWO_EPISODES.encode("gb18030")[:-1] + b"\xff\xfe"
    )

    assert [note.level for note in converted.notes] == ["info"]
    assert [note.level for note in damaged.notes] == ["warning"]
    assert converted.warnings == [converted.notes[0].text]  # the API's list is unchanged


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("script.pages", b"whatever"),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        (
            "evil.fdx",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><FinalDraft>&e;</FinalDraft>',
        ),
    ],
)
def test_bad_files_get_a_clear_field_error_and_create_nothing(client, api_client, user, name, data):
    client.force_login(user)
    api_client.force_authenticate(user)

    page = client.post("/scripts/import/", {"file": _upload(name, data)})
    api = api_client.post(
        "/api/v1/series/import/", {"file": _upload(name, data)}, format="multipart"
    )

    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert api.status_code == 400 and api.json()["errors"]["file"]
    assert not Series.objects.exists()


def test_importing_into_a_series_adds_a_revision_and_keeps_history(client):
    series = make_series()
    client.force_login(series.owner)
    new = ZH_TWO_EPISODES.replace("门外传来敲门声。", "门外传来急促的敲门声。")

    client.post(f"/scripts/{series.pk}/import/", {"file": _upload("第二稿.txt", new.encode())})

    series.refresh_from_db()
    assert series.head.number == 2 and revision_text(series.head) == new


def test_readers_cannot_import_into_a_series(client):
    series = make_series()
    client.force_login(add_collaborator(series, role="reader"))

    response = client.post(f"/scripts/{series.pk}/import/", {"file": _upload("x.txt", b"x")})

    assert response.status_code == 403
    assert series.revisions.count() == 1


def test_a_pdf_export_runs_as_a_task_and_only_its_requester_downloads_it(client, run_on_commit):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    client.force_login(reader)

    with run_on_commit():
        response = client.post(
            f"/scripts/{series.pk}/export/", {"format": "pdf", "watermark": "审读：钱一鸣"}
        )

    job = ExportJob.objects.get()
    assert response["Location"] == f"/scripts/{series.pk}/exports/{job.pk}/"
    assert job.status == "done" and job.progress == 100
    download = client.get(f"/scripts/{series.pk}/exports/{job.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages
    )
    assert "考勤表" in text.replace(" ", "").replace("\n", "")
    assert reader.notifications.filter(kind="series_export_ready").exists()

    client.force_login(series.owner)
    assert client.get(f"/scripts/{series.pk}/exports/{job.pk}/download/").status_code == 404


def test_export_status_is_a_polling_partial_for_htmx(client, run_on_commit):
    series = make_series()
    client.force_login(series.owner)
    with run_on_commit():
        client.post(f"/scripts/{series.pk}/export/", {"format": "fountain"})
    job = ExportJob.objects.get()

    partial = client.get(
        f"/scripts/{series.pk}/exports/{job.pk}/", HTTP_HX_REQUEST="true"
    ).content.decode()

    assert partial.startswith('<div id="export-status"') and "<html" not in partial


@pytest.mark.parametrize("fmt", ["fountain", "fdx", "docx", "pdf"])
def test_every_format_exports_through_the_api(api_client, run_on_commit, fmt):
    series = make_series()
    api_client.force_authenticate(series.owner)

    with run_on_commit():
        created = api_client.post(
            f"/api/v1/series/{series.pk}/exports/", {"format": fmt}, format="json"
        )

    assert created.status_code == 202
    job = api_client.get(f"/api/v1/series/{series.pk}/exports/{created.json()['id']}/").json()
    assert job["status"] == "done" and job["download_url"]
    assert api_client.get(job["download_url"]).status_code == 200


def test_export_input_errors(api_client):
    series = make_series()
    api_client.force_authenticate(series.owner)
    url = f"/api/v1/series/{series.pk}/exports/"

    assert "format" in api_client.post(url, {"format": "rtf"}, format="json").json()["errors"]
    assert (
        "revision"
        in api_client.post(url, {"format": "pdf", "revision": 99}, format="json").json()["errors"]
    )
    assert (
        "watermark"
        in api_client.post(url, {"format": "pdf", "watermark": "x" * 121}, format="json").json()[
            "errors"
        ]
    )


def test_strangers_cannot_export_private_series(api_client):
    series = make_series()
    api_client.force_authenticate(UserFactory())

    assert (
        api_client.post(
            f"/api/v1/series/{series.pk}/exports/", {"format": "pdf"}, format="json"
        ).status_code
        == 404
    )
