"""Settings come only from the environment, and a production-like set passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_LIKE = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 64 + "-a-real-looking-secret-key-for-the-check",
    "ALLOWED_HOSTS": "microdrama.example.com",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "DJANGO_SETTINGS_MODULE": "config.settings.base",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only PATH-like basics: the test run's own settings variables must not leak in.
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_like_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_LIKE)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_LIKE}
    env.pop("SECRET_KEY")

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


_PRINT_CONNECTION_SETTINGS = (
    "from django.conf import settings; db = settings.DATABASES['default']; "
    "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
)


def test_production_keeps_database_connections_for_a_minute_and_checks_them():
    result = _manage("shell", "--no-imports", "-c", _PRINT_CONNECTION_SETTINGS, env=PRODUCTION_LIKE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True"]


def test_connection_settings_come_from_the_environment():
    env = {**PRODUCTION_LIKE, "CONN_MAX_AGE": "0", "CONN_HEALTH_CHECKS": "false"}

    result = _manage("shell", "--no-imports", "-c", _PRINT_CONNECTION_SETTINGS, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False"]


def test_development_and_test_settings_open_one_connection_per_request():
    for module in ("config.settings.local", "config.settings.test"):
        env = {**PRODUCTION_LIKE, "DJANGO_SETTINGS_MODULE": module}

        result = _manage("shell", "--no-imports", "-c", _PRINT_CONNECTION_SETTINGS, env=env)

        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["0", "True"], module
