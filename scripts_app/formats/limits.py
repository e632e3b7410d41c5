"""How much text an imported file may hold, counted while it is read.

A 10 MB Word file can hold 700,000 empty paragraphs; parsing those holds a worker for
many seconds before any length check would refuse the script. Readers count lines and
characters as they go and stop at the limit, before anything parses the script.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts_app.text import MAX_SCRIPT_CHARS, MAX_SCRIPT_LINES

from .errors import TooMuchText

# The workspace's own limits: a file that could not be saved is not worth parsing.
MAX_LINES = MAX_SCRIPT_LINES
MAX_CHARS = MAX_SCRIPT_CHARS


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
