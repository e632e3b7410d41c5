"""Properties: parsing never raises, and rendering is lossless.

Two kinds of generated documents are checked: documents parsed from random script-like
text (so every shape the parsers can produce is covered), and documents built directly
in the model from valid parts (so the renderer is checked on documents no file wrote).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts_app.document import detect_format, equivalent, fountain, parse, render
from scripts_app.document.model import canonical
from scripts_app.document.samples import PATHOLOGICAL
from tests.support.documents import (
    fountain_documents,
    fountain_series,
    script_text,
    zh_documents,
    zh_series,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
# Building documents is slower to generate; fewer examples keep the suite quick.
BUILT = settings(SETTINGS, max_examples=120)

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


# --- documents built in the model (tests/support/documents.py) -------------------------


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


@settings(BUILT, max_examples=60)
@given(st.one_of(zh_series(), fountain_series()))
def test_render_then_parse_is_lossless_on_whole_built_series(doc):
    assert equivalent(parse(render(doc, doc.format), doc.format), doc)
