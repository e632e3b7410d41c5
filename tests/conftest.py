"""Fixtures shared by every test tier."""

import os

import pytest
from rest_framework.test import APIClient

from tests.support.factories import UserFactory
from tests.support.openapi import SchemaValidatingClient

pytest_plugins = ["tests.support.strict", "tests.support.queries"]


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate limits and throttles live in the cache: start every test clean (and with no
    # screenplay remembered by the process in front of it).
    from django.core.cache import cache

    from scripts_app.screenplay import forget_recent

    cache.clear()
    forget_recent()
    yield
    cache.clear()
    forget_recent()


@pytest.fixture(autouse=True)
def _fresh_originality_index():
    # The index is process state built from the database, which each test rolls back
    # (and whose ids SQLite reuses): every test starts with an empty one.
    from registry.services.originality import originality_index_reset

    originality_index_reset()
    yield
    originality_index_reset()


@pytest.fixture(autouse=True)
def _site_language():
    # A request in another language leaves it active in this thread: every test starts
    # in the site's default language, as a fresh request does.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return UserFactory(staff=True)


@pytest.fixture
def api_client():
    """An API client whose every JSON response is checked against the OpenAPI schema."""
    return SchemaValidatingClient()


@pytest.fixture
def plain_api_client():
    return APIClient()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (task enqueues) as the real commit would."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner


def services_available() -> bool:
    return bool(os.environ.get("CELERY_BROKER_URL")) and os.environ.get(
        "DATABASE_URL", ""
    ).startswith("postgres")
