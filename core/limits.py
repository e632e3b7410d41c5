"""Bounds for every number the site accepts, so none reaches the database out of range.

A 20-digit id once answered 500 (OverflowError from SQLite, an out-of-range error from
PostgreSQL). API fields (`core.api.fields.BoundedIntegerField`), form fields
(`core.forms.BoundedIntegerField`) and query-string parsing (`parse_bounded_int`) all
start from these limits; a field may narrow them, never widen them.
"""

# The smallest integer column any model uses for ids and counters (PostgreSQL integer).
DB_INT_MAX = 2**31 - 1
# PositiveSmallIntegerField columns (points, percentages, episode bounds): PostgreSQL smallint.
DB_SMALLINT_MAX = 2**15 - 1
# Episode numbers are stored as PositiveSmallIntegerField; no series has more than this.
MAX_EPISODES = 300


def parse_bounded_int(raw: object, *, minimum: int = 1, maximum: int = DB_INT_MAX) -> int | None:
    """A query-string or path value as an int within bounds, or None for anything else."""
    text = str(raw or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None
