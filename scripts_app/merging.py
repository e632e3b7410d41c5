"""Three-way merge of script texts, line by line (merge3, the diff3 algorithm).

Edits by two writers to different lines merge by themselves; edits to the same or
adjacent lines become a conflict hunk that keeps both versions.
"""

from dataclasses import dataclass, field

import merge3


@dataclass(slots=True)
class Hunk:
    """A stretch of the merged text: agreed lines, or a conflict with both versions."""

    lines: list[str] = field(default_factory=list)
    conflict: bool = False
    base: list[str] = field(default_factory=list)
    ours: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MergeResult:
    hunks: list[Hunk]

    @property
    def conflicts(self) -> list[Hunk]:
        return [hunk for hunk in self.hunks if hunk.conflict]

    @property
    def text(self) -> str:
        """The merged text; only meaningful when there is no conflict."""
        return "".join("".join(hunk.lines) for hunk in self.hunks)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) if text else []


def merge_texts(base: str, ours: str, theirs: str) -> MergeResult:
    hunks: list[Hunk] = []
    for group in merge3.Merge3(_lines(base), _lines(ours), _lines(theirs)).merge_groups():
        kind = group[0]
        if kind == "conflict":
            _, base_lines, our_lines, their_lines = group
            hunks.append(Hunk(conflict=True, base=base_lines, ours=our_lines, theirs=their_lines))
        elif hunks and not hunks[-1].conflict:
            hunks[-1].lines.extend(group[1])
        else:
            hunks.append(Hunk(lines=list(group[1])))
    return MergeResult(hunks=hunks)


def resolve(result: MergeResult, choices: list[str]) -> str:
    """Build the text from one choice per conflict: "ours", "theirs" or "both"."""
    if len(choices) != len(result.conflicts):
        raise ValueError("one choice per conflict is needed")
    parts, picks = [], iter(choices)
    for hunk in result.hunks:
        if not hunk.conflict:
            parts.extend(hunk.lines)
            continue
        choice = next(picks)
        if choice == "ours":
            parts.extend(hunk.ours)
        elif choice == "theirs":
            parts.extend(hunk.theirs)
        elif choice == "both":
            parts.extend(_ending_newline(hunk.ours) + hunk.theirs)
        else:
            raise ValueError(f"unknown choice {choice!r}")
    return "".join(parts)


def _ending_newline(lines: list[str]) -> list[str]:
    # Keeping both sides must not glue the last line of ours to the first of theirs.
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines
