"""Rendering: parse(render(doc, f), f) is equivalent to doc; conversions keep the story."""

import pytest

from scripts_app.document import equivalent, parse, render
from scripts_app.document.model import Document, Element, ElementType, Episode, Scene, canonical
from scripts_app.document.samples import generate_series, load_sample

T = ElementType


def roundtrip(doc: Document, fmt: str) -> Document:
    return parse(render(doc, fmt), fmt)


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_samples_round_trip_losslessly(fmt):
    doc = parse(load_sample(fmt))
    again = roundtrip(doc, fmt)
    assert canonical(again) == canonical(doc)
    assert again.warnings == []


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_generated_series_round_trips(fmt):
    doc = parse(generate_series(20, fmt, seed=7), fmt)
    assert equivalent(roundtrip(doc, fmt), doc)


def test_equivalence_ignores_line_numbers_and_warnings():
    a = parse("第1集\n\n\n林晚：你好。\n")
    b = parse("第1集\n林晚：你好。\n第1集\n")
    assert not equivalent(a, b)  # b has a second episode
    c = parse("\n\n第1集\n林晚：你好。\n")
    assert equivalent(a, c)
    assert a.episodes[0].line != c.episodes[0].line


def test_rendering_is_stable_after_one_round():
    text = render(parse(load_sample("zh")), "zh")
    assert render(parse(text, "zh"), "zh") == text


# --- Fountain output details ------------------------------------------------------------


def test_fountain_forces_what_would_be_misread():
    doc = parse(
        "!INT. IS SHORT FOR INTERIOR\n\n!CUT TO:\n\n@林晚\n你好。\n\n!【字幕】\n", "fountain"
    )
    text = render(doc, "fountain")
    assert "!INT. IS SHORT FOR INTERIOR" in text
    assert "!CUT TO:" in text
    assert "@林晚\n你好。" in text
    assert "!【字幕】" in text
    assert equivalent(parse(text, "fountain"), doc)


def test_fountain_does_not_turn_a_first_action_line_into_a_title_page():
    doc = parse("\nNote: the house is empty.\n", "fountain")
    assert doc.title_page == []
    assert equivalent(roundtrip(doc, "fountain"), doc)


def test_fountain_action_lines_starting_with_a_bang_are_doubled():
    doc = parse("!!Bang.\n!Bang again.\n", "fountain")
    (action,) = doc.iter_elements()
    assert action.text == "!Bang.\nBang again."
    assert render(doc, "fountain").startswith("!!Bang.\nBang again.")


def test_constructed_document_keeps_its_hook_and_paywall():
    scene = Scene("1", "INT. OFFICE - DAY", 0, elements=[Element(T.ACTION, "She signs.", 0)])
    episode = Episode(1, 0, title="Offer", hook="The badge opens the archive.", is_paywall=True)
    episode.scenes.append(scene)
    doc = Document("fountain", title="OBJECTION", episodes=[episode])
    for fmt in ("fountain", "zh"):
        (again,) = parse(render(doc, fmt), fmt).episodes
        assert (again.hook, again.is_paywall) == ("The badge opens the archive.", True)


def test_render_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render(Document("zh"), "pdf")


# --- conversions ------------------------------------------------------------------------


def story(doc: Document) -> list:
    """What a conversion must keep: episodes, scenes' fields, hooks, who says what."""
    return [
        (
            e.number,
            e.title,
            e.synopsis,
            e.hook,
            e.is_paywall,
            [(s.time, s.interior, s.location) for s in e.scenes],
            [(el.speaker, el.text) for el in e.iter_elements() if el.type == T.DIALOGUE],
        )
        for e in doc.episodes
    ]


def test_chinese_script_converts_to_fountain_and_back():
    doc = parse(load_sample("zh"))
    fountain_doc = parse(render(doc, "fountain"), "fountain")
    assert fountain_doc.warnings == []
    assert story(fountain_doc) == story(doc)
    assert fountain_doc.title == doc.title
    assert fountain_doc.speech_counts == doc.speech_counts
    back = parse(render(fountain_doc, "zh"), "zh")
    assert story(back) == story(doc)
    assert back.speech_counts == doc.speech_counts


def test_fountain_script_converts_to_chinese():
    doc = parse(load_sample("fountain"))
    zh_doc = parse(render(doc, "zh"), "zh")
    assert zh_doc.warnings == []
    assert [(e.number, e.title, e.hook, e.is_paywall) for e in zh_doc.episodes] == [
        (e.number, e.title, e.hook, e.is_paywall) for e in doc.episodes
    ]
    assert [(s.time, s.interior, s.location) for s in zh_doc.scenes] == [
        (s.time if s.time in ("day", "night", "dawn", "dusk") else None, s.interior, s.location)
        for s in doc.scenes
    ]
    # Each Fountain speech becomes one line per spoken part; speakers are kept.
    assert set(zh_doc.speech_counts) == set(doc.speech_counts)
    assert zh_doc.title == "OBJECTION"
    assert ("编剧", "Studio Sample") in zh_doc.title_page


def test_conversion_gives_scene_numbers_and_headings_from_fields():
    doc = parse("# Episode 2\n\nEXT. PARK - NIGHT\n\nRain.\n", "fountain")
    assert render(doc, "zh").splitlines()[:2] == ["第2集", "2-1 夜 外 PARK"]
    doc = parse("第2集\n2-1 客厅 日 内\n△雨。\n", "zh")
    assert "INT. 客厅 - DAY #2-1#" in render(doc, "fountain")


# --- headings as written ------------------------------------------------------------------


def test_chinese_headings_come_back_as_the_writer_wrote_them():
    text = (
        "《三号窗口》\n类型：法治\n大纲\n湖南临水县法律援助中心，三号窗口。\n【人物小传】\n"
        "许青禾（27岁）：法律援助中心律师。\n第1集 三号窗口\n1-1 日 内 大厅\n△她到了。\n"
        "第2集：老街\n2-1 夜 外 老街\n△雨。\n"
    )

    assert render(parse(text, "zh"), "zh") == text


def test_fountain_episode_sections_come_back_as_written():
    text = "# EPISODE 1: Pilot\n\nINT. HOUSE - DAY\n\nRain.\n\n# 第2集 老街\n\nEXT. STREET - NIGHT\n\nWind.\n"

    assert render(parse(text, "fountain"), "fountain") == text


def test_prose_that_would_read_as_something_else_stays_on_the_header_line():
    header = Element(T.SECTION, "大纲", 0, extra={"level": 1}, written="大纲")
    doc = Document(
        "zh", prematter=[header, Element(T.SYNOPSIS, "编剧：张三", 0)], episodes=[Episode(1, 0)]
    )

    text = render(doc, "zh")

    assert text.startswith("大纲：编剧：张三\n")
    assert equivalent(parse(text, "zh"), doc)


def test_written_forms_are_not_part_of_equivalence():
    a = parse("第1集 三号窗口\n1-1 日 内 大厅\n△她到了。\n", "zh")
    b = parse("第1集：三号窗口\n1-1 日 内 大厅\n△她到了。\n", "zh")

    assert (a.episodes[0].written, b.episodes[0].written) == ("第1集 三号窗口", "第1集：三号窗口")
    assert equivalent(a, b)
