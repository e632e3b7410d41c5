"""The matching engine alone: normalisation, fillers, whole words, exceptions, line scope,
and hits mapped back to the text as written. Pure Python: no database."""

import pytest

from scripts_app.compliance.engine import (
    _SPECIAL,
    VIEWER,
    CompiledRules,
    RuleError,
    RuleSpec,
    first_chars,
    normalise,
    rule_matches,
    rule_regex,
)
from scripts_app.compliance.roles import line_layout
from scripts_app.document import parse

GAMBLING = RuleSpec(id=1, pattern="赌博", category="gambling", applies_to="both")
LAWYER = RuleSpec(id=2, pattern="赌博罪", category="gambling", is_exception=True)
KILL = RuleSpec(id=3, pattern="kill", language="en", category="violence")
UNLOCK = RuleSpec(id=4, pattern="pay to unlock", language="en", category="inducement")
UNDRESS = RuleSpec(
    id=5, pattern=r"脱(掉|光|下)了?(她|他)?的?(衣服|上衣)", kind="regex", category="sexual"
)
TOP_UP = RuleSpec(id=6, pattern="充值", category="inducement", scope="viewer")
PINYIN = RuleSpec(id=7, pattern="dubo", category="gambling")
PUNCTUATION = RuleSpec(id=8, pattern="[!?！？]{2,}", kind="regex", applies_to="title")
SHOCK = RuleSpec(id=9, pattern="震惊", category="sensational", applies_to="title")
RULES = CompiledRules([GAMBLING, LAWYER, KILL, UNLOCK, UNDRESS, TOP_UP, PINYIN, PUNCTUATION, SHOCK])


def found(text, **kwargs):
    return [(hit.rule_id, hit.text) for hit in RULES.scan(text, **kwargs)]


def test_normalising_keeps_every_offset_and_folds_width_case_and_traditional_forms():
    text = "ＡＢＣ賭博　Ｋ粉 Kill＊，！"

    assert normalise(text) == "abc赌博 k粉 kill*，！"
    assert len(normalise(text)) == len(text)
    # Traditional characters beyond the BMP are mapped too.
    astral = next(code for code in _SPECIAL if code > 0xFFFF)
    assert normalise("甲" + chr(astral)) == "甲" + _SPECIAL[astral]


@pytest.mark.parametrize(
    "written", ["赌博", "賭博", "赌 博", "赌  博", "赌*博", "赌·博", "赌_博", "赌丶博", "赌　博"]
)
def test_spacing_filler_and_traditional_forms_are_found_as_written(written):
    assert found(f"甲：我们去{written}吧。") == [(1, written)]


def test_sentence_punctuation_and_line_breaks_are_not_filler():
    assert found("甲：他好赌。博物馆明天开门。\n赌\n博") == []


def test_latin_terms_match_whole_words_in_any_case_and_spacing():
    text = "skill kill KILL Killer\nPay-to-Unlock now, PAY TO UNLOCK"

    assert found(text) == [(3, "kill"), (3, "KILL"), (4, "Pay-to-Unlock"), (4, "PAY TO UNLOCK")]


def test_pinyin_evasions_are_rules_of_their_own_and_match_whole_words():
    assert found("甲：别再DUBO了。dubois 不算") == [(7, "DUBO")]


def test_a_regular_expression_rule_finds_its_variants():
    assert found("△她脱掉了衣服。\n△他脱下上衣。") == [(5, "脱掉了衣服"), (5, "脱下上衣")]


def test_an_exception_drops_overlapping_hits_of_its_category_only():
    assert found("律师：他涉嫌赌博罪。") == []
    assert found("律师：他涉嫌聚众赌博罪，不是赌博。") == [(1, "赌博")]


def test_rules_for_the_viewer_count_only_on_lines_addressed_to_the_viewer():
    text = "林晚：我去给手机充值。\n旁白：充值就能看结局。"

    assert found(text, roles={1: "dialogue", 2: VIEWER}) == [(6, "充值")]


def test_hits_map_to_line_and_column_with_context_as_written():
    text = "第1集\n\n△她推开门，转身离开。仓库里堆满了东西，角落里有人在賭 博，吵吵嚷嚷没完没了的人们\n"

    [hit] = RULES.scan(text)

    assert (hit.line, hit.column, hit.length, hit.text) == (3, 27, 3, "賭 博")
    assert text.splitlines()[2][hit.column - 1 : hit.column - 1 + hit.length] == "賭 博"
    assert hit.before == "…" + "推开门，转身离开。仓库里堆满了东西，角落里有人在"[-24:]
    assert hit.after == "，吵吵嚷嚷没完没了的人们"


def test_crlf_and_a_leading_bom_do_not_move_lines_or_columns():
    [hit] = RULES.scan("\ufeff第1集\r\n甲：去赌博。\r\n")

    assert (hit.line, hit.column) == (2, 4)


def test_episode_headings_are_left_to_the_title_linter_for_title_rules():
    body_only = CompiledRules(
        [RuleSpec(id=1, pattern="赌博"), RuleSpec(id=2, pattern="赌神", applies_to="both")]
    )
    hits = body_only.scan("第1集 赌神赌博\n甲：赌神。", skip_lines={1})

    assert [(hit.line, hit.text) for hit in hits] == [(1, "赌博"), (2, "赌神")]


def test_titles_are_checked_with_title_rules_including_punctuation():
    hits = RULES.scan_title("震惊！！赌博？！")

    assert [(h.rule_id, h.text, h.column) for h in hits] == [
        (9, "震惊", 1),
        (8, "！！", 3),
        (1, "赌博", 5),
        (8, "？！", 7),
    ]
    assert found("△他震惊地看着她！！") == []  # title rules stay out of the script text


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(", "missing"),
        ("a|", "empty"),
        ("(?P<x>a)", "named groups"),
        (r"(a)\1", "back-references"),
        ("(?i)abc", "inline flags"),
    ],
)
def test_rules_that_cannot_be_combined_are_refused(pattern, reason):
    with pytest.raises(RuleError, match=reason):
        rule_regex(RuleSpec(id=1, pattern=pattern, kind="regex"))


def test_a_broken_rule_is_skipped_rather_than_breaking_the_check():
    broken = RuleSpec(id=99, pattern="(", kind="regex")

    assert [h.text for h in CompiledRules([broken, GAMBLING]).scan("赌博")] == ["赌博"]


def test_the_first_characters_of_a_regex_are_worked_out_or_left_unknown():
    assert first_chars("(sports )?bet") == {"s", "b"}
    assert first_chars("[!?]{2,}") == {"!", "?"}
    assert first_chars(".{0,3}x") is None
    assert first_chars("[\u4e00-\u9fff]人") is None  # too wide: scanned on its own


def test_a_rule_with_unknown_first_characters_is_still_found():
    wide = RuleSpec(id=1, pattern="[\u4e00-\u9fff]{2}人都是骗子", kind="regex")

    assert [h.text for h in CompiledRules([wide]).scan("甲：外地人都是骗子。")] == [
        "甲：外地人都是骗子"[2:]
    ]


def test_one_rule_alone_checks_its_example():
    assert rule_matches(UNDRESS, "△她脱光了衣服。")
    assert not rule_matches(UNDRESS, "△她脱鞋。")


def test_line_kinds_come_from_the_parsed_document():
    text = (
        "第1集 开端\n1-1 日 内 客厅\n人物：林晚\n△林晚进门。\n林晚：我去充值。\n"
        "林晚（OS）：充值吧。\n旁白：充值。\n字幕：充值。\n【付费卡点】充值。\n"
    )

    layout = line_layout(parse(text, "zh"))

    assert [layout.roles.get(n) for n in range(4, 10)] == [
        "action",
        "dialogue",
        VIEWER,
        VIEWER,
        VIEWER,
        VIEWER,
    ]
    assert layout.title_lines == {1} and layout.episode_titles == [(1, 1, "开端")]


def test_fountain_voice_over_and_hook_notes_are_addressed_to_the_viewer():
    text = (
        "# Episode 1: Start\n\nINT. KITCHEN - DAY\n\nMary enters.\n\nNARRATOR (V.O.)\n"
        "Pay to unlock.\n\nMARY\nI pay to unlock my bike.\n\n[[HOOK: she leaves]]\n"
    )

    layout = line_layout(parse(text, "fountain"))

    assert layout.roles[8] == VIEWER and layout.roles[11] == "dialogue"
    assert layout.roles[13] == VIEWER and layout.roles[5] == "action"
