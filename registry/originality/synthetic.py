"""Generated scripts for the originality tests and benchmark: Chinese short-drama text
whose characters follow a Zipf-like frequency (so unrelated scripts share some stock
shingles, as real ones do), and planted copies with light edits.

Nothing here is used by the site itself.
"""

from __future__ import annotations

import random

import numpy as np

# 3,000 CJK characters; the first ones are drawn far more often than the last.
ALPHABET = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
_WEIGHTS = 1.0 / np.arange(1, len(ALPHABET) + 1) ** 0.9
_WEIGHTS /= _WEIGHTS.sum()
_CUMULATIVE = np.cumsum(_WEIGHTS).tolist()
PLACES = ["客厅", "办公室", "医院走廊", "法院门口", "老街茶馆", "出租屋", "天台", "派出所"]
PUNCTUATION = "，。！？……"


def sentence(rng: random.Random, low: int = 8, high: int = 30) -> str:
    chars = rng.choices(ALPHABET, cum_weights=_CUMULATIVE, k=rng.randint(low, high))
    for _ in range(len(chars) // 10):
        chars.insert(rng.randrange(1, len(chars)), rng.choice("，、"))
    return "".join(chars) + rng.choice("。！？")


def name(rng: random.Random) -> str:
    return "".join(rng.choices(ALPHABET[200:], k=rng.choice((2, 3))))


def make_script(rng: random.Random, *, episodes: int = 10, scenes: int = 3, lines: int = 8) -> str:
    """A script in the Chinese short-drama convention (第N集, N-M 日 内 地点, 人物：, △)."""
    cast = [name(rng) for _ in range(4)]
    out = [f"《{name(rng)}{name(rng)}》", ""]
    for episode in range(1, episodes + 1):
        out.append(f"第{episode}集")
        for scene in range(1, scenes + 1):
            out.append(
                f"{episode}-{scene} {rng.choice('日夜')} {rng.choice('内外')} {rng.choice(PLACES)}"
            )
            out.append("人物：" + "、".join(rng.sample(cast, 2)))
            for _ in range(lines):
                if rng.random() < 0.35:
                    out.append("△" + sentence(rng))
                else:
                    out.append(f"{rng.choice(cast)}：{sentence(rng)}")
        out.append(f"【卡点】{sentence(rng)}")
        out.append("")
    return "\n".join(out)


def story_line_numbers(text: str) -> list[int]:
    """0-based indexes of the lines that are story (action or dialogue), not layout."""
    return [
        index
        for index, line in enumerate(text.split("\n"))
        if line.startswith("△") or ("：" in line and not line.startswith("人物"))
    ]


def light_edits(lines: list[str], rng: random.Random) -> list[str]:
    """Punctuation changed, one name replaced throughout, two neighbouring lines swapped."""
    edited = [line.replace("，", " ").replace("。", "！") for line in lines]
    speakers = [line.split("：", 1)[0] for line in edited if "：" in line]
    if speakers:
        old = rng.choice(speakers)
        new = name(rng)
        edited = [line.replace(old, new) for line in edited]
    if len(edited) > 3:
        at = rng.randrange(len(edited) - 1)
        edited[at], edited[at + 1] = edited[at + 1], edited[at]
    return edited


def plant(source: str, target: str, fraction: float, rng: random.Random) -> tuple[str, int]:
    """Paste `fraction` of the source's story lines (one contiguous passage, lightly edited)
    into the target after one of its story lines. Returns the new target and how many
    lines were pasted."""
    story = story_line_numbers(source)
    count = max(3, int(len(story) * fraction))
    start = rng.randrange(0, max(1, len(story) - count))
    source_lines = source.split("\n")
    passage = [source_lines[i] for i in story[start : start + count]]
    target_lines = target.split("\n")
    at = rng.choice(story_line_numbers(target) or [len(target_lines) - 1]) + 1
    pasted = light_edits(passage, rng)
    return "\n".join(target_lines[:at] + pasted + target_lines[at:]), len(pasted)


def token_ids(rng: np.random.Generator, count: int) -> np.ndarray:
    """`count` CJK code points drawn with the same frequencies, for bulk corpora that skip
    the text and the parser (the benchmark's 100,000 indexed series)."""
    picks = np.searchsorted(np.asarray(_CUMULATIVE), rng.random(count))
    picks = np.minimum(picks, len(ALPHABET) - 1)
    return (0x4E00 + picks).astype(np.uint32)
