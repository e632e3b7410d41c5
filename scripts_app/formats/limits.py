"""How much text an imported file may hold, counted while it is read.

A 10 MB Word file can hold 700,000 empty paragraphs; parsing those holds a worker for
many seconds before any length check would refuse the script. Readers count lines and
characters as they go and stop at the limit, before anything parses the script.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import TooMuchText

# A 100-episode series is ~60,000 characters in ~5,000 lines; the character limit is the
# workspace's own (scripts_app.text.MAX_SCRIPT_CHARS).
MAX_LINES = 100_000
MAX_CHARS = 1_500_000


@dataclass(slots=True)
class TextBudget:
    """Counts lines and characters; raises :class:`TooMuchText` once either is over."""

    lines: int = 0
    chars: int = 0

    def add(self, *, lines: int = 0, chars: int = 0) -> None:
        self.lines += lines
        self.chars += chars
        if self.lines > MAX_LINES or self.chars > MAX_CHARS:
            raise TooMuchText(
                f"{self.lines} lines, {self.chars} characters so far",
                limit_lines=f"{MAX_LINES:,}",
                limit_chars=f"{MAX_CHARS:,}",
            )
