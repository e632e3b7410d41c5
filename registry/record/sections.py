"""Record sections: how apps above the registry add their part of a person's record.

The registry sits below reviews, courses, the fund and scouting, so it cannot ask them
for their data. Each of them registers a section from its `AppConfig.ready`:

```python
# reviews/apps.py
from registry.record.sections import register_record_section
from reviews.record import review_record

register_record_section("reviews", title=_("Reviews"), provide=review_record)
```

A provider is `provide(user, out) -> dict`: it writes its files with `out.add_json(name,
data)` / `out.add_text(name, text)` (they land in the zip under `<key>/`, are hashed and
listed in the manifest), and returns a small JSON-safe summary that the manifest keeps
under `sections.<key>` (counts, the main file, its schema version). It runs in the export
task, in the user's language, and must:

- include only what this person may see on the site themselves, through the same
  selectors and blindness rules as the app's pages (never a raw queryset of other people's
  rows; never anyone else's e-mail address);
- read in a bounded number of queries per item, and stream large lists as several files
  rather than build one huge object;
- raise on failure (the export then fails visibly and can be started again).

Registering the same key twice replaces the first (so a test or a reload is harmless).
Sections are written in the order they were registered.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from accounts.models import User
from registry.record.writer import SectionWriter, check_path

Provider = Callable[[User, SectionWriter], dict[str, Any]]

# Folders the registry writes itself: a section may not take them.
RESERVED = frozenset({"series", "registry", "schemas", "manifest.json", "README.md"})


@dataclass(frozen=True)
class RecordSection:
    key: str
    title: str | Promise
    provide: Provider


_SECTIONS: dict[str, RecordSection] = {}


def register_record_section(key: str, *, title: str | Promise, provide: Provider) -> None:
    """Add (or replace) the section `key`: a folder of the export and a key of the manifest."""
    check_path(key)
    if "/" in key or key in RESERVED:
        raise ValueError(f"{key!r} cannot be a record section")
    _SECTIONS[key] = RecordSection(key=key, title=title, provide=provide)


def record_sections() -> list[RecordSection]:
    return list(_SECTIONS.values())
