"""The stored form of a script's text, and how it is cut into chunks.

Text is stored canonical: LF line endings, no byte-order marks and no control
characters (the parser applies the same line-ending normalisation, so its 1-based line
numbers index the stored lines directly). Everything else the writer typed is kept exactly.
"""

import hashlib
import re

from scripts_app.document import Document

MAX_SCRIPT_CHARS = 1_500_000  # a 100-episode series is ~60,000 characters
# ...in ~5,000 lines. Parsing costs by the line: 750,000 one-character lines fit in the
# character limit and would hold a worker for many seconds per parse.
MAX_SCRIPT_LINES = 100_000


def too_many_lines(text: str) -> bool:
    return text.count("\n") >= MAX_SCRIPT_LINES


# Control characters other than tab and line feed (C0, DEL, C1), lone surrogates and the
# non-characters U+FFFE/U+FFFF: invisible in a script, refused by XML (so by Word and Final
# Draft files), by PostgreSQL (NUL) and by UTF-8 (surrogates).
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_control_characters(text: str) -> str:
    """The text without control characters; tab and line feed are kept."""
    return CONTROL_CHARACTERS_RE.sub("", text)


def normalise_text(text: str) -> str:
    """The stored form of a script's text (see the module docstring)."""
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    # Carriage returns become line feeds before control characters are removed.
    return strip_control_characters(text.replace("\r\n", "\n").replace("\r", "\n"))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_chunks(text: str, doc: Document) -> list[str]:
    """Cut the text before each episode heading: pre-matter first, then one chunk per episode.

    Joining the chunks gives back the text exactly. A text without episode headings is
    a single chunk.
    """
    lines = text.split("\n")
    starts = sorted(
        {episode.line - 1 for episode in doc.episodes if 1 < episode.line <= len(lines)}
    )
    bounds = [0, *starts, len(lines)]
    chunks = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if end > start:
            chunks.append("\n".join(lines[start:end]))
    # Re-insert the newlines that split() removed between chunks.
    return [chunk + "\n" for chunk in chunks[:-1]] + chunks[-1:]
