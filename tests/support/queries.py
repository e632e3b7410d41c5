"""The one query-count helper: a page's query count must not grow with its rows."""

from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def capture_queries():
    with CaptureQueriesContext(connection) as context:
        yield context


def _sql_listing(context: CaptureQueriesContext) -> str:
    return "\n".join(f"  {i + 1}. {q['sql']}" for i, q in enumerate(context.captured_queries))


def assert_constant_queries(
    make_rows: Callable[[int], object], request: Callable[[], object], *, n: int = 3
) -> int:
    """Measure `request` with n rows, then with 2n rows; the counts must be equal.

    `make_rows(k)` adds k more rows. On failure both SQL listings are printed: each new
    query needs a reason in the commit message.

    Returns:
        The (equal) number of queries, so a test can also pin it.
    """
    make_rows(n)
    request()  # warm caches (content types, sessions) so both measurements compare like with like
    with capture_queries() as small:
        request()
    make_rows(n)
    with capture_queries() as large:
        request()
    assert len(small) == len(large), (
        f"Query count grows with rows: {len(small)} queries for {n} rows, "
        f"{len(large)} for {2 * n}.\n--- {n} rows:\n{_sql_listing(small)}\n"
        f"--- {2 * n} rows:\n{_sql_listing(large)}"
    )
    return len(large)
