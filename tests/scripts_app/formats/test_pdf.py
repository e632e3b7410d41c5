"""PDF export: what a reader of the PDF sees, read back with pypdf.

Lines of Chinese wrap anywhere, so Chinese text is compared with whitespace removed.
"""

import io
import logging
import re

import pypdf
import pytest

from scripts_app.document import parse
from scripts_app.document.samples import generate_series, load_sample
from scripts_app.formats import FontUnavailable, export_pdf
from scripts_app.formats.pdf import fonts as pdf_fonts

WATERMARK = "DRAFT — 陈思远 — 2026-11-24"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def fragments(data: bytes, page: int) -> list[tuple[str, float, float]]:
    """Upright text pieces of a page with their x and y (points from the bottom left)."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip() and cm[:4] == [1.0, 0.0, 0.0, 1.0]:  # the watermark is rotated
            found.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5]))

    pypdf.PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return found


def embedded_font_files(data: bytes) -> dict[str, str]:
    """Base font name -> /FontFile2 or /FontFile3, for every font used on any page."""
    fonts = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                kind = next((k for k in ("/FontFile2", "/FontFile3") if k in descriptor), None)
                fonts[str(font["/BaseFont"])] = kind
    return fonts


@pytest.fixture(scope="module")
def zh_doc():
    return parse(generate_series(6, "zh", seed=3), "zh")


@pytest.fixture(scope="module")
def zh_export(zh_doc):
    calls = []
    data = export_pdf(
        zh_doc, title="法槌之下", author="陈思远", watermark=WATERMARK,
        progress=lambda done, total: calls.append((done, total)),
    )  # fmt: skip
    return data, calls


@pytest.fixture(scope="module")
def fountain_pdf():
    doc = parse(load_sample("fountain"), "fountain")
    return export_pdf(doc, title="Objection", author="Studio Sample", watermark=WATERMARK)


# --- the Chinese layout ------------------------------------------------------------------


def test_a_chinese_pdf_has_the_title_page_with_title_and_writer(zh_export):
    title_page = squeezed(page_texts(zh_export[0])[0])

    assert "《法槌之下》" in title_page
    assert "编剧：陈思远" in title_page
    assert "类型：法治/现实题材" in title_page


def test_every_chinese_character_of_the_script_is_printed(zh_doc, zh_export):
    printed = set(squeezed("".join(page_texts(zh_export[0]))))
    source = generate_series(6, "zh", seed=3)

    assert set(CJK.findall(source)) - printed == set()


def test_no_glyph_is_missing_from_the_embedded_fonts(zh_doc, caplog):
    caplog.set_level(logging.WARNING, logger="fpdf")
    text = "第1集：测试\n1-1 日 内 咖啡馆\nEmma（冷笑）：OK，我们 deal！€5……"

    export_pdf(parse(text, "zh"), title="混排")

    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def test_chinese_lines_are_printed_as_the_convention_writes_them(zh_export):
    text = squeezed("".join(page_texts(zh_export[0])))

    assert "第1集：" in text
    assert "1-1" in text and "人物：" in text and "△" in text
    assert re.search(r"[林顾苏周王赵小陈][^：]{0,8}：", text)  # 角色：台词
    assert "【卡点】" in text or "【付费卡点】" in text


def test_each_episode_starts_on_a_new_page(zh_doc, zh_export):
    pages = [squeezed(text) for text in page_texts(zh_export[0])]

    for episode in zh_doc.episodes:
        heading = f"第{episode.number}集：{episode.title}"
        starts = [i for i, page in enumerate(pages) if heading in page]
        assert len(starts) == 1
        assert pages[starts[0]].split(heading)[0].endswith("页")  # only the page number before


def test_chinese_pages_are_a4_and_numbered_after_the_title_page(zh_export):
    reader = pypdf.PdfReader(io.BytesIO(zh_export[0]))
    pages = [squeezed(text) for text in page_texts(zh_export[0])]

    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    assert "第1页" not in pages[0]
    for number, page in enumerate(pages[1:], start=1):
        assert f"第{number}页" in page


def test_the_watermark_is_on_every_page(zh_export, fountain_pdf):
    for data in (zh_export[0], fountain_pdf):
        for page in page_texts(data):
            assert squeezed(WATERMARK) in squeezed(page)


def test_the_chinese_fonts_are_embedded_and_subset(zh_export):
    fonts = embedded_font_files(zh_export[0])

    assert fonts
    assert all(kind in ("/FontFile2", "/FontFile3") for kind in fonts.values())
    assert any("NotoSansSC" in name for name in fonts)
    assert all("+" in name for name in fonts)  # subset fonts carry a tag
    assert len(zh_export[0]) < 1_000_000


def test_progress_is_reported_once_per_episode_in_order(zh_doc, zh_export):
    total = len(zh_doc.episodes)

    assert zh_export[1] == [(done, total) for done in range(1, total + 1)]


def test_scene_numbers_can_be_left_out(zh_doc):
    text = squeezed("".join(page_texts(export_pdf(zh_doc, title="x", scene_numbers=False))))

    assert "1-1" not in text
    assert "人物：" in text


def test_mixed_latin_and_chinese_text_is_printed_whole():
    doc = parse("第1集\n1-1 日 内 咖啡馆\nEmma（冷笑）：我们 deal 了，OK？\n", "zh")

    assert "Emma（冷笑）：我们deal了，OK？" in squeezed(
        "".join(page_texts(export_pdf(doc, title="x")))
    )


# --- the Fountain screenplay layout --------------------------------------------------------


def test_a_fountain_pdf_is_letter_sized_with_a_title_page(fountain_pdf):
    reader = pypdf.PdfReader(io.BytesIO(fountain_pdf))
    title_page = page_texts(fountain_pdf)[0]

    assert [float(v) for v in reader.pages[0].mediabox[2:]] == [612, 792]
    assert "OBJECTION" in title_page
    assert "Written by" in title_page and "Studio Sample" in title_page
    assert "2025-03-01" in title_page and "scripts@example.com" in title_page


def test_screenplay_elements_sit_at_their_standard_indents(fountain_pdf):
    x_of = {text: x for text, x, _ in fragments(fountain_pdf, 1)}

    assert x_of["INT. COURTROOM 4B - DAY"] == pytest.approx(1.5 * 72)
    assert x_of["JUDGE HALVORSEN"] == pytest.approx(3.7 * 72)
    assert x_of["(banging the gavel)"] == pytest.approx(3.1 * 72)
    assert x_of["Overruled. We are adjourned."] == pytest.approx(2.5 * 72)


def test_scene_numbers_are_printed_in_both_margins(fountain_pdf):
    pieces = fragments(fountain_pdf, 1)
    heading_y = next(y for text, _, y in pieces if text == "INT. COURTROOM 4B - DAY")
    numbers = sorted(x for text, x, y in pieces if text == "1" and y == heading_y)

    assert len(numbers) == 2
    assert numbers[0] < 1.5 * 72 and numbers[1] > 7.5 * 72


def test_transitions_are_flush_right(fountain_pdf):
    cut = next(x for text, x, _ in fragments(fountain_pdf, 2) if text == "CUT TO BLACK.")

    assert cut + len("CUT TO BLACK.") * 7.2 == pytest.approx(7.5 * 72)


def test_page_numbers_start_on_the_second_script_page_at_the_top_right(fountain_pdf):
    first = [text for text, _, _ in fragments(fountain_pdf, 1)]
    number = next((x, y) for text, x, y in fragments(fountain_pdf, 2) if text == "2.")

    assert "1." not in first
    assert number[0] + 2 * 7.2 == pytest.approx(7.5 * 72)
    assert number[1] > 10 * 72


def test_a_speech_broken_by_a_page_continues_with_more_and_contd():
    long_speech = " ".join(["The verdict was bought and everyone in this room knows it."] * 40)
    doc = parse(f"INT. COURT - DAY\n\nMIA\n{long_speech}\n", "fountain")
    pages = page_texts(export_pdf(doc, title="x"))

    assert "(MORE)" in pages[1]
    assert "MIA (CONT'D)" in pages[2]


def test_an_english_script_embeds_only_the_monospace_font():
    doc = parse("INT. COURT - DAY\n\nMIA\nObjection!\n", "fountain")
    fonts = embedded_font_files(export_pdf(doc, title="x"))

    assert fonts and all("LiberationMono" in name for name in fonts)
    assert set(fonts.values()) == {"/FontFile2"}


def test_chinese_names_in_a_fountain_script_use_the_embedded_cjk_font():
    doc = parse("INT. CAFE - DAY\n\n@林晚\nHello, Emma.\n", "fountain")
    data = export_pdf(doc, title="x")

    assert "林晚" in squeezed("".join(page_texts(data)))
    assert any("NotoSansSC" in name for name in embedded_font_files(data))


def test_without_any_cjk_font_export_fails_clearly(monkeypatch):
    monkeypatch.setattr(pdf_fonts, "CJK_PACKAGE", "not_installed_font_package")
    monkeypatch.setattr(pdf_fonts, "SYSTEM_CJK_FONTS", ())

    with pytest.raises(FontUnavailable) as raised:
        export_pdf(parse("第1集\n△林晚推门。\n", "zh"), title="x")

    assert raised.value.code == "font_unavailable"


DUAL = """INT. ROOM SIX - NIGHT

The monitor flatlines.

EMMA
(to the team)
Clear! Everybody back, now, I mean it.

DR. WANG ^
Wait!

They freeze.
"""


def test_dual_dialogue_is_printed_side_by_side():
    pieces = fragments(export_pdf(parse(DUAL, "fountain"), title="Night Shift"), 1)
    at = {text: (x, y) for text, x, y in pieces}

    (emma_x, emma_y), (wang_x, wang_y) = at["EMMA"], at["DR. WANG"]
    assert emma_y == pytest.approx(wang_y)  # both cues on one baseline
    assert emma_x < 4.25 * 72 < wang_x  # left column, right column
    assert at["Wait!"][1] == pytest.approx(at["(to the team)"][1])  # the speeches side by side
    assert at["Wait!"][0] > 4.25 * 72
    left_lines = [x for text, x, _ in pieces if text.startswith(("Clear!", "back", "mean"))]
    assert left_lines and max(left_lines) < 4.25 * 72
    assert at["They freeze."][1] < min(y for text, _, y in pieces if text.startswith("Clear"))
    assert "^" not in "".join(text for text, _, _ in pieces)


def test_subject_and_keywords_go_into_the_document_metadata(zh_doc):
    data = export_pdf(zh_doc, title="法槌之下", subject="读者副本", keywords="COPY-1234 copy")
    metadata = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert metadata.subject == "读者副本"
    assert metadata["/Keywords"] == "COPY-1234 copy"
    assert metadata.title == "法槌之下"


def test_without_subject_or_keywords_the_metadata_has_neither(zh_doc):
    metadata = pypdf.PdfReader(io.BytesIO(export_pdf(zh_doc, title="法槌之下"))).metadata
    assert "/Subject" not in metadata and "/Keywords" not in metadata
