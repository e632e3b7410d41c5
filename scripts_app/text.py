"""The stored form of a script's text, and how it is cut into chunks.

Text is stored canonical: LF line endings and no byte-order marks, the same
normalisation the parser applies, so the parser's 1-based line numbers index the
stored lines directly. Everything else the writer typed is kept exactly.
"""

import hashlib

from scripts_app.document import Document

MAX_SCRIPT_CHARS = 1_500_000  # a 100-episode series is ~60,000 characters


def normalise_text(text: str) -> str:
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
