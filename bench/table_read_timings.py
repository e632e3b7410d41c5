"""Time demo episodes by a machine table read, for the runtime estimator's test.

Not a test. A script supervisor times a script by reading it aloud with a stopwatch,
acting the action out; this does the same mechanically with espeak-ng (Debian package
`espeak-ng`; `sox` for `soxi`): every speech is spoken at short-drama delivery pace,
every action line is read at a narrator's pace (standing for the time the shot takes to
watch), with the pauses and cards an edit adds. The recorded seconds are written to
tests/scripts_app/document/fixtures/table_read_timings.json, which
tests/scripts_app/document/test_runtime_timings.py compares the estimator with.

What it is not: the length of a finished cut. It checks that the estimator's rates
track real spoken durations, punctuation pauses included, episode by episode.

    apt-get install espeak-ng sox
    .venv/bin/python bench/table_read_timings.py
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts_app.document import parse  # noqa: E402
from scripts_app.document.model import ElementType as T  # noqa: E402

FIXTURE = ROOT / "tests" / "scripts_app" / "document" / "fixtures" / "table_read_timings.json"
# (file, format, episodes): three Chinese episodes of two demo series, two English ones.
SOURCES = [
    ("seeds/world/series/window-three/r3.txt", "zh", [1, 2]),
    ("seeds/world/series/not-fooled/r3.txt", "zh", [1]),
    ("seeds/world/series/three-bowls/r3.fountain", "fountain", [1, 2]),
]
# espeak-ng speeds (its "words" a minute; for Mandarin it paces syllables).
VOICES = {"zh": "cmn", "fountain": "en"}
SPEECH_SPEED = {"zh": 260, "fountain": 170}  # short-drama delivery: fast and tight
ACTION_SPEED = {"zh": 230, "fountain": 150}  # a narrator reading the action aloud
ACTION_FLOOR = 1.5  # a shot, however short its line
LINE_GAP = 0.3  # between one line and the next
CARD_SECONDS = 1.5  # 字幕, 黑屏, inserts
CUT_SECONDS = 1.0  # into each scene


def spoken_seconds(text: str, voice: str, speed: int) -> float:
    with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-w", wav.name, text], check=True
        )
        out = subprocess.run(["soxi", "-D", wav.name], check=True, capture_output=True)
        return float(out.stdout)


def time_episode(episode, fmt: str) -> dict:
    voice = VOICES[fmt]
    speech = action = cards = 0.0
    lines = 0
    for element in episode.iter_elements():
        kind = element.type
        if kind in (T.DIALOGUE, T.LYRIC) and element.text.strip():
            speech += spoken_seconds(element.text, voice, SPEECH_SPEED[fmt])
            lines += 1
        elif kind in (T.ACTION, T.HOOK, T.PAYWALL):
            for line in element.text.split("\n"):
                if line.strip():
                    seconds = spoken_seconds(line.lstrip("△"), voice, ACTION_SPEED[fmt])
                    action += max(ACTION_FLOOR, seconds)
                    lines += 1
        elif kind in (T.SUBTITLE, T.BLACK_SCREEN, T.INSERT, T.CENTERED):
            cards += CARD_SECONDS
    cuts = CUT_SECONDS * len(episode.scenes)
    total = speech + action + cards + cuts + LINE_GAP * lines
    return {
        "seconds": round(total, 1),
        "speech": round(speech, 1),
        "action": round(action, 1),
        "cards_cuts_and_gaps": round(cards + cuts + LINE_GAP * lines, 1),
    }


def main() -> int:
    timings = []
    for path, fmt, numbers in SOURCES:
        doc = parse((ROOT / path).read_text(encoding="utf-8"), fmt)
        for episode in doc.episodes:
            if episode.number in numbers:
                timings.append({"source": path, "format": fmt, "episode": episode.number,
                                **time_episode(episode, fmt)})  # fmt: skip
    espeak = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True)
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(
        json.dumps(
            {
                "method": __doc__.split("\n\n")[1].replace("\n", " "),
                "espeak_ng": espeak.stdout.strip(),
                "speeds": {"speech": SPEECH_SPEED, "action": ACTION_SPEED},
                "episodes": timings,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(json.dumps(timings, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
