"""Fountain exports: a Chinese-convention script goes out as Fountain and comes back."""

from scripts_app.document import ElementType, equivalent, parse, render
from scripts_app.document.samples import load_sample
from scripts_app.formats import export_fountain, import_file

T = ElementType

SCRIPT = (
    "《三号窗口》\n类型：法治\n大纲\n湖南临水县，三号窗口。\n人物小传\n许青禾（27岁）：律师。\n"
    "第1集 三号窗口\n1-1 日 内 法律援助中心大厅\n人物：许青禾、罗满堂\n△她到了，屏幕上写着 */ 和 \\。\n"
    "许青禾（扫了一眼）：下一位。\n罗满堂（OS）：这个妹子，性子急。\n【卡点】老人睡着了。\n"
)


def test_a_chinese_script_goes_out_as_a_screenplay_fountain_apps_can_read():
    text = export_fountain(parse(SCRIPT, "zh"), watermark="DRAFT — 陈思远")
    as_fountain = parse(text, "fountain")

    assert ("Script format", "zh") in as_fountain.title_page
    assert ("Watermark", "DRAFT — 陈思远") in as_fountain.title_page
    assert [s.heading for s in as_fountain.scenes] == ["INT. 法律援助中心大厅 - DAY"]
    assert [e.text for e in as_fountain.iter_elements() if e.type == T.CHARACTER] == [
        "许青禾",
        "罗满堂",
    ]


def test_and_comes_back_as_the_same_chinese_script_text_and_all():
    result = import_file("三号窗口.fountain", export_fountain(parse(SCRIPT, "zh")).encode())

    assert (result.format, result.warnings) == ("zh", [])
    assert result.text == SCRIPT


def test_the_samples_come_back_through_fountain_in_their_own_format():
    for fmt in ("zh", "fountain"):
        doc = parse(load_sample(fmt), fmt)
        result = import_file("sample.fountain", export_fountain(doc, watermark="DRAFT").encode())

        assert result.format == fmt
        if fmt == "zh":
            assert equivalent(parse(result.text, result.format), doc)


def test_a_fountain_edited_since_the_export_is_converted_to_the_convention():
    text = export_fountain(parse(SCRIPT, "zh")).replace("下一位。", "下一位，快点。", 1)  # the body
    result = import_file("edited.fountain", text.encode())
    doc = parse(result.text, result.format)

    assert result.format == "zh"
    assert [code for code, _ in result.warnings] == ["fountain_converted"]
    speeches = [(e.speaker, e.text) for e in doc.iter_elements() if e.type == T.DIALOGUE]
    assert ("许青禾", "下一位，快点。") in speeches
    assert [e.number for e in doc.episodes] == [1]


def test_a_text_file_with_the_fountain_export_is_read_the_same_way():
    result = import_file("三号窗口.txt", export_fountain(parse(SCRIPT, "zh")).encode())

    assert (result.format, result.text) == ("zh", SCRIPT)


def test_other_fountain_files_are_fountain_whatever_their_title_page_says():
    text = "Title: X\nScript format: screenplay\n\nINT. HOUSE - DAY\n\nRain.\n"
    result = import_file("x.fountain", text.encode())

    assert (result.format, result.text) == ("fountain", text)
    assert render(parse(result.text, "fountain"), "fountain") == text
