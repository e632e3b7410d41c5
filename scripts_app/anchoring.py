"""Find where a quoted line of an older revision stands in a newer text."""

from collections import defaultdict


class LineLocator:
    """Where each line of a text stands, built once for all the anchors placed on it.

    A page places every comment or note of a series on the text it shows; looking each
    anchor up in an index costs one pass over the text in all, not one per anchor.
    """

    def __init__(self, lines: list[str]) -> None:
        self._where: dict[str, list[int]] = defaultdict(list)
        for number, line in enumerate(lines, start=1):
            self._where[line.strip()].append(number)

    def locate(self, anchor: str, hint: int) -> int | None:
        """1-based line number of `anchor`, nearest to `hint`; None if it is gone."""
        anchor = anchor.strip()
        if not anchor:
            return None
        matches = self._where.get(anchor)
        if not matches:
            return None
        return min(matches, key=lambda line: (abs(line - hint), line))


def locate(lines: list[str], anchor: str, hint: int) -> int | None:
    """1-based line number of `anchor` in `lines`, nearest to `hint`; None if it is gone."""
    return LineLocator(lines).locate(anchor, hint)
