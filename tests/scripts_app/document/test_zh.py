"""The Chinese short-drama convention, as writers actually write it."""

import pytest

from scripts_app.document import equivalent, render, zh
from scripts_app.document.model import Document, Element, WarningCode

W = WarningCode


def parse(text: str) -> Document:
    return zh.parse(text)


def body(text: str) -> list[Element]:
    return list(parse(text).iter_elements())


def one(text: str) -> Element:
    (element,) = body("第1集\n1-1 日 内 客厅\n" + text)
    return element


def codes(doc: Document) -> list[str]:
    return [str(w.code) for w in doc.warnings]


# --- title and pre-matter ---------------------------------------------------------------


PREMATTER = """《法槌之下》
类型：法治 / 现实题材
编剧：张三

**大纲：**
退休教师被“健康讲座”骗走三十万：这是一起典型的养老诈骗。
律师林晚：她决定接下这个案子。

人物小传：
林晚（28岁）：律所新人律师，办案较真。
顾沉舟：检察官，32岁，冷静克制。
王桂兰（六十八岁）：退休语文教师。
赵德海（女主的舅舅）：10岁时父母双亡。
小周：会所“健康顾问”。

第1集
1-1 日 内 客厅
林晚：开始。
"""


def test_title_and_meta_lines_form_the_title_page():
    doc = parse(PREMATTER)
    assert doc.title == "法槌之下"
    assert doc.title_page == [("类型", "法治 / 现实题材"), ("编剧", "张三")]


def test_prematter_is_never_dialogue():
    doc = parse(PREMATTER)
    outline = [(str(e.type), e.text) for e in doc.prematter[:3]]
    assert outline == [
        ("section", "大纲"),
        ("synopsis", "退休教师被“健康讲座”骗走三十万：这是一起典型的养老诈骗。"),
        ("synopsis", "律师林晚：她决定接下这个案子。"),
    ]
    assert all(e.type != "dialogue" for e in doc.prematter)


def test_character_bios_with_ages():
    bios = parse(PREMATTER).character_bios
    assert [(b.name, b.age, b.line) for b in bios] == [
        ("林晚", 28, 10),
        ("顾沉舟", 32, 11),  # an age clause in the description
        ("王桂兰", 68, 12),  # Chinese numerals
        ("赵德海", None, 13),  # "10岁时…" is not the character's age
        ("小周", None, 14),
    ]
    assert bios[0].description == "律所新人律师，办案较真。"


def test_bio_header_variants():
    for header in ("人物小传", "【人物小传】", "**人物小传：**", "## 人物介绍", "二、人物设定"):
        doc = parse(f"{header}\n林晚（28）：律师\n第1集\n")
        assert [b.name for b in doc.character_bios] == ["林晚"], header


def test_prematter_header_starts_prematter_even_without_episodes():
    doc = parse("大纲：一个律师的故事。\n林晚：不是台词\n1-1 日 内 客厅\n林晚：是台词\n")
    assert [(str(e.type), e.text) for e in doc.prematter] == [
        ("section", "大纲"),
        ("synopsis", "一个律师的故事。"),
        ("synopsis", "林晚：不是台词"),
    ]
    assert [e.type for e in doc.iter_elements()] == ["dialogue"]


def test_without_episodes_or_prematter_everything_is_episode_one():
    doc = parse("林晚：你好。\n1-1 日 内 客厅\n△她走进来。\n")
    (episode,) = doc.episodes
    assert (episode.number, episode.implicit) == (1, True)
    assert [e.type for e in episode.elements_before_first_scene] == ["dialogue"]
    assert doc.prematter == []


# --- episodes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("第1集", 1, None),
        ("第十集", 10, None),
        ("第十一集", 11, None),
        ("第二十集", 20, None),
        ("第一百集", 100, None),
        ("第一百零五集", 105, None),
        ("第一〇五集", 105, None),
        ("第１２集", 12, None),
        ("**第3集**", 3, None),
        ("第3集：反转", 3, "反转"),
        ("第3集 反转", 3, "反转"),
        ("第3集\u3000反转", 3, "反转"),
        ("**第3集** 反转", 3, "反转"),
        ("**第3集：反转**", 3, "反转"),
        ("## 第3集 反转", 3, "反转"),
        ("第3集（付费）", 3, "（付费）"),
    ],
)
def test_episode_heading_forms(line, number, title):
    (episode,) = parse(line + "\n△内容\n").episodes
    assert (episode.number, episode.title, episode.implicit) == (number, title, False)


def test_episode_outline_line_with_a_sentence_is_prose_not_a_heading():
    doc = parse("分集大纲：\n第1集：林晚被陷害入狱，顾沉舟出手相救。\n第1集\n△开始\n")
    assert [e.number for e in doc.episodes] == [1]
    assert doc.prematter[-1].text == "第1集：林晚被陷害入狱，顾沉舟出手相救。"


def test_synopsis_line_right_after_the_episode_heading():
    doc = parse("第1集：三十万\n梗概：王老师的养老钱没了。\n1-1 日 内 客厅\n梗概：不是简介\n")
    assert doc.episodes[0].synopsis == "王老师的养老钱没了。"
    assert [(str(e.type), e.text) for e in doc.iter_elements()] == [("action", "梗概：不是简介")]


def test_episode_numbering_warnings_and_empty_episode():
    doc = parse("第1集\n△a\n第3集\n△b\n第2集\n△c\n第2集\n")
    assert codes(doc) == [
        "episode_number_gap",
        "episode_out_of_order",
        "duplicate_episode_number",
        "empty_episode",
    ]
    assert [w.line for w in doc.warnings] == [3, 5, 7, 7]


# --- scene headings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("1-1 日 内 总裁办公室", ("day", "日", "int", "总裁办公室")),
        ("1-1 总裁办公室 日 内", ("day", "日", "int", "总裁办公室")),
        ("1-1 内 总裁办公室 夜", ("night", "夜", "int", "总裁办公室")),
        ("1-1 总裁办公室 日内", ("day", "日", "int", "总裁办公室")),
        ("1-1 夜外 街道", ("night", "夜", "ext", "街道")),
        ("1-1 日 内/外 车内", ("day", "日", "int/ext", "车内")),
        ("1-1 黄昏 外 天台", ("dusk", "黄昏", "ext", "天台")),
        ("1-1 傍晚 外 老城区 巷口", ("dusk", "傍晚", "ext", "老城区 巷口")),
        ("1-1 黎明 外 码头", ("dawn", "黎明", "ext", "码头")),
        ("1-1 清晨 内 卧室", ("dawn", "清晨", "int", "卧室")),
        ("1-1 晨 内 厨房", ("dawn", "晨", "int", "厨房")),
        ("1-1 暮 外 江边", ("dusk", "暮", "ext", "江边")),
        ("1-1　日　内　客厅", ("day", "日", "int", "客厅")),
        ("１－１ 日 内 客厅", ("day", "日", "int", "客厅")),
        ("**1-1 日 内 客厅**", ("day", "日", "int", "客厅")),
        ("1-1 客厅", (None, None, None, "客厅")),
    ],
)
def test_scene_heading_fields_in_any_order(line, fields):
    (scene,) = parse("第1集\n" + line + "\n").scenes
    assert scene.number == "1-1"
    assert (scene.time, scene.time_raw, scene.interior, scene.location) == fields


def test_scene_heading_text_keeps_the_fields_as_written():
    (scene,) = parse("第3集\n3-1 医院急诊大厅 夜 内\n").scenes
    assert (scene.number, scene.heading, scene.line) == ("3-1", "医院急诊大厅 夜 内", 2)


def test_flashback_suffix_on_the_heading():
    (scene,) = parse("第1集\n1-2 日 外 法院门口（闪回）\n").scenes
    assert (scene.location, scene.flashback) == ("法院门口", True)


def test_bare_number_then_scene_line():
    (scene,) = parse("第8集\n8-1\n场景：夜 内 堂屋\n△灯灭了。\n").scenes
    assert (scene.heading, scene.time, scene.interior, scene.location) == (
        "夜 内 堂屋",
        "night",
        "int",
        "堂屋",
    )
    assert [e.text for e in scene.elements] == ["灯灭了。"]


def test_number_range_in_prose_is_not_a_heading():
    assert [e.text for e in body("第1集\n3-5个人冲进来。\n")] == ["3-5个人冲进来。"]


def test_scene_warnings():
    doc = parse("第1集\n1-1 日 内 客厅\n△a\n1-1 夜 内 客厅\n△b\n2-1 日 外 街\n△c\n")
    assert codes(doc) == ["duplicate_scene_number", "scene_episode_mismatch"]
    assert [w.line for w in doc.warnings] == [4, 6]


def test_scene_before_the_first_episode_of_a_series_warns():
    doc = parse("大纲：故事。\n1-1 日 内 客厅\n△a\n第1集\n1-1 日 内 客厅\n△b\n")
    assert [(e.number, e.implicit) for e in doc.episodes] == [(0, True), (1, False)]
    assert codes(doc) == ["scene_outside_episode"]


# --- cast lines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["人物：林晚、顾沉舟、王桂兰", "出场人物：林晚，顾沉舟，王桂兰", "人物: 林晚 顾沉舟 王桂兰",
     "人物：林晚（女主）、顾沉舟（男主）、王桂兰"],
)  # fmt: skip
def test_cast_lines(line):
    doc = parse("第1集\n1-1 日 内 客厅\n" + line + "\n")
    assert doc.scenes[0].cast == ["林晚", "顾沉舟", "王桂兰"]
    assert doc.scenes[0].elements[0].type == "cast"


# --- action -----------------------------------------------------------------------------


def test_action_markers_are_never_dialogue_even_with_a_colon():
    action = one("△王桂兰抬头：屏幕上写着：恭喜您中奖\n")
    assert (action.type, action.text) == ("action", "王桂兰抬头：屏幕上写着：恭喜您中奖")
    assert one("▲ 切镜\n").text == "切镜"


def test_unmarked_prose_is_action():
    assert (one("雨越下越大。\n").type, one("（林晚转身离开）\n").type) == ("action", "action")


# --- dialogue ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "speaker", "cue", "text"),
    [
        ("林晚：你好。", "林晚", None, "你好。"),
        ("林晚:你好。", "林晚", None, "你好。"),
        ("林晚（冷笑）：你好。", "林晚", "冷笑", "你好。"),
        ("林晚(冷笑):你好。", "林晚", "冷笑", "你好。"),
        ("林晚 （冷笑） ： 你好。", "林晚", "冷笑", "你好。"),
        ("林晚：他说：明天见。", "林晚", None, "他说：明天见。"),
        ("Tony（OS）：Hi there.", "Tony", "OS", "Hi there."),
        ("**林晚**：你好。", "林晚", None, "你好。"),
        ("\u3000\u3000林晚：你好。", "林晚", None, "你好。"),
    ],
)
def test_dialogue_forms(line, speaker, cue, text):
    element = one(line + "\n")
    assert (element.type, element.speaker, element.cue, element.text) == (
        "dialogue",
        speaker,
        cue,
        text,
    )


def test_hint_after_the_colon_is_a_parenthetical():
    paren, dialogue = body("第1集\n林晚：（握住她的手）王老师，您别急。\n")
    assert (paren.type, paren.speaker, paren.text) == ("parenthetical", "林晚", "握住她的手")
    assert (dialogue.type, dialogue.text, dialogue.line) == ("dialogue", "王老师，您别急。", 2)


def test_speech_on_the_next_line():
    doc = parse("第1集\n顾沉舟：\n你来晚了。\n林晚：（哽咽）\n对不起。\n")
    elements = [(str(e.type), e.speaker, e.text, e.line) for e in doc.iter_elements()]
    assert elements == [
        ("dialogue", "顾沉舟", "你来晚了。", 3),
        ("parenthetical", "林晚", "哽咽", 4),
        ("dialogue", "林晚", "对不起。", 5),
    ]
    assert doc.warnings == []


def test_speaker_without_speech_warns():
    doc = parse("第1集\n林晚：\n△她说不出话。\n")
    assert [(str(e.type), e.text) for e in doc.iter_elements()] == [
        ("dialogue", ""),
        ("action", "她说不出话。"),
    ]
    assert codes(doc) == ["dialogue_without_speech"]
    assert doc.warnings[0].params == {"speaker": "林晚"}


def test_dialogue_without_speaker_warns():
    element = body("第1集\n：谁在那儿？\n")[0]
    assert (element.type, element.speaker, element.text) == ("dialogue", None, "谁在那儿？")
    assert codes(parse("第1集\n：谁在那儿？\n")) == ["dialogue_without_speaker"]


def test_joint_speakers_give_one_speech_to_each():
    doc = parse("第1集\n1-1 日 内 客厅\n林晚、苏晴（异口同声）：我们要报警！\n众人：好！\n")
    joint, crowd = doc.iter_elements()
    assert (joint.speaker, joint.cue, joint.extra["joint"]) == (
        "林晚",
        "异口同声",
        ["林晚", "苏晴"],
    )
    assert doc.speech_counts == {"林晚": 1, "苏晴": 1, "众人": 1}
    assert {c.name for c in doc.characters} == {"林晚", "苏晴", "众人"}  # groups are characters
    assert crowd.speaker == "众人"


def test_narrator_speaks_but_is_not_a_character():
    doc = parse("第1集\n旁白（VO）：那一年，她十八岁。\n林晚：嗯。\n")
    assert doc.speech_counts == {"旁白": 1, "林晚": 1}
    assert [c.name for c in doc.characters] == ["林晚"]


@pytest.mark.parametrize(
    ("hint", "voice"),
    [("OS", "inner"), ("os", "inner"), ("O.S.", "inner"), ("OS，颤抖", "inner"),
     ("VO", "offscreen"), ("vo", "offscreen"), ("画外音", "offscreen"), ("冷笑", None)],
)  # fmt: skip
def test_inner_and_offscreen_voice(hint, voice):
    element = one(f"林晚（{hint}）：我不能哭。\n")
    assert (element.type, element.speaker, element.cue) == ("dialogue", "林晚", hint)
    assert element.extra.get("voice") == voice


@pytest.mark.parametrize(
    "line",
    [
        "林晚看着手机上的消息，上面写着：我们分手吧",  # sentence punctuation before the colon
        "墙上电子屏幕滚动播放最新通知：停电",  # longer than 12 characters
        "他说：好。",  # a narrative clause
        "手机屏幕显示：三个未接来电",
        "林晚看着他：你怎么来了",  # 着 never sits in a name
        "10:30 林晚准时出门。",  # a time, not a name
        "官网 http://example.com 有通知",
        "时间：三年前",  # a shot label
    ],
)
def test_false_dialogue_is_action(line):
    element = one(line + "\n")
    assert (element.type, element.text) == ("action", line)


def speeches(doc: Document) -> list[tuple[str, str | None, str]]:
    return [(str(e.type), e.speaker, e.text) for e in doc.iter_elements() if e.type != "cast"]


def test_names_on_the_cast_line_are_speakers_even_when_they_end_like_a_clause():
    doc = parse(
        "第1集\n1-1 日 内 会所\n人物：健康顾问、张道\n"
        "健康顾问：阿姨，这个产品限时特价。\n张道：我不信。\n"
    )
    assert speeches(doc) == [
        ("dialogue", "健康顾问", "阿姨，这个产品限时特价。"),
        ("dialogue", "张道", "我不信。"),
    ]
    assert doc.speech_counts == {"健康顾问": 1, "张道": 1}
    assert doc.warnings == []


def test_names_from_the_character_bios_are_speakers():
    doc = parse("人物小传：\n张道（45岁）：会所老板。\n\n第1集\n1-1 日 内 会所\n张道：我不信。\n")
    assert speeches(doc) == [("dialogue", "张道", "我不信。")]


def test_a_declared_name_stays_a_speaker_in_later_scenes_and_episodes():
    doc = parse(
        "第1集\n1-1 日 内 会所\n人物：健康顾问\n健康顾问：特价。\n"
        "第2集\n2-1 夜 内 客厅\n健康顾问（画外音）：阿姨在家吗？\n"
    )
    assert speeches(doc) == [
        ("dialogue", "健康顾问", "特价。"),
        ("dialogue", "健康顾问", "阿姨在家吗？"),
    ]


def test_declared_names_in_joint_lines_hints_and_speech_on_the_next_line():
    doc = parse(
        "第1集\n1-1 日 内 会所\n人物：健康顾问（反派）、张道\n"
        "健康顾问、张道（异口同声）：不行！\n林晚：\n张道：我不信。\n"
    )
    _cast, joint, empty, zhang = doc.iter_elements()
    assert (joint.speaker, joint.cue, joint.extra["joint"]) == (
        "健康顾问",
        "异口同声",
        ["健康顾问", "张道"],
    )
    # 张道's line is a speech of its own, not the speech 林晚 was waiting for.
    assert (empty.speaker, empty.text, zhang.speaker) == ("林晚", "", "张道")
    assert codes(doc) == ["dialogue_without_speech"]


@pytest.mark.parametrize(
    "line",
    [
        "他笑着说：我们走吧。",
        "他说：我们走吧。",
        "张道说：我不信。",  # the declared name is 张道, not 张道说
        "健康顾问问道：阿姨？",
    ],
)
def test_narrative_clauses_stay_action_next_to_declared_names(line):
    assert one(line + "\n").type == "action"  # nothing declared
    doc = parse("第1集\n1-1 日 内 会所\n人物：健康顾问、张道\n" + line + "\n")
    assert speeches(doc) == [("action", None, line)]


def test_a_declared_name_with_a_speech_verb_inside_it_is_a_speaker():
    doc = parse("第1集\n1-1 夜 内 茶馆\n人物：说书人、林晚\n说书人：话说当年。\n")
    assert speeches(doc) == [("dialogue", "说书人", "话说当年。")]


def test_declared_speakers_survive_the_round_trip():
    doc = parse(
        "人物小传：\n张道：会所老板。\n第1集\n1-1 日 内 会所\n人物：健康顾问\n"
        "健康顾问：特价。\n张道：我不信。\n他说：走吧。\n"
    )
    assert equivalent(zh.parse(render(doc, "zh")), doc)


def test_latin_names_may_be_longer_than_twelve_characters():
    element = one("JUDGE HALVORSEN：Overruled.\n")
    assert (element.type, element.speaker) == ("dialogue", "JUDGE HALVORSEN")
    assert one("She looks at the phone and reads: hi\n").type == "action"  # too many words


def test_url_right_after_a_latin_word_is_not_dialogue():
    assert one("https://example.com\n").type == "action"


# --- bracketed markers ------------------------------------------------------------------


def test_subtitle_insert_black_screen_and_cut():
    doc = parse(
        "第1集\n1-1 日 内 客厅\n【字幕：三年前】\n字幕：某市人民法院\n【手机屏幕：来电显示 舅舅】\n"
        "【空镜】\n【切】\n【黑屏】\n"
    )
    assert [(str(e.type), e.text, e.extra.get("tag")) for e in doc.iter_elements()] == [
        ("subtitle", "三年前", "字幕"),
        ("subtitle", "某市人民法院", "字幕"),
        ("insert", "来电显示 舅舅", "手机屏幕"),
        ("insert", "", "空镜"),
        ("cut", "", "切"),
        ("black_screen", "", "黑屏"),
    ]


def test_marker_with_text_inside_and_after_splits_into_two_elements():
    subtitle, action = body("第1集\n【字幕：三年前】某市人民医院\n")
    assert (subtitle.type, subtitle.text) == ("subtitle", "三年前")
    assert (action.type, action.text, action.line) == ("action", "某市人民医院", 2)


def test_dialogue_inside_a_flashback_belongs_to_the_enclosing_scene():
    doc = parse("第1集\n1-1 日 内 客厅\n【闪回】\n林晚：别走。\n【闪回结束】\n△回到现在。\n")
    (scene,) = doc.scenes
    assert [str(e.type) for e in scene.elements] == [
        "flashback_start",
        "dialogue",
        "flashback_end",
        "action",
    ]
    assert doc.warnings == []


def test_flashback_balance_warnings():
    doc = parse("第1集\n【闪回结束】\n【回忆】\n△下雨。\n第2集\n△晴。\n")
    assert codes(doc) == ["unmatched_flashback_end", "unclosed_flashback"]
    assert [w.line for w in doc.warnings] == [2, 3]


def test_hook_and_paywall_markers():
    doc = parse(
        "第1集\n△a\n【卡点】骗子竟是她的亲舅舅。\n"
        "第2集\n△b\n【付费卡点】账本上是父亲的名字。\n【黑屏】\n"
        "第3集\n△c\n备注：HOOK: 一声枪响\n"
    )
    assert [(e.number, e.hook, e.is_paywall) for e in doc.episodes] == [
        (1, "骗子竟是她的亲舅舅。", False),
        (2, "账本上是父亲的名字。", True),
        (3, "一声枪响", False),
    ]
    assert [str(e.type) for e in doc.episodes[1].iter_elements()] == [
        "action",
        "paywall",
        "black_screen",
    ]


def test_notes():
    element = one("备注：这里要加一个特写。\n")
    assert (element.type, element.text) == ("note", "这里要加一个特写。")


# --- input hygiene ----------------------------------------------------------------------


def test_crlf_bom_and_full_width_spaces():
    text = "\ufeff《剧名》\r\n第1集\r\n1-1 日 内 客厅\r\n\u3000\u3000林晚：你好。\r\n"
    doc = parse(text)
    assert doc.title == "剧名"
    (dialogue,) = doc.iter_elements()
    assert (dialogue.text, dialogue.line) == ("你好。", 4)
    assert doc.scenes[0].line == 3


def test_parsing_never_raises_on_odd_input():
    for text in [
        "",
        "：",
        "（）：",
        "【",
        "】",
        "第集",
        "1-",
        "-1",
        "人物：",
        "△",
        "\x00",
        "第0集",
    ]:
        parse(text)
