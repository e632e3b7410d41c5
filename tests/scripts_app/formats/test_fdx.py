"""Final Draft (.fdx): reading Final Draft's own files, round trips, hostile XML."""

from xml.etree.ElementTree import fromstring

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
    assert ("Character", "王桂兰 (颤抖)") in texts
    assert ("Dialogue", "三十万……我攒了一辈子的钱，就剩三百二十一块？") in texts
    assert ("Parenthetical", "(蹲下，握住她的手)") in texts
    assert ("General", "【卡点】林晚从没跟任何人提过这个案子，舅舅是怎么知道的？") in texts
    numbers = [p.get("Number") for p in root.iter("Paragraph") if p.get("Type") == "Scene Heading"]
    assert numbers[:3] == ["1-1", "1-2", "1-3"]


def test_a_chinese_export_imports_back_with_every_line_of_dialogue():
    doc = parse(load_sample("zh"), "zh")
    back = round_trip(doc)

    def speeches(d):
        return [(e.speaker, e.text) for e in d.iter_elements() if e.type == T.DIALOGUE]

    assert speeches(back) == speeches(doc)
    assert [e.number for e in back.episodes] == [1, 2, 3]


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
