"""Find where a quoted line of an older revision stands in a newer text."""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache

# Found lines are kept as long as a rendered screenplay (scripts_app.screenplay).
CACHE_SECONDS = 7 * 24 * 3600


class LineLocator:
    """Where the lines quoted by a page's anchors stand in a text, found once for all of them.

    A page places every comment or note of a series on the text it shows. Indexing every
    line of a 100-episode script (about 4,000 lines stripped and hashed, 2 ms a request)
    cost far more than finding the few dozen quoted lines: here each anchor is searched
    for with `str.find` and its line numbers counted in one pass over the text, so the
    cost follows the anchors and their occurrences. `cached` keeps what was found for
    a saved text, so a page that shows the same notes again needs neither the search nor
    the text.

    A line matches an anchor when the line, stripped, equals the anchor, stripped (the
    text is split into lines at "\\n" only, as the pages number them). `text` is the text,
    or a function that reads it, called once, when an anchor must be searched for.
    """

    def __init__(self, text: str | Callable[[], str], anchors: Iterable[str] = ()) -> None:
        self._text = text
        self._where: dict[str, list[int]] = {}
        self._find(anchors)

    @classmethod
    def cached(cls, name: str, anchors: Iterable[str], text: Callable[[], str]) -> "LineLocator":
        """A locator of `anchors` in the text that `name` names for good (the hash of a saved
        revision's text, and of whatever else shaped the text searched, such as blanking),
        with what it found kept in the cache under that name and the anchors: `text()` is
        read only when they are not there."""
        wanted = sorted({anchor.strip() for anchor in anchors} - {""})
        digest = hashlib.sha256("\0".join(wanted).encode("utf-8")).hexdigest()
        key = f"line-locator:v1:{name}:{digest}"
        where = cache.get(key)
        locator = cls(text)
        if where is None:
            locator._find(wanted)
            cache.set(key, locator._where, CACHE_SECONDS)
        else:
            locator._where = where
        return locator

    def _find(self, anchors: Iterable[str]) -> None:
        wanted = {anchor.strip() for anchor in anchors} - self._where.keys() - {""}
        if not wanted:
            return
        if callable(self._text):
            self._text = self._text()
        text = self._text
        # (offset of the matching line's start, anchor), for every matching line.
        hits: list[tuple[int, str]] = []
        for anchor in wanted:
            self._where[anchor] = []
            if "\n" in anchor:  # no line holds a line break
                continue
            size = len(anchor)
            at = text.find(anchor)
            while at != -1:
                start = text.rfind("\n", 0, at) + 1
                end = text.find("\n", at + size)
                if end == -1:
                    end = len(text)
                # The anchor is stripped, so at most one place in a line can match: the
                # line's first non-space character, with nothing but spaces after it.
                if not text[start:at].strip() and not text[at + size : end].strip():
                    hits.append((start, anchor))
                at = text.find(anchor, at + 1)
        hits.sort()
        line, counted = 1, 0
        for start, anchor in hits:
            line += text.count("\n", counted, start)
            counted = start
            self._where[anchor].append(line)

    def locate(self, anchor: str, hint: int) -> int | None:
        """1-based line number of `anchor`, nearest to `hint`; None if it is gone."""
        anchor = anchor.strip()
        if not anchor:
            return None
        if anchor not in self._where:
            self._find([anchor])
        matches = self._where[anchor]
        if not matches:
            return None
        return min(matches, key=lambda line: (abs(line - hint), line))


def locate(text: str, anchor: str, hint: int) -> int | None:
    """1-based line number of `anchor` in `text`, nearest to `hint`; None if it is gone."""
    return LineLocator(text, [anchor]).locate(anchor, hint)
