#!/usr/bin/env python3
"""The two commands of the README, with nothing to install first but Python 3.11.

    python3 dev.py run     # the site with demo data at http://127.0.0.1:8000
    python3 dev.py test    # the fast test tier (SQLite, tasks in-process)

Both create .venv and install the pinned requirements the first time (and again
whenever a requirements file changes). Extra arguments after `test` go to pytest; the
tests run in one process per core (`python3 dev.py test -n 0 tests/...` for one process).
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".requirements.sha256"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]


def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for path in REQUIREMENTS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit("Python 3.11 or newer is needed (python3 --version).")
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = _requirements_digest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        print("Installing Python packages (first run takes a minute) ...", flush=True)
        subprocess.run(
            [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", ROOT / "requirements-dev.txt"],
            check=True,
        )  # fmt: skip
        STAMP.write_text(digest)


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, ROOT / "manage.py", *args], check=True, env=env, cwd=ROOT)


def run_site() -> None:
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "true")}
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("seed_demo", env=env)
    print("\nThe site is at http://127.0.0.1:8000  (demo logins: see README.md)\n", flush=True)
    manage("runserver", "127.0.0.1:8000", env=env)


def run_tests(extra: list[str]) -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    marker = ["-m", "not services and not browser"] if "-m" not in extra else []
    # One process per core (pytest-xdist); `-n 0` after `test` runs in this process only.
    # --dist load (the default) keeps pytest-django's order in every process: transactional
    # tests, which empty the tables data migrations filled, after the others.
    parallel = ["-n", "auto"]
    return subprocess.run(
        [PYTHON, "-m", "pytest", *parallel, *marker, *extra], env=env, cwd=ROOT
    ).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command not in ("run", "test"):
        print(__doc__)
        return 0 if command == "help" else 2
    ensure_environment()
    if command == "run":
        try:
            run_site()
        except KeyboardInterrupt:
            return 0
        return 0
    return run_tests(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
