"""The hash chain: how an entry is serialised and hashed, and how the chain is verified.

An entry's hash is the SHA-256 of its canonical serialisation: a JSON object with the
keys below, sorted, no whitespace between tokens, UTF-8 without escaping non-ASCII,
times in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``. ``previous_hash`` is the hash of the
entry numbered one less (64 zeros for entry 1), so changing, removing or reordering
any entry breaks every link after it. docs/registry.md states the same for people who
verify without this code (the export ships a stand-alone verifier).
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

CHAIN_VERSION = 1
GENESIS_HASH = "0" * 64


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_fields(entry: Any) -> dict[str, Any]:
    """The fields an entry's hash covers, from a RegistryEntry or anything shaped like it."""
    return {
        "version": CHAIN_VERSION,
        "number": entry.number,
        "content_sha256": entry.content_sha256,
        "title": entry.title,
        "episode_count": entry.episode_count,
        "authors": [
            {
                "account": author["account"],
                "name_zh": author.get("name_zh", ""),
                "name_en": author.get("name_en", ""),
            }
            for author in entry.authors
        ],
        "rights_basis": entry.rights_basis,
        "source_work": entry.source_work,
        "licensor": entry.licensor,
        "recorded_at": format_time(entry.recorded_at),
        "previous_hash": entry.previous_hash,
    }


def canonical_bytes(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: Any) -> str:
    return hashlib.sha256(canonical_bytes(canonical_fields(entry))).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first link that does not hold, and why."""

    number: int
    # "hash" (the entry was altered), "link" (previous_hash), "gap" (missing), "head" (a
    # published head no longer matches: the chain was emptied or rewritten with new hashes)
    reason: str


def first_break(
    entries: Iterable[Any], *, previous_hash: str = GENESIS_HASH, expect: int = 1
) -> Break | None:
    """Walk entries in number order; the first broken link, or None if the chain holds.

    `previous_hash`/`expect` start the walk mid-chain (a segment after a known entry).
    """
    for entry in entries:
        if entry.number != expect:
            return Break(number=expect, reason="gap")
        if entry.previous_hash != previous_hash:
            return Break(number=entry.number, reason="link")
        if entry_hash(entry) != entry.entry_hash:
            return Break(number=entry.number, reason="hash")
        previous_hash = entry.entry_hash
        expect += 1
    return None
