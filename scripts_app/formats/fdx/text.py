"""Paragraph text both ways: Fountain text ⇄ ``Text`` runs and ``ScriptNote``s.

Fountain emphasis becomes run styles and an inline ``[[note]]`` a ScriptNote where it
sits. Fountain can write the same styled text in more than one way (``\\x`` escapes a
character that needs none, ``_*a*_`` and ``*_a_*`` are one style); when the runs would
read back as other markup than the writer's, the paragraph keeps the writer's text in a
``FountainText`` attribute, which Final Draft ignores and the reader takes only while the
words still match.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element as XmlElement

from scripts_app.document.fountain_inline import plain_text

from .. import markup

# Stands for an inline note while runs are worked out (a Unicode noncharacter, which no
# script holds); the note itself is a ScriptNote at that place among the runs.
NOTE_MARK = "\ufdd0"
FOUNTAIN_TEXT = "FountainText"


def styled_runs(text: str, styled: bool) -> list[markup.Span]:
    """Runs of ``text``, ``\\n`` between its lines, neighbours of one style merged."""
    lines = markup.spans(text) if styled else [[(line, frozenset())] for line in text.split("\n")]
    runs: list[markup.Span] = []
    for index, line in enumerate(lines):
        if index:
            runs.append(("\n", frozenset()))
        runs.extend(line)
    merged: list[markup.Span] = []
    for piece, styles in runs:
        if merged and merged[-1][1] == styles:
            merged[-1] = (merged[-1][0] + piece, styles)
        elif piece:
            merged.append((piece, styles))
    return merged


def paragraph_runs(paragraph: XmlElement, *, styled: bool, notes: bool) -> tuple[str, list[str]]:
    """A paragraph's text and its script notes (when ``notes``).

    Run styles become Fountain emphasis when ``styled``; each note is marked with
    :data:`NOTE_MARK` where it sits among the runs, with the style around it.
    """
    runs: list[markup.Span] = []
    found: list[str] = []
    for child in paragraph:
        if child.tag == "Text":
            text = child.text or ""
            style = set((child.get("Style") or "").split("+"))
            if "AllCaps" in style:
                text = text.upper()
            styles = frozenset(s.lower() for s in style & {"Bold", "Italic", "Underline"})
            runs.append((text, styles))
        elif child.tag == "ScriptNote" and notes:
            found.append("\n".join(_plain(p) for p in child.findall("Paragraph")))
            runs.append((NOTE_MARK, frozenset()))
    for index, (piece, _) in enumerate(runs):
        if piece == NOTE_MARK and 0 < index < len(runs) - 1:
            before, after = runs[index - 1][1], runs[index + 1][1]
            if before == after:
                runs[index] = (NOTE_MARK, before)
    if not styled or not any(styles for _, styles in runs):
        text = "".join(text for text, _ in runs)
    else:
        text = markup.to_fountain(runs)
    written = paragraph.get(FOUNTAIN_TEXT)
    if written is not None and styled and _same_words(written, runs):
        return written, found
    return text, found


def _same_words(written: str, runs: list[markup.Span]) -> bool:
    """Does the writer's Fountain text still print the words the runs hold?"""
    words = "".join(text for text, _ in runs).replace(NOTE_MARK, "")
    return plain_text(written) == words


def with_notes(text: str, notes: list[str]) -> str:
    """Put each note back where its mark is, as a Fountain inline note."""
    for note in notes:
        text = text.replace(NOTE_MARK, f"[[{note}]]", 1)
    return text


def without_marks(text: str) -> str:
    """The text of a paragraph whose notes are kept apart (headings, cues, transitions)."""
    return text.replace(NOTE_MARK, "").strip() if NOTE_MARK in text else text


def _plain(paragraph: XmlElement) -> str:
    return "".join(run.text or "" for run in paragraph.findall("Text"))
