import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_script_parse_prints_the_document_as_json(tmp_path):
    script = tmp_path / "ep.txt"
    script.write_text(
        "第1集 开端\n1-1 日 内 家\n人物：甲\n△甲推门。\n甲：我回来了。\n【卡点】屋里没有人。\n",
        encoding="utf-8",
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "script_parse", str(script), "--json"],
        cwd=ROOT, capture_output=True, text=True, env={"DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["format"] == "zh"
    [episode] = doc["episodes"]
    assert episode["hook"] == "屋里没有人。" and episode["scenes"][0]["number"] == "1-1"


def test_script_parse_reports_an_unreadable_file():
    result = subprocess.run(
        [sys.executable, "manage.py", "script_parse", "/no/such/file.txt"],
        cwd=ROOT, capture_output=True, text=True, env={"DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip

    assert result.returncode == 2 and "cannot read" in result.stderr
