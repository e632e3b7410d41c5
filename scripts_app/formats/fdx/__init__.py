"""Final Draft XML (``.fdx``): write a document, read a file back as Fountain text.

Mapping (both directions; see docs/import-export.md):

* Episodes are ``New Act`` paragraphs (``Episode 3: Title`` / ``第3集：标题``); scene
  headings carry their number in ``Number``; a Fountain page break sets
  ``StartsNewPage`` on the next paragraph; centered text is a centered ``Action``.
* Constructs Final Draft has no element for (notes, synopses, sections, lyrics, the
  Chinese 【…】 markers) travel as ``General`` paragraphs holding their Fountain markup,
  which the reader parses back. Fountain emphasis becomes styled ``Text`` runs.
* Reading: ``Shot`` and ``Cast List`` become action; unknown types become action with
  a warning; the title page is read by position (centered: title, credit, author;
  bottom: ``Key: value`` lines, dates, contact lines).

Reading builds a :class:`~scripts_app.document.Document` and renders it, so the text
returned always parses back to what the file holds (the renderer's guarantee).
"""

from __future__ import annotations

from .read import read_fdx
from .write import write_fdx

__all__ = ["read_fdx", "write_fdx"]
