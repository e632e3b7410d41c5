"""The script_parse command-line helper."""

import io
import json
import subprocess
import sys
from pathlib import Path

from scripts_app.document import WARNING_MESSAGES, WarningCode
from scripts_app.document.cli import main
from scripts_app.document.samples import SAMPLE_FILES, SAMPLES_DIR

REPO = Path(__file__).resolve().parents[3]
ZH_SAMPLE = str(SAMPLES_DIR / SAMPLE_FILES["zh"])
FOUNTAIN_SAMPLE = str(SAMPLES_DIR / SAMPLE_FILES["fountain"])


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_json_output_has_the_documented_shape():
    status, out, _ = run(ZH_SAMPLE, "--json")
    assert status == 0
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert (data["format"], data["title"]) == ("zh", "法槌之下")
    assert data["title_page"][0] == {"key": "类型", "value": "法治 / 现实题材"}
    assert data["prematter"][0]["type"] == "section"
    assert data["character_bios"][0] == {
        "name": "林晚",
        "age": 28,
        "description": "律所新人律师，外表温和，办案较真，从小由舅舅带大。",
        "line": 12,
    }
    first = data["episodes"][0]
    assert {k: first[k] for k in ("number", "title", "hook", "is_paywall")} == {
        "number": 1,
        "title": "三十万",
        "hook": "林晚从没跟任何人提过这个案子，舅舅是怎么知道的？",
        "is_paywall": False,
    }
    scene = first["scenes"][0]
    assert {k: scene[k] for k in ("number", "heading", "time", "interior", "location")} == {
        "number": "1-1",
        "heading": "日 内 王桂兰家客厅",
        "time": "day",
        "interior": "int",
        "location": "王桂兰家客厅",
    }
    dialogue = next(e for e in scene["elements"] if e["type"] == "dialogue")
    assert dialogue == {
        "type": "dialogue",
        "text": "三十万……我攒了一辈子的钱，就剩三百二十一块？",
        "line": 23,
        "speaker": "王桂兰",
        "cue": "颤抖",
        "extra": {},
    }
    assert data["speech_counts"]["林晚"] == 12
    assert data["characters"][0]["name"] == "林晚"
    assert data["warnings"] == []
    assert "王桂兰" in out  # not escaped


def test_json_with_analysis_and_forced_format():
    status, out, _ = run(FOUNTAIN_SAMPLE, "--format", "fountain", "--json", "--analysis")
    data = json.loads(out)
    assert status == 0
    assert data["format"] == "fountain"
    assert data["analysis"]["paywall"]["episodes"] == [2]
    assert data["analysis"]["runtime"]["seconds"] > 0


def test_summary_without_json_lists_episodes_and_warnings(tmp_path):
    script = tmp_path / "draft.txt"
    script.write_text("第1集：开端\n1-1 日 内 客厅\n林晚：\n第3集\n△雨。\n", encoding="utf-8")
    status, out, _ = run(str(script), "--analysis")
    assert status == 0
    assert "format: zh" in out
    assert "episode 1: 开端 (1 scenes)" in out
    assert "[dialogue_without_speech]" in out
    assert "[episode_number_gap]" in out


def test_unreadable_file_and_bad_arguments_exit_with_2(tmp_path):
    status, _, err = run(str(tmp_path / "missing.fountain"))
    assert status == 2
    assert "cannot read" in err
    assert run(ZH_SAMPLE, "--format", "pdf")[0] == 2


def test_invalid_utf8_is_reported_not_fatal(tmp_path):
    script = tmp_path / "latin1.txt"
    script.write_bytes("第1集\n林晚：café\n".encode() + b"\xff\n")
    status, out, _ = run(str(script), "--json")
    assert status == 0
    assert json.loads(out)["warnings"][0]["code"] == "invalid_utf8"


def test_every_warning_code_has_a_message_and_is_documented():
    docs = (REPO / "docs" / "script-formats.md").read_text(encoding="utf-8")
    for code in WarningCode:
        assert WARNING_MESSAGES[code]
        assert f"| `{code}` |" in docs, code


def test_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "scripts_app.document.cli", FOUNTAIN_SAMPLE, "--json"],
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    data = json.loads(result.stdout.decode("utf-8"))
    assert [e["number"] for e in data["episodes"]] == [1, 2]
