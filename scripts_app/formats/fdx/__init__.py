"""Final Draft XML (``.fdx``): write a document, read a file back as script text.

Mapping (both directions; the table is in docs/import-export.md):

* Episodes are ``New Act`` paragraphs (``Episode 3: Title`` / ``第3集 标题`` as written);
  scene headings carry their number in ``Number``; speeches are ``Character`` (the name
  and its extension: ``(V.O.)``, Chinese ``(OS)``), ``Parenthetical`` (a Chinese
  delivery hint 角色（冷笑）： included) and ``Dialogue``; dual dialogue is a
  ``DualDialogue`` block; a page break sets ``StartsNewPage`` on the next paragraph;
  centered text is a centered ``Action``; Fountain emphasis becomes run styles.
* What Final Draft has no paragraph type for travels in its own extension points, never
  as Fountain markup in the text: custom paragraph types declared in ``ElementSettings``
  (``Section``, ``Synopsis``, ``Lyrics``, ``Cast List``, ``Character Bio``, ``Subtitle``,
  ``Flashback``, ``Insert``, ``Hook``, ``Paywall``…; see :mod:`.vocabulary`) and
  ``ScriptNote`` for the writer's notes, inline ones where they sit.
* The file records its script format (``<ScriptConvention Format="zh"/>``); reading
  prefers it and otherwise detects the format from the text.
* Reading other files: ``Shot`` and unknown types become action (unknown ones with a
  warning), ``General`` paragraphs are read as script markup, other tools' script notes
  are left out; the title page is read by position (centered: title, credit, author;
  bottom: ``Key: value`` lines, dates, contact lines).

Reading builds a :class:`~scripts_app.document.Document` and renders it, so the text
returned always parses back to what the file holds (the renderer's guarantee).
"""

from __future__ import annotations

from .read import FdxText, read_fdx
from .write import write_fdx

__all__ = ["FdxText", "read_fdx", "write_fdx"]
