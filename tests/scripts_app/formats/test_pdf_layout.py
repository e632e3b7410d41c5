"""Line breaking for PDF pages: Latin at spaces, Chinese anywhere, kinsoku respected."""

from hypothesis import given
from hypothesis import strategies as st

from scripts_app.formats.pdf.typesetter import wrap


def width(char: str) -> float:
    """Monospace for the tests: Latin one unit, CJK two, like printed text."""
    return 2.0 if ord(char) > 0x2E80 else 1.0


def lines(text: str, limit: float, first: float | None = None) -> list[str]:
    return [text[a:b] for a, b in wrap(text, first or limit, limit, width)]


def test_latin_text_breaks_at_spaces():
    assert lines("The verdict was bought", 12) == ["The verdict", "was bought"]


def test_a_word_longer_than_the_line_is_broken_inside():
    assert lines("Supercalifragilistic", 8) == ["Supercal", "ifragili", "stic"]


def test_chinese_text_breaks_between_any_two_characters():
    assert lines("林晚推门而入把材料放在桌上", 8) == ["林晚推门", "而入把材", "料放在桌", "上"]


def test_closing_punctuation_never_starts_a_line():
    assert lines("林晚推门，看着他。", 8) == ["林晚推", "门，看着", "他。"]


def test_opening_punctuation_never_ends_a_line():
    assert lines("他说了“你好”", 8) == ["他说了", "“你好”"]


def test_latin_words_inside_chinese_stay_whole():
    assert lines("今天Emma来了", 7) == ["今天", "Emma来", "了"]


def test_newlines_force_breaks_and_a_hanging_indent_narrows_later_lines():
    assert lines("一二三四\n五六", 8) == ["一二三四", "五六"]
    assert lines("王桂兰：三十万我攒了一辈子", 8, first=12) == [
        "王桂兰：三十",
        "万我攒了",
        "一辈子",
    ]


@given(
    text=st.text(alphabet="ab c，。“”林晚\n", max_size=60),
    limit=st.integers(min_value=2, max_value=20),
)
def test_wrapping_keeps_every_character_and_fits_the_line(text, limit):
    pieces = lines(text, limit)

    assert "".join(pieces).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    for piece in pieces:
        assert len(piece) <= 1 or sum(map(width, piece)) <= limit


def test_an_ellipsis_or_dash_is_never_split_from_the_word_before_it():
    assert lines("钱就剩三百……", 8) == ["钱就剩三", "百……"]
    assert lines("他来了啊——是你", 8) == ["他来了", "啊——是你"]
