"""Fountain emphasis written back from styled runs (Final Draft import)."""

from hypothesis import given
from hypothesis import strategies as st

from scripts_app.document.fountain import parse_emphasis
from scripts_app.formats.markup import to_fountain

BOLD, ITALIC, UNDER = frozenset({"bold"}), frozenset({"italic"}), frozenset({"underline"})
PLAIN: frozenset[str] = frozenset()


def test_styled_runs_become_fountain_delimiters():
    runs = [("Nurse ", PLAIN), ("EMMA", BOLD), (" runs, ", PLAIN), ("soaked", ITALIC)]

    assert to_fountain(runs) == "Nurse **EMMA** runs, *soaked*"


def test_spaces_at_the_edges_of_a_styled_run_move_outside_the_delimiters():
    assert to_fountain([("a", PLAIN), (" bold ", BOLD), ("b", PLAIN)]) == "a **bold** b"


def test_literal_asterisks_are_escaped_only_when_they_would_read_as_emphasis():
    assert to_fountain([("5*3 = 15", PLAIN)]) == "5*3 = 15"
    assert to_fountain([("*not italic*", PLAIN)]) == "\\*not italic\\*"


def test_line_breaks_inside_runs_are_kept():
    assert to_fountain([("one\ntwo", UNDER)]) == "_one_\n_two_"


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ab *_\\林", min_size=1, max_size=6),
            st.sampled_from([PLAIN, BOLD, ITALIC, UNDER, BOLD | ITALIC]),
        ),
        max_size=5,
    )
)
def test_the_words_always_survive_and_styles_read_back_where_fountain_can_say_them(runs):
    written = to_fountain(runs)
    read = parse_emphasis(written)

    assert "".join(text for text, _ in read) == "".join(text for text, _ in runs)
