"""Format auto-detection: score the first lines for each format's distinctive syntax.

Each line that only one format would write adds points to that format (weights below);
the higher total wins. A tie, including text with no signal at all, goes to ``zh`` when
at least a fifth of the letters are CJK, else to ``fountain``. The scores are returned
by :func:`detect_scores` so callers can show why.
"""

from __future__ import annotations

import re

from . import fountain, zh

MAX_LINES = 2000  # enough to decide; a 100-episode script is decided in its opening

_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_TITLE_KEYS = ("title:", "credit:", "author:", "authors:", "source:", "draft date:", "contact:")

# (weight, format) per kind of line.
WEIGHTS = {
    "zh_episode": 6,  # 第1集
    "zh_scene": 4,  # 1-1 日 内 地点
    "zh_cast": 3,  # 人物：
    "zh_action": 2,  # △ / ▲
    "zh_marker": 1,  # 【字幕：…】
    "zh_dialogue": 1,  # 角色：台词 (full-width colon)
    "fountain_title_page": 6,  # Title: on the first line
    "fountain_episode": 6,  # # Episode 1
    "fountain_heading": 4,  # INT. / EXT.
    "fountain_cue": 2,  # an uppercase or @ cue with dialogue after it
    "fountain_transition": 2,  # CUT TO: / > …
    "fountain_markup": 1,  # [[notes]], /* boneyard */, ~lyrics, ===, = synopsis, .forced
}


def detect_scores(text: str) -> dict[str, int]:
    """Points for ``"fountain"`` and ``"zh"`` from the first :data:`MAX_LINES` lines."""
    lines = zh.split_lines(text)[:MAX_LINES]
    scores = {"fountain": 0, "zh": 0}
    if lines and lines[0].strip().lower().startswith(_TITLE_KEYS):
        scores["fountain"] += WEIGHTS["fountain_title_page"]
    for index, raw in enumerate(lines):
        s = zh.prepare_line(raw)
        if not s:
            continue
        kind = _line_kind(s, lines, index)
        if kind:
            scores[kind.split("_", 1)[0]] += WEIGHTS[kind]
    return scores


def _line_kind(s: str, lines: list[str], index: int) -> str | None:
    first = s[0]
    if first in "△▲":
        return "zh_action"
    if first == "【":
        return "zh_marker"
    if first in "第#" and zh.episode_heading(s):
        return "zh_episode"
    if first == "#":
        # Markdown headings of a Chinese script: "## 1-1 日 内 客厅", "## 大纲".
        if zh.scene_heading(s):
            return "zh_scene"
        if zh.HEADER_RE.fullmatch(s):
            return "zh_marker"
        text = s.lstrip("#").strip()
        return "fountain_episode" if fountain.episode_section(text) else "fountain_markup"
    if first.isdigit() and zh.scene_heading(s):
        return "zh_scene"
    if s.startswith(("人物：", "人物:", "出场人物")):
        return "zh_cast"
    if fountain.is_heading(s) and first != ".":
        return "fountain_heading"
    if s.startswith(("[[", "/*", "~", "===", "= ", ">")) or (s[:1] == "." and s[1:2].isalnum()):
        return "fountain_transition" if first == ">" else "fountain_markup"
    if s.endswith("TO:") and s.isupper():
        return "fountain_transition"
    if _reads_as_chinese_speech(s):
        return "zh_dialogue"
    nxt = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if nxt and fountain.parse_cue(lines[index], s) and (first == "@" or _LETTER_RE.search(s)):
        previous = lines[index - 1].strip() if index else ""
        if not previous:
            return "fountain_cue"
    return None


def _reads_as_chinese_speech(s: str) -> bool:
    """``角色：台词`` with a full-width colon, or a half-width one after a Chinese name."""
    head = s[: zh.MAX_SPEAKER_LENGTH + 1]
    if "：" in head:
        return _CJK_RE.search(s) is not None
    colon = head.find(":")
    return colon > 0 and _CJK_RE.search(head[:colon]) is not None


def detect_format(text: str) -> str:
    """``"fountain"`` or ``"zh"`` (see the module docstring for the rule)."""
    scores = detect_scores(text)
    if scores["fountain"] != scores["zh"]:
        return "fountain" if scores["fountain"] > scores["zh"] else "zh"
    sample = text[:20000]
    letters = len(_LETTER_RE.findall(sample))
    return "zh" if letters and len(_CJK_RE.findall(sample)) * 5 >= letters else "fountain"
