"""Test settings: the base settings with fast hashing and mail kept in memory.

Everything else (DATABASE_URL, CELERY_BROKER_URL, REDIS_URL) still comes from the
environment, so the services tier runs this same file against PostgreSQL and Redis.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-key")
# One connection per request (production keeps them: CONN_MAX_AGE in base.py).
os.environ.setdefault("CONN_MAX_AGE", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# The browser tier talks plain HTTP to a local server.
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")

# Parallel test processes (pytest-xdist: gw0, gw1, ...) each get a Redis database of their
# own, the first one's number plus the worker's: every test clears the cache, and one
# process's clear must not empty another's in the middle of a test.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    if _db.isdigit():
        os.environ["REDIS_URL"] = f"{_base}/{int(_db) + int(_worker[2:])}"

from .base import *  # noqa: F403, E402 - after the environment is set above
from .base import BASE_DIR, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("TEST_EMAIL_FILE_PATH"):
    # The services tier's worker processes write mail where the test can count it.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_FILE_PATH"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
MEDIA_ROOT = BASE_DIR / ".test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
LANGUAGE_CODE = "zh-hans"
# Serve static files from the app folders, as runserver does; no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
