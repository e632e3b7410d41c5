"""Hypothesis strategies for script documents, shared by the parser's and the formats'
property tests.

``script_text`` is random script-shaped text in both conventions (lines writers type and
the punctuation that drives the grammar); ``zh_documents`` and ``fountain_documents``
build documents directly in the model from valid parts, so renderers and exporters are
checked on documents no file wrote.
"""

from hypothesis import strategies as st

from scripts_app.document import fountain, zh
from scripts_app.document.model import (
    SPEECH_PARTS,
    Document,
    Element,
    ElementType,
    Episode,
    Scene,
    derived_hook,
)

T = ElementType

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


# --- whole series: title pages, pre-matter and every element type -------------------------

_ZH_TITLE_PAGE = [("类型", "法治 / 现实"), ("集数", "80集"), ("编剧", "陈思远"), ("版本", "第二稿")]


def _between_speeches(elements: list[Element]) -> list[int]:
    """Where an element may go without splitting a speech (a cue from its lines, a
    Chinese （提示） from its line, the two speeches of dual dialogue)."""
    return [
        at
        for at in range(len(elements) + 1)
        if at == len(elements)
        or (elements[at].type not in SPEECH_PARTS and not elements[at].extra.get("dual"))
    ]


@st.composite
def zh_extra_elements(draw) -> list[Element]:
    """Elements ``zh_elements`` does not make: notes, flashbacks, cuts, 【…】 inserts."""
    kind = draw(st.sampled_from(["note", "flashback", "cut", "insert"]))
    if kind == "note":
        return [Element(T.NOTE, draw(zh_text), 0)]
    if kind == "cut":
        return [Element(T.CUT, "", 0, extra={"tag": "切"})]
    if kind == "insert":
        tag = draw(st.sampled_from(["空镜", "特写", "手机屏幕"]))
        return [Element(T.INSERT, draw(zh_text), 0, extra={"tag": tag})]
    inside = Element(T.ACTION, draw(zh_text), 0)
    return [
        Element(T.FLASHBACK_START, "", 0, extra={"tag": "闪回"}),
        inside,
        Element(T.FLASHBACK_END, "", 0, extra={"tag": "闪回结束"}),
    ]


@st.composite
def zh_series(draw) -> Document:
    """A Chinese-convention series with a title page, 大纲 and 人物小传, episode synopses,
    headings written either way, and notes, flashbacks and inserts among the elements."""
    doc = draw(zh_documents())
    doc.title_page = draw(st.lists(st.sampled_from(_ZH_TITLE_PAGE), unique=True, max_size=3))
    if draw(st.booleans()):
        written = draw(st.sampled_from([None, "大纲", "【大纲】", "大纲："]))
        header = Element(T.SECTION, "大纲", 0, extra={"level": 1}, written=written)
        prose = draw(st.lists(zh_text, min_size=1, max_size=2))
        doc.prematter += [header, *(Element(T.SYNOPSIS, text, 0) for text in prose)]
    if draw(st.booleans()):
        doc.prematter.append(
            Element(T.SECTION, "人物小传", 0, extra={"level": 1}, written="人物小传")
        )
        for name in draw(st.lists(st.sampled_from(NAMES[:3]), min_size=1, unique=True)):
            age = draw(st.sampled_from([None, "28岁", "六十八岁"]))
            doc.prematter.append(Element(T.BIO, draw(zh_text), 0, name, age))
    for episode in doc.episodes:
        if draw(st.booleans()):
            episode.synopsis = draw(zh_text)
        if episode.title and draw(st.booleans()):
            episode.written = f"第{episode.number}集 {episode.title}"
        for scene in episode.scenes:
            for _ in range(draw(st.integers(0, 2))):
                at = draw(st.sampled_from(_between_speeches(scene.elements)))
                scene.elements[at:at] = draw(zh_extra_elements())
        episode.hook, episode.is_paywall = derived_hook(episode)
    return doc


@st.composite
def fountain_extra_elements(draw) -> list[Element]:
    """Elements ``fountain_elements`` does not make: sections, synopses, dual dialogue,
    page breaks, hook notes, 【…】 markers, emphasis and inline notes."""
    kind = draw(
        st.sampled_from(["section", "synopsis", "dual", "page", "hook", "marker", "styled"])
    )
    if kind == "section":
        level = draw(st.integers(2, 3))
        return [Element(T.SECTION, draw(en_line), 0, extra={"level": level})]
    if kind == "synopsis":
        return [Element(T.SYNOPSIS, draw(en_line), 0)]
    if kind == "page":
        return [Element(T.PAGE_BREAK, "", 0)]
    if kind == "hook":
        label = draw(st.sampled_from(["HOOK", "PAYWALL"]))
        return [Element(T.NOTE, f"{label}: {draw(en_line)}", 0)]
    if kind == "marker":
        return [Element(T.SUBTITLE, draw(en_line), 0, extra={"tag": "字幕"})]
    if kind == "styled":
        word = draw(st.sampled_from(["*soaked*", "**Now.**", "_alone_", "***run***"]))
        note = draw(st.sampled_from(["", " [[is she soaked?]]"]))
        return [Element(T.ACTION, f"She stops{note}, {word} and turns.", 0)]
    first = [
        Element(T.CHARACTER, "MIA", 0, "MIA"),
        Element(T.DIALOGUE, draw(en_line), 0, "MIA"),
    ]
    second = [
        Element(T.CHARACTER, "ETHAN", 0, "ETHAN", extra={"dual": True}),
        Element(T.DIALOGUE, draw(en_line), 0, "ETHAN"),
    ]
    return first + second


@st.composite
def fountain_series(draw) -> Document:
    """A Fountain series with a title page, episode synopses and the elements above."""
    doc = draw(fountain_documents())
    if draw(st.booleans()):
        doc.title_page = [("Title", "NIGHT SHIFT"), ("Author", "Chen Siyuan")]
        doc.title = "NIGHT SHIFT"
    for episode in doc.episodes:
        if draw(st.booleans()):
            episode.synopsis = draw(en_line)
        for scene in episode.scenes:
            for _ in range(draw(st.integers(0, 2))):
                at = draw(st.sampled_from(_between_speeches(scene.elements)))
                scene.elements[at:at] = draw(fountain_extra_elements())
        episode.hook, episode.is_paywall = derived_hook(episode)
    return doc
