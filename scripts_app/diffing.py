"""Compare two revisions the way a writer reads a change: episode by episode.

Episodes whose chunk is identical are skipped without looking inside. Within a
changed episode lines are matched with difflib; a changed line is compared again
character by character for Chinese and word by word for English. The result is
plain data (segments of text tagged equal/insert/delete): templates escape it.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from scripts_app.document import Document, parse
from scripts_app.text import split_chunks

CONTEXT_LINES = 2
_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")
PREMATTER = 0


@dataclass(slots=True)
class Segment:
    kind: str  # "equal", "insert", "delete"
    text: str


@dataclass(slots=True)
class Row:
    """One line of the side-by-side view; `kind` is equal, insert, delete, change or skip."""

    kind: str
    left_line: int | None = None
    right_line: int | None = None
    left: list[Segment] = field(default_factory=list)
    right: list[Segment] = field(default_factory=list)
    skipped: int = 0

    @property
    def inline(self) -> list[Segment]:
        """Deletions and insertions interleaved in reading order, for the inline view."""
        if self.kind != "change":
            return self.right or self.left
        merged, left, right = [], list(self.left), list(self.right)
        while left or right:
            if left and left[0].kind == "delete":
                merged.append(left.pop(0))
            elif right and right[0].kind == "insert":
                merged.append(right.pop(0))
            else:  # both sides are at the same unchanged stretch
                merged.append(right.pop(0) if right else left.pop(0))
                if left and left[0].kind == "equal":
                    left.pop(0)
        return merged


@dataclass(slots=True)
class EpisodeDiff:
    number: int
    title: str
    status: str  # "added", "removed", "changed"
    rows: list[Row]
    # 0 for an episode number's first appearance; 1, 2 … for the repeats of a number that
    # the script uses more than once (the parser warns): each is compared with the same
    # repeat on the other side.
    repeat: int = 0
    lines_added: int = 0
    lines_removed: int = 0
    lines_changed: int = 0
    scenes_added: list[str] = field(default_factory=list)
    scenes_removed: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RevisionDiff:
    episodes: list[EpisodeDiff]
    unchanged_episodes: int

    @property
    def summary(self) -> dict[str, int]:
        return {
            "episodes_changed": sum(e.status == "changed" for e in self.episodes),
            "episodes_added": sum(e.status == "added" for e in self.episodes),
            "episodes_removed": sum(e.status == "removed" for e in self.episodes),
            "episodes_unchanged": self.unchanged_episodes,
            "scenes_added": sum(len(e.scenes_added) for e in self.episodes),
            "scenes_removed": sum(len(e.scenes_removed) for e in self.episodes),
            "lines_added": sum(e.lines_added for e in self.episodes),
            "lines_removed": sum(e.lines_removed for e in self.episodes),
            "lines_changed": sum(e.lines_changed for e in self.episodes),
        }


@dataclass(slots=True)
class _Part:
    number: int
    title: str
    text: str
    first_line: int
    scenes: list[str]


def _parts(text: str, doc: Document) -> dict[tuple[int, int], _Part]:
    """The text's parts keyed by (episode number, repeat): an episode number written twice
    (a warning in the parser) keeps both texts, and each is compared with the same
    repeat of the other revision. Gaps in the numbering need nothing special."""
    chunks = split_chunks(text, doc)
    offset = len(chunks) - len(doc.episodes)
    parts: dict[tuple[int, int], _Part] = {}
    seen: dict[int, int] = {}
    line = 1
    for index, chunk in enumerate(chunks):
        episode_index = index - offset
        if episode_index < 0:
            parts[(PREMATTER, 0)] = _Part(PREMATTER, "", chunk, line, [])
        else:
            episode = doc.episodes[episode_index]
            scenes = [scene.heading for scene in episode.scenes]
            repeat = seen.get(episode.number, 0)
            seen[episode.number] = repeat + 1
            parts[(episode.number, repeat)] = _Part(
                episode.number, episode.title or "", chunk, line, scenes
            )
        line += chunk.count("\n")
    return parts


def _tokens(line: str) -> list[str]:
    return list(line) if _CJK.search(line) else _WORDS.findall(line)


def _inline(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    a, b = _tokens(old), _tokens(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(Segment("equal", "".join(a[i1:i2])))
            right.append(Segment("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Segment("insert", "".join(b[j1:j2])))
    return left, right


def _rows(old: _Part | None, new: _Part | None) -> tuple[list[Row], int, int, int]:
    a = old.text.split("\n") if old else []
    b = new.text.split("\n") if new else []
    a_start = old.first_line if old else 0
    b_start = new.first_line if new else 0
    rows: list[Row] = []
    added = removed = changed = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            span = i2 - i1
            keep = list(range(i1, i2))
            if span > 2 * CONTEXT_LINES + 1:
                head = keep[:CONTEXT_LINES] if rows else []
                tail = keep[-CONTEXT_LINES:] if i2 < len(a) else []
                skipped = span - len(head) - len(tail)
                keep = head + [-1] + tail
            for i in keep:
                if i == -1:
                    rows.append(Row("skip", skipped=skipped))
                    continue
                j = j1 + (i - i1)
                rows.append(
                    Row(
                        "equal",
                        a_start + i,
                        b_start + j,
                        [Segment("equal", a[i])],
                        [Segment("equal", b[j])],
                    )
                )
        elif op == "replace":
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                left, right = _inline(a[i1 + k], b[j1 + k])
                rows.append(Row("change", a_start + i1 + k, b_start + j1 + k, left, right))
            changed += pairs
            for i in range(i1 + pairs, i2):
                rows.append(Row("delete", left_line=a_start + i, left=[Segment("delete", a[i])]))
            for j in range(j1 + pairs, j2):
                rows.append(Row("insert", right_line=b_start + j, right=[Segment("insert", b[j])]))
            removed += (i2 - i1) - pairs
            added += (j2 - j1) - pairs
        elif op == "delete":
            rows.extend(
                Row("delete", left_line=a_start + i, left=[Segment("delete", a[i])])
                for i in range(i1, i2)
            )
            removed += i2 - i1
        elif op == "insert":
            rows.extend(
                Row("insert", right_line=b_start + j, right=[Segment("insert", b[j])])
                for j in range(j1, j2)
            )
            added += j2 - j1
    return rows, added, removed, changed


def diff_texts(old_text: str, new_text: str, fmt: str) -> RevisionDiff:
    old_parts = _parts(old_text, parse(old_text, fmt))
    new_parts = _parts(new_text, parse(new_text, fmt))
    episodes, unchanged = [], 0
    for key in sorted(set(old_parts) | set(new_parts)):
        number, repeat = key
        old, new = old_parts.get(key), new_parts.get(key)
        if old and new and old.text == new.text:
            unchanged += number != PREMATTER
            continue
        rows, added, removed, changed = _rows(old, new)
        status = "added" if old is None else "removed" if new is None else "changed"
        old_scenes, new_scenes = (old.scenes if old else []), (new.scenes if new else [])
        episodes.append(
            EpisodeDiff(
                number=number,
                title=(new or old).title,
                status=status,
                rows=rows,
                lines_added=added,
                lines_removed=removed,
                lines_changed=changed,
                scenes_added=[s for s in new_scenes if s not in old_scenes],
                scenes_removed=[s for s in old_scenes if s not in new_scenes],
                repeat=repeat,
            )
        )
    return RevisionDiff(episodes=episodes, unchanged_episodes=unchanged)
