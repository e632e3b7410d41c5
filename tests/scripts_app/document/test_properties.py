"""Properties: parsing never raises, and rendering is lossless.

Two kinds of generated documents are checked: documents parsed from random script-like
text (so every shape the parsers can produce is covered), and documents built directly
in the model from valid parts (so the renderer is checked on documents no file wrote).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts_app.document import detect_format, equivalent, fountain, parse, render, zh
from scripts_app.document.model import (
    Document,
    Element,
    ElementType,
    Episode,
    Scene,
    canonical,
    derived_hook,
)
from scripts_app.document.samples import PATHOLOGICAL

T = ElementType
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
# Building documents is slower to generate; fewer examples keep the suite quick.
BUILT = settings(SETTINGS, max_examples=120)

# Lines writers type, in both conventions, plus the punctuation that drives the grammar.
FRAGMENTS = [
    "《剧名》", "编剧：张三", "大纲：", "人物小传：", "林晚（28岁）：律师", "第1集", "第二集：标题",
    "**第3集**", "第一百集 终章", "1-1 日 内 客厅", "2-1 客厅 夜外", "8-1", "场景：夜 内 堂屋",
    "人物：林晚、顾沉舟（男主）", "△林晚走进来：看着他", "▲", "林晚：你好", "林晚（OS）：我",
    "林晚：（哽咽）你", "林晚：", "（哽咽）", "甲、乙（异口同声）：好", "：没有人", "旁白（VO）：",
    "【字幕：三年前】", "【闪回】", "【闪回结束】", "【卡点】他笑了", "【付费卡点】",
    "【黑屏】", "【切】", "【手机屏幕：来电】后面", "【】", "【字幕", "备注：HOOK: x",
    "梗概：本集", "10:30 起床", "他说：好", "林晚看着手机，上面写着：你好", "Title: X",
    "人物：健康顾问、张道", "张道（45岁）：老板", "张道：我不信", "健康顾问：特价", "张道说：好",
    "Author:", "    indented", "Draft date: 1",
    "FADE IN:", "INT. HOUSE - DAY", "EXT. PARK - NIGHT #1A#", ".FORCED", "BOB", "BOB (V.O.)",
    "@林晚", "ALICE ^", "(beat)", "Hello there.", "~La la", "> FADE OUT.", ">THE END<", "CUT TO:",
    "CUT TO:  ", "===", "= synopsis", "# Episode 1: Pilot", "## Act", "[[note]]", "[[HOOK: boom]]",
    "[[open", "close]]", "/* bone", "yard */", "\tTabbed", "!FORCED", "  ", "", "", "", " ",
    "@", "#", "=", "~", ">", "!", "(", ")", "[[", "]]", "【", "】", "：", "**", "\u3000林晚：全角",
    "Lily：Hi", "\ufeff", "\r", "第0集", "0-0",
]  # fmt: skip
GRAMMAR_CHARS = list(
    "第集1-2 日夜内外：:（）()【】△▲、&*#=~>!<@.^[]/\\_\t\r\n林晚BOB INT.卡点闪回\u3000"
)

_piece = st.lists(st.sampled_from(GRAMMAR_CHARS), max_size=6).map("".join)
_line = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.tuples(_piece, st.sampled_from(FRAGMENTS), _piece).map("".join),
)
script_text = st.lists(_line, max_size=30).map("\n".join)
any_text = st.one_of(st.text(), script_text)
formats = st.sampled_from(["zh", "fountain"])


@SETTINGS
@given(any_text, st.sampled_from(["zh", "fountain", "auto"]))
def test_parse_never_raises(text, fmt):
    doc = parse(text, fmt)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for element in [*doc.prematter, *doc.iter_elements()]:
        assert 1 <= element.line <= lines
    for warning in doc.warnings:
        assert 1 <= warning.line <= lines


@SETTINGS
@given(st.binary())
def test_parse_never_raises_on_bytes(data):
    assert parse(data).format in ("zh", "fountain")


@SETTINGS
@given(any_text)
def test_detection_never_raises(text):
    assert detect_format(text) in ("zh", "fountain")


@SETTINGS
@given(script_text, formats)
def test_render_then_parse_is_lossless_on_parsed_documents(text, fmt):
    doc = parse(text, fmt)
    again = parse(render(doc, fmt), fmt)
    assert canonical(again) == canonical(doc)


@SETTINGS
@given(script_text, formats)
def test_converting_never_raises(text, fmt):
    other = "fountain" if fmt == "zh" else "zh"
    parse(render(parse(text, fmt), other), other)


# --- documents built in the model -------------------------------------------------------

NAMES = ["林晚", "顾沉舟", "王桂兰", "众人", "Tony"]
_zh_chars = st.sampled_from(list("林晚顾沉舟你好我们证据法院老师钱没了，。！？……Ab1 "))
zh_text = st.lists(_zh_chars, min_size=1, max_size=16).map("".join).map(str.strip).filter(bool)
zh_speech = zh_text.filter(lambda t: t and not t.startswith("（"))
hints = st.sampled_from([None, "OS", "VO", "冷笑", "压低声音"])
# Episode titles are short and are not sentences (a sentence after 第N集 is an outline line).
zh_title = zh_text.filter(lambda t: zh.episode_heading(f"第1集：{t}") == (1, t or None))


@st.composite
def zh_elements(draw) -> list[Element]:
    kind = draw(st.sampled_from(["action", "dialogue", "paren", "joint", "cast", "marker"]))
    if kind == "action":
        return [Element(T.ACTION, draw(zh_text), 0)]
    if kind == "cast":
        names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
        return [Element(T.CAST, "、".join(names), 0, extra={"names": names})]
    if kind == "marker":
        marker = draw(st.sampled_from([T.SUBTITLE, T.INSERT, T.HOOK, T.PAYWALL, T.BLACK_SCREEN]))
        tag = zh.DEFAULT_TAGS[marker] if marker != T.INSERT else "手机屏幕"
        return [Element(marker, draw(zh_text), 0, extra={"tag": tag})]
    hint = draw(hints)
    extra = {"voice": zh.voice_of_hint(hint)} if zh.voice_of_hint(hint) else {}
    names = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=3, unique=True))
    speaker = names[0]
    if kind == "joint":
        extra["joint"] = names
    speech = Element(T.DIALOGUE, draw(zh_speech), 0, speaker, hint, dict(extra))
    if kind == "paren":
        return [Element(T.PARENTHETICAL, draw(zh_speech), 0, speaker, hint, dict(extra)), speech]
    return [speech]


@st.composite
def zh_documents(draw) -> Document:
    doc = Document("zh", title=draw(st.none() | zh_text))
    for number in range(1, draw(st.integers(1, 3)) + 1):
        episode = Episode(number, 0, title=draw(st.none() | zh_title))
        for index in range(1, draw(st.integers(0, 3)) + 1):
            time, io, place = draw(st.sampled_from(["日", "夜", "黄昏"])), "内", draw(zh_text)
            place = place.replace(" ", "") or "客厅"
            heading = f"{time} {io} {place}"
            fields = zh.parse_scene_fields(heading)
            scene = Scene(f"{number}-{index}", heading, 0, *fields)
            for part in draw(st.lists(zh_elements(), max_size=6)):
                scene.elements.extend(part)
            episode.scenes.append(scene)
        episode.hook, episode.is_paywall = derived_hook(episode)
        doc.episodes.append(episode)
    return doc


_en_chars = st.sampled_from(list("abcXYZ .,!?'-019"))
en_line = st.lists(_en_chars, min_size=1, max_size=20).map("".join).map(str.strip).filter(bool)
en_lines = st.lists(en_line, min_size=1, max_size=3).map("\n".join)


@st.composite
def fountain_elements(draw) -> list[Element]:
    kind = draw(st.sampled_from(["action", "speech", "transition", "note", "centered", "lyric"]))
    if kind == "action":
        return [Element(T.ACTION, draw(en_lines), 0)]
    if kind == "transition":
        return [
            Element(T.TRANSITION, draw(st.sampled_from(["CUT TO:", "FADE OUT.", "Dissolve"])), 0)
        ]
    if kind == "note":
        return [Element(T.NOTE, draw(en_lines), 0)]
    if kind == "centered":
        return [Element(T.CENTERED, draw(en_line), 0)]
    if kind == "lyric":
        return [Element(T.LYRIC, draw(en_lines), 0)]
    name = draw(st.sampled_from(["MIA", "ETHAN", "Mr. Okafor", "林晚"]))
    cue = draw(st.sampled_from([None, "V.O.", "CONT'D"]))
    extra = {"voice": "voiceover"} if cue == "V.O." else {}
    parts = [Element(T.CHARACTER, name, 0, name, cue, dict(extra))]
    if draw(st.booleans()):
        parts.append(Element(T.PARENTHETICAL, draw(en_line), 0, name, cue, dict(extra)))
    parts.append(Element(T.DIALOGUE, draw(en_lines), 0, name, cue, dict(extra)))
    return parts


@st.composite
def fountain_documents(draw) -> Document:
    doc = Document("fountain")
    for number in range(1, draw(st.integers(1, 3)) + 1):
        episode = Episode(number, 0, title=draw(st.none() | en_line))
        for _ in range(draw(st.integers(0, 3))):
            heading = f"INT. {draw(en_line).upper()} - NIGHT"
            scene = Scene(None, heading, 0, *fountain.scene_fields(heading))
            for part in draw(st.lists(fountain_elements(), max_size=6)):
                scene.elements.extend(part)
            episode.scenes.append(scene)
        doc.episodes.append(episode)
    return doc


@BUILT
@given(zh_documents())
def test_render_then_parse_is_lossless_on_built_chinese_documents(doc):
    assert equivalent(parse(render(doc, "zh"), "zh"), doc)


@BUILT
@given(fountain_documents())
def test_render_then_parse_is_lossless_on_built_fountain_documents(doc):
    again = parse(render(doc, "fountain"), "fountain")
    assert canonical(again) == canonical(doc)


# --- pathological input ---------------------------------------------------------------
#
# Inputs that once made the parser quadratic (15 to 110 s each). Here they must parse and
# render; how fast is bench/bench_parse.py's question (its "pathological" section), since
# speed targets live in benchmarks, not in timed tests.


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_parses_renders_and_scans(name, fmt):
    doc = parse(PATHOLOGICAL[name], fmt)
    rendered = render(doc, fmt)
    for element in doc.iter_elements():
        fountain.parse_emphasis(element.text)
    assert isinstance(rendered, str)
