"""The matching engine of the compliance pre-check: pure Python, no Django.

Rules are compiled once (:class:`CompiledRules`: one small regex per first character, see
:class:`_Scanner`), which the Django layer keeps per rule-set version (``ruleset.py``). A
scan maps every hit back to its line and column in the text as written, with a short context.

How text is normalised for matching (the text shown is never changed):

* one character to one (so offsets in the normalised text are offsets in the original):
  full-width letters, digits and symbols to half-width (everyday Chinese punctuation
  ，：；（）！？ stays as written, and rules write it so), ideographic and no-break spaces to
  spaces, letters to lower case, traditional Chinese characters to simplified
  (``trad_simp.py``);
* spacing and filler inserted between the characters of a Chinese term (赌 博, 赌*博, 赌·博)
  is allowed by the compiled pattern itself: up to two of :data:`FILLER` between any two
  characters of a literal term, never a line break or sentence punctuation (so 赌。博物馆 is
  not 赌博);
* Latin letters and digits match whole words only: a hit whose first or last character is
  a letter or digit must not touch another one (``kill`` is not in ``skill``);
* pinyin and homophone evasions (du博, 紫砂 for 自杀) are rules of their own, written by staff.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from scripts_app.compliance.trad_simp import SIMPLIFIED, TRADITIONAL

# Kinds of line (see roles.py). Viewer-scoped rules only count on VIEWER lines.
VIEWER = "viewer"
DIALOGUE = "dialogue"
ACTION = "action"
OTHER = "other"
TITLE = "title"

SEVERITY_RANK = {"advice": 1, "caution": 2, "serious": 3}

# What evaders put between the characters of a term. No line breaks, no sentence punctuation.
FILLER = r"[ \t*·•.\-_/\\|~^#+=丶'`\"]"
_FILLER_GAP = FILLER + "{0,2}"
# In English literals a space or hyphen stands for any run of spaces, hyphens, underscores.
_WORD_GAP = r"[ \t_\-]*"
CONTEXT_CHARS = 24
# After a regex rule: a hit that ends in a Latin letter or digit must end a word. Inside the
# regex (not checked afterwards) so that ``gambl(e|es)`` backtracks to the longer form.
_WORD_END = "(?:(?<![a-z0-9])|(?![a-z0-9]))"


# Everyday Chinese punctuation keeps its full-width form (rules write it as it is): it is in
# almost every line, and mapping it would cost more than all the matching.
_CHINESE_PUNCTUATION = frozenset("，：；（）！？")


def _translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        if chr(code) not in _CHINESE_PUNCTUATION:
            table[code] = chr(code - 0xFEE0)
    for source, target in (("\u3000", " "), ("\u00a0", " "), ("\u2002", " "), ("\u2003", " ")):
        table[ord(source)] = target
    for trad, simp in zip(TRADITIONAL, SIMPLIFIED, strict=True):
        table[ord(trad)] = simp
    # Lower case last, so full-width capitals end up as lower-case ASCII.
    for code, target in list(table.items()):
        table[code] = target.lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    return table


_TABLE = _translation_table()
# What is left to map after str.lower(): full-width forms, odd spaces, traditional characters.
# Found with a regex (a bitmap test per character, in C) because str.translate with a table
# this size costs ten times as much on a long script. Characters beyond the BMP would turn
# the bitmap into a list, so the few traditional ones there have their own search.
_SPECIAL = {code: target for code, target in _TABLE.items() if not ord("A") <= code <= ord("Z")}
_SPECIAL_RE = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in sorted(_SPECIAL) if code <= 0xFFFF) + "]+"
)
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_ASCII_LOWER = {code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)}


def _special(match: re.Match[str]) -> str:
    return match.group().translate(_SPECIAL)


def normalise(text: str) -> str:
    """The text as the matcher sees it; same length as ``text``, character for character."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters (İ)
        lowered = text.translate(_ASCII_LOWER)
    if _ASTRAL_RE.search(lowered):
        lowered = lowered.translate(_SPECIAL)
    return _SPECIAL_RE.sub(_special, lowered)


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """What the engine needs of a rule (a row of ``ComplianceRule``)."""

    id: int
    pattern: str
    kind: str = "literal"  # or "regex"
    language: str = "zh"
    category: str = "other"
    severity: str = "caution"
    applies_to: str = "body"  # "body", "title" or "both"
    scope: str = "all"  # "all" or "viewer"
    is_exception: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    rule_id: int
    line: int  # 1-based
    column: int  # 1-based, in characters of the line as written
    length: int
    text: str  # the hit as written
    before: str  # context, as written
    after: str
    role: str


class RuleError(ValueError):
    """A rule that cannot be compiled; the message says why."""


def literal_regex(pattern: str) -> str:
    """The regex source for a literal term (already normalised), fillers allowed between
    characters of Chinese terms and runs of spaces or hyphens in English ones."""
    chars = list(pattern.strip())
    parts: list[str] = []
    for index, char in enumerate(chars):
        if char in " -_":
            if parts and parts[-1] != _WORD_GAP:
                parts.append(_WORD_GAP)
            continue
        if index and parts and parts[-1] != _WORD_GAP:
            previous = chars[index - 1]
            if not (previous.isascii() and char.isascii()):
                parts.append(_FILLER_GAP)
        parts.append(re.escape(char))
    source = "".join(parts)
    if chars and _is_word_char(chars[-1]):
        source += "(?![a-z0-9])"
    return source


def rule_regex(rule: RuleSpec) -> str:
    """The regex source of one rule, validated. Raises RuleError."""
    if rule.kind == "regex":
        source = rule.pattern.strip().translate(_TRAD_ONLY)
        wrapped = f"(?:{source}){_WORD_END}"
    else:
        text = normalise(rule.pattern).strip()
        if not text:
            raise RuleError("empty pattern")
        source = wrapped = literal_regex(text)
    if rule.kind == "regex" and (
        "(?P" in source or re.search(r"\\[1-9]", source) or re.search(r"\(\?[aiLmsux]+\)", source)
    ):
        raise RuleError("named groups, back-references and inline flags are not allowed")
    try:
        # Compiled as it will be combined, so anything that only fails there fails here.
        compiled = re.compile(f"(?P<r0>{wrapped})")
    except re.error as error:
        raise RuleError(str(error)) from error
    if compiled.match(""):
        raise RuleError("the pattern matches empty text")
    return wrapped


# Regex sources keep their escapes and classes: only traditional characters are mapped.
_TRAD_ONLY = {ord(t): s for t, s in zip(TRADITIONAL, SIMPLIFIED, strict=True)}


def _min_width(source: str) -> int:
    try:
        return int(_parser.parse(source).getwidth()[0])
    except Exception:
        return 1


# The first characters a regex can match, read from the parse tree of Python's own
# regex module (private, but stable across 3.11–3.13; anything unknown gives None, and a
# rule whose first characters are unknown is scanned on its own, only slower).
_MAX_RANGE = 256


def _first_of_sequence(items: list) -> tuple[set[str], bool] | None:
    chars: set[str] = set()
    for op, av in items:
        found = _first_of_op(op, av)
        if found is None:
            return None
        first, nullable = found
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_op(op: Any, av: Any) -> tuple[set[str], bool] | None:
    name = str(op)
    if name == "LITERAL":
        return {chr(av)}, False
    if name == "IN":
        chars: set[str] = set()
        for item_op, value in av:
            if str(item_op) == "LITERAL":
                chars.add(chr(value))
            elif str(item_op) == "RANGE" and value[1] - value[0] < _MAX_RANGE:
                chars.update(chr(code) for code in range(value[0], value[1] + 1))
            else:
                return None
        return chars, False
    if name == "BRANCH":
        chars, nullable = set(), False
        for alternative in av[1]:
            found = _first_of_sequence(list(alternative))
            if found is None:
                return None
            chars |= found[0]
            nullable = nullable or found[1]
        return chars, nullable
    if name == "SUBPATTERN":
        return _first_of_sequence(list(av[3]))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        found = _first_of_sequence(list(av[2]))
        if found is None:
            return None
        return found[0], found[1] or av[0] == 0
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), True
    return None


def first_chars(source: str) -> set[str] | None:
    """Every character a match of ``source`` can start with, or None if unknown."""
    try:
        found = _first_of_sequence(list(_parser.parse(source)))
    except Exception:
        return None
    if found is None or found[1] or not found[0]:
        return None
    return found[0]


class _Scanner:
    """Finds the hits of many rules in one pass.

    Python's regex engine only skips ahead quickly when every alternative of a pattern
    starts with a plain character, which a combined pattern of hundreds of rules never
    does. So the rules are put in buckets by the characters they can start with: one
    small regex finds the places where some rule may start (a Latin letter only at the
    start of a word), and there the bucket for that character, longest rule first, is
    tried with ``match``. Rules whose first characters are unknown are scanned alone.
    Hits do not overlap: the leftmost wins, then the longest (as one combined regex would).
    """

    def __init__(self, rules: Iterable[RuleSpec]) -> None:
        entries: dict[str, list[tuple[int, RuleSpec, str]]] = {}
        self.general: list[tuple[RuleSpec, re.Pattern[str]]] = []
        self.rules: dict[str, RuleSpec] = {}
        for rule in rules:
            try:
                source = rule_regex(rule)
            except RuleError:
                continue  # refused on save; an old row that fails is skipped, not fatal
            self.rules[f"r{rule.id}"] = rule
            starts = first_chars(source)
            if starts is None:
                self.general.append((rule, re.compile(source)))
                continue
            for char in starts:
                entries.setdefault(char, []).append((_min_width(source), rule, source))
        self.buckets: dict[str, re.Pattern[str]] = {}
        for char, group in entries.items():
            group.sort(key=lambda entry: (-entry[0], entry[1].kind != "regex", entry[1].id))
            self.buckets[char] = re.compile(
                "|".join(f"(?P<r{rule.id}>{source})" for _, rule, source in group)
            )
        # Two searches that the regex engine runs fast (each starts with a character set):
        # characters that may start a rule, and words (a Latin rule starts only a word).
        others = "".join(sorted(c for c in self.buckets if not _is_word_char(c)))
        self.starts = re.compile(f"[{re.escape(others)}]") if others else None
        self.word_starts = frozenset(c for c in self.buckets if _is_word_char(c))

    def spans(self, normalised: str) -> list[tuple[RuleSpec, int, int]]:
        found: list[tuple[RuleSpec, int, int]] = []
        positions: list[Iterable[int]] = []
        if self.starts is not None:
            positions.append(match.start() for match in self.starts.finditer(normalised))
        if self.word_starts:
            starts = self.word_starts
            positions.append(
                match.start()
                for match in _WORD.finditer(normalised)
                if normalised[match.start()] in starts
            )
        if positions:
            buckets, rules = self.buckets, self.rules
            covered = 0
            for position in heapq.merge(*positions):
                if position < covered:
                    continue
                match = buckets[normalised[position]].match(normalised, position)
                if match is None or match.end() == position:
                    continue
                found.append((rules[match.lastgroup or ""], position, match.end()))
                covered = match.end()
        for rule, regex in self.general:
            for match in regex.finditer(normalised):
                start, end = match.span()
                if start == end:
                    continue
                at_word_start = not (
                    start
                    and _is_word_char(normalised[start])
                    and _is_word_char(normalised[start - 1])
                )
                if at_word_start:
                    found.append((rule, start, end))
        if self.general:
            found.sort(key=lambda item: (item[1], -item[2]))
        return found


class CompiledRules:
    """The active rules of one rule-set version, compiled for script text and for titles."""

    def __init__(self, rules: Iterable[RuleSpec]) -> None:
        rules = list(rules)
        self.rules = {rule.id: rule for rule in rules}
        body = [r for r in rules if r.applies_to in ("body", "both")]
        title = [r for r in rules if r.applies_to in ("title", "both")]
        self._body = _Scanner(r for r in body if not r.is_exception)
        self._body_exceptions = _Scanner(r for r in body if r.is_exception)
        self._title = _Scanner(r for r in title if not r.is_exception)
        self._title_exceptions = _Scanner(r for r in title if r.is_exception)

    def scan(
        self,
        text: str,
        *,
        roles: Mapping[int, str] | None = None,
        skip_lines: Iterable[int] = (),
    ) -> list[Hit]:
        """Hits in a script text, in reading order.

        Args:
            text: the script as written.
            roles: the kind of each line (VIEWER, DIALOGUE, ACTION, OTHER); lines not
                listed are OTHER. Rules scoped to the viewer count on VIEWER lines only.
            skip_lines: episode headings, whose titles the title linter checks: there only
                the rules for script text alone count here.
        """
        text = text.lstrip("\ufeff")
        normalised = normalise(text)
        starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        roles = roles or {}
        skipped = set(skip_lines)
        found = _resolve(
            self._body.spans(normalised), self._body_exceptions.spans(normalised), normalised
        )
        hits = []
        for rule, start, end in found:
            line_index = bisect.bisect_right(starts, start) - 1
            line_number = line_index + 1
            if line_number in skipped and rule.applies_to != "body":
                continue  # an episode title: the title linter reports it
            role = roles.get(line_number, OTHER)
            if rule.scope == "viewer" and role != VIEWER:
                continue
            hits.append(_hit(text, starts, line_index, rule, start, end, role))
        return hits

    def scan_title(self, title: str) -> list[Hit]:
        """Hits in one title (a series or episode title); line and column are within it."""
        title = " ".join(title.split())
        normalised = normalise(title)
        found = _resolve(
            self._title.spans(normalised), self._title_exceptions.spans(normalised), normalised
        )
        return [_hit(title, [0], 0, rule, start, end, TITLE) for rule, start, end in found]


_NEWLINE = re.compile(r"\r\n|\r|\n")
_WORD = re.compile("[a-z0-9]+")


def _resolve(
    spans: Iterable[tuple[RuleSpec, int, int]],
    exceptions: Iterable[tuple[RuleSpec, int, int]],
    normalised: str,
) -> list[tuple[RuleSpec, int, int]]:
    """Drop hits inside a line break and hits that overlap an exception of their category."""
    fine: dict[str, list[tuple[int, int]]] = {}
    for rule, start, end in exceptions:
        fine.setdefault(rule.category, []).append((start, end))
    kept = []
    for rule, start, end in spans:
        if "\n" in normalised[start:end] or "\r" in normalised[start:end]:
            continue
        if any(s < end and start < e for s, e in fine.get(rule.category, ())):
            continue
        kept.append((rule, start, end))
    return kept


def _hit(
    text: str, starts: list[int], line_index: int, rule: RuleSpec, start: int, end: int, role: str
) -> Hit:
    line_start = starts[line_index]
    line_end = starts[line_index + 1] if line_index + 1 < len(starts) else len(text)
    line = text[line_start:line_end].rstrip("\r\n")
    column = start - line_start
    before = line[:column].lstrip()
    after = line[column + (end - start) :].rstrip()
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    return Hit(
        rule_id=rule.id,
        line=line_index + 1,
        column=column + 1,
        length=end - start,
        text=text[start:end],
        before=before,
        after=after,
        role=role,
    )


def rule_matches(rule: RuleSpec, text: str) -> list[Hit]:
    """Where one rule alone finds ``text`` (every line counted as addressed to the viewer,
    exceptions ignored): the admin's preview and the check that a rule finds its example."""
    single = RuleSpec(
        id=rule.id or 0,
        pattern=rule.pattern,
        kind=rule.kind,
        language=rule.language,
        category=rule.category,
        severity=rule.severity,
        applies_to="both",
        scope="all",
    )
    compiled = CompiledRules([single])
    return compiled.scan(text)
