"""Word (.docx): importing drafts written in Word, exporting, round trips, zip attacks."""

import io
import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts_app.document import ElementType, detect_format, equivalent, parse
from scripts_app.document.samples import generate_series, load_sample
from scripts_app.formats import CorruptFile, UnsafeFile, export_docx, import_file

T = ElementType


def word_file(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    """A .docx made the way Word users make them: one paragraph per line."""
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        first, *rest = text.split("\n")
        run = paragraph.add_run(first)
        run.bold = True  # styling is ignored on import
        for line in rest:
            run.add_break()  # Shift+Enter: a line break inside the paragraph
            run = paragraph.add_run(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_chinese_draft_keeps_its_paragraphs_as_lines():
    data = word_file(
        "第1集：三十万", "1-1 日 内 王桂兰家客厅", "△王桂兰攥着存折。", "林晚：您先别急。"
    )
    result = import_file("剧本.docx", data)

    assert (
        result.text
        == "第1集：三十万\n1-1 日 内 王桂兰家客厅\n△王桂兰攥着存折。\n林晚：您先别急。\n"
    )
    assert (result.format, result.source_kind, result.warnings) == ("zh", "docx", [])


def test_runs_of_empty_paragraphs_become_one_blank_line():
    result = import_file("a.docx", word_file("第1集", "", "", "", "△林晚推门。", "", ""))

    assert result.text == "第1集\n\n△林晚推门。\n"


def test_line_breaks_inside_a_paragraph_become_lines():
    result = import_file("a.docx", word_file("MIA\nHello there.", "", "INT. HOUSE - DAY"))

    assert result.text == "MIA\nHello there.\n\nINT. HOUSE - DAY\n"


def test_table_cells_are_read_in_order_after_the_paragraphs_before_them():
    data = word_file(
        "第1集", table=[["1-1 日 内 客厅", "人物：林晚"], ["△林晚推门。", "林晚：到了。"]]
    )

    lines = import_file("a.docx", data).text.splitlines()

    assert lines == ["第1集", "1-1 日 内 客厅", "人物：林晚", "△林晚推门。", "林晚：到了。"]


def test_a_fountain_draft_spaced_with_paragraph_spacing_gets_blank_lines():
    data = word_file(
        "Title: OBJECTION",
        "Author: Chen",
        "INT. COURTROOM - DAY",
        "Mia stands.",
        "MIA",
        "(quietly)",
        "Your Honor.",
        "ETHAN",
        "Overruled.",
        "CUT TO:",
    )
    result = import_file("objection.docx", data)
    doc = parse(result.text, result.format)

    assert result.format == "fountain"
    assert [code for code, _ in result.warnings] == ["blank_lines_added"]
    assert doc.title_page == [("Title", "OBJECTION"), ("Author", "Chen")]
    assert [(e.type, e.text) for e in doc.iter_elements()] == [
        (T.ACTION, "Mia stands."),
        (T.CHARACTER, "MIA"),
        (T.PARENTHETICAL, "quietly"),
        (T.DIALOGUE, "Your Honor."),
        (T.CHARACTER, "ETHAN"),
        (T.DIALOGUE, "Overruled."),
        (T.TRANSITION, "CUT TO:"),
    ]


def round_trip(doc, **options):
    result = import_file("export.docx", export_docx(doc, **options))
    return parse(result.text, result.format)


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_the_samples_survive_a_round_trip_through_word(fmt):
    doc = parse(load_sample(fmt), fmt)

    assert equivalent(round_trip(doc, watermark="DRAFT — 陈思远 — 2026-11-24"), doc)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(["zh", "fountain"]), episodes=st.integers(1, 3), seed=st.integers(0, 999)
)
def test_any_generated_series_survives_a_round_trip_through_word(fmt, episodes, seed):
    doc = parse(generate_series(episodes, fmt, seed), fmt)

    assert equivalent(round_trip(doc), doc)


def test_headings_come_back_from_word_as_the_writer_wrote_them():
    text = (
        "《三号窗口》\n大纲\n湖南临水县法律援助中心，三号窗口。\n人物小传\n"
        "许青禾（27岁）：法律援助中心律师。\n第1集 三号窗口\n1-1 日 内 法律援助中心大厅\n"
        "△许青禾对着电脑改简历。\n"
    )
    data = export_docx(parse(text, "zh"))

    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[1:3] == ["大纲", "湖南临水县法律援助中心，三号窗口。"]
    assert import_file("三号窗口.docx", data).text == text


def test_the_chinese_export_uses_the_customary_layout():
    document = docx.Document(io.BytesIO(export_docx(parse(load_sample("zh"), "zh"))))
    paragraphs = {p.text: p for p in document.paragraphs}

    episode = paragraphs["第1集：三十万"]
    assert episode.style.font.bold and episode.style.name == "剧本 Episode"
    assert paragraphs["1-1 日 内 王桂兰家客厅"].style.font.bold
    assert paragraphs["△王桂兰攥着存折，手指发抖。"].style.name == "剧本 Action"
    speech = paragraphs["王桂兰（颤抖）：三十万……我攒了一辈子的钱，就剩三百二十一块？"]
    assert [(run.text, bool(run.bold)) for run in speech.runs] == [
        ("王桂兰（颤抖）：", True),
        ("三十万……我攒了一辈子的钱，就剩三百二十一块？", False),
    ]
    assert paragraphs["第2集：证据"].paragraph_format.page_break_before
    assert round(document.sections[0].page_width.cm, 1) == 21.0


def test_the_fountain_export_indents_cues_and_dialogue_on_letter_paper():
    document = docx.Document(io.BytesIO(export_docx(parse(load_sample("fountain"), "fountain"))))
    styles = {p.text: p.style for p in document.paragraphs}

    assert styles["JUDGE HALVORSEN"].paragraph_format.left_indent.inches == pytest.approx(2.2)
    assert styles["(banging the gavel)"].paragraph_format.left_indent.inches == pytest.approx(1.6)
    dialogue = styles["Overruled. We are adjourned."].paragraph_format
    assert (dialogue.left_indent.inches, dialogue.right_indent.inches) == (1.0, 1.5)
    assert styles["INT. COURTROOM 4B - DAY #1#"].font.bold
    assert document.sections[0].left_margin.inches == 1.5
    assert document.sections[0].page_width.inches == 8.5


def test_the_watermark_is_in_the_page_header_not_in_the_script():
    data = export_docx(parse(load_sample("zh"), "zh"), watermark="DRAFT — 陈思远 — 2026-11-24")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        headers = [archive.read(n).decode() for n in archive.namelist() if "header" in n]

    assert any('string="DRAFT — 陈思远 — 2026-11-24"' in header for header in headers)
    assert "陈思远" not in import_file("a.docx", data).text


# --- hostile and broken files ------------------------------------------------------------


def zip_file(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_decompressed():
    bomb = zip_file({"word/document.xml": b"<w:document/>", "word/media/a.bin": b"\0" * 80_000_000})

    assert len(bomb) < 200_000
    with pytest.raises(UnsafeFile) as raised:
        import_file("bomb.docx", bomb)
    assert raised.value.code == "unsafe_file"


def test_a_highly_compressed_member_is_refused_even_below_the_total_limit():
    bomb = zip_file({"word/document.xml": b"<w:document/>", "word/a.bin": b"\0" * 20_000_000})

    with pytest.raises(UnsafeFile):
        import_file("bomb.docx", bomb)


def test_an_archive_of_many_thousand_members_is_refused():
    many = zip_file({f"word/part{i}.xml": b"" for i in range(1500)})

    with pytest.raises(UnsafeFile):
        import_file("many.docx", many)


def test_a_document_part_with_a_dtd_is_refused():
    real = word_file("第1集")
    with zipfile.ZipFile(io.BytesIO(real)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"?>", b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1
    )

    with pytest.raises(UnsafeFile):
        import_file("xxe.docx", zip_file(members))


@pytest.mark.parametrize(
    "data",
    [
        word_file("第1集：三十万", "△林晚推门。")[:1500],
        b"",
        b"PK\x03\x04 not really a zip",
        "第1集\n△一个改了扩展名的文本文件。".encode(),
        zip_file({"hello.txt": b"not a word document"}),
        zip_file({"word/document.xml": b"<w:document", "[Content_Types].xml": b"<Types/>"}),
    ],
    ids=["truncated", "empty", "fake-zip", "renamed-text", "other-zip", "broken-xml"],
)
def test_a_damaged_or_fake_word_file_is_corrupt(data):
    with pytest.raises(CorruptFile) as raised:
        import_file("draft.docx", data)

    assert raised.value.params == {"kind": "Word (.docx)"}


# --- structure in styles, the format recorded ------------------------------------------


def styles_of(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_each_element_type_has_a_named_style_of_its_own():
    text = (
        "《三号窗口》\n大纲\n湖南临水县。\n人物小传\n许青禾（27岁）：律师。\n第1集 三号窗口\n"
        "1-1 日 内 大厅\n人物：许青禾\n【字幕：湖南临水县】\n△她到了。\n许青禾（OS）：我回去。\n"
        "【闪回】\n【闪回结束】\n【黑屏】\n备注：下雨\n【卡点】老人睡着了。\n"
    )

    assert styles_of(export_docx(parse(text, "zh"))) == [
        ("剧本 Title", "《三号窗口》"),
        ("剧本 Section", "大纲"),
        ("剧本 Synopsis", "湖南临水县。"),
        ("剧本 Section", "人物小传"),
        ("剧本 Bio", "许青禾（27岁）：律师。"),
        ("剧本 Episode", "第1集 三号窗口"),
        ("剧本 Scene", "1-1 日 内 大厅"),
        ("剧本 Cast", "人物：许青禾"),
        ("剧本 Subtitle", "【字幕：湖南临水县】"),
        ("剧本 Action", "△她到了。"),
        ("剧本 Dialogue", "许青禾（OS）：我回去。"),
        ("剧本 Flashback", "【闪回】"),
        ("剧本 Flashback End", "【闪回结束】"),
        ("剧本 Black Screen", "【黑屏】"),
        ("剧本 Note", "备注：下雨"),
        ("剧本 Hook", "【卡点】老人睡着了。"),
    ]


def test_fountain_sections_synopses_notes_and_lyrics_have_styles_too():
    text = "# Episode 1: Pilot\n= She arrives.\n\n## Act One\n\n[[call the studio]]\n\n~La la\n"
    names = {text: name for name, text in styles_of(export_docx(parse(text, "fountain")))}

    assert names["# Episode 1: Pilot"] == "Screenplay Episode"
    assert names["= She arrives."] == "Screenplay Synopsis"
    assert names["## Act One"] == "Screenplay Section"
    assert names["[[call the studio]]"] == "Screenplay Note"
    assert names["~La la"] == "Screenplay Lyric"


def test_episode_and_scene_headings_are_outline_levels_in_word():
    document = docx.Document(io.BytesIO(export_docx(parse(load_sample("zh"), "zh"))))
    levels = {
        style.name: style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val"))
        for style in document.styles
        if style.name in ("剧本 Episode", "剧本 Scene")
    }

    assert levels == {"剧本 Episode": "0", "剧本 Scene": "1"}


def test_a_header_with_its_prose_on_its_line_shows_the_header_in_bold():
    doc = parse("大纲：湖南临水县，三号窗口。\n第1集\n1-1 日 内 大厅\n△她到了。\n", "zh")
    document = docx.Document(io.BytesIO(export_docx(doc)))

    first = document.paragraphs[0]
    assert [(run.text, bool(run.bold)) for run in first.runs] == [
        ("大纲：", True),
        ("湖南临水县，三号窗口。", False),
    ]


def without_custom_properties(data: bytes) -> bytes:
    """The file as another word processor might save it: our property gone."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist() if n != "docProps/custom.xml"}
    members["_rels/.rels"] = re.sub(
        rb"<Relationship [^>]*custom-properties[^>]*/>", b"", members["_rels/.rels"]
    )
    return zip_file(members)


def test_the_format_is_recorded_and_preferred_to_what_the_text_reads_as():
    doc = parse("雨越下越大，她没有回头。\n", "fountain")  # reads as Chinese, is Fountain
    data = export_docx(doc)

    assert detect_format("雨越下越大，她没有回头。\n") == "zh"
    assert docx.Document(io.BytesIO(data)).core_properties.title in ("", None)
    assert import_file("a.docx", data).format == "fountain"
    assert import_file("a.docx", without_custom_properties(data)).format == "fountain"


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_a_word_file_keeps_its_format_without_the_property_by_its_styles(fmt):
    doc = parse(load_sample(fmt), fmt)
    result = import_file("a.docx", without_custom_properties(export_docx(doc)))

    assert result.format == fmt
    assert equivalent(parse(result.text, result.format), doc)


# --- Word files written the way Chinese writers write them -------------------------------


def chinese_writers_word_file() -> bytes:
    """Headings by Word's heading styles or by bold text, full-width punctuation, 场."""
    document = docx.Document()
    document.add_paragraph("三号窗口", style="Title")
    document.add_paragraph("类型：法治／现实")
    document.add_heading("大纲", level=1)
    document.add_paragraph("湖南临水县法律援助中心，三号窗口。")
    document.add_heading("人物小传", level=1)
    document.add_paragraph("许青禾（27岁）：法律援助中心律师。")
    document.add_paragraph("罗满堂（56岁）：援助中心接待员。")
    document.add_heading("第一集　三号窗口", level=1)
    document.add_heading("第一场 日 内 法律援助中心大厅", level=2)
    document.add_paragraph("人物：许青禾、罗满堂")
    document.add_paragraph("老办公楼一楼，三号窗口后面，许青禾对着电脑改简历。")
    speech = document.add_paragraph()
    speech.add_run("许青禾（扫了一眼）：").bold = True
    speech.add_run("欠条是彭四个人签的。下一位。")
    document.add_paragraph("罗满堂：（凑过来）许律师，莫急着喊下一位。")
    document.add_paragraph().add_run("场景二：锦江花园工地 日 外").bold = True
    document.add_paragraph("△塔吊转动。")
    document.add_paragraph("【卡点】法定代表人，是一个捡废品的老人。")
    episode = document.add_paragraph()
    episode.alignment = WD_ALIGN_PARAGRAPH.CENTER
    episode.add_run("第二集：老街的排水沟").bold = True
    document.add_paragraph().add_run("1、老街 夜 外").bold = True
    document.add_paragraph("谭秋生（OS）：这条沟，吵了三年咯。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_chinese_writer_s_word_file_reads_as_the_convention():
    result = import_file("三号窗口.docx", chinese_writers_word_file())
    doc = parse(result.text, result.format)

    assert result.format == "zh"
    assert result.text.splitlines()[:3] == ["《三号窗口》", "类型：法治／现实", "大纲"]
    assert doc.title == "三号窗口"
    assert [b.name for b in doc.character_bios] == ["许青禾", "罗满堂"]
    assert [(e.number, e.title, e.hook) for e in doc.episodes] == [
        (1, "三号窗口", "法定代表人，是一个捡废品的老人。"),
        (2, "老街的排水沟", None),
    ]
    assert [(s.number, s.time, s.interior, s.location) for s in doc.scenes] == [
        ("1-1", "day", "int", "法律援助中心大厅"),
        ("1-2", "day", "ext", "锦江花园工地"),
        ("2-1", "night", "ext", "老街"),
    ]
    first = [(e.type, e.speaker, e.cue, e.text) for e in doc.scenes[0].elements]
    assert first == [
        (T.CAST, None, None, "许青禾、罗满堂"),
        (T.ACTION, None, None, "老办公楼一楼，三号窗口后面，许青禾对着电脑改简历。"),
        (T.DIALOGUE, "许青禾", "扫了一眼", "欠条是彭四个人签的。下一位。"),
        (T.PARENTHETICAL, "罗满堂", None, "凑过来"),
        (T.DIALOGUE, "罗满堂", None, "许律师，莫急着喊下一位。"),
    ]
    assert doc.warnings == []


def test_bold_is_no_heading_when_the_whole_script_is_bold():
    data = word_file("第1集", "1 张三卧室 日内", "△张三醒来。")

    assert import_file("a.docx", data).text == "第1集\n1 张三卧室 日内\n△张三醒来。\n"


def test_a_fountain_episode_heading_in_a_heading_style_is_an_episode():
    document = docx.Document()
    document.add_heading("Episode 1: Pilot", level=1)
    document.add_paragraph("INT. HOUSE - DAY")
    document.add_paragraph("")
    document.add_paragraph("Rain on the windows.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = parse(*_result(import_file("pilot.docx", buffer.getvalue())))

    assert [(e.number, e.title) for e in doc.episodes] == [(1, "Pilot")]
    assert doc.scenes[0].heading == "INT. HOUSE - DAY"


def _result(result):
    return result.text, result.format
