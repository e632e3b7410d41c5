"""Check the demo reviews (``seeds.world.reviews``) against the series, the people and the rubric.

Run from the repository root::

    python3 -m seeds.world.check_reviews

Pure Python (no Django). It verifies that every line-note quote is a whole line of the
series' final revision (inside the requested episodes, and only once in the file); that
criterion keys and scores fit the Boutique Standard; that submitted reviews score all
criteria, drafts some and assigned reviews none; that reviewers obey the platform's
rules (not the owner, a co-writer or a reader; mentors have the mentor role, peers the
writer role; on blind requests a peer shares no organisation with the writer; no declared
conflict); that each request's state matches its reviews (completed: all submitted and
rated, with writer replies and resolved notes; in progress: one submitted, one draft,
one not started; diverged: a spread above the threshold and a staff decision, which may
ask for one more review; open: nothing submitted yet); that
blind requests name nobody they should hide; and that the calibration exemplars parse
cleanly in their declared format. It prints a summary and exits 1 on any problem.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from reviews import boutique_standard as bs
from seeds.world.people import PEOPLE
from seeds.world.reviews import CONFLICTS, EXEMPLARS, REQUESTS
from seeds.world.series import SERIES

SERIES_DIR = Path(__file__).resolve().parent / "series"
CRITERIA = [row[0] for row in bs.CRITERIA]
LOW, HIGH = bs.SCALE
THRESHOLD = bs.DIVERGENCE_THRESHOLD
KINDS = ("peer", "mentor")
BLINDNESS = ("open", "single", "double")
STATES = ("completed", "in_progress", "diverged", "open")
STATUSES = ("submitted", "draft", "assigned")

PEOPLE_BY_LOCAL = {
    local: {"zh": zh, "en": en, "roles": set(roles), "orgs": {m[0] for m in memberships}}
    for local, zh, en, roles, _themes, memberships, _bio in PEOPLE
}
SERIES_BY_SLUG = {s["slug"]: s for s in SERIES}
CONFLICT_PAIRS = {(c["reviewer"], c["writer"]) for c in CONFLICTS}

CJK_RE = re.compile(r"[\u4e00-\u9fff]")
EPISODE_RE = {"zh": re.compile(r"^第(\d+)集"), "fountain": re.compile(r"^#\s*Episode\s+(\d+)\b")}


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def final_lines(series: dict) -> tuple[list[str], list[int]]:
    """The final revision's lines and, for each, its episode number (0 before the first)."""
    revision = series["revisions"][-1]
    text = (SERIES_DIR / series["slug"] / revision["file"]).read_text(encoding="utf-8")
    lines = text.splitlines()
    pattern = EPISODE_RE[series["format"]]
    episodes, current = [], 0
    for line in lines:
        match = pattern.match(line)
        if match:
            current = int(match.group(1))
        episodes.append(current)
    return lines, episodes


def zh_length(text: str) -> int:
    """Characters of a Chinese note, leaving out whitespace and markdown markers."""
    return len(re.sub(r"[\s*#>`_]", "", text))


def en_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.-]*", text))


def names_of(local: str) -> list[str]:
    """The names that would identify a person in running text (full names only)."""
    person = PEOPLE_BY_LOCAL.get(local)
    return [person["zh"], person["en"]] if person else []


def check_text_language(where: str, text: str, language: str, problems: list[str]) -> None:
    if not text:
        return
    cjk = len(CJK_RE.findall(text))
    if language == "en" and cjk:
        problems.append(f"{where}: Chinese characters in a review of an English series")
    if language != "en" and cjk < len(text) * 0.4:
        problems.append(f"{where}: a Chinese series should get a Chinese review")


def check_review(
    index: int,
    request: dict,
    review: dict,
    lines: list[str],
    episodes: list[int],
    problems: list[str],
) -> None:
    series = SERIES_BY_SLUG[request["series"]]
    reviewer = review["reviewer"]
    where = f"request {index} ({request['series']}) review by {reviewer}"
    status = review["status"]
    if status not in STATUSES:
        problems.append(f"{where}: unknown status {status!r}")
        return
    person = PEOPLE_BY_LOCAL.get(reviewer)
    if person is None:
        problems.append(f"{where}: unknown person")
        return

    # Who may review.
    owner, cowriters, readers = series["owner"], set(series["cowriters"]), set(series["readers"])
    if reviewer == owner or reviewer == request["requested_by"]:
        problems.append(f"{where}: the reviewer owns the series")
    if reviewer in cowriters:
        problems.append(f"{where}: the reviewer is a co-writer")
    if reviewer in readers:
        problems.append(f"{where}: the reviewer is a reader of the series")
    if request["kind"] == "mentor" and "mentor" not in person["roles"]:
        problems.append(f"{where}: a mentor review needs the mentor role")
    if request["kind"] == "peer" and "writer" not in person["roles"]:
        problems.append(f"{where}: a peer review needs the writer role")
    if request["kind"] == "peer" and request["blindness"] != "open":
        shared = person["orgs"] & PEOPLE_BY_LOCAL[owner]["orgs"]
        if shared:
            problems.append(f"{where}: blind peer shares {sorted(shared)} with the writer")
    for writer in [owner, *cowriters]:
        if (reviewer, writer) in CONFLICT_PAIRS:
            problems.append(f"{where}: declared conflict with {writer}")

    # Scores.
    scores = review["scores"]
    for key, entry in scores.items():
        if key not in CRITERIA:
            problems.append(f"{where}: unknown criterion {key!r}")
            continue
        score = entry.get("score")
        if isinstance(score, bool) or not isinstance(score, int) or not LOW <= score <= HIGH:
            problems.append(f"{where}: {key} score {score!r} outside {LOW}–{HIGH}")
        if not str(entry.get("comment", "")).strip():
            problems.append(f"{where}: {key} has no comment")
    if status == "submitted" and set(scores) != set(CRITERIA):
        problems.append(f"{where}: submitted without {sorted(set(CRITERIA) - set(scores))}")
    if status == "draft" and not 0 < len(scores) < len(CRITERIA):
        problems.append(f"{where}: a draft should have some but not all scores ({len(scores)})")
    if status == "assigned" and (scores or review["overall"] or review["line_notes"]):
        problems.append(f"{where}: an assignment not started has scores, a note or line notes")

    # Overall note.
    language = series["language"]
    overall = review["overall"]
    if status == "submitted":
        if language == "en":
            words = en_words(overall)
            if not 80 <= words <= 200:
                problems.append(f"{where}: overall note has {words} words (80–200)")
        else:
            length = zh_length(overall)
            if not 120 <= length <= 300:
                problems.append(f"{where}: overall note has {length} characters (120–300)")
    texts = [overall, *(e["comment"] for e in scores.values())]

    # Line notes.
    notes = review["line_notes"]
    if status == "submitted" and not 2 <= len(notes) <= 4:
        problems.append(f"{where}: {len(notes)} line notes (a submitted review has 2–4)")
    allowed = request["episodes"]
    writer_side = {owner, *cowriters}
    for note in notes:
        quote = note["quote"]
        found = [i for i, line in enumerate(lines) if line == quote]
        if not found:
            problems.append(
                f"{where}: quote is not a whole line of the final revision: {quote[:40]!r}"
            )
        elif len(found) > 1:
            problems.append(f"{where}: quote occurs {len(found)} times: {quote[:40]!r}")
        else:
            episode = episodes[found[0]]
            if episode == 0:
                problems.append(f"{where}: quote before the first episode: {quote[:40]!r}")
            elif allowed and not allowed[0] <= episode <= allowed[1]:
                problems.append(
                    f"{where}: quote in episode {episode}, outside {allowed}: {quote[:40]!r}"
                )
        if not note["body"].strip():
            problems.append(f"{where}: empty line note")
        texts.append(note["body"])
        if status != "submitted" and (note["replies"] or note["resolved"]):
            problems.append(f"{where}: replies or resolved on a review that is not submitted")
        for reply in note["replies"]:
            if reply["by"] not in writer_side | {reviewer}:
                problems.append(
                    f"{where}: reply by {reply['by']}, who is neither the writer side nor the reviewer"
                )
            if not reply["body"].strip():
                problems.append(f"{where}: empty reply")
            check_text_language(f"{where} reply", reply["body"], language, problems)
            # Blindness: the writer side never names a hidden reviewer.
            if reply["by"] in writer_side and request["blindness"] != "open":
                for other in request["reviews"]:
                    for name in names_of(other["reviewer"]):
                        if name in reply["body"]:
                            problems.append(
                                f"{where}: a writer reply names hidden reviewer {name!r}"
                            )
            if reply["by"] == reviewer:
                texts.append(reply["body"])

    # Blindness: on a double-blind request the reviewer never names the writer side.
    if request["blindness"] == "double":
        for text in texts:
            for writer in writer_side:
                for name in names_of(writer):
                    if name in text:
                        problems.append(f"{where}: names the hidden writer {name!r}")
    for i, text in enumerate(texts):
        check_text_language(f"{where} text {i}", text, language, problems)

    # Helpfulness.
    helpfulness = review["helpfulness"]
    if helpfulness is not None:
        if status != "submitted":
            problems.append(f"{where}: helpfulness on a review that is not submitted")
        if (
            isinstance(helpfulness, bool)
            or not isinstance(helpfulness, int)
            or not 1 <= helpfulness <= 5
        ):
            problems.append(f"{where}: helpfulness {helpfulness!r} outside 1–5")
    elif review["helpfulness_comment"]:
        problems.append(f"{where}: a helpfulness comment without a rating")


def spreads(request: dict) -> dict[str, int]:
    """Per criterion, highest minus lowest score among the submitted reviews."""
    found = {}
    for key in CRITERIA:
        given = [
            r["scores"][key]["score"]
            for r in request["reviews"]
            if r["status"] == "submitted" and key in r["scores"]
        ]
        if len(given) > 1:
            found[key] = max(given) - min(given)
    return found


def check_request(index: int, request: dict, problems: list[str]) -> None:
    where = f"request {index} ({request['series']})"
    series = SERIES_BY_SLUG.get(request["series"])
    if series is None:
        problems.append(f"{where}: unknown series")
        return
    if request["revision"] != len(series["revisions"]):
        problems.append(f"{where}: revision {request['revision']} is not the final one")
    if request["requested_by"] != series["owner"]:
        problems.append(f"{where}: requested by {request['requested_by']}, not the owner")
    if request["kind"] not in KINDS:
        problems.append(f"{where}: unknown kind {request['kind']!r}")
    if request["blindness"] not in BLINDNESS:
        problems.append(f"{where}: unknown blindness {request['blindness']!r}")
    if request["state"] not in STATES:
        problems.append(f"{where}: unknown state {request['state']!r}")
    k = request["k"]
    if request["kind"] == "peer" and k not in (2, 3):
        problems.append(f"{where}: a peer request needs 2 or 3 reviewers, not {k}")
    if request["kind"] == "mentor" and k != 1:
        problems.append(f"{where}: a mentor request has one mentor, not {k}")
    reviews = request["reviews"]
    if len(reviews) != k:
        problems.append(f"{where}: {len(reviews)} reviews for k={k}")
    repeated = [p for p, n in Counter(r["reviewer"] for r in reviews).items() if n > 1]
    if repeated:
        problems.append(f"{where}: reviewers repeated: {repeated}")
    episodes = request["episodes"]
    lines, line_episodes = final_lines(series)
    written = max(line_episodes)
    if episodes is not None and not (
        len(episodes) == 2 and 1 <= episodes[0] <= episodes[1] <= written
    ):
        problems.append(f"{where}: episode range {episodes} outside 1–{written}")

    for review in reviews:
        check_review(index, request, review, lines, line_episodes, problems)

    statuses = Counter(r["status"] for r in reviews)
    state = request["state"]
    diverging = {key: s for key, s in spreads(request).items() if s > THRESHOLD}
    if state in ("completed", "diverged"):
        if statuses["submitted"] != len(reviews):
            problems.append(f"{where}: {state} but not every review is submitted")
        if any(r["helpfulness"] is None for r in reviews):
            problems.append(f"{where}: {state} but not every review is rated")
    if state == "completed":
        notes = [n for r in reviews for n in r["line_notes"]]
        writer_side = {series["owner"], *series["cowriters"]}
        if not any(reply["by"] in writer_side for n in notes for reply in n["replies"]):
            problems.append(f"{where}: completed without a writer reply")
        if not any(n["resolved"] for n in notes):
            problems.append(f"{where}: completed without a resolved note")
    if state == "in_progress" and not (
        statuses["submitted"] >= 1 and statuses["draft"] >= 1 and statuses["assigned"] >= 1
    ):
        problems.append(
            f"{where}: in progress needs a submitted review, a draft and one not started ({dict(statuses)})"
        )
    if state == "open" and (statuses["submitted"] or any(r["helpfulness"] for r in reviews)):
        problems.append(f"{where}: open, but a review is already submitted or rated")
    if request.get("extra_review") and state != "diverged":
        problems.append(f"{where}: one more review asked for, but the request did not diverge")
    if state == "diverged":
        if not diverging:
            problems.append(
                f"{where}: marked diverged but no criterion spreads more than {THRESHOLD}"
            )
        if not request["staff_decision"].strip():
            problems.append(f"{where}: diverged without a staff decision")
    else:
        if diverging:
            problems.append(
                f"{where}: scores diverge on {diverging} but the request is not marked diverged"
            )
        if request["staff_decision"]:
            problems.append(f"{where}: a staff decision without divergence")


def check_exemplars(problems: list[str]) -> list[str]:
    """Problems with the calibration exemplars; returns one summary line per exemplar."""
    summary = []
    try:
        from scripts_app.document import detect_format, parse
    except Exception as error:
        # Parsing the exemplars is a courtesy check on top of the data checks: when the
        # platform's parser cannot be imported, say so and skip it rather than fail.
        out(f"  (parser check skipped: cannot import scripts_app.document: {error})")
        detect_format = parse = None
    keys = Counter(e["key"] for e in EXEMPLARS)
    if len(EXEMPLARS) != 3:
        problems.append(f"exemplars: {len(EXEMPLARS)} instead of 3")
    formats = Counter(e["format"] for e in EXEMPLARS)
    if formats != Counter({"zh": 2, "fountain": 1}):
        problems.append(f"exemplars: formats {dict(formats)}, expected two zh and one fountain")
    for exemplar in EXEMPLARS:
        where = f"exemplar {exemplar['key']}"
        if keys[exemplar["key"]] > 1:
            problems.append(f"{where}: duplicate key")
        text = exemplar["text"]
        count = len([line for line in text.splitlines() if line.strip()])
        if not 10 <= count <= 25:
            problems.append(f"{where}: {count} lines (10–25)")
        scores = exemplar["reference_scores"]
        if set(scores) != set(CRITERIA):
            problems.append(f"{where}: reference scores for {sorted(scores)}")
        for key, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not LOW <= score <= HIGH:
                problems.append(f"{where}: {key} score {score!r} outside {LOW}–{HIGH}")
        for field in ("title", "explanation_zh", "explanation_en"):
            if not exemplar.get(field, "").strip():
                problems.append(f"{where}: no {field}")
        warnings = "-"
        if parse is not None:
            detected = detect_format(text)
            if detected != exemplar["format"]:
                problems.append(
                    f"{where}: detected as {detected!r}, declared {exemplar['format']!r}"
                )
            doc = parse(text, exemplar["format"])
            warnings = str(len(doc.warnings))
            for warning in doc.warnings:
                problems.append(f"{where}: parser warning line {warning.line}: {warning.code}")
        mean = sum(scores.values()) / max(len(scores), 1)
        summary.append(
            f"  {exemplar['key']:<20} {exemplar['format']:<9} {count:>2} lines  "
            f"mean {mean:.1f}  parser warnings {warnings}"
        )
    return summary


def check_conflicts(problems: list[str]) -> None:
    if len(CONFLICTS) != 2:
        problems.append(f"conflicts: {len(CONFLICTS)} instead of 2")
    for conflict in CONFLICTS:
        for field in ("reviewer", "writer"):
            if conflict[field] not in PEOPLE_BY_LOCAL:
                problems.append(f"conflict: unknown {field} {conflict[field]!r}")
        if conflict["reviewer"] == conflict["writer"]:
            problems.append(f"conflict: {conflict['reviewer']} with themselves")
        if not conflict["reason"].strip():
            problems.append(f"conflict {conflict['reviewer']}→{conflict['writer']}: no reason")


def check_mix(problems: list[str]) -> None:
    states = Counter(r["state"] for r in REQUESTS)
    if len(REQUESTS) < 6:
        problems.append(f"only {len(REQUESTS)} requests (at least 6)")
    if states["completed"] < 3:
        problems.append("fewer than 3 completed requests")
    if states["in_progress"] < 1 or states["diverged"] < 1:
        problems.append("need at least one request in progress and one diverged")
    if not any(r["kind"] == "peer" and r["blindness"] == "double" for r in REQUESTS):
        problems.append("no double-blind peer request")
    if not any(r["kind"] == "mentor" and r["blindness"] == "open" for r in REQUESTS):
        problems.append("no open mentor request")
    if not any(r["blindness"] == "single" for r in REQUESTS):
        problems.append("no single-blind request")
    missing = set(SERIES_BY_SLUG) - {r["series"] for r in REQUESTS}
    if missing:
        problems.append(f"series without a request: {sorted(missing)}")


def main() -> int:
    problems: list[str] = []
    out("Boutique Standard demo reviews")
    out(
        f"criteria: {', '.join(CRITERIA)}; scale {LOW}–{HIGH}; divergence when the spread exceeds {THRESHOLD}"
    )
    out()
    out("Exemplars:")
    for line in check_exemplars(problems):
        out(line)
    out()
    out("Requests:")
    for index, request in enumerate(REQUESTS, start=1):
        before = len(problems)
        check_request(index, request, problems)
        episodes = request["episodes"]
        scope = f"ep {episodes[0]}–{episodes[1]}" if episodes else "all eps"
        out(
            f"  {index}. {request['series']:<19} {request['kind']:<6} {request['blindness']:<6} "
            f"k={request['k']} {scope:<8} {request['state']:<11}"
            f"{'' if len(problems) == before else '  ! problems'}"
        )
        for review in request["reviews"]:
            scores = review["scores"]
            total = sum(e["score"] for e in scores.values()) if scores else 0
            mean = f"mean {total / len(scores):.1f}" if scores else "no scores"
            rated = f"helpful {review['helpfulness']}/5" if review["helpfulness"] else "not rated"
            out(
                f"       - {review['reviewer']:<13} {review['status']:<9} {len(scores)}/9 scored, {mean:<9} "
                f"{len(review['line_notes'])} line notes, {rated}"
            )
        wide = {key: s for key, s in spreads(request).items() if s > THRESHOLD}
        if wide:
            out(
                f"       divergence: {', '.join(f'{k} spread {s}' for k, s in wide.items())}; staff decision recorded"
            )
    check_conflicts(problems)
    check_mix(problems)
    out()
    pairs = ", ".join(f"{c['reviewer']}→{c['writer']}" for c in CONFLICTS)
    out(f"Conflicts: {pairs}")
    notes = sum(len(r["line_notes"]) for q in REQUESTS for r in q["reviews"])
    replies = sum(
        len(n["replies"]) for q in REQUESTS for r in q["reviews"] for n in r["line_notes"]
    )
    submitted = sum(r["status"] == "submitted" for q in REQUESTS for r in q["reviews"])
    out(
        f"Totals: {len(REQUESTS)} requests, {submitted} submitted reviews, {notes} line notes, {replies} replies"
    )
    out()
    if problems:
        out(f"FAILED: {len(problems)} problem(s)")
        for problem in problems:
            out(f"  {problem}")
        return 1
    out(
        "OK: quotes, criteria, scores, reviewer rules, states, divergence and helpfulness all check out."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
