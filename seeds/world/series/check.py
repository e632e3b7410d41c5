"""Parse every demo series revision and report what the platform's analyser sees.

Run from the repository root::

    python3 -m seeds.world.series.check            # every revision
    python3 -m seeds.world.series.check --final    # only each series' last revision

Pure Python (no Django). For each revision file it prints the episodes and scenes,
every parser warning with its line, and per episode the estimated runtime, the text
length, the hook and the paywall flag. It also checks the SERIES metadata against the
taxonomy and the demo people. The exit status is 1 when a final revision has a
warning, an episode without a hook (or not ending on it), a paywall marker where the
plan puts none (or none where it puts one), or when the metadata is inconsistent.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts_app.document import analyse, detect_format, parse
from seeds.world.people import PEOPLE
from seeds.world.series import SERIES
from taxonomy.data import AUDIENCES, GENRES, THEMES

HERE = Path(__file__).resolve().parent
COLORS = ("white", "blue", "pink", "yellow", "green")
AI_LEVELS = ("none", "ideas", "drafting", "editing")


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _seconds(value: float) -> str:
    minutes, seconds = divmod(round(value), 60)
    return f"{minutes}:{seconds:02d}"


def check_metadata(series: dict) -> list[str]:
    """Problems with one SERIES entry (slugs, people, revisions, numbers)."""
    problems = []
    people = {p[0] for p in PEOPLE}
    for key, vocabulary in (("themes", THEMES), ("genres", GENRES), ("audiences", AUDIENCES)):
        known = {row[0] for row in vocabulary}
        problems += [f"unknown {key[:-1]} {s!r}" for s in series[key] if s not in known]
    for local in [series["owner"], *series["cowriters"], *series["readers"]]:
        if local not in people:
            problems.append(f"unknown person {local!r}")
    for revision in series["revisions"]:
        if revision["author"] not in people:
            problems.append(f"unknown revision author {revision['author']!r}")
        if revision["color"] not in COLORS:
            problems.append(f"unknown revision colour {revision['color']!r}")
        if not (HERE / series["slug"] / revision["file"]).is_file():
            problems.append(f"missing file {series['slug']}/{revision['file']}")
    if series["ai_disclosure"] not in AI_LEVELS:
        problems.append(f"unknown ai_disclosure {series['ai_disclosure']!r}")
    if not 60 <= series["target_episode_seconds"] <= 150:
        problems.append("target_episode_seconds outside 60–150")
    if not 1 <= series["paywall_episode"] <= series["planned_episodes"]:
        problems.append("paywall_episode outside the planned episodes")
    if series["format"] not in ("zh", "fountain"):
        problems.append(f"unknown format {series['format']!r}")
    return problems


def check_revision(series: dict, revision: dict, final: bool) -> list[str]:
    """Print the report for one revision; return the problems that fail a final one."""
    path = HERE / series["slug"] / revision["file"]
    text = path.read_text(encoding="utf-8")
    fmt = series["format"]
    doc = parse(text, fmt)
    result = analyse(doc)
    label = f"{series['slug']}/{revision['file']}"
    name = f" «{revision['name']}»" if revision["name"] else ""
    out(f"== {label}{name} ({revision['color']}, by {revision['author']})")
    detected = detect_format(text)
    if detected != fmt:
        out(f"   ! format detected as {detected!r}, declared {fmt!r}")
    out(
        f"   title: {doc.title}   episodes: {result.episode_count}   scenes: {result.scene_count}"
        f"   runtime: {_seconds(result.runtime.seconds)}"
        f" (avg {result.average_episode_seconds:.0f}s/episode,"
        f" target {series['target_episode_seconds']}s)"
        f"   warnings: {len(doc.warnings)}"
    )
    for warning in doc.warnings:
        out(f"   WARNING line {warning.line}: {warning.code} - {warning.message}")
    size_unit = "words" if fmt == "fountain" else "chars"
    for episode in result.episodes:
        size = episode.words if fmt == "fountain" else episode.cjk_chars
        flags = []
        if episode.is_paywall:
            flags.append("PAYWALL")
        if not episode.has_hook:
            flags.append("NO HOOK")
        elif not episode.ends_on_hook:
            flags.append("hook not at the end")
        flag_text = f"  [{', '.join(flags)}]" if flags else ""
        out(
            f"   ep {episode.number:>2} {episode.title or '':<22} scenes {episode.scenes}"
            f"  {size:>4} {size_unit}  ~{episode.runtime.seconds:5.1f}s"
            f" ({episode.runtime.low:.0f}–{episode.runtime.high:.0f}s)"
            f"  {episode.scenes_per_minute:.1f} scenes/min{flag_text}"
        )
        out(f"        hook: {episode.hook or '-'}")
    if not final:
        return []
    problems = [f"warning line {w.line}: {w.code}" for w in doc.warnings]
    problems += [f"episode {n} has no hook" for n in result.episodes_without_hook]
    problems += [
        f"episode {n} does not end on its hook" for n in result.episodes_not_ending_on_hook
    ]
    written = {e.number for e in result.episodes}
    planned = series["paywall_episode"]
    marked = result.paywall.episodes
    expected = [planned] if planned in written else []
    if marked != expected:
        problems.append(f"paywall marked on {marked}, the plan puts it on {planned}")
    if not 5 <= result.episode_count <= 7:
        problems.append(f"{result.episode_count} episodes written; the final draft needs 5–7")
    return problems


def main(argv: list[str]) -> int:
    only_final = "--final" in argv
    failures = []
    for series in SERIES:
        out(f"# {series['title']}  [{series['slug']}, {series['format']}]")
        for problem in check_metadata(series):
            failures.append(f"{series['slug']}: {problem}")
        revisions = series["revisions"]
        for index, revision in enumerate(revisions):
            final = index == len(revisions) - 1
            if only_final and not final:
                continue
            for problem in check_revision(series, revision, final):
                failures.append(f"{series['slug']}/{revision['file']}: {problem}")
        out()
    if failures:
        out("FAILED:")
        for failure in failures:
            out(f"  {failure}")
        return 1
    out("OK: every final revision parses without warnings and every episode ends on a hook.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
