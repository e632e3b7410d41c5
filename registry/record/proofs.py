"""Registration proofs for a person's record: what lets them verify, offline, that each
entry naming them is in the chain under a published head.

- Their own entries go in whole: the canonical fields (registry.chain.canonical_fields),
  the hash, and the registered text, so `verify.py` recomputes both hashes.
- The chain segment from their first entry to the head is one line per entry
  (`segment.jsonl`, streamed: a long chain costs no memory). Every line has
  `number`, `previous_hash` and `entry_hash`, so each link is checked. Other people's
  entries carry their canonical fields only when every author of that entry chose to show
  their name publicly: the fields name the authors, and a name someone keeps private is
  not ours to hand out. Such an entry's hash is checked as a link, not recomputed
  (registry/record/files/README.md says what that proves).
"""

import json
from collections.abc import Callable, Iterator
from typing import Any

from accounts.models import User
from registry.chain import CHAIN_VERSION, GENESIS_HASH, canonical_fields, format_time
from registry.models import HeadSnapshot, RegistrationAuthor, RegistryEntry
from registry.record.writer import RecordWriter
from registry.selectors import chain_head, entries_of_author

SEGMENT_CHUNK = 2_000
SEGMENT_FILE = "registry/segment.jsonl"
PROOFS_FILE = "registry/proofs.json"


def own_entries(user: User) -> list[RegistryEntry]:
    """Entries that name the person as an author, oldest first, with their revisions."""
    return list(
        entries_of_author(user.pk, public_only=False)
        .select_related("revision", "series")
        .order_by("number")
    )


def _segment(first: int, through: int) -> Iterator[list[RegistryEntry]]:
    after = first - 1
    while after < through:
        chunk = list(
            RegistryEntry.objects.filter(number__gt=after, number__lte=through).order_by("number")[
                :SEGMENT_CHUNK
            ]
        )
        if not chunk:
            return
        yield chunk
        after = chunk[-1].number


def _all_names_public(chunk: list[RegistryEntry]) -> set[int]:
    """Numbers of the entries in `chunk` whose every author shows their name (one query)."""
    registrations = {e.registration_id for e in chunk if e.registration_id}
    hidden = set(
        RegistrationAuthor.objects.filter(
            registration_id__in=registrations, show_publicly=False
        ).values_list("registration_id", flat=True)
    )
    return {e.number for e in chunk if e.registration_id and e.registration_id not in hidden}


def write_registry_proofs(
    user: User,
    writer: RecordWriter,
    *,
    text_files: dict[int, str],
    write_text: Callable[[RegistryEntry], str],
    step: Callable[[], None],
) -> dict[str, Any]:
    """Write `registry/proofs.json` and `registry/segment.jsonl`.

    Args:
        text_files: revision id -> the path of its text already in the export.
        write_text: writes a registered revision's text that is not (the person is named
            on it but no longer works on the series) and returns its path.
        step: called once per own entry, for progress.

    Returns:
        The manifest's `registry` summary.
    """
    entries = own_entries(user)
    head = chain_head()
    proofs: dict[str, Any] = {
        "chain_version": CHAIN_VERSION,
        "genesis_hash": GENESIS_HASH,
        "head": None,
        "entries": [],
        "segment": None,
        "snapshots": [],
    }
    if not entries or head is None:
        writer.add_json(PROOFS_FILE, proofs, section="registry")
        return {"entries": 0, "proofs": PROOFS_FILE}
    own_numbers = {e.number for e in entries}
    for entry in entries:
        path = text_files.get(entry.revision_id) or write_text(entry)
        proofs["entries"].append(
            {
                "number": entry.number,
                "entry_hash": entry.entry_hash,
                "fields": canonical_fields(entry),
                "text_file": path,
                "series": {"id": entry.series_id, "title": entry.series.title},
                "revision": entry.revision.number,
            }
        )
        step()
    first = entries[0].number
    with writer.stream(SEGMENT_FILE, media_type="application/x-ndjson", section="registry") as out:
        for chunk in _segment(first, head.number):
            public = _all_names_public(chunk)
            for entry in chunk:
                line: dict[str, Any] = {
                    "number": entry.number,
                    "previous_hash": entry.previous_hash,
                    "entry_hash": entry.entry_hash,
                }
                if entry.number in own_numbers or entry.number in public:
                    line["fields"] = canonical_fields(entry)
                out.write(_json_line(line))
    proofs["head"] = {
        "number": head.number,
        "entry_hash": head.entry_hash,
        "recorded_at": format_time(head.recorded_at),
    }
    proofs["segment"] = {"file": SEGMENT_FILE, "from": first, "to": head.number}
    proofs["snapshots"] = [
        {"taken_at": format_time(taken_at), "number": number, "entry_hash": entry_hash}
        for taken_at, number, entry_hash in HeadSnapshot.objects.filter(
            number__gte=first, number__lte=head.number
        )
        .order_by("taken_at")
        .values_list("taken_at", "number", "entry_hash")
    ]
    writer.add_json(PROOFS_FILE, proofs, section="registry")
    return {
        "entries": len(entries),
        "numbers": sorted(own_numbers),
        "head": proofs["head"],
        "proofs": PROOFS_FILE,
        "segment": SEGMENT_FILE,
        "verifier": "registry/verify.py",
    }


def _json_line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
