"""Text helpers for discovery search: the query's terms, the SQLite token text, and
highlighting. The database side is in scouting/selectors.py; docs/scouting.md has the
design on each database.

A query is split into terms: runs of Chinese characters ("非遗", "外卖小哥") and words of
letters or digits ("heritage"). Every term must match.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# CJK unified ideographs (with extension A and the compatibility block).
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TERM = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
_CJK_RUN = re.compile(rf"[{CJK}]+")
MAX_TERMS = 8
MAX_TERM_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # lower-cased
    cjk: bool


def query_terms(query: str) -> list[Term]:
    """The terms of a query, lower-cased, each once, at most MAX_TERMS."""
    terms: list[Term] = []
    for match in _TERM.finditer(query.lower()):
        text = match.group()[:MAX_TERM_LENGTH]
        term = Term(text=text, cjk=bool(_CJK_RUN.fullmatch(text)))
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a Chinese run ("非遗传承" → 非遗 遗传 传承); a single
    character stays itself."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def trigrams(run: str) -> list[str]:
    """Overlapping character triples of a Chinese run of three or more characters
    ("非遗传承" → 非遗传 遗传承); none for a shorter run."""
    return [run[i : i + 3] for i in range(len(run) - 2)]


def cjk_tokens(term: str) -> list[str]:
    """The tokens a Chinese term of two or more characters is looked up by, every one of
    which a matching listing carries: its one bigram, or its trigrams. A three-character
    term is one token, found exactly by the index; a longer one matches where each of its
    triples occurs (practically always the whole term: checking the order as well meant
    reading every candidate's text, a quarter of a second for a common term at 100,000
    listings)."""
    return bigrams(term) if len(term) == 2 else trigrams(term)


def term_token(term_id: int) -> str:
    """The token that stands for a theme, genre or audience in a listing's token text:
    letters and digits only, so that no tokenizer splits it, and a prefix no word of a
    script starts with."""
    return f"qzterm{term_id}"


def search_tokens(text: str, term_ids: Iterable[int] = ()) -> str:
    """The text as the token indexes read it (SQLite's FTS5, PostgreSQL's bigram vector):
    words lower-cased, Chinese runs as their bigrams and trigrams (FTS5's unicode61
    tokenizer would take a whole run for one token), then one token per term the listing
    shows, so that the same index lookup answers a theme or genre filter and the words
    together."""
    out: list[str] = []
    for match in _TERM.finditer(text.lower()):
        token = match.group()
        if _CJK_RUN.fullmatch(token):
            out.extend(bigrams(token))
            out.extend(trigrams(token))
        else:
            out.append(token)
    out.extend(term_token(term_id) for term_id in sorted(term_ids))
    return " ".join(out)


def fts5_query(terms: list[Term]) -> str:
    """An FTS5 MATCH expression for the terms it can answer: a Chinese term of two or more
    characters by its tokens (cjk_tokens), a word as a prefix. Terms are letters, digits
    and ideographs only (query_terms), so nothing needs quoting inside the quotes."""
    parts: list[str] = []
    for term in terms:
        if term.cjk and len(term.text) >= 2:
            parts.extend(f'"{token}"' for token in cjk_tokens(term.text))
        elif not term.cjk:
            parts.append(f'"{term.text}"*')
    return " AND ".join(parts)


def _pattern(terms: list[Term]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = sorted(
        (re.escape(t.text) if t.cjk else rf"\b{re.escape(t.text)}\w*" for t in terms),
        key=len,
        reverse=True,
    )
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, terms: list[Term]) -> SafeString:
    """The text escaped, with each match of a term wrapped in <mark>. Matches are found in
    the raw text and every piece escaped on its own, so a term never matches inside an
    entity the escaping made ("amp" in "&amp;")."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(str(escape(text)))  # noqa: S308 - escaped here
    pieces, last = [], 0
    for found in pattern.finditer(text):
        pieces.append(str(escape(text[last : found.start()])))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    pieces.append(str(escape(text[last:])))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def excerpt(text: str, terms: list[Term], *, width: int = 160) -> SafeString:
    """About `width` characters of the text around its first match (its start when none
    matches), escaped and highlighted."""
    pattern = _pattern(terms)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - width // 3) if found else 0
    piece = text[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(f"{prefix}{highlight(piece, terms)}{suffix}")  # noqa: S308
