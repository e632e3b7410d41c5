"""Files go out and come back unchanged.

For each file format that also imports (Fountain, Word, Final Draft), exporting a script
and importing the file gives back an equivalent document (the parser's ``equivalent``:
the same episodes, scenes, elements, speakers, cues, hooks and paywall) in the same script
format. Checked on every demo series revision, on the samples, and on generated
documents of both formats: whole series built in the model (title pages, 大纲 and
人物小传, every element type) and documents parsed from random script-shaped text.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts_app.document import equivalent, parse
from scripts_app.document.samples import load_sample
from scripts_app.formats import export_docx, export_fdx, export_fountain, import_file
from tests.support.documents import fountain_series, script_text, zh_series

SERIES_DIR = Path(__file__).resolve().parents[3] / "seeds" / "world" / "series"
DEMO_REVISIONS = sorted(p for p in SERIES_DIR.glob("*/r*") if p.suffix in (".txt", ".fountain"))

CHANNELS = {
    "fountain": lambda doc: export_fountain(doc).encode(),
    "docx": export_docx,
    "fdx": export_fdx,
}


def round_trip(doc, channel):
    result = import_file(f"series.{channel}", CHANNELS[channel](doc))
    return result, parse(result.text, result.format)


def assert_comes_back(doc, channel):
    result, back = round_trip(doc, channel)

    assert result.format == doc.format
    assert result.warnings == []
    assert equivalent(back, doc)


def test_every_demo_series_revision_is_checked():
    assert len(DEMO_REVISIONS) == 13
    assert {p.suffix for p in DEMO_REVISIONS} == {".txt", ".fountain"}


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(
    "path", DEMO_REVISIONS, ids=[f"{p.parent.name}/{p.name}" for p in DEMO_REVISIONS]
)
def test_every_demo_series_comes_back_unchanged(path, channel):
    fmt = "fountain" if path.suffix == ".fountain" else "zh"
    doc = parse(path.read_text(encoding="utf-8"), fmt)
    assert doc.episodes and doc.scenes

    assert_comes_back(doc, channel)


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("fmt", ["zh", "fountain"])
def test_the_samples_come_back_unchanged(fmt, channel):
    assert_comes_back(parse(load_sample(fmt), fmt), channel)


# A few dozen examples per format and file format, the same on every run: the fast tier
# stays fast, and a failure is reproducible.
GENERATED = settings(
    max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)


@pytest.mark.parametrize("channel", CHANNELS)
@GENERATED
@given(doc=st.one_of(zh_series(), script_text.map(lambda text: parse(text, "zh"))))
def test_generated_chinese_documents_come_back_unchanged(channel, doc):
    assert_comes_back(doc, channel)


@pytest.mark.parametrize("channel", CHANNELS)
@GENERATED
@given(doc=st.one_of(fountain_series(), script_text.map(lambda text: parse(text, "fountain"))))
def test_generated_fountain_documents_come_back_unchanged(channel, doc):
    assert_comes_back(doc, channel)
