"""Importing plain-text scripts, and how import_file refuses what it cannot read."""

import codecs

import pytest

from scripts_app.formats import (
    MAX_BYTES,
    CorruptFile,
    FileTooLarge,
    FontUnavailable,
    FormatError,
    UnsafeFile,
    UnsupportedFile,
    import_file,
)

ZH_SCRIPT = (
    "第1集：三十万\n1-1 日 内 王桂兰家客厅\n人物：王桂兰、林晚\n"
    "△王桂兰攥着存折。\n林晚：您先别急。\n"
)
FOUNTAIN_SCRIPT = "Title: OBJECTION\n\nINT. COURTROOM - DAY\n\nMIA\nObjection!\n"


def test_a_fountain_file_is_read_as_fountain():
    result = import_file("objection.fountain", FOUNTAIN_SCRIPT.encode())

    assert result.text == FOUNTAIN_SCRIPT
    assert result.format == "fountain"
    assert result.source_kind == "fountain"
    assert result.warnings == []


def test_a_text_file_in_the_chinese_convention_is_detected_as_zh():
    result = import_file("剧本.txt", ZH_SCRIPT.encode())

    assert (result.format, result.source_kind, result.text) == ("zh", "text", ZH_SCRIPT)


def test_a_text_file_in_fountain_is_detected_as_fountain():
    assert import_file("draft.txt", FOUNTAIN_SCRIPT.encode()).format == "fountain"


def test_a_utf8_byte_order_mark_is_dropped():
    result = import_file("剧本.txt", codecs.BOM_UTF8 + ZH_SCRIPT.encode())

    assert result.text == ZH_SCRIPT
    assert result.warnings == []


def test_windows_line_endings_become_newlines():
    result = import_file("剧本.txt", ZH_SCRIPT.replace("\n", "\r\n").encode())

    assert result.text == ZH_SCRIPT


def test_old_mac_line_endings_become_newlines():
    assert import_file("a.fountain", b"A\rB\r").text == "A\nB\n"


def test_gb18030_text_from_chinese_windows_is_converted_with_a_warning():
    result = import_file("剧本.txt", ZH_SCRIPT.replace("\n", "\r\n").encode("gb18030"))

    assert result.text == ZH_SCRIPT
    assert result.format == "zh"
    assert [code for code, _ in result.warnings] == ["decoded_gb18030"]


def test_utf16_text_from_notepad_is_converted_with_a_warning():
    result = import_file("剧本.txt", ZH_SCRIPT.encode("utf-16"))

    assert result.text == ZH_SCRIPT
    assert [code for code, _ in result.warnings] == ["decoded_utf16"]


def test_bytes_that_fit_no_encoding_are_replaced_with_a_warning():
    result = import_file("draft.txt", b"MIA\nCaf\xe9 \xff\xfe\n")

    assert "\ufffd" in result.text
    assert [code for code, _ in result.warnings] == ["invalid_encoding"]


def test_an_empty_text_file_is_an_empty_script():
    assert import_file("empty.fountain", b"").text == ""


def test_a_binary_file_named_txt_is_corrupt():
    with pytest.raises(CorruptFile) as raised:
        import_file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert raised.value.code == "corrupt_file"


@pytest.mark.parametrize("filename", ["script.pdf", "script.doc", "script", "script.fdx.exe"])
def test_an_unknown_extension_is_unsupported(filename):
    with pytest.raises(UnsupportedFile) as raised:
        import_file(filename, b"anything")

    assert raised.value.code == "unsupported_file"
    assert ".fountain" in raised.value.params["supported"]


def test_the_extension_is_read_case_insensitively_from_a_windows_path():
    assert import_file("C:\\Users\\lin\\Desktop\\剧本.TXT", ZH_SCRIPT.encode()).format == "zh"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(FileTooLarge) as raised:
        import_file("huge.txt", b"a" * (MAX_BYTES + 1))

    assert raised.value.params == {"limit_mb": 10}


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (FormatError, "format_error"),
        (UnsupportedFile, "unsupported_file"),
        (FileTooLarge, "file_too_large"),
        (CorruptFile, "corrupt_file"),
        (UnsafeFile, "unsafe_file"),
        (FontUnavailable, "font_unavailable"),
    ],
)
def test_every_error_has_a_stable_code_and_is_a_format_error(error, code):
    assert error.code == code
    assert issubclass(error, FormatError)


def test_an_error_message_is_filled_from_its_params():
    error = CorruptFile("zipfile said no", kind="Word (.docx)")

    assert error.message == "The file is damaged or is not a valid Word (.docx) file."
    assert error.params == {"kind": "Word (.docx)"}
    assert error.detail == "zipfile said no"
