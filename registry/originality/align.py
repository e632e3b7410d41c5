"""Exact verification of a candidate: the passages two texts share, aligned.

MinHash only estimates; before a match is shown its passages are found exactly. Every
shingle the two texts have in common is a seed (position in each text); seeds on the same
diagonal with small gaps form runs (the longest common substrings over the shingles), and
runs close to each other in both texts are joined into one passage, so a changed name or a
changed comma does not split a copied scene. Lines moved elsewhere make passages of their
own. Token positions map back to episode and line numbers on both sides.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from registry.originality.shingling import STRIDE, WINDOW, Tokens, shingle_hashes

# A shingle that occurs more often than this in the other text is a stock phrase, not a seed.
MAX_POSITIONS = 4
# Tokens of unmatched text a passage may bridge (a changed name, a rewritten clause).
GAP = 12
# A passage shorter than this many matched shingles is coincidence, not copying.
MIN_SHINGLES = 12


@dataclass(frozen=True, slots=True)
class Side:
    episode: int
    line_from: int
    line_to: int


@dataclass(frozen=True, slots=True)
class Passage:
    ours: Side
    theirs: Side
    shingles: int  # matched shingles in the passage
    tokens: int  # tokens of the checked text it covers


def _side(tokens: Tokens, start: int, end: int) -> Side:
    return Side(
        episode=int(tokens.episodes[start]),
        line_from=int(tokens.lines[start]),
        line_to=int(tokens.lines[end - 1]),
    )


def shared_passages(ours: Tokens, theirs: Tokens) -> list[Passage]:
    """The aligned passages of `ours` found in `theirs`, in the order of `ours`."""
    if ours.k != theirs.k:
        return []
    k = ours.k
    ha = shingle_hashes(ours.ids, k)
    hb = shingle_hashes(theirs.ids, k)
    common = np.intersect1d(ha, hb)
    if len(common) == 0:
        return []
    positions: dict[int, list[int]] = defaultdict(list)
    for j in np.nonzero(np.isin(hb, common))[0].tolist():
        positions[int(hb[j])].append(j)
    seeds: list[tuple[int, int]] = []
    for i in np.nonzero(np.isin(ha, common))[0].tolist():
        found = positions[int(ha[i])]
        if len(found) <= MAX_POSITIONS:
            seeds.extend((i, j) for j in found)
    # Runs: seeds on one diagonal (j - i) whose positions follow with small gaps.
    seeds.sort(key=lambda seed: (seed[1] - seed[0], seed[0]))
    runs: list[list[int]] = []  # [a_start, a_last, b_start, b_last, count]
    for i, j in seeds:
        last = runs[-1] if runs else None
        if last and last[3] - last[1] == j - i and i - last[1] <= GAP:
            last[1], last[3], last[4] = i, j, last[4] + 1
        else:
            runs.append([i, i, j, j, 1])
    # Passages: runs that follow each other closely in both texts.
    runs.sort()
    passages: list[list[int]] = []
    for run in runs:
        last = passages[-1] if passages else None
        if last and -k <= run[0] - last[1] <= GAP + k and -k <= run[2] - last[3] <= GAP + k:
            last[1] = max(last[1], run[1])
            last[3] = max(last[3], run[3])
            last[4] += run[4]
        else:
            passages.append(list(run))
    found_passages = []
    for a0, a1, b0, b1, count in passages:
        if count < MIN_SHINGLES:
            continue
        a_end, b_end = a1 + k, b1 + k
        found_passages.append(
            Passage(
                ours=_side(ours, a0, a_end),
                theirs=_side(theirs, b0, b_end),
                shingles=count,
                tokens=a_end - a0,
            )
        )
    return found_passages


def exact_window_jaccard(ours: Tokens, our_window: int, theirs: Tokens, their_window: int) -> float:
    """The exact Jaccard similarity of two windows' shingle sets."""
    if ours.k != theirs.k:
        return 0.0
    ha = shingle_hashes(ours.ids, ours.k)
    hb = shingle_hashes(theirs.ids, theirs.k)
    a = set(ha[our_window * STRIDE : our_window * STRIDE + WINDOW].tolist())
    b = set(hb[their_window * STRIDE : their_window * STRIDE + WINDOW].tolist())
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def source_lines(text: str, line_from: int, line_to: int) -> str:
    """Lines `line_from`..`line_to` (1-based, inclusive) of a text, as written."""
    lines = text.splitlines()
    return "\n".join(lines[max(0, line_from - 1) : max(0, line_to)])
