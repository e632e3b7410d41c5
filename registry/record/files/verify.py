#!/usr/bin/env python3
# A script for the writer, run anywhere with any Python 3: it prints its report, and keeps
# to the plainest syntax.
# ruff: noqa: T201, UP031, SIM102
"""Verify the registration proofs of a record export, offline, with Python 3 alone.

Usage:  python3 verify.py [EXPORT]

EXPORT is the unpacked export folder or the .zip itself (default: the folder above the
one this script is in). Exit status 0 when every check holds, 1 when one fails, 2 when
the export cannot be read. Nothing here imports anything but the standard library, and
nothing is fetched from the network: README.md beside this script says what is proven.

The rules below restate the platform's (docs/record-export.md, "Offline verification"):

* an entry's hash is the SHA-256 of its canonical fields as JSON, keys sorted, no
  whitespace between tokens, UTF-8 without escaping non-ASCII;
* each entry's previous_hash is the entry_hash of the entry numbered one less;
* a text's content_sha256 is the SHA-256 of its canonical text (see canonical_text).
"""

import hashlib
import json
import os
import re
import sys
import unicodedata
import zipfile

GENESIS_HASH = "0" * 64

# --- the canonical text (the platform's registry/canonical.py and scripts_app/text.py) ---

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TRAILING_SPACE = re.compile(r"[ \t\u3000]+$", re.M)


def canonical_text(text):
    """Line endings to LF, no byte-order marks or control characters, Unicode NFC, no
    spaces at line ends, no empty lines, one final line feed."""
    text = text.replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    lines = [line for line in _TRAILING_SPACE.sub("", text).split("\n") if line]
    return "\n".join(lines) + "\n" if lines else ""


def canonical_sha256(text):
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


# --- the chain (the platform's registry/chain.py) ----------------------------------------


def canonical_bytes(fields):
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def entry_hash(fields):
    return hashlib.sha256(canonical_bytes(fields)).hexdigest()


# --- reading the export ----------------------------------------------------------------


class Export:
    """Files of the export by their path inside it, from a folder or a zip."""

    def __init__(self, location):
        self.zip = None
        self.root = location
        if os.path.isfile(location):
            self.zip = zipfile.ZipFile(location)

    def exists(self, path):
        if self.zip is not None:
            try:
                self.zip.getinfo(path)
            except KeyError:
                return False
            return True
        return os.path.isfile(self._local(path))

    def open(self, path):
        if self.zip is not None:
            return self.zip.open(path)
        return open(self._local(path), "rb")

    def read(self, path):
        with self.open(path) as handle:
            return handle.read()

    def sha256(self, path):
        digest = hashlib.sha256()
        with self.open(path) as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
        return digest.hexdigest()

    def _local(self, path):
        if path.startswith("/") or ".." in path.split("/"):
            raise ValueError("unsafe path in the export: %r" % path)
        return os.path.join(self.root, *path.split("/"))


# --- the checks --------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.failures = 0
        self.passes = 0

    def ok(self, message):
        self.passes += 1
        print("ok    " + message)

    def fail(self, message):
        self.failures += 1
        print("FAIL  " + message)

    def check(self, condition, message):
        (self.ok if condition else self.fail)(message)
        return condition


def verify_entries(export, proofs, report):
    """Recompute each of your entries' hash from its fields, and its text's hash."""
    hashes = {}
    for entry in proofs["entries"]:
        number, fields = entry["number"], entry["fields"]
        recomputed = entry_hash(fields)
        report.check(
            recomputed == entry["entry_hash"] and fields.get("number") == number,
            "entry No. %s: its hash is recomputed from its fields" % number,
        )
        hashes[number] = entry["entry_hash"]
        text_path = entry.get("text_file")
        if not text_path or not export.exists(text_path):
            report.fail("entry No. %s: the registered text %s is missing" % (number, text_path))
            continue
        text = export.read(text_path).decode("utf-8")
        report.check(
            canonical_sha256(text) == fields["content_sha256"],
            "entry No. %s: %s matches the registered content hash" % (number, text_path),
        )
    return hashes


def verify_segment(export, proofs, own_hashes, report):
    """Walk the chain from your first entry to the head: numbers without gaps, every
    previous_hash the hash before it, every hash recomputed where its fields are given."""
    segment = proofs["segment"]
    expect, previous, last = segment["from"], None, None
    seen_own = set()
    broken = False
    with export.open(segment["file"]) as handle:
        for raw in handle:
            if not raw.strip():
                continue
            link = json.loads(raw.decode("utf-8"))
            number = link["number"]
            if number != expect:
                report.fail("chain: entry No. %s is missing from the segment" % expect)
                broken = True
                break
            if previous is not None and link["previous_hash"] != previous:
                report.fail("chain: entry No. %s does not link to the one before it" % number)
                broken = True
            fields = link.get("fields")
            if fields is not None:
                if entry_hash(fields) != link["entry_hash"] or (
                    fields.get("previous_hash") != link["previous_hash"]
                ):
                    report.fail("chain: entry No. %s does not match its fields" % number)
                    broken = True
            if number in own_hashes:
                seen_own.add(number)
                if own_hashes[number] != link["entry_hash"]:
                    report.fail("chain: your entry No. %s differs from the segment" % number)
                    broken = True
            previous, last, expect = link["entry_hash"], link, number + 1
    if not broken:
        report.ok("chain: every link from No. %s to No. %s holds" % (segment["from"], expect - 1))
    missing = sorted(set(own_hashes) - seen_own)
    report.check(not missing, "chain: each of your entries is in the segment")
    head = proofs["head"]
    report.check(
        last is not None
        and last["number"] == head["number"]
        and last["entry_hash"] == head["entry_hash"],
        "chain: the segment ends at the head No. %s %s" % (head["number"], head["entry_hash"]),
    )
    return broken


def verify_snapshots(export, proofs, report):
    """Each published daily snapshot of the head within the segment is on the chain."""
    wanted = {s["number"]: s["entry_hash"] for s in proofs.get("snapshots", [])}
    if not wanted:
        return
    found = {}
    with export.open(proofs["segment"]["file"]) as handle:
        for raw in handle:
            if raw.strip():
                link = json.loads(raw.decode("utf-8"))
                if link["number"] in wanted:
                    found[link["number"]] = link["entry_hash"]
    for number, expected in sorted(wanted.items()):
        report.check(
            found.get(number) == expected,
            "snapshot: the head published as No. %s %s is on the chain" % (number, expected[:12]),
        )


def verify_manifest(export, report):
    """Every file the manifest lists is there, with the hash it states."""
    if not export.exists("manifest.json"):
        report.fail("manifest.json is missing")
        return
    manifest = json.loads(export.read("manifest.json").decode("utf-8"))
    bad = []
    for item in manifest.get("files", []):
        path = item["path"]
        if not export.exists(path) or export.sha256(path) != item["sha256"]:
            bad.append(path)
    for path in bad[:20]:
        report.fail("manifest: %s is missing or changed" % path)
    if not bad:
        report.ok("manifest: all %s files are as listed" % len(manifest.get("files", [])))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    location = argv[1] if len(argv) > 1 else os.path.dirname(here)
    try:
        export = Export(location)
        proofs = json.loads(export.read("registry/proofs.json").decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as problem:
        print("cannot read the export at %s: %s" % (location, problem))
        return 2
    report = Report()
    verify_manifest(export, report)
    if not proofs["entries"]:
        print("No registry entries name you: there is nothing to verify in the chain.")
    else:
        own = verify_entries(export, proofs, report)
        verify_segment(export, proofs, own, report)
        verify_snapshots(export, proofs, report)
    if report.failures:
        print("%s check(s) FAILED, %s passed." % (report.failures, report.passes))
        return 1
    print("All %s checks passed." % report.passes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
