"""The order among equally loaded reviewers: deterministic, seeded, and plain integer
arithmetic, so a database can order by it too."""

from __future__ import annotations

_MASK = (1 << 64) - 1

# tiebreak() works modulo this prime (2**31 - 1): every intermediate product stays below
# 2**63, so PostgreSQL and SQLite compute it in plain 64-bit integers, exactly.
TIEBREAK_MODULUS = 2_147_483_647


def _splitmix64(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def tiebreak_coefficients(seed: int) -> tuple[int, int, int, int, int, int]:
    """``(a, b, c, d, e, f)`` of :func:`tiebreak` for one seed: splitmix64 of the seed
    drawn six times, ``a`` and ``b`` in ``[1, p)``, the others in ``[0, p)`` for
    ``p`` = :data:`TIEBREAK_MODULUS`."""
    p = TIEBREAK_MODULUS
    x = _splitmix64(seed & _MASK)
    draws = []
    for _ in range(6):
        x = _splitmix64(x)
        draws.append(x % p)
    a, b, c, d, e, f = draws
    return 1 + a % (p - 1), 1 + b % (p - 1), c, d, e, f


def tiebreak(seed: int, reviewer_id: int, load: int) -> int:
    """The deterministic pseudo-random rank of a reviewer among equally loaded ones.

    ``((a·r + (c + e·L) mod p) mod p) · ((b·r + (d + f·L) mod p) mod p) mod p`` with
    ``r`` = reviewer id mod p, ``L`` = load and the coefficients of
    :func:`tiebreak_coefficients`: a quadratic shuffle of the ids for each seed, shifted
    afresh at each load level, so being first among equals at one load says nothing of
    the next. Plain integer arithmetic that stays below 2**63 (for loads below 2**32),
    so a database can order by it, load included, and for positive ids get exactly this
    value: the peer service ranks writers in SQL and fetches only the best few
    (``reviews.selectors.peers_best``).
    """
    a, b, c, d, e, f = tiebreak_coefficients(seed)
    p = TIEBREAK_MODULUS
    r = reviewer_id % p
    return (a * r + (c + e * load) % p) % p * ((b * r + (d + f * load) % p) % p) % p


def rank_key(seed: int, reviewer_id: int, load: int) -> tuple[int, int, int]:
    """The order :func:`assign` takes reviewers in: least loaded, then :func:`tiebreak`,
    then id."""
    return load, tiebreak(seed, reviewer_id, load), reviewer_id
