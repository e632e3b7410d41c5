"""Mentor matching: who to ask for a mentor review, best match first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mentor:
    """A mentor with their expertise, languages, open reviews and reputation (0–1)."""

    id: int
    themes: frozenset[str]
    languages: frozenset[str]
    load: int
    capacity: int
    reputation: float


def rank_mentors(
    *, themes: frozenset[str], language: str, mentors: list[Mentor], exclude: frozenset[int]
) -> list[Mentor]:
    """Mentors with free capacity, not excluded, best match first.

    Order: more expertise themes in common with the series; then language (the series'
    language exactly, then the same base language, e.g. ``zh-hant`` for ``zh-hans``,
    then none); then higher reputation; then lower load (spreads the work); then id, so
    the order is total and stable. Themes come first because a mentor's value is their
    knowledge of the genre; a mentor who cannot read the script is still ranked (lower),
    because a staff member may choose to ask them anyway.
    """
    wanted = language.casefold()

    def language_fit(mentor: Mentor) -> int:
        spoken = {lang.casefold() for lang in mentor.languages}
        if wanted in spoken:
            return 2
        return 1 if _base_language(wanted) in {_base_language(s) for s in spoken} else 0

    available = [m for m in mentors if m.load < m.capacity and m.id not in exclude]
    return sorted(
        available,
        key=lambda m: (-len(themes & m.themes), -language_fit(m), -m.reputation, m.load, m.id),
    )


def _base_language(tag: str) -> str:
    return tag.split("-", 1)[0]
