"""Files holding more text than any script are refused while they are read, before
python-docx or the parser sees them."""

import io
import time
import zipfile

import pytest

from scripts_app.formats import MAX_CHARS, MAX_LINES, TooMuchText, import_file
from scripts_app.formats import word as word_module

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def stored_docx(body: str) -> bytes:
    """A Word file whose document.xml is stored uncompressed (no zip-bomb ratio)."""
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


@pytest.fixture
def no_docx_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("python-docx must not open a file that is refused for length")

    monkeypatch.setattr(word_module.docx, "Document", refuse)


def test_a_word_file_of_too_many_paragraphs_is_refused_while_counting(no_docx_parsing):
    data = stored_docx("<w:p/>" * (MAX_LINES * 3))
    assert len(data) < 10 * 1024 * 1024

    started = time.perf_counter()
    with pytest.raises(TooMuchText) as refused:
        import_file("long.docx", data)

    assert refused.value.code == "too_much_text"
    assert time.perf_counter() - started < 5  # the old reader took 20 s for 700,000


def test_line_breaks_inside_paragraphs_count_as_lines(no_docx_parsing):
    data = stored_docx("<w:p><w:r>" + "<w:br/>" * (MAX_LINES + 1) + "</w:r></w:p>")

    with pytest.raises(TooMuchText):
        import_file("breaks.docx", data)


def test_a_word_file_of_too_many_characters_is_refused(no_docx_parsing):
    data = stored_docx(f"<w:p><w:r><w:t>{'字' * (MAX_CHARS + 1)}</w:t></w:r></w:p>")

    with pytest.raises(TooMuchText):
        import_file("wide.docx", data)


def test_a_final_draft_file_of_too_many_paragraphs_is_refused():
    paragraph = '<Paragraph Type="Action"><Text>x</Text></Paragraph>'
    data = f"<FinalDraft><Content>{paragraph * (MAX_LINES + 1)}</Content></FinalDraft>".encode()

    with pytest.raises(TooMuchText):
        import_file("long.fdx", data)


def test_a_final_draft_file_of_too_many_characters_is_refused():
    text = "y" * (MAX_CHARS + 1)
    data = f'<FinalDraft><Content><Paragraph Type="Action"><Text>{text}</Text></Paragraph></Content></FinalDraft>'

    with pytest.raises(TooMuchText):
        import_file("wide.fdx", data.encode())


@pytest.mark.parametrize("name", ["long.txt", "long.fountain"])
def test_a_text_file_of_too_many_lines_is_refused(name):
    with pytest.raises(TooMuchText):
        import_file(name, b"a\n" * (MAX_LINES + 1))


def test_a_text_file_of_too_many_characters_is_refused():
    with pytest.raises(TooMuchText):
        import_file("wide.txt", ("字" * (MAX_CHARS + 1)).encode())


def test_a_long_but_real_script_is_still_imported():
    text = "\n".join(f"△第{n}行。" for n in range(MAX_LINES - 10)) + "\n"

    assert import_file("ok.txt", text.encode()).text == text
