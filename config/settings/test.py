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

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

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
