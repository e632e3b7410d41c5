"""Export jobs move through core.workflows: queued → running → done or failed, audited."""

import pytest

from core.exceptions import Conflict
from core.models import AuditEntry
from core.workflows import workflow_move
from scripts_app.models import ExportJob, ExportStatus
from scripts_app.services.transfer import export_run
from scripts_app.workflows import EXPORT_FLOW
from tests.support.factories import make_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def job():
    series = make_series()
    return ExportJob.objects.create(
        series=series, revision=series.head, requested_by=series.owner, format="fountain"
    )


def test_a_job_runs_once_and_each_move_is_audited(job):
    export_run(job_id=job.pk)
    export_run(job_id=job.pk)  # delivered twice: the finished job is left alone

    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.file
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count("series.export_started") == 1
    assert actions.count("series.export_finished") == 1


@pytest.mark.parametrize("state", [ExportStatus.QUEUED, ExportStatus.DONE, ExportStatus.FAILED])
def test_only_a_running_job_finishes_or_fails(job, state):
    ExportJob.objects.filter(pk=job.pk).update(status=state)
    for move in ("finish", "fail"):
        with pytest.raises(Conflict):
            workflow_move(EXPORT_FLOW, job, move, actor=None)


def test_people_cannot_move_export_jobs(job):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workflow_move(EXPORT_FLOW, job, "start", actor=job.requested_by)


def test_a_failed_render_ends_as_failed_with_its_reason(job, monkeypatch):
    from scripts_app.services import transfer

    def broken(_job):
        raise RuntimeError("font missing")

    monkeypatch.setattr(transfer, "_render_export", broken)
    with pytest.raises(RuntimeError):
        export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "font missing" in job.error
    assert AuditEntry.objects.get(action="series.export_finished").data["to"] == "failed"
