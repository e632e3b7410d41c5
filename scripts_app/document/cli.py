"""Command-line entry: ``python -m scripts_app.document.cli PATH [--format …] [--json]``.

The Django management command ``script_parse`` wraps :func:`main`, passing its own
``stdout``/``stderr`` streams. Exit status: 0 parsed, 2 unusable arguments or unreadable
file. Parse warnings are part of the output, not errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from . import analyse, analysis_to_json, parse, to_json
from .model import Document


def build_parser(prog: str = "script_parse") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Parse a Fountain or Chinese-convention script."
    )
    parser.add_argument("path", help="script file, or - for standard input")
    parser.add_argument(
        "--format", choices=("auto", "fountain", "zh"), default="auto", help="default: auto"
    )
    parser.add_argument("--json", action="store_true", help="print the parsed document as JSON")
    parser.add_argument(
        "--analysis", action="store_true", help="add runtime, hook and paywall analysis"
    )
    return parser


def main(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command; returns the exit status instead of exiting."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse already printed the usage message
        return int(exit_.code or 0)
    try:
        data = sys.stdin.buffer.read() if args.path == "-" else _read(args.path)
    except OSError as error:
        err.write(f"script_parse: cannot read {args.path}: {error.strerror or error}\n")
        return 2
    doc = parse(data, args.format)
    if args.json:
        payload = to_json(doc)
        if args.analysis:
            payload["analysis"] = analysis_to_json(analyse(doc))
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(summary(doc, with_analysis=args.analysis))
    return 0


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def summary(doc: Document, *, with_analysis: bool = False) -> str:
    """A short human-readable report of a parsed document."""
    lines = [
        f"format: {doc.format}",
        f"title: {doc.title or '-'}",
        f"episodes: {len(doc.episodes)}, scenes: {len(doc.scenes)}",
    ]
    if with_analysis:
        result = analyse(doc)
        runtime = result.runtime
        lines.append(
            f"runtime: {runtime.seconds:.0f} s ({runtime.low:.0f}–{runtime.high:.0f} s), "
            f"paywall episodes: {result.paywall.episodes or '-'}"
        )
    for episode in doc.episodes:
        flags = " [paywall]" if episode.is_paywall else ""
        title = f" {episode.title}" if episode.title else ""
        lines.append(f"  episode {episode.number}:{title} ({len(episode.scenes)} scenes){flags}")
    if doc.warnings:
        lines.append(f"warnings: {len(doc.warnings)}")
        lines.extend(f"  line {w.line}: [{w.code}] {w.message}" for w in doc.warnings)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
