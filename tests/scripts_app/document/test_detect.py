"""Format auto-detection."""

import pytest

from scripts_app.document import detect_format, detect_scores, parse
from scripts_app.document.samples import generate_series, load_sample


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_samples_and_generated_series_are_detected(fmt):
    assert detect_format(load_sample(fmt)) == fmt
    assert detect_format(generate_series(5, fmt, seed=3)) == fmt


def test_parse_auto_uses_detection():
    assert parse(load_sample("zh")).format == "zh"
    assert parse(load_sample("fountain")).format == "fountain"


def test_chinese_text_written_in_fountain_is_fountain():
    text = (
        "Title: 法槌之下\n\n# Episode 1\n\nINT. 王家客厅 - DAY\n\n"
        "@林晚 (OS)\n这不是普通的推销。\n\n[[HOOK: 舅舅来电]]\n"
    )
    assert detect_format(text) == "fountain"


def test_short_chinese_script_without_headings_is_zh():
    assert detect_format("林晚：你好。\n顾沉舟：你来晚了。\n△她转身离开。\n") == "zh"


def test_scores_explain_the_decision():
    scores = detect_scores("第1集\n1-1 日 内 客厅\n人物：林晚\n△她进来。\n林晚：你好。\n")
    assert scores["zh"] == 6 + 4 + 3 + 2 + 1
    assert scores["fountain"] == 0
    scores = detect_scores("Title: X\n\nINT. HOUSE - DAY\n\nBOB\nHi.\n\nCUT TO:\n")
    assert scores == {"fountain": 6 + 4 + 2 + 2, "zh": 0}


def test_ties_go_by_the_share_of_chinese_characters():
    assert detect_format("") == "fountain"
    assert detect_format("She walks in. It is raining.") == "fountain"
    assert detect_format("雨越下越大，她没有回头。") == "zh"


def test_detection_never_raises():
    for text in ["\ufeff", "\r\n\r", "：", "@", "第", "1-1", "\x00" * 10]:
        assert detect_format(text) in ("zh", "fountain")


@pytest.mark.parametrize(
    "text",
    [
        "# 第一集 开端\n## 1-1 日 内 大厅\n许青禾：你好。\n",
        "## 大纲\n故事从一个窗口开始。\n## 人物小传\n许青禾（27岁）：律师\n",
        "许青禾:你好。\n罗满堂(笑):好啊。\n",
        "Title: 三号窗口\n\n第1集\n1-1 日 内 大厅\n△她到了。\n",
        "1 张三卧室 日内\n△张三醒来。\n张三：几点了？\n",
    ],
    ids=[
        "markdown-headings",
        "markdown-prematter",
        "half-width-colons",
        "title-line",
        "bare-scene",
    ],
)
def test_chinese_convention_variants_are_zh(text):
    scores = detect_scores(text)

    assert detect_format(text) == "zh"
    assert scores["zh"] > scores["fountain"] or scores == {"fountain": 0, "zh": 0}


def test_a_fountain_title_page_key_is_not_chinese_dialogue():
    assert detect_scores("Title: 三号窗口\nAuthor: 陈思远\n\nINT. 客厅 - DAY\n") == {
        "fountain": 6 + 4,
        "zh": 0,
    }
