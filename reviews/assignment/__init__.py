"""Reviewer assignment and mentor matching, as plain data in and plain data out.

No Django here: the services in ``reviews/services/requests.py`` load requests, reviewers
and loads, call :func:`assign` (or :func:`assign_one`) or :func:`rank_mentors`, and save
what comes back. That keeps the rules in one place, testable without a database and fast
enough to run a whole cohort at once (docs/review-scoring.md, "Assignment").

The rules a reviewer must pass for a request (:func:`is_eligible`):

* not the writer, not a co-writer (``excluded_ids``);
* no declared conflict of interest with the writer;
* not already on the request, and not someone who declined it or let it expire;
* when the request is blind, no organisation in common with the writer (colleagues
  recognise each other's work, so blindness would be a fiction).

Load is balanced under a fair-share cap, and every choice is deterministic for the same
input (:func:`assign` explains both, and what it costs).

Modules: ``records`` (the records and the rules), ``tiebreak`` (the order among equally
loaded reviewers, which a database can compute too), ``peers`` (:func:`assign`,
:func:`assign_one`), ``state`` (the working state behind :func:`assign`), ``mentors``
(:func:`rank_mentors`).
"""

from .mentors import Mentor, rank_mentors
from .peers import assign, assign_one
from .records import AssignmentResult, Request, Reviewer, is_eligible
from .tiebreak import TIEBREAK_MODULUS, rank_key, tiebreak, tiebreak_coefficients

__all__ = [
    "TIEBREAK_MODULUS",
    "AssignmentResult",
    "Mentor",
    "Request",
    "Reviewer",
    "assign",
    "assign_one",
    "is_eligible",
    "rank_key",
    "rank_mentors",
    "tiebreak",
    "tiebreak_coefficients",
]
