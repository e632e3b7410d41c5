"""From a script to shingles and MinHash signatures.

A script is parsed (`scripts_app.document.parse`) and only what a writer wrote as story
is kept: action, dialogue, inserts, subtitles, hooks, lyrics. Scene headings (日/夜/内/外,
INT./EXT.), cast lines (人物：), character cues, parentheticals, transitions, notes and
markers are left out, and so are the cue words and the △ that lead a line, so two scripts
never match on layout alone. What remains is folded (NFKC, lower case) into *tokens*: each
CJK character is a token, each run of Latin letters or digits is a word token;
punctuation and white space are dropped (a changed comma changes nothing).

A *shingle* is `k` consecutive tokens: `CJK_K` characters for Chinese, `WORD_K` words for
English (chosen per text by which tokens dominate). Each shingle is hashed to 32 bits.

Partial copies are the point (a passage of a few episodes pasted into another series), so
a text is not one set: its shingles are cut into *windows* of `WINDOW` shingles that
overlap by half (`STRIDE`), and each window has its own MinHash signature of `NUM_PERM`
values (datasketch's "affine32" permutations, computed with numpy for all windows at once).
Two windows' signatures agree in about the share of positions that equals their Jaccard
similarity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from scripts_app.document import ElementType, parse

CJK_K = 6
WORD_K = 4
WINDOW = 200
STRIDE = WINDOW // 2
NUM_PERM = 128
SEED = 1

_KEEP = frozenset(
    {
        ElementType.ACTION,
        ElementType.DIALOGUE,
        ElementType.LYRIC,
        ElementType.CENTERED,
        ElementType.SUBTITLE,
        ElementType.INSERT,
        ElementType.HOOK,
        ElementType.SYNOPSIS,
    }
)
# Cue and marker words a line may still begin with (when the parser kept them in the text).
_LEADING_BOILERPLATE = re.compile(
    r"^\s*(?:[△▲]|(?:OS|VO|V\.O\.|O\.S\.|画外音|旁白|字幕|闪回|插入|黑屏|卡点|付费点)\s*[:：]?)+",
    re.IGNORECASE,
)
_MARKERS = re.compile(r"[【\[](?:卡点|付费点|钩子|悬念|闪回|闪回结束|黑屏|切)[】\]]")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_U32 = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text's tokens, and for each the episode and source line it came from."""

    ids: np.ndarray  # uint32, one per token
    lines: np.ndarray  # int32 source line of each token
    episodes: np.ndarray  # int32 episode number of each token
    words: bool  # word tokens (English) rather than characters

    @property
    def k(self) -> int:
        return WORD_K if self.words else CJK_K

    def __len__(self) -> int:
        return len(self.ids)


def story_lines(text: str, fmt: str = "auto") -> list[tuple[int, int, str]]:
    """(episode, line, text) of every line of story in the script, boilerplate removed."""
    doc = parse(text, fmt if fmt in ("fountain", "zh") else "auto")
    found: list[tuple[int, int, str]] = []
    for episode in doc.episodes:
        for element in episode.iter_elements():
            if element.type not in _KEEP:
                continue
            for offset, line in enumerate(element.text.split("\n")):
                line = _MARKERS.sub(" ", _LEADING_BOILERPLATE.sub("", line))
                if line.strip():
                    found.append((episode.number, element.line + offset, line))
    return found


def _word_id(word: str) -> int:
    # Word ids live above the CJK code points (bit 31 set), so the two never collide.
    digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "little") | 0x8000_0000


def tokenize(lines: list[tuple[int, int, str]]) -> Tokens:
    """Fold and split story lines into tokens (see the module's docstring)."""
    ids: list[int] = []
    line_of: list[int] = []
    episode_of: list[int] = []
    cjk = words = 0
    cache: dict[str, int] = {}
    for episode, line, text in lines:
        folded = unicodedata.normalize("NFKC", text).lower()
        for match in _TOKEN.finditer(folded):
            token = match.group()
            if _CJK.fullmatch(token):
                ids.append(ord(token))
                cjk += 1
            else:
                token_id = cache.get(token)
                if token_id is None:
                    token_id = cache[token] = _word_id(token)
                ids.append(token_id)
                words += 1
            line_of.append(line)
            episode_of.append(episode)
    return Tokens(
        ids=np.asarray(ids, dtype=np.uint32),
        lines=np.asarray(line_of, dtype=np.int32),
        episodes=np.asarray(episode_of, dtype=np.int32),
        words=words > cjk,
    )


def text_tokens(text: str, fmt: str = "auto") -> Tokens:
    return tokenize(story_lines(text, fmt))


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads structured values over all 32 bits."""
    h = values.astype(np.uint32, copy=True)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def shingle_hashes(ids: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of every run of `k` consecutive token ids (len(ids) - k + 1 of them)."""
    n = len(ids) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    mixed = _fmix32(ids).astype(np.uint64)
    acc = np.zeros(n, dtype=np.uint64)
    multiplier = np.uint64(0x9E3779B97F4A7C15)
    for offset in range(k):
        acc = acc * multiplier + mixed[offset : offset + n]
    return _fmix32((acc ^ (acc >> np.uint64(32))) & np.uint64(_U32))


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
_A = _PERMUTATIONS[0].astype(np.uint32)[:, None]
_B = _PERMUTATIONS[1].astype(np.uint32)[:, None]


def window_count(shingles: int) -> int:
    """How many windows a text of this many shingles has (a short text has one)."""
    if shingles <= 0:
        return 0
    if shingles <= WINDOW:
        return 1
    return (shingles - WINDOW + STRIDE - 1) // STRIDE + 1


def window_signatures(hashes: np.ndarray) -> np.ndarray:
    """MinHash signatures of the overlapping windows: shape (windows, NUM_PERM), uint32.

    Window w covers shingles [w * STRIDE, w * STRIDE + WINDOW). The minimum of each
    half-window block is taken once and a window's signature is the minimum of its two
    blocks, so the cost is one pass over the shingles per permutation.
    """
    n = len(hashes)
    windows = window_count(n)
    if windows == 0:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    permuted = _A * hashes.astype(np.uint32)[None, :] + _B  # wraps mod 2**32: affine32
    starts = np.arange(0, n, STRIDE)
    blocks = np.minimum.reduceat(permuted, starts, axis=1).T  # (blocks, NUM_PERM)
    if windows == 1 or len(blocks) == 1:
        first = blocks[: max(1, min(len(blocks), WINDOW // STRIDE))].min(axis=0)
        return first[None, :].copy()
    signatures = np.minimum(blocks[:-1], blocks[1:])[:windows]
    return np.ascontiguousarray(signatures)


@dataclass(frozen=True, slots=True)
class Fingerprinted:
    signatures: np.ndarray  # (windows, NUM_PERM) uint32
    shingles: int  # distinct shingles in the text
    tokens: Tokens


def fingerprint_text(text: str, fmt: str = "auto") -> Fingerprinted:
    tokens = text_tokens(text, fmt)
    hashes = shingle_hashes(tokens.ids, tokens.k)
    return Fingerprinted(
        signatures=window_signatures(hashes),
        shingles=int(len(np.unique(hashes))),
        tokens=tokens,
    )


def signature_bytes(signatures: np.ndarray) -> bytes:
    return np.ascontiguousarray(signatures, dtype="<u4").tobytes()


def signature_array(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4").reshape(-1, NUM_PERM)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity estimated from two signatures (the share of equal values)."""
    return float(np.mean(a == b))
