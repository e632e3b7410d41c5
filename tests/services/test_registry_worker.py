"""The registry's background work on the real stack: a Celery worker over Redis, the LSH
buckets in Redis, PostgreSQL's append-only triggers."""

import random
import time

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from config.celery import app as celery_app
from registry.models import Fingerprint, OriginalityReport, RegistryEntry, ReportStatus
from registry.originality import synthetic
from registry.originality.index import RedisIndex
from registry.selectors import chain_verify, originality_report_view
from registry.services.originality import (
    originality_index,
    originality_index_reset,
    originality_report_request,
)
from registry.services.registration import registration_request
from tests.support.factories import make_series

pytestmark = pytest.mark.services


@pytest.fixture
def real_queue():
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    originality_index_reset()
    yield
    originality_index_reset()
    celery_app.conf.task_always_eager = eager


def _wait(predicate, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError(f"{what}: not within {timeout} s")


def test_a_registration_is_fingerprinted_by_the_worker_and_a_copy_found_through_redis(
    celery_worker, real_queue
):
    assert settings.ORIGINALITY_LSH_REDIS_URL, "the services tier keeps the buckets in Redis"
    rng = random.Random(7)
    source = synthetic.make_script(rng)
    original = make_series(text=source, title="原作")
    with transaction.atomic():
        registration_request(
            actor=original.owner, series=original, revision=original.head, authors=[]
        )
    _wait(lambda: Fingerprint.objects.filter(revision=original.head).exists(), "fingerprint")
    assert isinstance(originality_index(), RedisIndex) and originality_index().size() >= 1

    copied, _spans = synthetic.plant(source, synthetic.make_script(rng), 0.2, rng)
    copy = make_series(text=copied, title="抄本")
    with transaction.atomic():
        report = originality_report_request(actor=copy.owner, revision=copy.head)
    report = _wait(
        lambda: OriginalityReport.objects.filter(
            pk=report.pk, status__in=[ReportStatus.DONE, ReportStatus.FAILED]
        ).first(),
        "the report",
    )

    assert report.status == ReportStatus.DONE, report.error
    matches = originality_report_view(report, copy.owner)
    entry = RegistryEntry.objects.get(series=original)
    assert [m.entry_number for m in matches] == [entry.number]
    assert matches[0].passages and not matches[0].readable
    assert "run_originality_report" in celery_worker.read_text()


def test_postgresql_refuses_to_change_an_entry_and_the_chain_holds(transactional_db):
    series = make_series()
    entry = registration_request(
        actor=series.owner, series=series, revision=series.head, authors=[]
    ).entry
    for statement in (
        "UPDATE registry_registryentry SET title = 'x'",
        "DELETE FROM registry_registryentry",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert RegistryEntry.objects.get(pk=entry.pk).title == series.title
    assert chain_verify() is None
