"""In CI (CI_STRICT=1) a skipped test fails the run: a tier that cannot run must say so."""

import os

import pytest

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI_STRICT") == "1" and _skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    if os.environ.get("CI_STRICT") == "1" and _skipped:
        terminalreporter.write_line(
            f"CI_STRICT: {len(_skipped)} test(s) skipped; a skip in CI is a failure:", red=True
        )
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}", red=True)
