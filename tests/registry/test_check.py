"""Anyone can learn whether a text or file matches a registered revision, and nothing more."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.canonical import canonical_sha256, canonical_text
from registry.services.registration import registration_request
from scripts_app.document import parse
from scripts_app.formats import export_docx, export_fdx, export_fountain, export_pdf
from tests.support.factories import ZH_TWO_EPISODES, make_series

pytestmark = pytest.mark.django_db

FOUNTAIN = """Title: The Tea House

# Episode 1: Arrival

INT. TEA HOUSE - DAY

MAYA walks in, soaked.

MAYA
Is this place still open?
"""


def registered(text=ZH_TWO_EPISODES):
    series = make_series(text=text)
    return registration_request(
        actor=series.owner, series=series, revision=series.head, authors=[]
    ).entry


def post(client, **data):
    return client.post("/registry/check/", data, HTTP_ACCEPT_LANGUAGE="en")


def test_canonical_text_ignores_line_endings_trailing_space_and_blank_lines_only():
    variant = "\ufeff" + ZH_TWO_EPISODES.replace("\n", "  \r\n\r\n")
    assert canonical_sha256(variant) == canonical_sha256(ZH_TWO_EPISODES)
    assert canonical_sha256(ZH_TWO_EPISODES.replace("敲门", "敲窗")) != canonical_sha256(
        ZH_TWO_EPISODES
    )
    assert canonical_text("a\n\n\nb  \n") == "a\nb\n"
    assert canonical_text("\n \n") == ""


def test_pasted_text_matches_its_entry_without_showing_any_text(client):
    entry = registered()

    page = post(client, text=ZH_TWO_EPISODES.replace("\n", "\r\n")).content.decode()

    assert f"Entry No. {entry.number}" in page
    assert "敲门" not in page.split("Result")[1]


@pytest.mark.parametrize(
    ("name", "export"),
    [
        ("script.docx", export_docx),
        ("script.fdx", export_fdx),
        ("script.fountain", lambda doc: export_fountain(doc).encode()),
    ],
)
@pytest.mark.parametrize("text", [ZH_TWO_EPISODES, FOUNTAIN], ids=["zh", "fountain"])
def test_a_file_exported_here_matches_the_registered_revision(client, name, export, text):
    entry = registered(text)
    data = export(parse(text))

    page = post(client, file=SimpleUploadedFile(name, data)).content.decode()

    assert f"Entry No. {entry.number}" in page


def test_a_writers_pdf_carries_its_text_and_matches(client):
    entry = registered()
    data = export_pdf(parse(ZH_TWO_EPISODES), title="法槌之下", source_text=ZH_TWO_EPISODES)

    page = post(client, file=SimpleUploadedFile("script.pdf", data)).content.decode()

    assert f"Entry No. {entry.number}" in page


def test_a_changed_word_matches_nothing(client):
    registered()
    page = post(client, text=ZH_TWO_EPISODES.replace("敲门", "敲窗")).content.decode()
    assert "It matches no registered revision" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", b"%PDF-1.4 not really", "could not be read"),
        ("photo.png", b"\x89PNG\r\n\x1a\n0000", "file"),
        ("big.txt", b"a" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_files_that_are_not_scripts_get_a_clear_answer(client, name, data, message):
    response = post(client, file=SimpleUploadedFile(name, data))
    assert response.status_code in (200, 413)  # the upload limit answers before the view
    assert message in response.content.decode()


def test_a_pdf_from_elsewhere_is_told_what_to_send_instead(client):
    data = export_pdf(parse(ZH_TWO_EPISODES), title="法槌之下")  # no source text attached
    page = post(client, file=SimpleUploadedFile("other.pdf", data)).content.decode()
    assert "does not carry its script" in page


def test_an_empty_check_asks_for_text(client):
    assert "Paste the script" in post(client, text="   ").content.decode()
