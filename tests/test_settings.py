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
