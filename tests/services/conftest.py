"""Real processes for the services tier: a Celery worker and a gunicorn server.

They run against the same PostgreSQL test database as the test, so the tests
using them are transactional (rows must be committed to be seen).
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _require_services() -> None:
    if not os.environ.get("CELERY_BROKER_URL") or connection.vendor != "postgresql":
        pytest.skip(
            "SERVICES TIER NOT RUN: set DATABASE_URL=postgres://... and CELERY_BROKER_URL=redis://... "
            "(see README, 'Test tiers')"
        )


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _process_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def _wait_for(predicate, *, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(
        f"Timed out waiting for {what}. Log:\n{log.read_text(errors='replace')[-4000:]}"
    )


@contextlib.contextmanager
def spawn_celery_worker(log: Path, *, env: dict[str, str] | None = None, args: tuple = ()):
    """Start a real `celery worker` (extra `env` and command-line `args`); stop it after."""
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--purge", "-l", "info",
             *args],
            cwd=ROOT, env=_process_env(**(env or {})), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_for(
            lambda: "ready." in log.read_text(), timeout=60, what="the Celery worker", log=log
        )
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextlib.contextmanager
def spawn_app_server(log: Path, *, env: dict[str, str] | None = None):
    """Start a real gunicorn process serving the site; yield its base URL."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            # Two worker processes with threads: concurrent requests really run at once.
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--threads", "4", "--access-logfile", "-"],
            cwd=ROOT, env=_process_env(ALLOWED_HOSTS="127.0.0.1", **(env or {})),
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def is_up() -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    try:
        _wait_for(is_up, timeout=60, what="the gunicorn server", log=log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A real `celery worker` process consuming from the configured broker."""
    _require_services()
    log = tmp_path / "worker.log"
    with spawn_celery_worker(log):
        yield log


@pytest.fixture
def live_app_server(transactional_db, tmp_path):
    """A real gunicorn process serving the site; yields its base URL."""
    _require_services()
    with spawn_app_server(tmp_path / "server.log") as url:
        yield url
