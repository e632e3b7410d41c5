"""The one query-count helper: a list's query count is pinned and does not grow with its rows."""

import inspect
import json
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def capture_queries():
    with CaptureQueriesContext(connection) as context:
        yield context


def _sql_listing(context: CaptureQueriesContext) -> str:
    return "\n".join(f"  {i + 1}. {q['sql']}" for i, q in enumerate(context.captured_queries))


def _default_rows(response: Any) -> int:
    """How much a response shows: a JSON list's items (all pages), else the page's size."""
    if response.get("Content-Type", "").startswith("application/json"):
        data = response.json()
        if isinstance(data, dict) and "count" in data:
            return data["count"]
        if isinstance(data, list):
            return len(data)
    return len(response.content)


def _record(expected: int | None, measured: int) -> None:
    # QUERY_COUNTS_RECORD=path writes the measured counts instead of checking them, to pin
    # new tests: `QUERY_COUNTS_RECORD=/tmp/q.json python3 dev.py test tests/…`.
    path = os.environ.get("QUERY_COUNTS_RECORD")
    if not path:
        return
    caller = next(f for f in inspect.stack() if not f.filename.endswith("queries.py"))
    key = f"{Path(caller.filename).relative_to(Path.cwd())}:{caller.lineno}:{connection.vendor}"
    data = json.loads(Path(path).read_text()) if Path(path).exists() else {}
    data.setdefault(key, []).append({"expected": expected, "measured": measured})
    Path(path).write_text(json.dumps(data, indent=1, sort_keys=True))


def assert_constant_queries(
    make_rows: Callable[[int], object],
    request: Callable[[], Any],
    *,
    expected: int,
    rows: Callable[[Any], int] = _default_rows,
    bounded: bool = False,
    n: int = 3,
) -> int:
    """Measure `request` with n rows, then with 2n rows: the same, pinned number of queries.

    `make_rows(k)` adds k more rows that the list shows. Both answers must be 200, the
    second must show more (`rows(response)`: the JSON list's `count`, or the page's size),
    and both must make exactly `expected` queries. `bounded=True` is for a page that shows a
    fixed extract (the five latest notifications on the desk): the data grows, the page
    does not, and the count must not either. On failure the SQL is printed: a new
    query needs a reason in the commit message, and a new pin.

    Returns:
        The number of queries.
    """
    make_rows(n)
    request()  # warm caches (content types, sessions) so both measurements compare like with like
    with capture_queries() as small:
        first = request()
    make_rows(n)
    with capture_queries() as large:
        second = request()
    for response in (first, second):
        assert response.status_code == 200, (
            f"Measured a {response.status_code} answer, not the list: {response.content[:300]!r}"
        )
    shown_small, shown_large = rows(first), rows(second)
    assert bounded or shown_large > shown_small, (
        f"The rows did not grow ({shown_small} → {shown_large}): make_rows must add rows this "
        "list shows, or the measurement proves nothing."
    )
    assert len(small) == len(large), (
        f"Query count grows with rows: {len(small)} queries for {n} rows, "
        f"{len(large)} for {2 * n}.\n--- {n} rows:\n{_sql_listing(small)}\n"
        f"--- {2 * n} rows:\n{_sql_listing(large)}"
    )
    if os.environ.get("QUERY_COUNTS_RECORD"):
        _record(expected, len(large))
        return len(large)
    assert len(large) == expected, (
        f"{len(large)} queries, pinned at {expected}. If the change is right, pin the new "
        f"count and say why in the commit.\n{_sql_listing(large)}"
    )
    return len(large)
