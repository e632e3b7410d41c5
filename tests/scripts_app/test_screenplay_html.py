"""The screenplay layout is built once per text and language, escapes every text, and
marks every line the comments and notes point at."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import translation

from scripts_app import screenplay
from scripts_app.document import parse
from scripts_app.screenplay import screenplay_html, screenplay_html_for_text
from tests.support.factories import ZH_TWO_EPISODES

HOSTILE = (
    "第1集 <script>alert(1)</script>\n"
    "1-1 日 内 <b>办公室</b>\n"
    "人物：张<三>\n"
    '△他说"&"<img src=x onerror=alert(1)>\n'
    "张三（<i>冷笑</i>）：<svg onload=alert(1)>\n"
    "【字幕：<iframe>】\n"
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_no_text_of_a_script_reaches_the_page_as_markup(fmt):
    html = str(screenplay_html(parse(HOSTILE, fmt), fmt))
    for tag in ("<script", "<img", "<svg", "<iframe", "<b>", "<i>"):
        assert tag not in html
    assert "&lt;script&gt;" in html


def test_every_element_line_is_an_anchor_for_comments_and_notes():
    doc = parse(ZH_TWO_EPISODES, "zh")
    html = str(screenplay_html(doc, "zh"))
    lines = [e.line for ep in doc.episodes for sc in ep.scenes for e in sc.elements]
    lines += [sc.line for ep in doc.episodes for sc in ep.scenes]
    assert lines
    for line in lines:
        assert f'id="L{line}"' in html


def test_a_text_is_parsed_once_then_served_from_the_cache():
    with mock.patch.object(screenplay, "parse", wraps=parse) as parsing:
        first = screenplay_html_for_text(ZH_TWO_EPISODES, "zh")
        second = screenplay_html_for_text(ZH_TWO_EPISODES, "zh")
    assert first == second and parsing.call_count == 1


def test_a_screenplay_shown_again_comes_from_the_process_and_a_few_are_kept():
    texts = [ZH_TWO_EPISODES.replace("林晚", f"林{n}") for n in range(screenplay._RECENT_SIZE + 1)]
    first = str(screenplay_html_for_text(texts[0], "zh"))
    with mock.patch.object(cache, "get", wraps=cache.get) as reading:
        assert str(screenplay_html_for_text(texts[0], "zh")) == first
    assert reading.call_count == 0  # not even unpickled from the shared cache

    for text in texts[1:]:  # the oldest is forgotten here, and read from the cache again
        screenplay_html_for_text(text, "zh")
    with (
        mock.patch.object(cache, "get", wraps=cache.get) as reading,
        mock.patch.object(screenplay, "parse", wraps=parse) as parsing,
    ):
        assert str(screenplay_html_for_text(texts[0], "zh")) == first
    assert reading.call_count == 1 and parsing.call_count == 0


def test_each_interface_language_has_its_own_copy():
    text = "Title: Bowls\n\n# Episode 1\n\nINT. KITCHEN - DAY\n\nShe waits.\n"
    with translation.override("en"):
        english = str(screenplay_html_for_text(text, "fountain"))
    with translation.override("zh-hans"):
        chinese = str(screenplay_html_for_text(text, "fountain"))
    assert 'aria-label="Episode 1"' in english
    assert 'aria-label="Episode 1"' not in chinese


def test_a_changed_text_is_never_served_the_old_layout():
    before = str(screenplay_html_for_text(ZH_TWO_EPISODES, "zh"))
    changed = ZH_TWO_EPISODES.replace("林晚", "林早")
    after = str(screenplay_html_for_text(changed, "zh"))
    assert "林早" in after and "林早" not in before


@pytest.mark.parametrize(
    "line",
    ["林晓：（低声）你来了。", "林晓（低声）：你来了。", "林晓:（低声）你来了。"],
)
def test_a_chinese_speech_with_a_cue_reads_on_one_line_speaker_cue_colon_speech(line):
    html = str(screenplay_html(parse(f"第1集\n1-1 日 内 客厅\n{line}\n", "zh"), "zh"))

    assert "el-parenthetical" not in html
    assert (
        '<p class="el el-dialogue-zh" id="L3" data-line="3"><span class="sp-speaker">林晓</span>'
        '<span class="sp-cue">（低声）</span>：你来了。</p>'
    ) in html
    assert html.count('id="L3"') == 1


def test_a_cue_on_the_speaker_and_one_before_the_speech_both_stay_on_the_line():
    html = str(
        screenplay_html(parse("第1集\n1-1 日 内 客厅\n林晓（OS）：（低声）你来了。\n", "zh"))
    )

    assert (
        '<span class="sp-speaker">林晓</span><span class="sp-cue">（OS）</span>'
        '<span class="sp-cue">（低声）</span>：你来了。</p>'
    ) in html


def test_a_speech_on_the_line_after_its_cue_is_one_line_that_keeps_both_anchors():
    html = str(screenplay_html(parse("第1集\n1-1 日 内 客厅\n林晓：（低声）\n你来了。\n", "zh")))

    assert "el-parenthetical" not in html
    assert (
        '<p class="el el-dialogue-zh" id="L3" data-line="3"><span class="sp-speaker">林晓</span>'
        '<span class="sp-cue">（低声）</span>：<span id="L4" data-line="4">你来了。</span></p>'
    ) in html


def test_a_fountain_parenthetical_keeps_its_own_line():
    text = "# Episode 1\n\nINT. KITCHEN - DAY\n\nMIA\n(quietly)\nHello.\n"
    html = str(screenplay_html(parse(text, "fountain"), "fountain"))

    assert '<p class="el el-parenthetical" id="L6" data-line="6">(quietly)</p>' in html
