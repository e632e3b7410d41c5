"""Final Draft (.fdx): reading Final Draft's own files, round trips, hostile XML."""

import re
from pathlib import Path
from xml.etree.ElementTree import fromstring, tostring

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts_app.document import ElementType, equivalent, parse
from scripts_app.document.samples import generate_series, load_sample
from scripts_app.formats import CorruptFile, UnsafeFile, export_fdx, import_file

T = ElementType

# Written the way Final Draft 12 saves a file: element settings, run attributes, scene
# properties, a dual dialogue block, a shot, a script note, an unknown outline element.
FINAL_DRAFT_FILE = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Type="Transition"><Text>FADE IN:</Text></Paragraph>
    <Paragraph Number="12" Type="Scene Heading">
      <SceneProperties Length="1 1/8" Page="1" Title=""/>
      <Text>INT. HOSPITAL CORRIDOR - NIGHT</Text>
    </Paragraph>
    <Paragraph Type="Action">
      <Text AdornmentStyle="0" Font="Courier Final Draft" Size="12" Style="">Nurse </Text>
      <Text Font="Courier Final Draft" Size="12" Style="Bold+Underline">EMMA LIN</Text>
      <Text Font="Courier Final Draft" Size="12" Style=""> runs past, </Text>
      <Text Font="Courier Final Draft" Size="12" Style="Italic">soaked</Text>
      <Text Font="Courier Final Draft" Size="12" Style="">.</Text>
    </Paragraph>
    <Paragraph Type="Shot"><Text>CLOSE ON THE MONITOR</Text></Paragraph>
    <Paragraph Type="Character"><Text>DR. WANG (V.O.)</Text></Paragraph>
    <Paragraph Type="Parenthetical"><Text>(over the intercom)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Code blue, room six.</Text></Paragraph>
    <Paragraph>
      <DualDialogue>
        <Paragraph Type="Character"><Text>EMMA</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Go!</Text></Paragraph>
        <Paragraph Type="Character"><Text>林晚</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>我来！</Text></Paragraph>
      </DualDialogue>
    </Paragraph>
    <Paragraph Type="Outline 1"><Text>Act two turns here</Text></Paragraph>
    <Paragraph Type="General"><Text>[[HOOK: The monitor flatlines.]]</Text></Paragraph>
    <Paragraph StartsNewPage="Yes" Type="Scene Heading" Number="13">
      <Text>EXT. ROOF - CONTINUOUS</Text>
      <ScriptNote><Paragraph><Text>Check the rain budget.</Text></Paragraph></ScriptNote>
    </Paragraph>
    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
  </Content>
  <ElementSettings Type="Scene Heading"><FontSpec Style="AllCaps"/></ElementSettings>
  <TitlePage>
    <Content>
      <Paragraph Alignment="Center"><Text/></Paragraph>
      <Paragraph Alignment="Center">
        <Text Style="Bold+Underline+AllCaps">Night Shift</Text>
      </Paragraph>
      <Paragraph Alignment="Center"><Text/></Paragraph>
      <Paragraph Alignment="Center"><Text>Written by</Text></Paragraph>
      <Paragraph Alignment="Center"><Text/></Paragraph>
      <Paragraph Alignment="Center"><Text>Chen Siyuan</Text></Paragraph>
      <Paragraph Alignment="Full"><Text>3/1/2026</Text></Paragraph>
      <Paragraph Alignment="Full"><Text/></Paragraph>
      <Paragraph Alignment="Full"><Text>Microdrama Studio</Text></Paragraph>
      <Paragraph Alignment="Full"><Text>scripts@example.com</Text></Paragraph>
    </Content>
  </TitlePage>
</FinalDraft>
"""


@pytest.fixture(scope="module")
def imported():
    result = import_file("night-shift.fdx", FINAL_DRAFT_FILE.encode())
    return result, parse(result.text, result.format)


def elements(doc):
    return [(e.type, e.text) for e in doc.iter_elements()]


def test_a_final_draft_file_imports_as_fountain(imported):
    result, _ = imported

    assert (result.format, result.source_kind) == ("fountain", "fdx")


def test_the_title_page_becomes_a_fountain_title_page(imported):
    _, doc = imported

    assert doc.title_page == [
        ("Title", "_**NIGHT SHIFT**_"),
        ("Credit", "Written by"),
        ("Author", "Chen Siyuan"),
        ("Draft date", "3/1/2026"),
        ("Contact", "Microdrama Studio\nscripts@example.com"),
    ]


def test_scene_headings_keep_their_final_draft_numbers(imported):
    _, doc = imported

    assert [(s.number, s.heading) for s in doc.scenes] == [
        ("12", "INT. HOSPITAL CORRIDOR - NIGHT"),
        ("13", "EXT. ROOF - CONTINUOUS"),
    ]


def test_run_styles_become_fountain_emphasis(imported):
    _, doc = imported

    assert doc.scenes[0].elements[0].text == "Nurse _**EMMA LIN**_ runs past, *soaked*."


def test_speeches_keep_cue_extension_parenthetical_and_dialogue(imported):
    _, doc = imported
    speech = [(e.type, e.text, e.speaker, e.cue) for e in doc.scenes[0].elements[2:5]]

    assert speech == [
        (T.CHARACTER, "DR. WANG", "DR. WANG", "V.O."),
        (T.PARENTHETICAL, "over the intercom", "DR. WANG", "V.O."),
        (T.DIALOGUE, "Code blue, room six.", "DR. WANG", "V.O."),
    ]


def test_dual_dialogue_marks_the_second_speech_and_keeps_chinese_names(imported):
    _, doc = imported
    cues = [e for e in doc.scenes[0].elements if e.type == T.CHARACTER]

    assert [(c.text, bool(c.extra.get("dual"))) for c in cues] == [
        ("DR. WANG", False),
        ("EMMA", False),
        ("林晚", True),
    ]


def test_shots_and_unknown_paragraphs_become_action_with_a_warning(imported):
    result, doc = imported

    assert (T.ACTION, "CLOSE ON THE MONITOR") in elements(doc)
    assert (T.ACTION, "Act two turns here") in elements(doc)
    assert [code for code, _ in result.warnings] == ["fdx_unknown_paragraph"]


def test_general_paragraphs_are_read_as_fountain_markup(imported):
    _, doc = imported

    assert (T.NOTE, "HOOK: The monitor flatlines.") in elements(doc)
    assert doc.episodes[0].hook == "The monitor flatlines."


def test_a_new_page_flag_becomes_a_page_break_and_transitions_stay(imported):
    _, doc = imported
    kinds = [kind for kind, _ in elements(doc)]

    assert kinds[0] == T.TRANSITION  # FADE IN:
    assert kinds[kinds.index(T.NOTE) + 1] == T.PAGE_BREAK
    assert elements(doc)[-1] == (T.TRANSITION, "CUT TO:")


def test_script_notes_are_not_imported_as_script_text(imported):
    result, _ = imported

    assert "rain budget" not in result.text


def round_trip(doc):
    result = import_file("export.fdx", export_fdx(doc))
    return parse(result.text, result.format)


def test_the_fountain_sample_survives_a_round_trip_through_final_draft():
    doc = parse(load_sample("fountain"), "fountain")

    assert equivalent(round_trip(doc), doc)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(episodes=st.integers(1, 4), seed=st.integers(0, 10**6))
def test_any_generated_fountain_series_survives_a_round_trip(episodes, seed):
    doc = parse(generate_series(episodes, "fountain", seed), "fountain")

    assert equivalent(round_trip(doc), doc)


def test_the_export_has_episodes_numbered_scenes_speeches_and_a_title_page():
    root = fromstring(export_fdx(parse(load_sample("fountain"), "fountain")))
    paragraphs = root.findall("Content//Paragraph[@Type]")
    types = {p.get("Type") for p in paragraphs}

    assert root.tag == "FinalDraft" and root.get("DocumentType") == "Script"
    assert {"New Act", "Scene Heading", "Action", "Character", "Parenthetical"} <= types
    assert {"Dialogue", "Transition"} <= types
    assert [p.get("Number") for p in paragraphs if p.get("Type") == "Scene Heading"] == [
        "1", "2", "3", "4", "5",
    ]  # fmt: skip
    assert root.find("Content/Paragraph/DualDialogue") is not None
    title = [p.findtext("Text") for p in root.findall("TitlePage/Content/Paragraph")]
    assert "OBJECTION" in title and "Written by" in title


def test_a_chinese_script_exports_with_its_chinese_text_intact():
    doc = parse(load_sample("zh"), "zh")
    root = fromstring(export_fdx(doc))
    texts = {
        (p.get("Type"), "".join(t.text or "" for t in p.findall("Text")))
        for p in root.iter("Paragraph")
    }

    assert ("New Act", "第1集：三十万") in texts
    assert ("Character", "王桂兰") in texts
    assert ("Parenthetical", "(颤抖)") in texts
    assert ("Dialogue", "三十万……我攒了一辈子的钱，就剩三百二十一块？") in texts
    assert ("Parenthetical", "(蹲下，握住她的手)") in texts
    assert ("Hook", "【卡点】林晚从没跟任何人提过这个案子，舅舅是怎么知道的？") in texts
    numbers = [p.get("Number") for p in root.iter("Paragraph") if p.get("Type") == "Scene Heading"]
    assert numbers[:3] == ["1-1", "1-2", "1-3"]


def test_a_chinese_export_imports_back_as_the_same_chinese_script():
    doc = parse(load_sample("zh"), "zh")
    result = import_file("法槌之下.fdx", export_fdx(doc))

    assert result.format == "zh"
    assert equivalent(parse(result.text, result.format), doc)


def test_a_chinese_export_is_still_chinese_once_final_draft_drops_our_marker():
    doc = parse(load_sample("zh"), "zh")
    root = fromstring(export_fdx(doc))
    root.remove(root.find("ScriptConvention"))
    result = import_file("resaved.fdx", tostring(root, encoding="UTF-8"))
    back = parse(result.text, result.format)

    assert result.format == "zh"
    assert [(e.number, e.title, e.hook, e.is_paywall) for e in back.episodes] == [
        (e.number, e.title, e.hook, e.is_paywall) for e in doc.episodes
    ]
    assert back.speech_counts == doc.speech_counts


FOUNTAIN_MARKUP = re.compile(r"^(?:#|=|~|>|!|@)|\[\[|\]\]|\*\*|(?<!\w)_\w|<$")


def content_texts(root):
    """(type, text) of every script paragraph; script notes and the title page left out."""
    texts = []
    for paragraph in root.find("Content").iter("Paragraph"):
        if paragraph.get("Type"):
            text = "".join(t.text or "" for t in paragraph.findall("Text"))
            texts.append((paragraph.get("Type"), text))
    return texts


@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_no_fountain_markup_leaks_into_the_paragraphs(fmt):
    doc = parse(load_sample(fmt), fmt)

    leaks = [(kind, text) for kind, text in content_texts(fromstring(export_fdx(doc)))]
    assert [leak for leak in leaks if FOUNTAIN_MARKUP.search(leak[1])] == []


def test_a_chinese_delivery_hint_is_a_parenthetical_and_a_voice_an_extension():
    doc = parse(
        "第1集\n1-1 日 内 大厅\n人物：许青禾、罗满堂\n许青禾（扫了一眼）：下一位。\n"
        "许青禾（OS）：我就回去。\n罗满堂：（凑过来）莫急。\n许青禾、罗满堂（异口同声）：走！\n",
        "zh",
    )
    data = export_fdx(doc)

    assert content_texts(fromstring(data))[3:] == [
        ("Character", "许青禾"),
        ("Parenthetical", "(扫了一眼)"),
        ("Dialogue", "下一位。"),
        ("Character", "许青禾 (OS)"),
        ("Dialogue", "我就回去。"),
        ("Character", "罗满堂"),
        ("Parenthetical", "(凑过来)"),
        ("Dialogue", "莫急。"),
        ("Character", "许青禾、罗满堂"),
        ("Parenthetical", "(异口同声)"),
        ("Dialogue", "走！"),
    ]
    result = import_file("a.fdx", data)
    assert equivalent(parse(result.text, result.format), doc)


EVERY_CHINESE_ELEMENT = """《三号窗口》
类型：法治
大纲
湖南临水县法律援助中心，三号窗口。
人物小传
许青禾（27岁）：法律援助中心律师。
第1集 三号窗口
梗概：她撞上了谜团。
1-1 日 内 法律援助中心大厅
人物：许青禾、罗满堂
【字幕：湖南临水县】
△老办公楼一楼。
【闪回】
【手机屏幕：惠民劳务 法定代表人：谭秋生】
【闪回结束】
【黑屏】
【切】
备注：这里要下雨
【卡点】法定代表人，是一个捡废品的老人。
第2集
2-1 夜 外 老街
【付费卡点】存折不见了。
"""


def test_every_chinese_element_travels_in_a_paragraph_type_of_its_own():
    doc = parse(EVERY_CHINESE_ELEMENT, "zh")
    root = fromstring(export_fdx(doc))

    assert [kind for kind, _ in content_texts(root)] == [
        "Section", "Synopsis", "Section", "Character Bio", "New Act", "Synopsis",
        "Scene Heading", "Cast List", "Subtitle", "Action", "Flashback", "Insert",
        "Flashback End", "Black Screen", "Cut", "General", "Hook", "New Act",
        "Scene Heading", "Paywall",
    ]  # fmt: skip
    declared = {settings.get("Type") for settings in root.findall("ElementSettings")}
    assert {"Section", "Synopsis", "Cast List", "Hook", "Paywall", "Insert"} <= declared
    note = root.find("Content/Paragraph[@Type='General']/ScriptNote")
    assert note.findtext("Paragraph/Text") == "这里要下雨"
    result = import_file("三号窗口.fdx", export_fdx(doc))
    assert result.text == EVERY_CHINESE_ELEMENT
    assert equivalent(parse(result.text, result.format), doc)


FOUNTAIN_EXTRAS = """Title: NIGHT SHIFT

# Episode 1: Code Blue
= A nurse's worst night.

## Act One

INT. CORRIDOR - NIGHT #1# [[check the rain]]

= The corridor is empty.

Rain. Emma runs past [[is she soaked?]] and *stops*.

[[HOOK: the monitor flatlines]]

EMMA (V.O.) [[recorded later]]
~Row, row, row
(singing)
Hello [[beat]] there.

>THE END<

> Burn to white. [[slow]]

===

INT. ROOF - DAWN
"""


def test_notes_sections_synopses_and_lyrics_use_final_draft_s_own_means():
    doc = parse(FOUNTAIN_EXTRAS, "fountain")
    root = fromstring(export_fdx(doc))
    kinds = [kind for kind, _ in content_texts(root)]

    assert kinds[:4] == ["New Act", "Synopsis", "Section 2", "Scene Heading"]
    assert "Lyrics" in kinds and "Transition" in kinds
    notes = [n.findtext("Paragraph/Text") for n in root.iter("ScriptNote")]
    assert notes == [
        "check the rain", "is she soaked?", "HOOK: the monitor flatlines", "recorded later",
        "beat", "slow",
    ]  # fmt: skip
    assert root.find("Content/Paragraph[@StartsNewPage='Yes']").get("Type") == "Scene Heading"
    assert [leak for leak in content_texts(root) if FOUNTAIN_MARKUP.search(leak[1])] == []
    back = round_trip(doc)
    assert equivalent(back, doc)
    assert back.episodes[0].hook == "the monitor flatlines"


def fixture(name: str) -> bytes:
    return (Path(__file__).parent / "fixtures" / name).read_bytes()


def test_a_final_draft_12_file_is_read_with_its_whole_structure():
    result = import_file("night-shift.fdx", fixture("night_shift_fd12.fdx"))
    doc = parse(result.text, result.format)

    assert (result.format, result.warnings) == ("fountain", [])
    assert doc.title == "NIGHT SHIFT"
    assert ("Author", "Chen Siyuan") in doc.title_page
    assert ("Draft date", "2026-03-01") in doc.title_page
    assert [(e.number, e.title) for e in doc.episodes] == [(1, "Code Blue"), (2, "Flatline")]
    assert [(s.number, s.heading, s.time) for s in doc.scenes] == [
        ("1", "INT. HOSPITAL CORRIDOR - NIGHT", "night"),
        ("2", "INT. ROOM SIX - CONTINUOUS", "continuous"),
        ("3", "EXT. HOSPITAL ROOF - DAWN", "dawn"),
    ]
    first = [(e.type, e.text, e.speaker, e.cue) for e in doc.scenes[0].elements]
    assert first == [
        (T.ACTION, "Rain hammers the windows. Nurse EMMA LIN (30s) runs past, *soaked*.", None, None),
        (T.ACTION, "CLOSE ON THE MONITOR", None, None),
        (T.CHARACTER, "DR. WANG", "DR. WANG", "V.O."),
        (T.PARENTHETICAL, "over the intercom", "DR. WANG", "V.O."),
        (T.DIALOGUE, "Code blue, room six. **Now.**", "DR. WANG", "V.O."),
        (T.CHARACTER, "EMMA", "EMMA", None),
        (T.DIALOGUE, "On my way.", "EMMA", None),
        (T.PARENTHETICAL, "to the orderly", "EMMA", None),
        (T.DIALOGUE, "Hold the lift!", "EMMA", None),
        (T.ACTION, "The lift doors close on her.", None, None),
        (T.CHARACTER, "EMMA", "EMMA", "CONT'D"),
        (T.DIALOGUE, "Thanks for nothing.", "EMMA", "CONT'D"),
        (T.ACTION, "A sign flickers: NO RUNNING.", None, None),
        (T.CENTERED, "THREE MINUTES EARLIER", None, None),
        (T.TRANSITION, "CUT TO:", None, None),
    ]  # fmt: skip
    assert doc.episodes[0].elements_before_first_scene[0].text == "FADE IN:"
    cues = [e for e in doc.scenes[1].elements if e.type == T.CHARACTER]
    assert [(c.text, c.cue, bool(c.extra.get("dual"))) for c in cues] == [
        ("EMMA", None, False),
        ("DR. WANG", "O.S.", True),
    ]
    assert (T.CENTERED, "END OF EPISODE ONE") in elements(doc)
    assert doc.scenes[1].elements[-1].type == T.PAGE_BREAK
    assert elements(doc)[-1] == (T.TRANSITION, "FADE OUT.")
    assert "rain budget" not in result.text  # a reviewer's script note, not the script


def test_a_chinese_writer_s_final_draft_file_is_read_in_the_chinese_convention():
    result = import_file("三号窗口.fdx", fixture("window_three_fd12.fdx"))
    doc = parse(result.text, result.format)

    assert result.format == "zh"
    assert (doc.title, doc.title_page) == (
        "三号窗口",
        [("编剧", "陈思远"), ("类型", "法治 / 现实")],
    )
    assert [(e.number, e.title, e.hook, e.is_paywall) for e in doc.episodes] == [
        (1, "三号窗口", "惠民劳务的法定代表人，就坐在大厅里打瞌睡。", False),
        (2, "老街的排水沟", "排水沟底下，埋着一本存折。", True),
    ]
    assert [(s.number, s.location) for s in doc.scenes] == [
        ("1-1", "法律援助中心大厅"),
        ("2-1", "老街"),
    ]
    assert doc.scenes[0].cast == ["许青禾", "罗满堂", "田满仓", "工友们"]
    speeches = [(e.speakers, e.cue, e.text) for e in doc.iter_elements() if e.type == T.DIALOGUE]
    assert speeches == [
        (["许青禾"], "OS", "在这里待满一年，我就回去。"),
        (["罗满堂"], None, "许律师，外头排起队咯。"),
        (["许青禾"], "扫了一眼", "欠条是彭四个人签的。下一位。"),
        (["田满仓", "工友们"], "异口同声", "我们要工钱！"),
        (["谭秋生"], None, "这条沟，吵了三年咯。"),
    ]
    assert [e.type for e in doc.scenes[0].elements[:4]] == [
        T.CAST, T.SUBTITLE, T.ACTION, T.DIALOGUE,
    ]  # fmt: skip


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&secret;</Text></Paragraph></Content>
</FinalDraft>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<FinalDraft><Content><Paragraph><Text>&lol3;</Text></Paragraph></Content></FinalDraft>"""


@pytest.mark.parametrize("payload", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_xml_with_entity_declarations_is_refused_as_unsafe(payload):
    with pytest.raises(UnsafeFile) as raised:
        import_file("evil.fdx", payload)

    assert raised.value.code == "unsafe_file"


@pytest.mark.parametrize(
    "payload",
    [b"", b"not xml at all", b"<FinalDraft><Content>", FINAL_DRAFT_FILE.encode()[:500]],
    ids=["empty", "text", "unclosed", "truncated"],
)
def test_malformed_xml_is_corrupt(payload):
    with pytest.raises(CorruptFile):
        import_file("broken.fdx", payload)


def test_xml_that_is_not_a_final_draft_script_is_corrupt():
    with pytest.raises(CorruptFile):
        import_file("feed.fdx", b"<rss><channel/></rss>")
