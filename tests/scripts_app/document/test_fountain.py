"""Fountain 1.1 parsing, the platform's episode conventions, and every decision on vague spec."""

from scripts_app.document import fountain
from scripts_app.document.model import Document, Element, Episode, WarningCode

W = WarningCode


def parse(text: str) -> Document:
    return fountain.parse(text)


def elements(text: str) -> list[Element]:
    return list(parse(text).iter_elements())


def kinds(text: str) -> list[str]:
    return [str(e.type) for e in elements(text)]


def only_episode(text: str) -> Episode:
    doc = parse(text)
    assert len(doc.episodes) == 1
    return doc.episodes[0]


def codes(doc: Document) -> list[str]:
    return [str(w.code) for w in doc.warnings]


# --- title page -------------------------------------------------------------------------


def test_title_page_keys_inline_and_indented_values():
    doc = parse(
        "Title: _**BRICK & STEEL**_\n"
        "Credit: Written by\n"
        "Authors: Stu Maschwitz\n"
        "Draft date: 6/23/2012\n"
        "Contact:\n"
        "    Next Level Productions\n"
        "\t1588 Mission Dr.\n"
        "\n"
        "EXT. BRICK'S PATIO - DAY\n"
    )
    assert doc.title_page == [
        ("Title", "_**BRICK & STEEL**_"),
        ("Credit", "Written by"),
        ("Authors", "Stu Maschwitz"),
        ("Draft date", "6/23/2012"),
        ("Contact", "Next Level Productions\n1588 Mission Dr."),
    ]
    assert doc.title == "BRICK & STEEL"  # emphasis markup stripped from the title
    assert doc.scenes[0].line == 9


def test_title_key_is_case_insensitive_for_the_title_and_kept_as_written():
    doc = parse("TITLE: Night Shift\n\nINT. WARD - NIGHT\n")
    assert doc.title_page == [("TITLE", "Night Shift")]
    assert doc.title == "Night Shift"


def test_draft_date_alone_is_a_title_page():
    assert parse("Draft date: 6/23/2012\n\nHello.\n").title_page == [("Draft date", "6/23/2012")]


def test_block_with_a_non_key_line_is_not_a_title_page():
    doc = parse("Title: Nope\nShe walks in.\n")
    assert doc.title_page == []
    assert kinds("Title: Nope\nShe walks in.\n") == ["action"]


def test_fade_in_opening_is_not_a_title_page():
    doc = parse("FADE IN:\n\nINT. HOUSE - DAY\n")
    assert doc.title_page == []
    # It does not end in "TO:", so it is action, as the spec says.
    assert [str(e.type) for e in doc.episodes[0].elements_before_first_scene] == ["action"]


def test_title_page_must_start_on_the_first_line():
    assert parse("\nTitle: Late\n\nAction.\n").title_page == []


# --- scene headings ---------------------------------------------------------------------


def test_every_spec_heading_prefix_is_a_heading():
    for heading, interior in [
        ("INT. HOUSE - DAY", "int"),
        ("EXT. PARK - NIGHT", "ext"),
        ("EST. CITY SKYLINE - DAWN", "ext"),
        ("INT./EXT. CAR - DAY", "int/ext"),
        ("INT/EXT CAR - DAY", "int/ext"),
        ("I/E TRUCK - DUSK", "int/ext"),
        ("ext. brick's pool - day", "ext"),
    ]:
        scene = parse(heading + "\n").scenes[0]
        assert scene.heading == heading
        assert scene.interior == interior, heading


def test_heading_prefix_needs_a_dot_or_space():
    assert kinds("INTERIOR DESIGN IS HARD.\n") == ["action"]
    assert kinds("E/I CAR - DAY\n") == ["action"]  # not in the spec list


def test_heading_fields_time_interior_location():
    scene = parse("INT. HOUSE - KITCHEN - NIGHT\n").scenes[0]
    assert (scene.interior, scene.location, scene.time, scene.time_raw) == (
        "int",
        "HOUSE - KITCHEN",
        "night",
        "NIGHT",
    )


def test_unknown_last_segment_stays_in_the_location():
    scene = parse("INT. HOUSE - KITCHEN\n").scenes[0]
    assert scene.location == "HOUSE - KITCHEN"
    assert scene.time is None


def test_flashback_qualifier_in_heading():
    scene = parse("INT. SCHOOL - DAY (FLASHBACK)\n").scenes[0]
    assert scene.flashback
    assert (scene.location, scene.time) == ("SCHOOL", "day")


def test_forced_heading_with_dot_and_ellipsis_is_not_forced():
    scene = parse(".SNIPER SCOPE POV\n").scenes[0]
    assert scene.heading == "SNIPER SCOPE POV"
    assert scene.interior is None
    assert kinds("...and then silence.\n") == ["action"]
    assert kinds("..NOPE\n") == ["action"]


def test_forced_heading_works_for_chinese_text():
    scene = parse(".卧室 - 夜\n").scenes[0]
    assert (scene.location, scene.time) == ("卧室", "night")


def test_scene_numbers_are_taken_out_of_the_heading():
    for raw, number in [("#1#", "1"), ("#1A#", "1A"), ("#I-1-A#", "I-1-A"), ("#110A#", "110A")]:
        scene = parse(f"INT. HOUSE - DAY {raw}\n").scenes[0]
        assert scene.number == number
        assert scene.heading == "INT. HOUSE - DAY"


def test_heading_without_blank_line_after_is_still_a_heading_with_a_warning():
    doc = parse("INT. HOUSE - DAY\nShe enters.\n")
    assert doc.scenes[0].heading == "INT. HOUSE - DAY"
    assert [(str(e.type), e.text, e.line) for e in doc.scenes[0].elements] == [
        ("action", "She enters.", 2)
    ]
    assert doc.warnings[0].code == W.MISSING_BLANK_LINE
    assert doc.warnings[0].line == 1
    assert doc.warnings[0].params == {"element": "heading"}


def test_duplicate_scene_number_in_an_episode_warns():
    doc = parse("INT. A - DAY #3#\n\nINT. B - DAY #3#\n")
    assert codes(doc) == ["duplicate_scene_number"]
    assert doc.warnings[0].line == 3


# --- action -----------------------------------------------------------------------------


def test_forced_action_keeps_caps_line_with_text_after_it_as_action():
    (action,) = elements("!SCANNING THE AISLES...\nWhere is that pit boss?\n")
    assert action.type == "action"
    assert action.text == "SCANNING THE AISLES...\nWhere is that pit boss?"


def test_without_bang_caps_line_and_text_is_dialogue():
    assert kinds("SCANNING THE AISLES...\nWhere is that pit boss?\n") == [
        "character",
        "dialogue",
    ]


def test_action_keeps_indentation_and_turns_tabs_into_four_spaces():
    (action,) = elements("\tDear John,\n        I miss you.   \n")
    assert action.text == "    Dear John,\n        I miss you."
    assert "\t" not in action.text


def test_two_space_line_keeps_an_action_paragraph_together():
    (action,) = elements("First beat.\n  \nSecond beat.\n")
    assert action.text == "First beat.\n\nSecond beat."


def test_whitespace_only_lines_other_than_two_spaces_are_blank():
    assert kinds("One.\n \nTwo.\n") == ["action", "action"]
    assert kinds("One.\n\t\nTwo.\n") == ["action", "action"]
    assert kinds("One.\n   \nTwo.\n") == ["action", "action"]


# --- characters and dialogue ------------------------------------------------------------


def test_character_dialogue_and_parenthetical():
    doc = parse("BRICK\n(smirking)\nHello there.\nHow are you?\n")
    character, paren, dialogue = doc.iter_elements()
    assert (character.type, character.text, character.speaker) == ("character", "BRICK", "BRICK")
    assert (paren.type, paren.text, paren.speaker) == ("parenthetical", "smirking", "BRICK")
    assert (dialogue.type, dialogue.text) == ("dialogue", "Hello there.\nHow are you?")
    assert [e.line for e in (character, paren, dialogue)] == [1, 2, 3]


def test_character_names_with_digits_and_punctuation():
    assert kinds("R2D2\nBeep.\n") == ["character", "dialogue"]
    assert kinds("O'BRIEN\nHi.\n") == ["character", "dialogue"]
    assert kinds("COP #2\nFreeze!\n") == ["character", "dialogue"]
    assert kinds("23\nNot a name.\n") == ["action"]


def test_extensions_are_the_cue_and_set_the_voice():
    character, dialogue = elements("MOM (O. S.)\nLuke!\n")
    assert (character.speaker, character.cue) == ("MOM", "O. S.")
    assert dialogue.extra["voice"] == "offscreen"
    character, _ = elements("HANS (on the radio)\nHello.\n")
    assert (character.speaker, character.cue) == ("HANS", "on the radio")
    character, dialogue = elements("MIA (V.O.) (CONT'D)\nThree years.\n")
    assert character.cue == "V.O., CONT'D"
    assert (dialogue.speaker, dialogue.cue, dialogue.extra) == (
        "MIA",
        "V.O., CONT'D",
        {"voice": "voiceover"},
    )


def test_forced_character_keeps_case_and_allows_chinese_names():
    character, _ = elements("@McCLANE\nYippee ki-yay.\n")
    assert character.speaker == "McCLANE"
    character, dialogue = elements("@林晚 (OS)\n这不是普通的推销。\n")
    assert (character.speaker, character.cue, dialogue.text) == ("林晚", "OS", "这不是普通的推销。")


def test_unforced_chinese_name_is_action():
    assert kinds("林晚\n你好。\n") == ["action"]


def test_cue_as_last_line_with_no_dialogue_is_action():
    assert kinds("Some action.\n\nBRICK\n") == ["action", "action"]
    assert kinds("@林晚\n") == ["action"]


def test_caps_line_ending_in_two_spaces_is_not_a_character():
    assert kinds("BOOM!  \nThe wall falls.\n") == ["action"]


def test_indented_cue_and_dialogue_parse_like_flush_left():
    character, dialogue = elements("\t\tSTEEL\n\tThey're coming.\n")
    assert (character.speaker, dialogue.text) == ("STEEL", "They're coming.")


def test_two_space_line_keeps_dialogue_together():
    _, dialogue = elements("DEALER\nTen.\n  \nFour.\n")
    assert dialogue.text == "Ten.\n\nFour."


def test_dual_dialogue_marks_the_second_cue():
    doc = parse("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n")
    brick, _, steel, _ = doc.iter_elements()
    assert "dual" not in brick.extra
    assert steel.extra["dual"] is True
    assert steel.speaker == "STEEL"


def test_dual_dialogue_without_a_speech_before_is_normal_dialogue_with_a_warning():
    doc = parse("She waits.\n\nSTEEL ^\nScrew retirement.\n")
    steel = list(doc.iter_elements())[1]
    assert "dual" not in steel.extra
    assert codes(doc) == ["orphan_dual_dialogue"]
    assert doc.warnings[0].line == 3


def test_joint_cue_gives_the_speech_to_each_name():
    character, dialogue = elements("BOB & ALICE\nSurprise!\n")
    assert character.text == "BOB & ALICE"
    assert dialogue.extra["joint"] == ["BOB", "ALICE"]
    assert parse("BOB & ALICE\nSurprise!\n").speech_counts == {"BOB": 1, "ALICE": 1}


def test_lyrics_inside_and_outside_a_speech():
    doc = parse("~Willy Wonka! Willy Wonka!\n~The amazing chocolatier!\n\nCHARLIE\n~La la la\n")
    lyric, character, sung = doc.iter_elements()
    assert (lyric.type, lyric.text, lyric.speaker) == (
        "lyric",
        "Willy Wonka! Willy Wonka!\nThe amazing chocolatier!",
        None,
    )
    assert (character.type, sung.type, sung.speaker, sung.text) == (
        "character",
        "lyric",
        "CHARLIE",
        "La la la",
    )


# --- transitions, centered, page breaks -------------------------------------------------


def test_transitions_natural_and_forced():
    assert [(str(e.type), e.text) for e in elements("CUT TO:\n\n> Burn to White.\n")] == [
        ("transition", "CUT TO:"),
        ("transition", "Burn to White."),  # forced: ">" and the space removed
    ]


def test_lowercase_or_non_to_transitions_are_action():
    assert kinds("Cut to:\n") == ["action"]
    assert kinds("FADE OUT.\n") == ["action"]


def test_trailing_spaces_after_to_colon_make_it_action():
    (action,) = elements("CUT TO:  \n")
    assert (action.type, action.text) == ("action", "CUT TO:")


def test_centered_text_is_not_a_transition():
    (centered,) = elements(">THE END<\n")
    assert (centered.type, centered.text) == ("centered", "THE END")
    (centered,) = elements("> THE END <\n>  of part one  <\n")
    assert centered.text == "THE END\nof part one"


def test_page_break_and_short_equals_is_a_synopsis():
    assert kinds("===\n\n=====\n") == ["page_break", "page_break"]
    (synopsis,) = elements("== Not a page break\n")
    assert (synopsis.type, synopsis.text) == ("synopsis", "= Not a page break")


# --- boneyard and notes -----------------------------------------------------------------


def test_boneyard_is_removed_and_line_numbers_stay_true():
    doc = parse("Start.\n\n/* hidden\nINT. HIDDEN - DAY\n*/\n\nINT. SHOWN - DAY\n\nEnd.\n")
    assert [(str(e.type), e.text, e.line) for e in doc.iter_elements()] == [
        ("action", "Start.", 1),
        ("action", "End.", 9),
    ]
    assert [(s.heading, s.line) for s in doc.scenes] == [("INT. SHOWN - DAY", 7)]


def test_inline_boneyard_leaves_one_space():
    (action,) = elements("A gorgeous day. /* cut this */ The sun shines.\n")
    assert action.text == "A gorgeous day. The sun shines."


def test_boneyard_line_inside_dialogue_does_not_split_it():
    _, dialogue = elements("BRICK\n/* (beat) */\nHello.\n")
    assert (dialogue.text, dialogue.line) == ("Hello.", 3)


def test_unclosed_boneyard_is_literal_text_with_a_warning():
    doc = parse("Action.\n\n/* never closed\nMore.\n")
    assert codes(doc) == ["unclosed_boneyard"]
    assert doc.warnings[0].line == 3
    assert [e.text for e in doc.iter_elements()] == ["Action.", "/* never closed\nMore."]


def test_standalone_notes_are_note_elements():
    assert [(str(e.type), e.text, e.line) for e in elements("[[Check the name.]]\n")] == [
        ("note", "Check the name.", 1)
    ]
    notes = elements("[[one]] [[two]]\n[[three]]\nAction after.\n")
    assert [(str(e.type), e.text, e.line) for e in notes] == [
        ("note", "one", 1),
        ("note", "two", 1),
        ("note", "three", 2),
        ("action", "Action after.", 3),
    ]


def test_multiline_note_with_two_space_line():
    (note,) = elements("[[This note\n  \nspans lines.]]\n")
    assert note.text == "This note\n\nspans lines."


def test_inline_note_stays_in_the_text():
    (action,) = elements("He walks away. [[too fast?]]\n")
    assert action.text == "He walks away. [[too fast?]]"
    assert fountain.plain_text(action.text) == "He walks away. "


def test_notes_on_cue_and_heading_lines_go_to_extra():
    doc = parse("INT. HOUSE - DAY [[check location]]\n\nBOB [[rename?]]\nHi.\n")
    assert doc.scenes[0].heading == "INT. HOUSE - DAY"
    assert doc.scenes[0].extra == {"notes": ["check location"]}
    character, _ = doc.iter_elements()
    assert (character.speaker, character.extra["notes"]) == ("BOB", ["rename?"])


def test_note_broken_by_a_blank_line_is_literal_with_a_warning():
    doc = parse("[[This note\n\nis broken]]\n")
    assert "unclosed_note" in codes(doc)
    assert [str(e.type) for e in doc.iter_elements()] == ["action", "action"]


def test_notes_do_not_nest():
    doc = parse("He waits. [[a [[b]]\n")
    (action,) = doc.iter_elements()
    assert fountain.strip_notes(action.text) == ("He waits. [[a", ["b"])
    assert [str(w.code) for w in doc.warnings] == ["unclosed_note"]


# --- sections, synopses, episodes -------------------------------------------------------


def test_sections_have_unlimited_depth_and_synopses_are_elements():
    doc = parse("## Act One\n= The setup.\n\n####### Deep\n")
    section, synopsis, deep = doc.iter_elements()
    assert (section.type, section.text, section.extra) == ("section", "Act One", {"level": 2})
    assert (synopsis.type, synopsis.text) == ("synopsis", "The setup.")
    assert deep.extra == {"level": 7}


def test_episode_sections_start_episodes():
    doc = parse(
        "# Episode 1: The Trap\n= Mia loses.\n\nINT. COURT - DAY\n\n"
        "# EPISODE 2\n\nEXT. GARAGE - NIGHT\n\n# 第3集 反转\n"
    )
    assert [(e.number, e.title, e.synopsis, e.line) for e in doc.episodes] == [
        (1, "The Trap", "Mia loses.", 1),
        (2, None, None, 6),
        (3, "反转", None, 10),
    ]
    assert [len(e.scenes) for e in doc.episodes] == [1, 1, 0]
    assert codes(doc) == ["empty_episode"]


def test_synopsis_not_right_after_the_episode_heading_stays_an_element():
    doc = parse("# Episode 1\n\nINT. A - DAY\n\n= Scene synopsis.\n")
    assert doc.episodes[0].synopsis is None
    assert [str(e.type) for e in doc.scenes[0].elements] == ["synopsis"]


def test_a_file_without_episode_sections_is_episode_one():
    doc = parse("## Act One\n\nINT. HOUSE - DAY\n\nAction.\n")
    (episode,) = doc.episodes
    assert (episode.number, episode.title, episode.implicit) == (1, None, True)
    assert doc.prematter == []
    assert [str(e.type) for e in episode.elements_before_first_scene] == ["section"]


def test_content_before_the_first_episode_is_prematter():
    doc = parse("# Series Bible\n= Two lawyers.\n\n# Episode 1\n\nINT. A - DAY\n")
    assert [(str(e.type), e.text) for e in doc.prematter] == [
        ("section", "Series Bible"),
        ("synopsis", "Two lawyers."),
    ]
    assert [e.number for e in doc.episodes] == [1]


def test_scene_before_the_first_episode_section_opens_episode_zero():
    doc = parse("INT. COLD OPEN - NIGHT\n\nAction.\n\n# Episode 1\n\nINT. A - DAY\n")
    assert [(e.number, e.implicit) for e in doc.episodes] == [(0, True), (1, False)]
    assert codes(doc) == ["scene_outside_episode"]


def test_hook_and_paywall_notes():
    doc = parse(
        "# Episode 1\n\nINT. A - DAY\n\n[[HOOK: Ethan sees her.]]\n\n"
        "# Episode 2\n\nINT. B - DAY\n\n[[PAYWALL: The file has her father's name.]]\n\n"
        "# Episode 3\n\nINT. C - DAY\n\nShe runs. [[hook: a shot rings out]]\n\n[[PAYWALL]]\n"
    )
    first, second, third = doc.episodes
    assert (first.hook, first.is_paywall) == ("Ethan sees her.", False)
    assert (second.hook, second.is_paywall) == ("The file has her father's name.", True)
    assert (third.hook, third.is_paywall) == ("a shot rings out", True)
    # The note stays a note.
    assert [str(e.type) for e in first.scenes[0].elements] == ["note"]


def test_hook_before_the_first_episode_warns():
    doc = parse("[[HOOK: too early]]\n\n# Episode 1\n\nINT. A - DAY\n")
    assert codes(doc) == ["hook_outside_episode"]
    assert doc.episodes[0].hook is None


def test_episode_numbering_warnings():
    doc = parse(
        "# Episode 1\n\nAction.\n\n# Episode 3\n\nAction.\n\n"
        "# Episode 2\n\nAction.\n\n# Episode 2\n\nAction.\n"
    )
    assert codes(doc) == ["episode_number_gap", "episode_out_of_order", "duplicate_episode_number"]
    assert [w.line for w in doc.warnings] == [5, 9, 13]
    assert doc.warnings[0].params == {"number": 3, "previous": 1}


def test_chinese_markers_alone_in_a_paragraph():
    doc = parse(
        "# Episode 1\n\nINT. A - DAY\n\n【字幕：三年前】\n\n【付费卡点】她笑了。\n\n!【不是标记】\n"
    )
    assert [(str(e.type), e.text) for e in doc.iter_elements()] == [
        ("subtitle", "三年前"),
        ("paywall", "她笑了。"),
        ("action", "【不是标记】"),
    ]
    assert (doc.episodes[0].hook, doc.episodes[0].is_paywall) == ("她笑了。", True)


# --- input hygiene ----------------------------------------------------------------------


def test_bom_crlf_and_cr_do_not_leak_and_lines_stay_true():
    for newline in ("\r\n", "\r"):
        text = "\ufeffTitle: X\n\nINT. HOUSE - DAY\n\nBOB\nHi.\n".replace("\n", newline)
        doc = parse(text)
        assert doc.title_page == [("Title", "X")]
        assert doc.scenes[0].line == 3
        character, dialogue = doc.iter_elements()
        assert (character.line, dialogue.line, dialogue.text) == (5, 6, "Hi.")


def test_bom_at_the_start_does_not_hide_a_heading():
    assert parse("\ufeffINT. HOUSE - DAY\n").scenes[0].line == 1


def test_parsing_never_raises_on_odd_input():
    for text in ["", "\n\n\n", "\x00", "[[", "/*", "@", "^", "#", "=", "~", ">", "<", "!", "."]:
        parse(text)


# --- emphasis ---------------------------------------------------------------------------


def test_emphasis_spans():
    spans = fountain.parse_emphasis("*italic* **bold** ***both*** _under_ plain")
    assert spans == [
        ("italic", frozenset({"italic"})),
        (" ", frozenset()),
        ("bold", frozenset({"bold"})),
        (" ", frozenset()),
        ("both", frozenset({"bold", "italic"})),
        (" ", frozenset()),
        ("under", frozenset({"underline"})),
        (" plain", frozenset()),
    ]


def test_emphasis_needs_non_space_inside_and_escapes_are_literal():
    assert fountain.parse_emphasis("*69 and then *23") == [("*69 and then *23", frozenset())]
    assert fountain.parse_emphasis("*69 and then 23*") == [
        ("69 and then 23", frozenset({"italic"}))
    ]
    assert fountain.parse_emphasis(r"Steel enters the code \*9765\*") == [
        ("Steel enters the code *9765*", frozenset())
    ]


def test_nested_emphasis_and_plain_text():
    spans = fountain.parse_emphasis("_Steel *is* here_")
    assert spans == [
        ("Steel ", frozenset({"underline"})),
        ("is", frozenset({"underline", "italic"})),
        (" here", frozenset({"underline"})),
    ]
    assert fountain.plain_text("*Bold* move\n_under *line*_") == "Bold move\nunder line"
