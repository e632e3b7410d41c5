"""The one query-count helper: a list's query count is pinned and does not grow with its rows.

A test that measures declares the URL names it measures, `@pytest.mark.measures("reviews:inbox")`
(or on a `pytest.param`): the helper records the URL name of every answer it measures, and the
test fails if it measured a name it did not declare or declared one it never measured. So the
declarations are true, and tests/test_list_views_measured.py can read them without running the
tests, to find list views that nobody measures. This module is a pytest plugin
(tests/conftest.py) for that check.
"""

import importlib
import inspect
import json
import os
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Measurements live in modules of this name, where declared_measurements() finds them.
MEASUREMENT_MODULE = "test_query_counts.py"

# The URL names the running test has measured (reset before each test).
_measured: list[str] = []


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


def _url_name(response: Any) -> str:
    match = getattr(response, "resolver_match", None)
    assert match is not None and match.view_name, (
        "Measure through the test client, on a named URL: the URL name is how the list-view "
        "check knows what was measured."
    )
    return match.view_name


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
    names = {_url_name(first), _url_name(second)}
    assert len(names) == 1, f"The two measurements answered from different views: {names}"
    _measured.extend(names)
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


# --- Declarations: which URL names each measuring test covers ---------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "measures(*url_names): the list views this query-count test measures "
        "(tests/support/queries.py, tests/test_list_views_measured.py)",
    )


def declaration_problems(
    *, declared: Collection[str], measured: Collection[str], module: str
) -> list[str]:
    """Why a test's `measures` marker does not match what it measured (empty when it does)."""
    problems = [
        f"measured {name} without declaring it: mark the test @pytest.mark.measures({name!r})"
        for name in sorted(set(measured) - set(declared))
    ]
    problems += [
        f"declares {name} but never measured it with assert_constant_queries"
        for name in sorted(set(declared) - set(measured))
    ]
    if measured and module != MEASUREMENT_MODULE:
        problems.append(
            f"measures in {module}: measurements live in a {MEASUREMENT_MODULE} module, "
            "where the list-view check finds them"
        )
    return problems


def _declared(marks: Iterable[Any]) -> Iterator[str]:
    for mark in marks:
        if mark.name == "measures":
            yield from mark.args


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    _measured.clear()
    result = yield  # a failing test raises here and is reported as it is
    problems = declaration_problems(
        declared=set(_declared(item.iter_markers("measures"))),
        measured=set(_measured),
        module=item.path.name,
    )
    if problems:
        raise AssertionError(f"{item.nodeid}: " + "; ".join(problems))
    return result


def _marks_of(test: Any) -> Iterator[Any]:
    for mark in getattr(test, "pytestmark", []):
        yield mark
        if mark.name == "parametrize":
            values = mark.args[1] if len(mark.args) > 1 else mark.kwargs.get("argvalues", [])
            for value in values:
                yield from getattr(value, "marks", ())  # pytest.param(..., marks=...)


def declared_measurements(root: Path | None = None) -> dict[str, list[str]]:
    """URL name -> the tests that declare measuring it, read from every test_query_counts.py
    under ``root`` (tests/) without running them: test functions and the methods of test
    classes, their `measures` marks and those of their `pytest.param`s."""
    root = root or Path(__file__).resolve().parents[1]
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob(MEASUREMENT_MODULE)):
        dotted = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        module = importlib.import_module(dotted)
        for name, test in vars(module).items():
            if name.startswith("test") and callable(test):
                tests = [(name, test, [])]
            elif name.startswith("Test") and isinstance(test, type):
                tests = [
                    (f"{name}::{method}", function, list(getattr(test, "pytestmark", [])))
                    for method, function in vars(test).items()
                    if method.startswith("test") and callable(function)
                ]
            else:
                continue
            for where, function, inherited in tests:
                for url_name in _declared([*inherited, *_marks_of(function)]):
                    found[url_name].append(f"{dotted}::{where}")
    return dict(found)
