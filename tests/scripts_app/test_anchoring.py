"""The line locator finds what an index of every stripped line finds, without building one."""

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts_app.anchoring import LineLocator, locate


def _by_every_line(text: str, anchor: str, hint: int) -> int | None:
    """The rule, as the locator once implemented it: index each line stripped."""
    where: dict[str, list[int]] = defaultdict(list)
    for number, line in enumerate(text.split("\n"), start=1):
        where[line.strip()].append(number)
    anchor = anchor.strip()
    if not anchor or not where.get(anchor):
        return None
    return min(where[anchor], key=lambda line: (abs(line - hint), line))


# Few distinct characters, spaces and line breaks of several kinds, so that lines repeat,
# anchors occur inside longer lines and in several places, and strip() has work to do.
_chars = st.sampled_from(["△", "甲", "乙", "a", "b", " ", "\t", "\u3000", "\r", "\n", "\n"])
_texts = st.text(_chars, max_size=80)
_anchors = st.text(_chars, max_size=6)


@settings(max_examples=400, deadline=None)
@given(text=_texts, anchors=st.lists(_anchors, max_size=5), hint=st.integers(-3, 40))
def test_locator_agrees_with_an_index_of_every_line(text, anchors, hint):
    declared = LineLocator(text, anchors[:2])  # some anchors declared, the rest found on demand
    for anchor in anchors:
        expected = _by_every_line(text, anchor, hint)
        assert declared.locate(anchor, hint) == expected
        assert LineLocator(text).locate(anchor, hint) == expected
        assert locate(text, anchor, hint) == expected


def test_a_moved_line_is_found_nearest_to_where_it_was():
    text = "第1集\n△门开了。\n李明：你好。\n△门开了。\n\n  李明：你好。  \n"
    locator = LineLocator(text, ["李明：你好。", "△门开了。"])

    assert locator.locate("李明：你好。", 5) == 6
    assert locator.locate("李明：你好。", 2) == 3
    assert locator.locate("△门开了。", 3) == 2  # a tie goes to the earlier line
    assert locator.locate("  △门开了。 ", 4) == 4


def test_a_line_that_is_gone_or_only_part_of_a_line_is_not_found():
    text = "INT. HOUSE - DAY\n\nAnna opens the door.\n"
    locator = LineLocator(text, ["the door.", "Anna", ""])

    assert locator.locate("the door.", 3) is None
    assert locator.locate("Anna", 3) is None
    assert locator.locate("", 1) is None
    assert locator.locate("   ", 1) is None
    assert locator.locate("Anna opens the door.\nINT.", 3) is None
    assert locator.locate("Anna opens the door.", 1) == 3
