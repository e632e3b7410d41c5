"""The moves of an export job (performed by core.workflows.workflow_move)."""

from core.workflows import Move, Workflow, system_only
from scripts_app.models import ExportStatus

EXPORT_FLOW = Workflow(
    name="series.export",
    audit_target=lambda job: job.series,
    moves=[
        # A task delivered again after a worker died mid-run starts the job again.
        Move(
            "start",
            source=[ExportStatus.QUEUED, ExportStatus.RUNNING, ExportStatus.FAILED],
            target=ExportStatus.RUNNING,
            allowed=system_only,
            audit_action="series.export_started",
        ),
        Move(
            "finish",
            source=[ExportStatus.RUNNING],
            target=ExportStatus.DONE,
            allowed=system_only,
            audit_action="series.export_finished",
        ),
        Move(
            "fail",
            source=[ExportStatus.RUNNING],
            target=ExportStatus.FAILED,
            allowed=system_only,
            audit_action="series.export_finished",
        ),
    ],
)
